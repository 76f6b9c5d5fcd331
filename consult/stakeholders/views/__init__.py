"""Routes of the stakeholders blueprint, split by sub-topic; the panels they add to the process page."""

from consult.stakeholders import (
    bp,  # noqa: E402
    panels,  # noqa: F401 - registers the process page's blocks
)
from consult.stakeholders import labels as stakeholder_labels  # noqa: E402
from consult.stakeholders.views import invitations, mapping, registry, transfer  # noqa: F401


@bp.record_once
def _labels(state):
    """The stakeholder labels as a Jinja global: panels are included from a macro, which sees globals only."""
    state.app.jinja_env.globals["sl"] = stakeholder_labels
