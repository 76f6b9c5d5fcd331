"""The influence / interest map and the coverage of the registry."""

from flask import render_template
from flask_login import login_required

from consult.stakeholders import bp, queries
from consult.stakeholders.coverage import Reach, coverage, engagement_by_week
from consult.stakeholders.views.common import managed_process


@bp.route("/concertations/<slug>/parties-prenantes/carte")
@login_required
def grid(slug):
    """Show the influence / interest grid, with its table equivalent."""
    process = managed_process(slug)
    return render_template(
        "stakeholders/grid.html", process=process, grid=queries.influence_grid(process), strong=queries.STRONG
    )


@bp.route("/concertations/<slug>/parties-prenantes/couverture")
@login_required
def coverage_view(slug):
    """Show who is identified, invited and active (from the records) per category × field and territory."""
    process = managed_process(slug)
    return render_template(
        "stakeholders/coverage.html",
        process=process,
        coverage=coverage(process),
        weeks=engagement_by_week(process),
        reach=Reach,
    )
