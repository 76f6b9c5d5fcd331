"""Labels of the assistant's stored values."""

from flask_babel import lazy_gettext as _l

from consult.auth.labels import RELATION_LABELS

STATUS_LABELS = {
    "open": _l("Waiting for your decision"),
    "accepted": _l("Accepted as a theme"),
    "merged": _l("Merged into another suggestion"),
    "rejected": _l("Rejected"),
}
ACTION_LABELS = {"accept": _l("accepted"), "rename": _l("renamed"), "merge": _l("merged"), "reject": _l("rejected")}
CATEGORY_LABELS = {relation.value: label for relation, label in RELATION_LABELS.items()}
