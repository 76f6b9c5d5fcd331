"""Routes of the groups blueprint, one module per sub-topic, and the blocks it adds to other pages."""

from consult.groups import bp, labels
from consult.groups import panels as _panels  # noqa: F401 - registers the process and section blocks
from consult.groups.services import meetings as _reminders  # noqa: F401 - registers the reminder worker task
from consult.groups.views import documents, groups, meetings, membership, proposals  # noqa: F401


@bp.context_processor
def _group_labels():
    return {"group_labels": labels}
