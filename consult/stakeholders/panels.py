"""Blocks of the process page: the public list of engaged organisations, the organizers' coverage gaps."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from consult.panels import Decision, Panel
from consult.permissions import is_signed_in
from consult.stakeholders import permissions, queries
from consult.stakeholders.coverage import coverage


def engaged_organisations_panel(process, user, today):
    """The engaged organisations, when the organizer shows them."""
    if not queries.public_list_allowed(process):
        return None
    return Panel(
        "stakeholders/_public_list.html",
        {
            "process": process,
            "organisations": queries.engaged_organisations(process),
            "signed_in": is_signed_in(user),
        },
    )


def coverage_gaps_panel(process, user, today):
    """The coverage gaps and pending requests, for the process's organizers only."""
    if not permissions.can_manage_stakeholders(user, process):
        return None
    return Panel(
        "stakeholders/_gaps_panel.html",
        {"process": process, "coverage": coverage(process), "requests": len(queries.pending_requests(process))},
    )


def registry_link(process):
    """The registry of stakeholders."""
    return _l("Stakeholders"), url_for("stakeholders.index", slug=process.slug)


def coverage_link(process):
    """The coverage of the registry."""
    return _l("Stakeholder coverage"), url_for("stakeholders.coverage_view", slug=process.slug)


def representation_decisions(process, now) -> list[Decision]:
    """Requests to represent an organisation, for the organizers' dashboard."""
    count = queries.pending_request_count(process)
    return [Decision(_l("Requests to represent an organisation"), count,
                     url_for("stakeholders.index", slug=process.slug))]  # fmt: skip
