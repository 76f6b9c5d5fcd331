"""Concertation: a participatory consultation platform for departmental social schemas."""

from pathlib import Path

from flask import Flask

from config import INSTANCE_DIR, config_from_env

BLUEPRINTS = (
    "auth",
    "processes",
    "consultation",
    "stakeholders",
    "groups",
    "report",
    "synthesis",
    "notifications",
    "admin",
)
PACKAGE_DIR = Path(__file__).resolve().parent


def create_app(config=None):
    """Build the Flask application.

    Args:
        config: a config class or object; by default the one named by ``CONCERTATION_ENV``.
    """
    app = Flask(
        __name__,
        template_folder=str(PACKAGE_DIR.parent / "templates"),
        static_folder=str(PACKAGE_DIR.parent / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object(config or config_from_env())
    _check_secret_key(app)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from consult import production

    production.init_app(app)  # proxy hops, request ids in the logs, error reporting, health endpoint

    from consult import http, models  # noqa: F401 - every model on the one metadata

    _init_extensions(app)
    http.register_converters(app)
    _register_blueprints(app)
    _register_hooks(app)

    from consult import cli, errorpages, templating

    errorpages.register(app)
    templating.register(app)
    cli.register(app)
    return app


def _check_secret_key(app):
    from config import DEFAULT_SECRET_KEY

    if app.config["ENV_NAME"] == "production" and app.config.get("SECRET_KEY") in (None, "", DEFAULT_SECRET_KEY):
        raise RuntimeError(
            "SECRET_KEY is missing or left at its default: production refuses to start. "
            "Set the SECRET_KEY environment variable to a long random value, "
            'for example: python -c "import secrets; print(secrets.token_hex(32))"'
        )


def _init_extensions(app):
    from flask_talisman import Talisman

    from consult import dates  # noqa: F401 -- gives each SQLite connection its paris_date, before the first opens
    from consult import mail as outbox
    from consult.db import db, watch_pooled_connections
    from consult.extensions import babel, csrf, limiter, login_manager, mail, migrate, select_locale

    db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            watch_pooled_connections(engine)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR.parent / "migrations"), render_as_batch=True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    limiter.init_app(app)
    csrf.init_app(app)
    mail.init_app(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(PACKAGE_DIR / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    # Talisman keeps its settings on the instance, so each app gets its own (tests build several).
    app.extensions["talisman"] = Talisman(
        app,
        force_https=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy={
            "default-src": "'self'",
            "img-src": "'self' data:",
            "style-src": "'self'",
            "script-src": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
            "base-uri": "'self'",
            "object-src": "'none'",
        },
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        strict_transport_security=app.config["FORCE_HTTPS"],
    )
    outbox.init_app(app)


def _register_blueprints(app):
    from importlib import import_module

    for name in BLUEPRINTS:
        package = import_module(f"consult.{name}")
        import_module(f"consult.{name}.views")
        app.register_blueprint(package.bp)


def _register_hooks(app):
    """Each domain's page blocks, organizer links, worker tasks and signal receivers, added explicitly."""
    from consult.admin import hooks as admin_hooks
    from consult.consultation import hooks as consultation_hooks
    from consult.groups import hooks as group_hooks
    from consult.notifications import hooks as notification_hooks
    from consult.processes import hooks as process_hooks
    from consult.report import hooks as report_hooks
    from consult.stakeholders import hooks as stakeholder_hooks
    from consult.synthesis import hooks as synthesis_hooks

    domains = (
        process_hooks,
        stakeholder_hooks,
        consultation_hooks,
        group_hooks,
        report_hooks,
        synthesis_hooks,
        notification_hooks,
        admin_hooks,
    )
    for hooks in domains:
        hooks.register(app)
