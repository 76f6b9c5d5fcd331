"""What may change about a meeting and its registrations, and when: guarded by the server, not only the page."""

import os
import threading
from datetime import timedelta

import pytest

from consult.db import db
from consult.errors import NotAllowed
from consult.groups.errors import (
    AlreadyRegistered,
    MeetingCancelled,
    MeetingNotStarted,
    MeetingOver,
    MeetingStarted,
    NotYourRegistration,
)
from consult.groups.meeting_models import Meeting, Registration, RegistrationStatus
from consult.groups.services.meetings import cancel_meeting, record_minutes, update_meeting
from consult.groups.services.registrations import cancel_registration, register_for_meeting
from consult.processes.models import PhaseKind
from tests.factories import make_group, make_meeting, make_process, make_registration, make_user
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


def _full_meeting(group, organizer, starts_in):
    """A one-seat meeting: the first registrant seated, the second waiting."""
    meeting = make_meeting(group, organizer, capacity=1, starts_in=starts_in)
    seated, waiting = make_user(), make_user()
    make_registration(seated, meeting)
    make_registration(waiting, meeting)
    return meeting, seated, waiting


def _status(user, meeting):
    db.session.expire_all()
    return db.session.query(Registration).filter_by(user_id=user.id, meeting_id=meeting.id).one().status


def _promotion_mails(mailbox, user):
    return [m for m in mailbox.to(user.email) if "place s'est libérée" in mailbox.body(m)]


@pytest.mark.parametrize("starts_in", [-timedelta(hours=1), -timedelta(days=1)], ids=["under way", "over"])
def test_a_direct_post_cannot_cancel_a_registration_once_the_meeting_started(setting, login_as, mailbox, starts_in):
    group, organizer = setting
    meeting, seated, waiting = _full_meeting(group, organizer, starts_in)
    client = login_as(seated)
    assert "Annuler mon inscription" not in text(client.get(_url(meeting)))
    response = client.submit(_url(meeting, "/inscription/annuler"), token_from=_url(meeting))
    assert response.status_code == 403
    assert _status(seated, meeting) == RegistrationStatus.CONFIRMED
    assert _status(waiting, meeting) == RegistrationStatus.WAITING
    assert _promotion_mails(mailbox, waiting) == []
    assert db.session.get(Meeting, meeting.id).seats_taken == 1


def test_the_service_refuses_cancelling_after_the_start_with_a_named_error(setting):
    group, organizer = setting
    under_way, seated, _waiting = _full_meeting(group, organizer, -timedelta(hours=1))
    [registration] = db.session.query(Registration).filter_by(meeting_id=under_way.id, user_id=seated.id)
    with pytest.raises(MeetingStarted):
        cancel_registration(seated, registration)
    over, seated, _waiting = _full_meeting(group, organizer, -timedelta(days=1))
    [registration] = db.session.query(Registration).filter_by(meeting_id=over.id, user_id=seated.id)
    with pytest.raises(MeetingOver):
        cancel_registration(seated, registration)
    with pytest.raises(NotYourRegistration):
        cancel_registration(make_user(), registration)


def test_cancelling_a_registration_of_a_cancelled_meeting_promotes_nobody(setting, mailbox):
    group, organizer = setting
    meeting, seated, waiting = _full_meeting(group, organizer, timedelta(days=3))
    cancel_meeting(organizer, meeting, reason="Salle indisponible")
    registration = db.session.query(Registration).filter_by(meeting_id=meeting.id, user_id=seated.id).one()
    with pytest.raises(MeetingCancelled):
        cancel_registration(seated, registration)
    assert _status(waiting, meeting) == RegistrationStatus.WAITING
    assert _promotion_mails(mailbox, waiting) == []


def test_attendance_survives_a_late_cancellation_attempt(setting, login_as):
    group, organizer = setting
    meeting, seated, _waiting = _full_meeting(group, organizer, -timedelta(days=1))
    registration = db.session.query(Registration).filter_by(meeting_id=meeting.id, user_id=seated.id).one()
    record_minutes(organizer, meeting, attended_ids={registration.id}, minutes_md="Compte rendu", publish=True)
    login_as(seated).submit(_url(meeting, "/inscription/annuler"), token_from=_url(meeting))
    assert "1 personne" in text(login_as(organizer).get(_url(meeting)))


def test_registering_after_the_start_is_refused_by_the_service(setting):
    group, organizer = setting
    meeting = make_meeting(group, organizer, starts_in=-timedelta(minutes=5))
    with pytest.raises(MeetingStarted):
        register_for_meeting(make_user(), meeting, needs=[])
    assert db.session.query(Registration).count() == 0


def test_registering_twice_is_a_named_conflict(setting):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    user = make_user()
    make_registration(user, meeting)
    with pytest.raises(AlreadyRegistered):
        make_registration(user, meeting)


def test_minutes_wait_for_the_meeting_to_start(setting, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer)
    client = login_as(organizer)
    assert "Présences et compte rendu" not in text(client.get(_url(meeting)))
    url = _url(meeting, "/compte-rendu")
    assert client.get(url).status_code == 403
    with pytest.raises(MeetingNotStarted):
        record_minutes(organizer, meeting, attended_ids=set(), minutes_md="Trop tôt", publish=True)
    cancel_meeting(organizer, meeting)
    with pytest.raises(MeetingCancelled):
        record_minutes(organizer, meeting, attended_ids=set(), minutes_md="Annulée", publish=True, now=meeting.ends_at)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).minutes_published_at is None


def test_a_meeting_that_started_cannot_be_cancelled_and_one_that_is_over_cannot_change(setting, login_as):
    group, organizer = setting
    under_way = make_meeting(group, organizer, starts_in=-timedelta(hours=1))
    with pytest.raises(MeetingStarted):
        cancel_meeting(organizer, under_way)
    client = login_as(organizer)
    assert client.submit(_url(under_way, "/annuler"), {"reason": "x"}, token_from=_url(under_way)).status_code == 403
    over = make_meeting(group, organizer, starts_in=-timedelta(days=1))
    fields = {name: getattr(over, name) for name in ("title", "is_public", "starts_at", "ends_at", "place")}
    fields |= {"address": "", "video_url": "", "capacity": 10}
    with pytest.raises(MeetingOver):
        update_meeting(organizer, over, agenda_md="", **fields)
    assert client.get(_url(over, "/modifier")).status_code == 403
    assert "Modifier la réunion" not in text(client.get(_url(over)))


def test_outsiders_still_get_not_allowed(setting):
    group, organizer = setting
    meeting = make_meeting(group, organizer, starts_in=-timedelta(hours=1))
    with pytest.raises(NotAllowed):
        record_minutes(make_user(), meeting, attended_ids=set(), minutes_md="", publish=False)


def test_a_double_submitted_cancellation_promotes_and_mails_once(setting, login_as, mailbox):
    group, organizer = setting
    meeting, seated, waiting = _full_meeting(group, organizer, timedelta(days=3))
    client = login_as(seated)
    token = client.csrf_token(_url(meeting))
    for _ in range(2):
        response = client.post(_url(meeting, "/inscription/annuler"), data={"csrf_token": token})
        assert response.status_code == 302
    assert _status(seated, meeting) == RegistrationStatus.CANCELLED
    assert _status(waiting, meeting) == RegistrationStatus.CONFIRMED
    assert len(_promotion_mails(mailbox, waiting)) == 1
    assert db.session.get(Meeting, meeting.id).seats_taken == 1


def test_simultaneous_cancellations_promote_and_mail_once(app, setting, login_as, mailbox, real_commits):
    group, organizer = setting
    meeting, seated, waiting = _full_meeting(group, organizer, timedelta(days=3))
    late = make_user()
    make_registration(late, meeting)
    clients = []
    for _ in range(8):
        client = login_as(seated)
        clients.append((client, client.csrf_token(_url(meeting))))
    barrier = threading.Barrier(len(clients))
    statuses = []
    url = _url(meeting, "/inscription/annuler")

    def cancel(client, token):
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(url, data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=cancel, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.rollback()  # end the test's own read snapshot (SQLite WAL) to see what the threads wrote
    assert set(statuses) <= {302, 404}, statuses
    assert _status(waiting, meeting) == RegistrationStatus.CONFIRMED
    assert _status(late, meeting) == RegistrationStatus.WAITING
    assert len(_promotion_mails(mailbox, waiting)) == 1
    assert _promotion_mails(mailbox, late) == []
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).seats_taken == 1


def test_waiting_registrants_see_their_place_on_the_list(setting, login_as):
    group, organizer = setting
    meeting = make_meeting(group, organizer, capacity=1)
    people = [make_user() for _ in range(3)]
    for user in people:
        make_registration(user, meeting)
    assert "numéro" not in text(login_as(people[0]).get(_url(meeting)))
    assert "Vous êtes numéro 1 sur la liste d'attente" in text(login_as(people[1]).get(_url(meeting)))
    assert "Vous êtes numéro 2 sur la liste d'attente" in text(login_as(people[2]).get(_url(meeting)))


def test_visitors_are_invited_to_sign_in_only_while_registrations_are_open(setting, client):
    from consult.db import utcnow
    from consult.groups.services.meetings import create_meeting

    group, organizer = setting
    open_meeting = make_meeting(group, organizer)
    starts = utcnow() + timedelta(days=2)
    closed = create_meeting(
        organizer,
        group,
        title="Inscriptions closes",
        is_public=True,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Salle du conseil",
        address="",
        video_url="",
        agenda_md="",
        capacity=10,
        registration_deadline=utcnow() - timedelta(hours=1),
    )
    prompt = "Connectez-vous pour vous inscrire à cette réunion."
    assert prompt in text(client.get(_url(open_meeting)))
    assert prompt not in text(client.get(_url(closed)))


def test_raising_the_capacity_during_the_meeting_offers_nobody_a_seat(setting, mailbox):
    group, organizer = setting
    meeting, _seated, waiting = _full_meeting(group, organizer, -timedelta(hours=1))
    fields = {name: getattr(meeting, name) for name in ("title", "is_public", "starts_at", "ends_at", "place")}
    update_meeting(organizer, meeting, agenda_md="", address="", video_url="", capacity=5, **fields)
    assert _status(waiting, meeting) == RegistrationStatus.WAITING
    assert _promotion_mails(mailbox, waiting) == []
