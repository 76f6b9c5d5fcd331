"""Meetings: scheduling in Paris time, registrations with capacity and waiting list, invitations, reminders, minutes."""

import os
import threading
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from consult.db import db
from consult.groups.meeting_models import Meeting, Registration, RegistrationStatus
from consult.processes.models import PhaseKind
from tests.factories import make_group, make_meeting, make_member, make_process, make_registration, make_user
from tests.helpers import text

ON_POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer, title="Vivre à domicile")
    return group, organizer


def _url(meeting, suffix=""):
    group = meeting.group
    return f"/concertations/{group.process.slug}/groupes/{group.slug}/reunions/{meeting.id}{suffix}"


def _register(login_as, user, meeting, **data):
    return login_as(user).submit(_url(meeting, "/inscription"), data, token_from=_url(meeting))


def _invitation(message):
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True))


def _status(user, meeting):
    db.session.expire_all()
    return db.session.query(Registration).filter_by(user_id=user.id, meeting_id=meeting.id).one().status


def test_facilitator_schedules_a_meeting_in_paris_time(setting, login_as):
    group, organizer = setting
    url = f"/concertations/{group.process.slug}/groupes/{group.slug}/reunions/nouvelle"
    client = login_as(organizer)
    data = {
        "title": "Réunion de lancement",
        "is_public": "y",
        "starts_at": "2027-06-15T14:00",
        "ends_at": "2027-06-15T16:30",
        "place": "Salle du conseil",
        "capacity": "30",
    }
    response = client.submit(url, dict(data, ends_at="2027-06-15T13:00"), token_from=url)
    assert response.status_code == 400
    assert "Une réunion doit finir après son début" in text(response)
    assert 'value="Réunion de lancement"' in text(response)
    assert client.submit(url, data, token_from=url).status_code == 302
    meeting = db.session.query(Meeting).one()
    assert meeting.starts_at == datetime(2027, 6, 15, 12, 0, tzinfo=UTC)
    assert "15 juin 2027, 14:00" in text(client.get(_url(meeting)))


def test_registration_gives_a_seat_and_mails_an_invitation(setting, login_as, mailbox):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    user = make_user()
    assert _register(login_as, user, meeting, needs=["wheelchair", "easy_read"]).status_code == 302
    assert _status(user, meeting) == RegistrationStatus.CONFIRMED
    [message] = mailbox.to(user.email)
    assert "Votre place est réservée" in mailbox.body(message)
    calendar = _invitation(message)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar.walk("VEVENT")[0]["UID"] == meeting.uid


def test_full_meeting_puts_people_on_a_waiting_list_and_promotes_on_cancellation(setting, login_as, mailbox):
    group, organizer = setting
    meeting = make_meeting(group, organizer, capacity=2)
    first, second, third = make_user(), make_user(), make_user()
    for user in (first, second, third):
        _register(login_as, user, meeting)
    assert _status(third, meeting) == RegistrationStatus.WAITING
    assert "liste d'attente" in mailbox.body(mailbox.to(third.email)[0])
    page = text(login_as(third).get(_url(meeting)))
    assert "Sur liste d'attente" in page
    client = login_as(first)
    assert client.submit(_url(meeting, "/inscription/annuler"), token_from=_url(meeting)).status_code == 302
    assert _status(first, meeting) == RegistrationStatus.CANCELLED
    assert _status(third, meeting) == RegistrationStatus.CONFIRMED
    promoted = mailbox.to(third.email)[-1]
    assert "une place s'est libérée" in mailbox.body(promoted)
    assert _invitation(promoted)["METHOD"] == "REQUEST"
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).seats_taken == 2


def test_group_meetings_are_for_members_only(setting, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer, is_public=False)
    outsider = make_user()
    assert login_as(outsider).get(_url(meeting)).status_code == 403
    assert _register(login_as, outsider, meeting).status_code == 403
    _stakeholder, member = make_member(group, organizer)
    assert _register(login_as, member, meeting).status_code == 302
    assert _status(member, meeting) == RegistrationStatus.CONFIRMED


def test_facilitators_see_the_totals_of_accessibility_needs(setting, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    for needs in (["sign_language"], ["sign_language", "wheelchair"], []):
        _register(login_as, make_user(), meeting, needs=needs)
    page = text(login_as(organizer).get(_url(meeting)))
    assert "Interprète en langue des signes</th><td>2" in page
    assert "Accès en fauteuil roulant</th><td>1" in page
    participant_page = text(login_as(make_user()).get(_url(meeting)))
    assert "Interprète en langue des signes</th>" not in participant_page


def test_ics_keeps_its_uid_and_increases_its_sequence_with_each_change(setting, client, login_as, mailbox):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    user = make_user()
    _register(login_as, user, meeting)
    first = Calendar.from_ical(client.get(_url(meeting, "/invitation.ics")).data)
    event = first.walk("VEVENT")[0]
    assert first.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Paris"
    edit = {
        "title": "Réunion déplacée",
        "is_public": "y",
        "starts_at": "2027-05-20T09:30",
        "ends_at": "2027-05-20T12:00",
        "capacity": "12",
    }
    url = _url(meeting, "/modifier")
    assert login_as(organizer).submit(url, edit, token_from=url).status_code == 302
    second = Calendar.from_ical(client.get(_url(meeting, "/invitation.ics")).data).walk("VEVENT")[0]
    assert second["UID"] == event["UID"]
    assert second["SEQUENCE"] > event["SEQUENCE"]
    assert second.decoded("DTSTART") == datetime(2027, 5, 20, 7, 30, tzinfo=UTC)
    updated = mailbox.to(user.email)[-1]
    assert "La réunion a changé" in mailbox.body(updated)
    assert _invitation(updated).walk("VEVENT")[0]["SEQUENCE"] == second["SEQUENCE"]
    login_as(organizer).submit(_url(meeting, "/annuler"), {"reason": "Salle indisponible"}, token_from=_url(meeting))
    cancelled = mailbox.to(user.email)[-1]
    assert "Salle indisponible" in mailbox.body(cancelled)
    calendar = _invitation(cancelled)
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["SEQUENCE"] > second["SEQUENCE"]


def test_ics_of_a_meeting_on_the_daylight_saving_change_day(setting, client):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    # 28 March 2027: clocks go from 02:00 to 03:00 in Paris; 10:00 is then UTC+2.
    meeting.starts_at = datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    meeting.ends_at = datetime(2027, 3, 28, 10, 0, tzinfo=UTC)
    db.session.commit()
    calendar = Calendar.from_ical(client.get(_url(meeting, "/invitation.ics")).data)
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, start.tzinfo.key) == (10, 0, "Europe/Paris")
    assert start.utcoffset() == timedelta(hours=2)
    assert "TZID=Europe/Paris:20270328T100000" in calendar.to_ical().decode()


def test_group_calendar_feed_lists_its_meetings(setting, client):
    group, organizer = setting
    make_meeting(group, organizer, title="Atelier un")
    make_meeting(group, organizer, title="Atelier deux", starts_in=timedelta(days=9))
    make_meeting(group, organizer, title="Atelier privé", is_public=False)
    response = client.get(f"/concertations/{group.process.slug}/groupes/{group.slug}/calendrier.ics")
    assert response.mimetype == "text/calendar"
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.data).walk("VEVENT")}
    assert titles == {"Atelier un", "Atelier deux"}


def test_reminder_is_mailed_once_the_day_before(setting, login_as, mailbox):
    group, organizer = setting
    soon = make_meeting(group, organizer, starts_in=timedelta(hours=20), title="Demain")
    later = make_meeting(group, organizer, starts_in=timedelta(days=5), title="Plus tard")
    user = make_user()
    _register(login_as, user, soon)
    _register(login_as, user, later)
    mailbox.deliver()
    mailbox.deliver()
    reminders = [m for m in mailbox.to(user.email) if "Rappel" in m["Subject"]]
    assert len(reminders) == 1
    assert "Demain" in mailbox.body(reminders[0])
    db.session.expire_all()
    assert db.session.get(Meeting, soon.id).reminder_sent_at is not None
    assert db.session.get(Meeting, later.id).reminder_sent_at is None


def test_minutes_are_read_by_visitors_only_once_published(setting, client, login_as, mailbox):
    group, organizer = setting
    meeting = make_meeting(group, organizer, is_public=False, starts_in=-timedelta(hours=3))
    stakeholder, member = make_member(group, organizer, name="France Alzheimer Drôme")
    registration = make_registration(member, meeting)
    minutes_url = _url(meeting, "/compte-rendu")
    facilitator = login_as(organizer)
    facilitator.submit(
        minutes_url,
        {"minutes_md": "Décision : **pilote à Crest**", "attended": [registration.id]},
        token_from=minutes_url,
    )
    assert client.get(_url(meeting)).status_code in (302, 403)
    assert "pilote à Crest" in text(facilitator.get(_url(meeting)))
    assert login_as(make_user()).get(_url(meeting)).status_code == 403
    response = facilitator.submit(
        minutes_url,
        {"minutes_md": "Décision : **pilote à Crest**", "attended": [registration.id], "publish": "y"},
        token_from=minutes_url,
    )
    assert response.status_code == 302
    page = text(client.get(_url(meeting)))
    assert "<strong>pilote à Crest</strong>" in page
    assert "France Alzheimer Drôme : 1 personne" in page
    assert any("compte rendu" in mailbox.body(m) for m in mailbox.to(member.email))


def test_meeting_forms_refuse_a_missing_csrf_token(setting, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    client = login_as(make_user())
    assert client.post(_url(meeting, "/inscription"), data={}).status_code == 400
    assert db.session.query(Registration).count() == 0


@pytest.mark.skipif(not ON_POSTGRES, reason="real concurrency needs PostgreSQL (SQLite serializes every writer)")
def test_simultaneous_registrations_for_the_last_seats_give_exactly_capacity_seats(
    app, setting, login_as, real_commits
):
    group, organizer = setting
    meeting = make_meeting(group, organizer, capacity=3)
    clients = []
    for _ in range(10):
        client = login_as(make_user())
        clients.append((client, client.csrf_token(_url(meeting))))
    barrier = threading.Barrier(len(clients))
    url = _url(meeting, "/inscription")

    def register(client, token):
        with app.app_context():
            barrier.wait()
            client.post(url, data={"csrf_token": token})

    threads = [threading.Thread(target=register, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    statuses = [r.status for r in db.session.query(Registration).filter_by(meeting_id=meeting.id)]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITING) == 7
    assert db.session.get(Meeting, meeting.id).seats_taken == 3


def test_registrations_are_in_my_data_and_needs_go_with_the_account(setting, login_as):
    from tests.factories import PASSWORD

    group, organizer = setting
    meeting = make_meeting(group, organizer, title="Atelier aidants")
    user = make_user()
    _register(login_as, user, meeting, needs=["hearing_loop"])
    client = login_as(user)
    data = client.get("/profil/mes-donnees.json").get_json()
    [row] = data["meeting_registrations"]
    assert row["meeting"] == "Atelier aidants" and row["accessibility_needs"] == ["hearing_loop"]
    client.submit("/profil/supprimer", {"password": PASSWORD, "confirm": "y"}, token_from="/profil/supprimer")
    db.session.expire_all()
    assert db.session.query(Registration).filter_by(user_id=user.id).one().needs == []


def test_meeting_page_keeps_a_constant_number_of_queries(setting, login_as, count_queries):
    group, organizer = setting
    meeting = make_meeting(group, organizer, capacity=5)
    url = _url(meeting)
    facilitator = login_as(organizer)
    counts = []
    for size in (2, 12):
        while db.session.query(Registration).filter_by(meeting_id=meeting.id).count() < size:
            _register(login_as, make_user(), meeting, needs=["easy_read"])
        with count_queries() as queries:
            assert facilitator.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_attendance_adds_people_who_came_without_registering(setting, client, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer, is_public=True, starts_in=-timedelta(hours=3))
    _stakeholder, member = make_member(group, organizer, name="France Alzheimer Drôme")
    registration = make_registration(member, meeting)
    minutes_url = _url(meeting, "/compte-rendu")
    facilitator = login_as(organizer)
    walk_ins = "Jeanne Martin, France Alzheimer Drôme\n\nPaul Roux, CCAS de Crest\nLéa Petit"
    response = facilitator.submit(
        minutes_url,
        {"minutes_md": "Relevé.", "attended": [registration.id], "walk_ins": walk_ins, "publish": "y"},
        token_from=minutes_url,
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(meeting), meeting.id).walk_ins == [
        {"name": "Jeanne Martin", "organisation": "France Alzheimer Drôme"},
        {"name": "Paul Roux", "organisation": "CCAS de Crest"},
        {"name": "Léa Petit", "organisation": ""},
    ]
    page = text(client.get(_url(meeting)))
    assert "France Alzheimer Drôme : 2 personnes" in page
    assert "CCAS de Crest : 1 personne" in page
    assert "À titre personnel : 1 personne" in page
    assert "Paul Roux, CCAS de Crest" in text(facilitator.get(minutes_url))


def test_a_walk_in_name_too_long_keeps_the_typed_text(setting, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer, starts_in=-timedelta(hours=3))
    minutes_url = _url(meeting, "/compte-rendu")
    typed = "x" * 130 + ", Association"
    response = login_as(organizer).submit(minutes_url, {"minutes_md": "", "walk_ins": typed}, token_from=minutes_url)
    assert response.status_code == 400
    assert typed in text(response)
    db.session.expire_all()
    assert db.session.get(type(meeting), meeting.id).walk_ins == []
