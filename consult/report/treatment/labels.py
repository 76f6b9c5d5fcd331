"""Translated labels of what the treatment pages show."""

from flask_babel import lazy_gettext as _l

from consult.consultation.labels import CHANNEL_LABELS, STATE_LABELS
from consult.report.labels import DISPOSITION_BY_VALUE, DISPOSITION_LABELS

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
