"""What the groups add to the application: page blocks, the organizer link, reminders, receivers, audit sentences."""

from consult import signals
from consult.audit import add_audit_sentences
from consult.groups import audit_sentences, panels, personal_data
from consult.groups.services import meetings
from consult.panels import add_decisions, add_organizer_link, add_panel
from consult.worker import add_worker_task


def register(app):
    """Add the groups' blocks, link and worker task, connect their receivers (called by ``create_app``)."""
    add_panel(app, "process", 40, panels.groups_panel)
    add_panel(app, "section", 50, panels.proposals_panel)
    add_organizer_link(app, 40, panels.groups_link)
    add_decisions(app, 40, panels.dashboard_decisions)
    add_worker_task(app, meetings.send_meeting_reminders)
    signals.personal_data_requested.connect(personal_data.export_registrations)
    signals.personal_data_requested.connect(personal_data.export_walk_ins)
    signals.account_deleting.connect(personal_data.scrub_registrations)
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
