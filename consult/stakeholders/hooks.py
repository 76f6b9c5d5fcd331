"""What the stakeholders domain adds: process page blocks, organizer links, signal receivers, audit sentences."""

from consult import signals
from consult.audit import add_audit_sentences
from consult.panels import add_decisions, add_organizer_link, add_panel
from consult.stakeholders import audit_sentences, panels
from consult.stakeholders.services import representatives


def register(app):
    """Add the stakeholders' blocks and links, connect their receivers (called by ``create_app``)."""
    add_panel(app, "process", 30, panels.engaged_organisations_panel)
    add_panel(app, "process", 31, panels.coverage_gaps_panel)
    add_organizer_link(app, 30, panels.registry_link)
    add_organizer_link(app, 31, panels.coverage_link)
    add_decisions(app, 30, panels.representation_decisions)
    signals.personal_data_requested.connect(representatives.export_representation)
    signals.account_deleting.connect(representatives.drop_representation_of_deleted_account)
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
