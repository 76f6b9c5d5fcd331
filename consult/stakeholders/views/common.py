"""What the stakeholder views share: loading the process as its registry's keeper, reading filters."""

from flask_babel import ngettext
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


def sending_message(sending, *, reminder: bool) -> str:
    """The flash telling what a sending of invitations or reminders did, each group counted apart."""
    count = len(sending.invited)
    if reminder:
        parts = [ngettext("%(num)d reminder sent.", "%(num)d reminders sent.", count)]
    else:
        parts = [ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", count)]
    if sending.already_invited:
        parts.append(
            ngettext(
                "%(num)d stakeholder invited already, still waiting for an answer: send a reminder if needed.",
                "%(num)d stakeholders invited already, still waiting for an answer: send a reminder if needed.",
                len(sending.already_invited),
            )
        )
    if sending.skipped and reminder:
        parts.append(
            ngettext(
                "%(num)d stakeholder skipped (no invitation waiting for an answer).",
                "%(num)d stakeholders skipped (no invitation waiting for an answer).",
                len(sending.skipped),
            )
        )
    elif sending.skipped:
        parts.append(
            ngettext(
                "%(num)d stakeholder skipped (no contact email, engaged already or archived).",
                "%(num)d stakeholders skipped (no contact email, engaged already or archived).",
                len(sending.skipped),
            )
        )
    return " ".join(parts)
