"""The consultation's blocks on other pages: drafts on the process page, moderation in the organizer bar."""

from flask import url_for
from flask_babel import gettext as _

from consult.consultation import permissions, queries
from consult.db import utcnow
from consult.panels import Decision, Panel


def drafts_panel(process, user, today):
    """The drafts under consultation (and, for organizers, those being written)."""
    drafts = queries.process_drafts(process, user)
    can_manage = permissions.can_manage_drafts(user, process)
    if not drafts and not can_manage:
        return None
    now = utcnow()
    rows = []
    for draft in drafts:
        version = draft.latest_published
        window = version.state(now) if version else None
        rows.append({"draft": draft, "version": version, "window": window, "latest": draft.versions[-1]})
    return Panel("consultation/_process_panel.html", {"process": process, "rows": rows, "can_manage": can_manage})


def moderation_link(process):
    """The moderation queue, with the number of contributions awaiting a decision."""
    count = queries.pending_count(process)
    label = _("Moderation (%(n)s waiting)", n=count) if count else _("Moderation")
    return label, url_for("consultation.queue", slug=process.slug)


def moderation_decisions(process, now) -> list[Decision]:
    """Each tab of the moderation queue, with how many contributions it holds, for the organizers' dashboard."""
    counts = queries.moderation_counts(process)
    return [
        Decision(_("Contributions awaiting approval"), counts["pending"],
                 url_for("consultation.queue", slug=process.slug, vue="attente")),
        Decision(_("Reported contributions"), counts["flagged"],
                 url_for("consultation.queue", slug=process.slug, vue="signalees")),
    ]  # fmt: skip
