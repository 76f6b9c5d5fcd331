"""Routes of the groups blueprint, one module per sub-topic."""

from consult.groups import bp, labels
from consult.groups.views import attendance, calendar, documents, groups, meetings, membership, proposals  # noqa: F401


@bp.context_processor
def _group_labels():
    return {"group_labels": labels}
