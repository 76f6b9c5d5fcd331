"""The organizers' dashboard: what awaits a decision, with counts and links; the moderation queue's opening tab."""

import re
from datetime import timedelta

from consult.stakeholders.services.representatives import request_representation
from tests.factories import (
    make_comment,
    make_draft,
    make_flag,
    make_group,
    make_meeting,
    make_position,
    make_process,
    make_stakeholder,
    make_user,
)
from tests.helpers import text


def _dashboard_url(process):
    return f"/concertations/{process.slug}/tableau-de-bord"


def test_dashboard_is_for_organizers_only(login_as, client):
    organizer = make_user()
    process = make_process(organizer)
    assert login_as(organizer).get(_dashboard_url(process)).status_code == 200
    assert login_as(make_user()).get(_dashboard_url(process)).status_code == 403
    assert client.get(_dashboard_url(process)).status_code == 302


def test_dashboard_lists_what_awaits_a_decision_with_links(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    make_flag(make_user(), make_comment(make_user(), sections[0]))
    make_comment(make_user(), sections[0])
    request_representation(make_user(), process, make_stakeholder(process, organizer))
    page = text(login_as(organizer).get(_dashboard_url(process)))
    assert "Contributions signalées" in page and f"/concertations/{process.slug}/moderation?vue=signalees" in page
    assert "Demandes pour représenter une organisation" in page
    assert "Contributions pas encore traitées" in page and f"/concertations/{process.slug}/traitement" in page
    assert "Contributions en attente de validation" not in page  # post-moderation: nothing held


def test_dashboard_shows_meetings_held_without_minutes(login_as):
    organizer = make_user()
    process = make_process(organizer)
    group = make_group(process, organizer)
    make_meeting(group, organizer, title="Atelier passé", starts_in=timedelta(hours=-3))
    make_meeting(group, organizer, title="Atelier à venir")
    page = text(login_as(organizer).get(_dashboard_url(process)))
    assert "Compte rendu à déposer : « Atelier passé »" in page and "Atelier à venir" not in page


def test_dashboard_queries_do_not_grow_with_the_work_waiting(login_as, count_queries):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    group = make_group(process, organizer)
    organizer_client = login_as(organizer)

    def queries_for_dashboard():
        with count_queries() as statements:
            assert organizer_client.get(_dashboard_url(process)).status_code == 200
        return len(statements)

    make_flag(make_user(), make_comment(make_user(), sections[0]))
    make_meeting(group, organizer, starts_in=timedelta(hours=-3))
    few = queries_for_dashboard()
    for _ in range(4):
        make_flag(make_user(), make_comment(make_user(), sections[0]))
        make_meeting(group, organizer, starts_in=timedelta(hours=-3))
        request_representation(make_user(), process, make_stakeholder(process, organizer))
    assert queries_for_dashboard() == few


def test_moderation_queue_opens_on_the_tab_that_holds_something(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    make_flag(make_user(), make_comment(make_user(), sections[0]))
    moderator = login_as(organizer)
    page = moderator.get(f"/concertations/{process.slug}/moderation").get_data(as_text=True)
    assert 'vue=signalees" aria-current="page"' in page
    page = moderator.get(f"/concertations/{process.slug}/moderation?vue=attente").get_data(as_text=True)
    assert 'vue=attente" aria-current="page"' in page


def test_dashboard_shows_participation_per_week_with_a_chart_and_its_table(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    writer = make_user(territory="Romans-sur-Isère")
    make_comment(writer, sections[0])
    make_position(sections[0], writer)
    make_position(sections[0], make_user())
    page = login_as(organizer).get(_dashboard_url(process)).get_data(as_text=True)
    assert "<svg" in page and "Participation par semaine" in page
    assert 'id="chart-activity"' in page  # drawn by the report's chart_figure macro, not a copy of its markup
    row = re.search(r"<tr><th scope=\"row\">[^<]+</th>((?:<td class=\"num\">\d+</td>){3})</tr>", page).group(1)
    assert re.findall(r"\d+", row) == ["1", "2", "2"]  # contributions, new participants, positions
    assert "Romans-sur-Isère" in page
