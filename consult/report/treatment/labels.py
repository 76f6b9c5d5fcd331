"""Translated labels of what the treatment pages show."""

from flask_babel import lazy_gettext as _l

from consult.consultation.labels import CHANNEL_LABELS, STATE_LABELS
from consult.report.models import DispositionValue

DISPOSITION_LABELS = {
    DispositionValue.ACCEPTED: _l("Taken into account"),
    DispositionValue.PARTLY_ACCEPTED: _l("Partly taken into account"),
    DispositionValue.REJECTED: _l("Not taken into account"),
    DispositionValue.OUT_OF_SCOPE: _l("Out of scope"),
}

#: labels by stored value (the history keeps values as strings)
DISPOSITION_BY_VALUE = {member.value: label for member, label in DISPOSITION_LABELS.items()}

#: the types of contribution the treatment view tells apart (a reply is a comment with a parent)
KIND_LABELS = {
    "comment": _l("Comment"),
    "reply": _l("Reply to a comment"),
    "amendment": _l("Amendment"),
}


SORT_LABELS = {
    "newest": _l("Newest first"),
    "oldest": _l("Oldest first"),
    "supports": _l("Most supported first"),
    "section": _l("By draft section"),
}

#: every label the treatment templates need, passed to them as ``L``
TEMPLATE_LABELS = {
    "disposition": DISPOSITION_LABELS,
    "by_value": DISPOSITION_BY_VALUE,
    "kind": KIND_LABELS,
    "channel": CHANNEL_LABELS,
    "state": STATE_LABELS,
}
