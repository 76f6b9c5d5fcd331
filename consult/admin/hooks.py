"""What the administration adds to the application: the sentences of its audit entries."""

from consult.admin import audit_sentences
from consult.audit import add_audit_sentences


def register(app):
    """Add the administrators' audit sentences (called by ``create_app``)."""
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
