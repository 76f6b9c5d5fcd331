"""What the stakeholder views share: loading the process as its registry's keeper, reading filters."""

from flask_login import current_user

from consult.http import page_arg
from consult.permissions import require
from consult.processes.queries import get_process_or_404
from consult.stakeholders import permissions, queries
from consult.stakeholders.forms import FilterForm


def managed_process(slug):
    """The process, if the current user keeps its registry (else sign-in, 403 or 404)."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_stakeholders(current_user, process))
    return process


def filters_from(source, process) -> tuple[FilterForm, queries.RegistryFilters]:
    """The filter form bound to ``source`` (query string or posted form) and the filters it yields.

    Unknown values are ignored rather than reported: a filter is a link, not a form to correct.
    """
    form = FilterForm(source)
    form.territory.choices = [("", form.territory.choices[0][1])] + [(t, t) for t in queries.territories(process)]

    def chosen(field):
        return field.data if field.data in {value for value, _label in field.choices} else ""

    selects = {name: chosen(getattr(form, name)) for name in ("category", "field", "territory", "status", "level")}
    query = (form.q.data or "").strip()[:100]
    return form, queries.RegistryFilters(q=query, archived=bool(form.archived.data), **selects)


def page_number() -> int:
    """The requested page, 1 when absent or invalid."""
    return page_arg()
