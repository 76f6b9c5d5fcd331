"""A contribution written at half past midnight in Paris counts on that Paris day, in every figure of the report.

The moment chosen is a Sunday at 23:30 UTC: Monday 00:30 or 01:30 in Paris, so a UTC day would also put it
in the week before.
"""

import csv
import io
from datetime import UTC, datetime, time, timedelta

import pytest

from consult.dates import mondays, paris_day, paris_today
from consult.report.activity import weekly_activity
from consult.report.publishing import figures, queries
from tests.factories import make_comment, make_draft, make_position, make_process, make_support, make_user

JSON = {"Accept": "application/json"}


@pytest.fixture
def late_sunday():
    """(organizer, process, a Sunday 23:30 UTC three weeks back, the Paris Monday that follows it, the section)."""
    today = paris_today()
    sunday = today - timedelta(days=today.weekday() + 15)
    moment = datetime.combine(sunday, time(23, 30), tzinfo=UTC)
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process, opens_in=timedelta(days=-30))
    author, supporter = make_user(), make_user()
    comment = make_comment(author, sections[-1], now=moment)
    make_position(sections[-1], author, "agree", now=moment)
    make_support(supporter, comment, now=moment)
    return organizer, process, moment, sunday + timedelta(days=1), sections[-1]


def test_the_paris_day_of_a_utc_moment():
    assert paris_day(datetime(2026, 11, 29, 23, 30, tzinfo=UTC)).isoformat() == "2026-11-30"  # winter, UTC+1
    assert paris_day(datetime(2026, 7, 5, 22, 30, tzinfo=UTC)).isoformat() == "2026-07-06"  # summer, UTC+2
    assert paris_day(datetime(2026, 7, 5, 21, 30, tzinfo=UTC)).isoformat() == "2026-07-05"


def test_days_counted_in_sql_are_paris_days_on_either_database(late_sunday):
    _organizer, process, _moment, monday, _section = late_sunday
    assert queries.contributions_by_day(process.id) == [(monday, 1)]
    assert queries.positions_by_day(process.id) == [(monday, 1)]
    assert queries.first_participation_days(process.id) == [(monday, 2)]  # the author and the supporter
    assert weekly_activity(process.id) == [{"week": monday, "contributions": 1, "participants": 2, "positions": 1}]


def test_the_draft_report_and_the_treatment_export_date_it_on_the_paris_day(late_sunday, login_as):
    organizer, process, _moment, monday, _section = late_sunday
    client = login_as(organizer)
    report = client.get(f"/concertations/{process.slug}/bilan/brouillon", headers=JSON).get_json()
    assert [(w["week"], w["count"]) for w in report["participation"]["by_week"]] == [(monday.isoformat(), 1)]
    listed = figures.contribution_list(process.id, offset=0, limit=10)  # the report's list and its open data
    assert [c["date"] for c in listed] == [monday.isoformat()]
    exported = client.get(f"/concertations/{process.slug}/traitement/export.csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row[12] for row in rows[1:]] == [monday.strftime("%d/%m/%Y")]


def test_the_dashboard_and_the_report_list_the_same_weeks_empty_ones_included(late_sunday, login_as):
    organizer, process, _moment, monday, section = late_sunday
    make_comment(make_user(), section)  # this week: a week without activity lies in between
    weeks = mondays(monday, paris_today())
    assert len(weeks) == 3 and all(day.weekday() == 0 for day in weeks)
    activity = weekly_activity(process.id)
    assert [w["week"] for w in activity] == weeks
    assert [w["contributions"] for w in activity] == [1, 0, 1]
    report = login_as(organizer).get(f"/concertations/{process.slug}/bilan/brouillon", headers=JSON).get_json()
    by_week = report["participation"]["by_week"]
    assert [(w["week"], w["count"]) for w in by_week] == [
        (day.isoformat(), w["contributions"]) for day, w in zip(weeks, activity, strict=True)
    ]
