"""Labels of the report's own enums, defined once; the treatment pages and the published report import them."""

from flask_babel import lazy_gettext as _l

from consult.report.models import DispositionValue

DISPOSITION_LABELS = {
    DispositionValue.ACCEPTED: _l("Taken into account"),
    DispositionValue.PARTLY_ACCEPTED: _l("Partly taken into account"),
    DispositionValue.REJECTED: _l("Not taken into account"),
    DispositionValue.OUT_OF_SCOPE: _l("Out of scope"),
}
#: what a contribution without a disposition shows
UNTREATED_LABEL = _l("Not yet treated")
#: labels by stored value (histories and snapshots keep values as strings), "untreated" included
DISPOSITION_BY_VALUE = {member.value: label for member, label in DISPOSITION_LABELS.items()} | {
    "untreated": UNTREATED_LABEL
}
