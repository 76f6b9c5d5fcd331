"""Translated labels of the values the report shows (snapshots keep the raw values)."""

from flask_babel import lazy_gettext as _l

from consult.labels import PHASE_LABELS, RELATION_LABELS

CATEGORY_LABELS = {relation.value: label for relation, label in RELATION_LABELS.items()} | {"unknown": _l("Not stated")}
PHASE_KIND_LABELS = {kind.value: label for kind, label in PHASE_LABELS.items()}
CHANNEL_LABELS = {
    "online": _l("Online platform"),
    "public_meeting": _l("Public meeting"),
    "letter": _l("Letter"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "other": _l("Other channel"),
}
POSITION_LABELS = {"agree": _l("Agree"), "mixed": _l("Mixed"), "disagree": _l("Disagree")}
DISPOSITION_LABELS = {
    "accepted": _l("Taken into account"),
    "partly_accepted": _l("Partly taken into account"),
    "rejected": _l("Not taken into account"),
    "out_of_scope": _l("Outside the scope"),
    "untreated": _l("Not yet treated"),
}
KIND_LABELS = {"comment": _l("Comment"), "amendment": _l("Amendment")}
STAKEHOLDER_CATEGORY_LABELS = {
    "service_users": _l("Service users and their representatives"),
    "institutions": _l("Institutions"),
    "professionals": _l("Professionals and establishments"),
    "social_partners": _l("Social partners"),
    "associations": _l("Associations and foundations"),
    "elected_officials": _l("Elected officials"),
}
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
    "disposition": DISPOSITION_LABELS,
    "kind": KIND_LABELS,
    "stakeholder_category": STAKEHOLDER_CATEGORY_LABELS,
    "consensus": CONSENSUS_LABELS,
    "none": {},
}
