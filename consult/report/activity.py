"""Participation over time for the organizers' dashboard, from the report's own figures and queries."""

from flask_babel import gettext as _

from consult.consultation.models import Position
from consult.dates import monday_of, mondays
from consult.panels import Panel
from consult.report import permissions
from consult.report.publishing import queries
from consult.report.publishing.charts import bar_chart
from consult.report.publishing.figures import participation
from consult.report.publishing.formats import day
from consult.report.publishing.labels import CATEGORY_LABELS, label

SERIES = ("contributions", "participants", "positions")


def weekly_activity(process_id: int) -> list[dict]:
    """Per week (starting Monday): contributions, new participants and positions, empty weeks included."""
    days = {
        "contributions": queries.contributions_by_day(process_id),
        "participants": queries.first_participation_days(process_id),
        "positions": queries.positions_by_day(process_id),
    }
    weeks: dict = {}
    for name, rows in days.items():
        for when, n in rows:
            monday = monday_of(when)
            weeks.setdefault(monday, dict.fromkeys(SERIES, 0))[name] += n
    if not weeks:
        return []
    return [
        {"week": monday, **weeks.get(monday, dict.fromkeys(SERIES, 0))} for monday in mondays(min(weeks), max(weeks))
    ]


def activity_chart(weeks: list[dict]):
    """A bar chart of the three weekly series; the page shows the same figures in a table."""
    names = {"contributions": _("Contributions"), "participants": _("New participants"), "positions": _("Positions")}
    return bar_chart(
        "activity",
        _("Participation per week"),
        _("Bar chart of contributions, new participants and positions each week; the table below gives every value."),
        [day(w["week"].isoformat()) for w in weeks],
        [(names[name], [w[name] for w in weeks]) for name in SERIES],
    )


def activity_panel(process, user, today):
    """Participation over time, with the categories and territories reached (organizers' dashboard)."""
    if not permissions.can_manage_report(user, process):
        return None
    weeks = weekly_activity(process.id)
    reached = participation(process.id, queries.positions_by(process.id, Position.contributor_category))
    categories = [(label(CATEGORY_LABELS, row["key"]), row["count"]) for row in reached["by_category"]]
    return Panel(
        "report/_dashboard_activity.html",
        {
            "weeks": weeks,
            "chart": activity_chart(weeks) if weeks else None,
            "categories": categories,
            "territories": [(label({}, row["key"]), row["count"]) for row in reached["by_territory"]],
            "participants": reached["participants"],
        },
    )
