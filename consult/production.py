"""Production wiring: trusted proxies, request ids in every log line, error reporting, start-up warnings."""

import gc
import logging
import re
import uuid

from flask import Flask, g, has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix

logger = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
REQUEST_ID_HEADER = "X-Request-ID"
#: an incoming request id is kept only when it is short and harmless in a log line
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@-]{1,128}")


def init_app(app: Flask):
    """Wire what a production deployment needs; each part is inert when its setting is off."""
    trust_proxy(app)
    configure_logging()
    _track_request_ids(app)
    _init_error_reporting(app)
    _warn_about_per_process_limits(app)

    from consult.health import bp

    app.register_blueprint(bp)


def freeze_loaded_objects():
    """Keep what the process has loaded so far (modules, the app, its mappers) out of every later collection.

    Called once the app is loaded in a serving process (``wsgi.py``), never by tests, which build many apps.
    A full collection otherwise walks the ~280,000 objects of a loaded app to free a request's garbage: about
    150 ms added to the one request in a few thousand that triggers it; frozen, about 10 ms at most
    (``bench/bench_gc.py``).
    """
    gc.collect()
    gc.freeze()


def trust_proxy(app: Flask):
    """Behind PROXY_FIX_HOPS proxies, read the client's address, scheme and host from X-Forwarded-*.

    With 0 hops (the default) the headers are ignored: a client talking to the app directly could
    otherwise claim any address and escape its rate limits.
    """
    hops = app.config.get("PROXY_FIX_HOPS", 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def current_request_id() -> str:
    """The id of the request being served ("-" outside requests), taken from X-Request-ID when sane."""
    if not has_request_context():
        return "-"
    if "request_id" not in g:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    return g.request_id


def configure_logging():
    """Log to stderr with the request id on every line (the record factory adds it to every record)."""
    base_factory = logging.getLogRecordFactory()
    if not getattr(base_factory, "adds_request_id", False):

        def record_with_request_id(*args, **kwargs):
            record = base_factory(*args, **kwargs)
            record.request_id = current_request_id()
            return record

        record_with_request_id.adds_request_id = True
        logging.setLogRecordFactory(record_with_request_id)
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    # WeasyPrint logs every layout step of every page at INFO: hundreds of lines per PDF drown the real ones
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _track_request_ids(app: Flask):
    @app.before_request
    def take_request_id():
        request_id = current_request_id()
        if app.config.get("SENTRY_DSN"):
            import sentry_sdk

            sentry_sdk.set_tag("request_id", request_id)

    @app.after_request
    def send_request_id(response):
        response.headers[REQUEST_ID_HEADER] = current_request_id()
        return response


def _init_error_reporting(app: Flask):
    """Report unhandled errors to Sentry when SENTRY_DSN is set; nothing is sent otherwise."""
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[FlaskIntegration()],
        environment=app.config["ENV_NAME"],
        send_default_pii=False,  # participants' addresses and cookies stay here
        traces_sample_rate=0,
    )


def _warn_about_per_process_limits(app: Flask):
    storage = app.config.get("RATELIMIT_STORAGE_URI") or app.config.get("REDIS_URL") or "memory://"
    if app.config["ENV_NAME"] == "production" and app.config.get("RATELIMIT_ENABLED") and storage == "memory://":
        logger.warning(
            "Rate limits are kept in memory, per process: with several gunicorn workers or instances each "
            "counts alone and lets through that many times the limit. Set REDIS_URL to share them."
        )
