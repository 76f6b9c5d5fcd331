"""'My data' from the groups: registrations with attendance, and walk-in entries noted under the account's name."""

from datetime import timedelta

import pytest

from consult.groups.services.meetings import record_minutes
from consult.processes.models import PhaseKind
from tests.factories import make_group, make_meeting, make_process, make_registration, make_user


@pytest.fixture
def held_meeting():
    organizer = make_user(name="Sophie Lemaire")
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    meeting = make_meeting(group, organizer, title="Atelier aidants", starts_in=-timedelta(hours=3))
    return organizer, meeting


def _my_data(login_as, user) -> dict:
    return login_as(user).get("/profil/mes-donnees.json").get_json()


def test_my_data_says_which_meetings_i_attended(held_meeting, login_as):
    organizer, meeting = held_meeting
    came, absent = make_user(), make_user()
    registration = make_registration(came, meeting)
    make_registration(absent, meeting)
    record_minutes(organizer, meeting, attended_ids={registration.id}, minutes_md="Relevé.", publish=True)
    [row] = _my_data(login_as, came)["meeting_registrations"]
    assert (row["meeting"], row["attended"]) == ("Atelier aidants", True)
    assert _my_data(login_as, absent)["meeting_registrations"][0]["attended"] is False


def test_a_walk_in_noted_under_my_name_is_in_my_data_without_the_others_noted(held_meeting, login_as):
    organizer, meeting = held_meeting
    jeanne = make_user(name="Jeanne Martin")
    walk_ins = [{"name": "JEANNE MARTIN", "organisation": "France Alzheimer Drôme"}, {"name": "Paul Roux"}]
    record_minutes(organizer, meeting, attended_ids=set(), minutes_md="Relevé.", publish=True, walk_ins=walk_ins)
    data = _my_data(login_as, jeanne)
    [noted] = data["meeting_attendance_noted_by_name"]
    assert noted["meeting"] == "Atelier aidants" and noted["organisation"] == "France Alzheimer Drôme"
    assert "Paul Roux" not in str(data)


def test_walk_ins_are_not_in_the_data_of_whoever_recorded_them_nor_of_others(held_meeting, login_as):
    organizer, meeting = held_meeting
    walk_ins = [{"name": "Paul Roux", "organisation": "CCAS de Crest"}]
    record_minutes(organizer, meeting, attended_ids=set(), minutes_md="Relevé.", publish=True, walk_ins=walk_ins)
    for user in (organizer, make_user(name="Léa Petit")):
        data = _my_data(login_as, user)
        assert "Paul Roux" not in str(data) and "meeting_attendance_noted_by_name" not in data
