"""The blocks this domain adds to other domains' pages: groups on the process page, sheets on sections."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.groups import queries
from consult.groups.labels import PROPOSAL_STATUS_LABELS
from consult.panels import Decision, Panel


def groups_panel(process, user, today):
    """The process's working groups (archived ones hidden)."""
    groups = queries.groups_of_process(process, include_archived=False)
    if not groups:
        return None
    return Panel("groups/_process_panel.html", {"process": process, "groups": groups})


def proposals_panel(section, user, today):
    """The submitted action sheets that feed this section or led to its change, in one query if it has any."""
    if not section.sheet_link_count:
        return None
    rows = queries.proposals_for_section(section.id)
    if not rows:
        return None
    return Panel("groups/_section_panel.html", {"rows": rows, "status_labels": PROPOSAL_STATUS_LABELS})


def groups_link(process):
    """The organizers' way to the groups."""
    return str(_l("Working groups")), url_for("groups.index", slug=process.slug)


def dashboard_decisions(process, now) -> list[Decision]:
    """Join requests per group and meetings held without minutes, for the organizers' dashboard."""
    decisions = [
        Decision(
            _("Requests to join “%(group)s”", group=group.title),
            count,
            url_for("groups.members", slug=process.slug, group_slug=group.slug),
        )
        for group, count in queries.join_requests_by_group(process)
    ]
    decisions += [
        Decision(
            _("Minutes to file: “%(meeting)s”", meeting=meeting.title),
            1,
            url_for("groups.meeting", slug=process.slug, group_slug=meeting.group.slug, meeting_id=meeting.id),
        )
        for meeting in queries.meetings_without_minutes(process, now)
    ]
    return decisions
