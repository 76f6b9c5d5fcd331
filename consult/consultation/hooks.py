"""What the consultation adds to the application: the drafts block, the moderation link, receivers, audit sentences."""

from consult import signals
from consult.audit import add_audit_sentences
from consult.consultation import audit_sentences, panels, personal_data
from consult.consultation.labels import self_numbered, support_noun
from consult.panels import add_decisions, add_organizer_link, add_panel


def register(app):
    """Add the consultation's block and link, connect its receivers (called by ``create_app``)."""
    app.jinja_env.globals["support_noun"] = support_noun
    app.jinja_env.tests["self_numbered"] = self_numbered
    add_panel(app, "process", 20, panels.drafts_panel)
    add_organizer_link(app, 20, panels.moderation_link)
    add_decisions(app, 20, panels.moderation_decisions)
    signals.personal_data_requested.connect(personal_data.export_consultation)
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
    signals.account_deleting.connect(personal_data.unlink_flags)
