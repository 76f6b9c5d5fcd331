"""Template filters and globals: French dates, permissions, safe HTML."""

from types import SimpleNamespace

from flask import current_app
from flask_babel import format_date, format_datetime, get_locale
from markupsafe import Markup

from consult import labels, permissions
from consult.dates import PARIS, paris_today


def _datetime(value, fmt="d MMMM y, HH:mm"):
    if value is None:
        return ""
    return format_datetime(value.astimezone(PARIS), fmt) if value.tzinfo else format_datetime(value, fmt)


def _date(value, fmt="d MMMM y"):
    return format_date(value, fmt) if value is not None else ""


def _stored_html(value):
    # Only for columns holding HTML made by consult.text at save time.
    return Markup(value or "")  # noqa: S704


def _permissions_facade() -> SimpleNamespace:
    """Every predicate, core and domain, under one name for templates (``perm.can_…``)."""
    from consult.consultation import permissions as consultation_permissions

    modules = (permissions, consultation_permissions)
    return SimpleNamespace(**{k: v for m in modules for k, v in vars(m).items() if not k.startswith("_")})


def register(app):
    """Install filters and globals on the Jinja environment."""
    app.jinja_env.filters.update(datetime=_datetime, date=_date, stored_html=_stored_html)
    app.jinja_env.globals.update(perm=_permissions_facade(), labels=labels, paris_today=paris_today)
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def locale_context():
        return {"current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])}
