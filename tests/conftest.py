"""Shared fixtures: one app and database per test session, cleaned after every test; real SMTP."""

import os
import re
import secrets
import socket
import tempfile
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, text

from config import TestConfig
from consult import create_app
from consult.db import db
from consult.extensions import limiter

TRANSACTION_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


class MailCatcher:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on localhost for the whole session."""
    catcher = MailCatcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield catcher, controller.port
    controller.stop()


def _database_url(tmpdir):
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmpdir}/test.sqlite"


def _reset_schema():
    """Start from an empty database, then build the schema with the migrations."""
    from flask_migrate import upgrade

    engine = db.engine
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade()


@pytest.fixture(scope="session")
def app(smtp_server):
    """The application on a database built by the migrations."""
    _catcher, port = smtp_server
    tmpdir = tempfile.mkdtemp(prefix="concertation-test-")

    class SessionConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = _database_url(tmpdir)
        MAIL_PORT = port
        UPLOAD_DIR = f"{tmpdir}/uploads"
        REPORT_DIR = f"{tmpdir}/reports"  # never the checkout's instance/, where `make run` keeps the demo's files

    application = create_app(SessionConfig)
    application.test_client_class = CsrfClient
    with application.app_context():
        _reset_schema()
    yield application


def _needs_real_commits(request):
    return "real_commits" in request.fixturenames or request.node.get_closest_marker("e2e") is not None


@pytest.fixture(autouse=True)
def _isolation(request, app, smtp_server):
    """Each test starts with an empty database, fresh rate limits and an empty mailbox.

    Ordinary tests run inside an outer transaction rolled back at the end (SQLAlchemy's "join an
    external transaction" recipe): every session of the test, the requests' included, uses one
    connection and commits to savepoints. Tests that need real commits seen from other connections
    (threads, a live server) request ``real_commits``; their tables are emptied afterwards.
    """
    with app.app_context():
        if _needs_real_commits(request):
            yield
            _empty_tables()
        elif "connection" in _shared:
            with _rolled_back_savepoint(_shared["connection"]):
                yield
        else:
            with _rolled_back_connection(app):
                yield
        limiter.reset()
    smtp_server[0].messages.clear()


_shared = {}  # the connection of a module whose tests share data built once


@pytest.fixture(scope="module")
def shared_data(app):
    """Let a module build its data once (module-scoped fixtures that depend on this one).

    The module's tests then share one connection whose outer transaction holds that data; each test
    runs in a savepoint of it, rolled back after the test.
    """
    with app.app_context(), _rolled_back_connection(app) as connection:
        _shared["connection"] = connection
        try:
            yield
        finally:
            del _shared["connection"]


@contextmanager
def _rolled_back_savepoint(connection):
    savepoint = connection.begin_nested()
    try:
        yield
    finally:
        db.session.remove()
        savepoint.rollback()


@contextmanager
def _rolled_back_connection(app):
    engines = db._app_engines[app]  # Flask-SQLAlchemy's bind map: the sessions' get_bind reads it
    engine = engines[None]
    connection = engine.connect()
    outer = connection.begin()
    engines[None] = connection
    try:
        yield connection
    finally:
        db.session.remove()
        engines[None] = engine
        outer.rollback()
        connection.close()


def _empty_tables():
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


class CsrfClient(FlaskClient):
    """A test client that can fetch a CSRF token and submit forms with it.

    Each request runs in its own application context, as in production, so ``g``, the signed-in
    user and the database session never leak from the test or from one request to the next.
    """

    def open(self, *args, **kwargs):
        """Send a request in a fresh app context, then let the test's session see its writes."""
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.commit()  # end the test's read snapshot (SQLite WAL) so it sees the request's writes
        db.session.expire_all()
        return response

    def csrf_token(self, url=None):
        """A valid token for this client's session, signed as Flask-WTF signs it (no page fetched).

        ``url`` is kept for the callers that name the page the form is on; the token does not depend on it.
        """
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        secret = self.application.config.get("WTF_CSRF_SECRET_KEY") or self.application.secret_key
        return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)

    def submit(self, url, data=None, *, token_from="/", **kwargs):
        """POST a form with a valid CSRF token."""
        payload = dict(data or {})
        payload["csrf_token"] = self.csrf_token(token_from)
        return self.post(url, data=payload, **kwargs)


@pytest.fixture
def client(app):
    """A test client with its own cookies."""
    return app.test_client()


@pytest.fixture
def report_dir(app, tmp_path, monkeypatch):
    """A report directory of the test's own, so one test's published files are never another's; the
    session's setting comes back after the test."""
    path = tmp_path / "reports"
    monkeypatch.setitem(app.config, "REPORT_DIR", str(path))
    return path


@pytest.fixture
def login_as(app):
    """``login_as(user)`` returns a new client signed in as ``user``."""

    def sign_in(user):
        # The sign-in form itself is tested in test_auth_flow; here we only open a session,
        # which keeps tests fast and clear of the sign-in rate limit.
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.session_token
            session["_fresh"] = True
        return client

    return sign_in


class Mailbox:
    """Delivers the outbox through the real SMTP server and reads what arrived."""

    def __init__(self, catcher):
        self.catcher = catcher

    def deliver(self):
        """Run one worker pass; return every message received so far."""
        from consult.worker import run_once

        run_once()
        return list(self.catcher.messages)

    def to(self, address):
        """Deliver, then return the messages sent to ``address``."""
        return [m for m in self.deliver() if m["To"] == address]

    @staticmethod
    def body(message):
        """The plain-text body of a message."""
        return message.get_body(preferencelist=("plain",)).get_content()

    def link(self, message, fragment):
        """The first URL in the message's text that contains ``fragment``, as a local path."""
        for url in re.findall(r"https?://\S+", self.body(message)):
            if fragment in url:
                return url.replace("http://localhost", "")
        raise AssertionError(f"no link with {fragment!r} in {self.body(message)!r}")


@pytest.fixture
def mailbox(smtp_server):
    """The session's SMTP catcher, emptied before each test."""
    return Mailbox(smtp_server[0])


@pytest.fixture
def count_queries(app):
    """``with count_queries() as counter:`` counts SQL statements sent inside the block."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        statements = []

        def before_cursor_execute(conn, cursor, statement, *args):
            if not TRANSACTION_CONTROL.match(statement):  # SQLite's explicit BEGIN is no query
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before_cursor_execute)

    return counting


@pytest.fixture
def real_commits():
    """Mark a test that needs real commits (threads, a live server, several processes).

    Such tests see their data from other connections, so their database is emptied after the
    test instead of being rolled back.
    """
    return True
