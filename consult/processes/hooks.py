"""What the processes domain adds: its share of "my data" and of account deletion, its audit sentences."""

from consult import signals
from consult.audit import add_audit_sentences
from consult.processes import audit_sentences, services


def register(app):
    """Connect the processes' receivers of the account signals, add their audit sentences (called by ``create_app``)."""
    signals.personal_data_requested.connect(services.export_roles)
    signals.account_deleting.connect(services.drop_roles_of_deleted_account)
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
