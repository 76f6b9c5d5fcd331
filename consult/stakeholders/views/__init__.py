"""Routes of the stakeholders blueprint, split by sub-topic."""

from consult.stakeholders import bp
from consult.stakeholders import labels as stakeholder_labels
from consult.stakeholders.views import invitations, mapping, registry, transfer  # noqa: F401


@bp.record_once
def _labels(state):
    """The stakeholder labels as a Jinja global: panels are included from a macro, which sees globals only."""
    state.app.jinja_env.globals["sl"] = stakeholder_labels
