"""The load balancer's health endpoint, request ids in logs and headers, optional error reporting."""

import gzip
import json
import logging
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from sqlalchemy import text

from consult import create_app
from consult.db import db
from consult.production import LOG_FORMAT


def test_health_answers_ok_when_the_database_is_current(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["migrations"] == "current"
    assert response.json["revision"] == response.json["head"]


def test_health_answers_503_when_migrations_are_not_current(client):
    db.session.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    db.session.commit()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["migrations"] == "not current" and response.json["revision"] == ["older"]


def test_health_answers_503_when_the_database_is_unreachable(app):
    from consult import create_app

    settings = {k: v for k, v in app.config.items() if k.isupper()}
    settings["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    response = create_app(type("Unreachable", (), settings)).test_client().get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "unreachable"


def _copy_with_logging_route(app):
    copy = create_app(type("SameConfig", (), {k: v for k, v in app.config.items() if k.isupper()}))

    @copy.route("/log-for-test")
    def log_for_test():
        logging.getLogger("consult.test").warning("inside the request")
        return ""

    return copy


def test_a_sane_incoming_request_id_is_kept_in_the_header_and_the_logs(app, caplog):
    logging_app = _copy_with_logging_route(app)
    with caplog.at_level(logging.INFO):
        response = logging_app.test_client().get("/log-for-test", headers={"X-Request-ID": "lb-7f3a.42"})
        logging.getLogger("consult.test").info("outside any request")
    assert response.headers["X-Request-ID"] == "lb-7f3a.42"
    assert [r.request_id for r in caplog.records if r.name == "consult.test"] == ["lb-7f3a.42", "-"]


def test_an_insane_request_id_is_replaced_by_a_generated_one(client):
    response = client.get("/", headers={"X-Request-ID": "<script> " + "y" * 200})
    generated = response.headers["X-Request-ID"]
    assert len(generated) == 32 and generated.isalnum()
    assert client.get("/").headers["X-Request-ID"] != generated


def test_every_log_line_of_a_request_carries_its_id(app):
    lines = []
    handler = logging.Handler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.emit = lambda record: lines.append(handler.format(record))
    logging_app = _copy_with_logging_route(app)
    logging.getLogger().addHandler(handler)
    try:
        logging_app.test_client().get("/log-for-test", headers={"X-Request-ID": "req-123"})
    finally:
        logging.getLogger().removeHandler(handler)
    assert any("[req-123]: inside the request" in line for line in lines), lines


def test_no_error_reporting_without_a_dsn(client):
    import sentry_sdk

    client.get("/")
    assert not sentry_sdk.is_initialized()


# A process with SENTRY_DSN set that raises in a view: the error and its request id reach the DSN.
REPORTING_APP = """
import sys
import sentry_sdk
from config import TestConfig
from consult import create_app

class Reporting(TestConfig):
    SENTRY_DSN = sys.argv[1]
    SQLALCHEMY_DATABASE_URI = "sqlite://"

app = create_app(Reporting)
app.config["PROPAGATE_EXCEPTIONS"] = False

@app.route("/boom-for-test")
def boom():
    raise RuntimeError("boom for the error report")

print(app.test_client().get("/boom-for-test", headers={"X-Request-ID": "req-sentry-1"}).status_code)
sentry_sdk.flush(5)
"""


def _decompressed(body, encoding):
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    return body


def test_errors_are_reported_to_sentry_when_a_dsn_is_set():
    received = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's hook name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(_decompressed(body, self.headers.get("Content-Encoding")))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dsn = f"http://publickey@127.0.0.1:{server.server_port}/1"
    try:
        done = subprocess.run([sys.executable, "-c", REPORTING_APP, dsn], capture_output=True, text=True, timeout=60)
    finally:
        server.shutdown()
    assert done.stdout.strip() == "500", done.stderr
    events = [json.loads(line) for body in received for line in body.splitlines() if b'"exception"' in line]
    assert events, received
    assert "boom for the error report" in json.dumps(events[0])
    assert events[0]["tags"]["request_id"] == "req-sentry-1"
