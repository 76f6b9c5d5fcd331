"""Template filters and globals: French dates, permissions, safe HTML."""

import inspect
from types import SimpleNamespace

from flask import current_app
from flask_babel import format_date, format_datetime, get_locale
from markupsafe import Markup

from consult import permissions as core_permissions
from consult.admin import permissions as admin_permissions
from consult.auth import labels as auth_labels
from consult.consultation import permissions as consultation_permissions
from consult.dates import PARIS, paris_today
from consult.groups import permissions as group_permissions
from consult.processes import labels as process_labels
from consult.processes import permissions as process_permissions
from consult.processes.models import Field
from consult.report import permissions as report_permissions
from consult.report.publishing.formats import number
from consult.stakeholders import permissions as stakeholder_permissions

PERMISSION_MODULES = (
    core_permissions,
    process_permissions,
    stakeholder_permissions,
    consultation_permissions,
    group_permissions,
    report_permissions,
    admin_permissions,
)

#: The labels every page may show (fields, phases, relations); each domain passes its own others.
LABELS = SimpleNamespace(
    Field=Field,
    FIELD_LABELS=process_labels.FIELD_LABELS,
    PHASE_LABELS=process_labels.PHASE_LABELS,
    RELATION_LABELS=auth_labels.RELATION_LABELS,
)


def permission_facade(modules=PERMISSION_MODULES) -> SimpleNamespace:
    """Every predicate of every domain under its one name, for templates (``perm.can_edit_process``).

    Raises:
        RuntimeError: two modules define the same name (a permission has one name and one owner).
    """
    predicates = {}
    for module in modules:
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != module.__name__ or name.startswith("_"):
                continue
            if name in predicates:
                raise RuntimeError(f"{name} is defined in {predicates[name].__module__} and {module.__name__}")
            predicates[name] = func
    return SimpleNamespace(**predicates)


def _datetime(value, fmt="d MMMM y, HH:mm"):
    if value is None:
        return ""
    return format_datetime(value.astimezone(PARIS), fmt) if value.tzinfo else format_datetime(value, fmt)


def _date(value, fmt="d MMMM y"):
    return format_date(value, fmt) if value is not None else ""


def _stored_html(value):
    # Only for columns holding HTML made by consult.text at save time.
    return Markup(value or "")  # noqa: S704


def register(app):
    """Install filters and globals on the Jinja environment."""
    app.jinja_env.filters.update(datetime=_datetime, date=_date, stored_html=_stored_html, number=number)
    app.jinja_env.globals.update(perm=permission_facade(), labels=LABELS, paris_today=paris_today)
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def locale_context():
        return {"current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])}
