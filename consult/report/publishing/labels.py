"""Translated labels of the values the report shows (snapshots keep the raw values)."""

from flask_babel import lazy_gettext as _l

from consult.auth.labels import RELATION_LABELS
from consult.consultation import labels as consultation_labels
from consult.groups import labels as group_labels
from consult.processes.labels import FIELD_LABELS, PHASE_LABELS
from consult.report.labels import DISPOSITION_BY_VALUE
from consult.stakeholders import labels as stakeholder_labels


def _by_value(labels: dict) -> dict:
    return {member.value: label for member, label in labels.items()}


# the other domains' labels, so one word reads the same everywhere
CHANNEL_LABELS = _by_value(consultation_labels.CHANNEL_LABELS)
POSITION_LABELS = _by_value(consultation_labels.POSITION_LABELS)
KIND_LABELS = _by_value(consultation_labels.KIND_LABELS)
STAKEHOLDER_CATEGORY_LABELS = _by_value(stakeholder_labels.CATEGORY_LABELS) | {"individual": _l("In their own name")}
PROPOSAL_STATUS_LABELS = _by_value(group_labels.PROPOSAL_STATUS_LABELS)

CATEGORY_LABELS = {relation.value: label for relation, label in RELATION_LABELS.items()} | {"unknown": _l("Not stated")}
FIELD_VALUE_LABELS = {f.value: label for f, label in FIELD_LABELS.items()}
PHASE_KIND_LABELS = {kind.value: label for kind, label in PHASE_LABELS.items()}
CONSENSUS_LABELS = {
    "strong": _l("Broad agreement"),
    "moderate": _l("Partial agreement"),
    "divided": _l("Divided opinions"),
}
UNKNOWN_LABEL = _l("Not stated")


def label(table: dict, value) -> str:
    """The label of ``value`` in ``table``; the value itself when unknown (territories, reasons)."""
    if value in (None, "", "unknown"):
        return str(UNKNOWN_LABEL)
    return str(table.get(value, value))


LABELS = {
    "category": CATEGORY_LABELS,
    "phase": PHASE_KIND_LABELS,
    "channel": CHANNEL_LABELS,
    "position": POSITION_LABELS,
    "disposition": DISPOSITION_BY_VALUE,
    "kind": KIND_LABELS,
    "stakeholder_category": STAKEHOLDER_CATEGORY_LABELS,
    "consensus": CONSENSUS_LABELS,
    "field": FIELD_VALUE_LABELS,
    "proposal": PROPOSAL_STATUS_LABELS,
    "none": {},
}
