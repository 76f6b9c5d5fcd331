"""Notification mail: preferences per kind, one-click unsubscribe from the mail alone, digests once, in batches."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from consult.db import db, utcnow
from consult.notifications import fanout
from consult.notifications.mailing import period_edge
from consult.notifications.models import Delivery, Notification, NotificationPreference
from consult.notifications.services import effective_preferences, set_preferences
from consult.processes.services import add_organizer
from tests.factories import make_follow, make_process, make_user, run_worker
from tests.helpers import text

NEXT_WEEK = timedelta(days=8)


def _organizers_with_colleague():
    """An organizer adding a colleague: the colleague gets an "organizer_added" notification, mailed at once."""
    organizer, colleague = make_user(), make_user()
    process = make_process(organizer, title="Schéma des solidarités")
    return organizer, colleague, process


def _add(organizer, process, user):
    add_organizer(organizer, process, user.email)


def test_things_addressed_to_you_are_mailed_at_once_with_unsubscribe_headers(mailbox):
    organizer, colleague, process = _organizers_with_colleague()
    _add(organizer, process, colleague)
    run_worker()
    run_worker()  # a second pass mails nothing more

    [mail] = mailbox.to(colleague.email)
    assert mail["Subject"] == f"{colleague.display_name} organise maintenant « Schéma des solidarités »."
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mailbox.link(mail, "/notifications/desabonnement/") in mail["List-Unsubscribe"]


def test_the_unsubscribe_link_works_from_the_mail_alone(client, mailbox):
    organizer, colleague, process = _organizers_with_colleague()
    _add(organizer, process, colleague)
    run_worker()
    [mail] = mailbox.to(colleague.email)
    link = mailbox.link(mail, "/notifications/desabonnement/")

    page = client.get(link)  # opening the link (or a mail scanner fetching it) changes nothing
    assert page.status_code == 200
    assert "Un nouvel organisateur" in text(page)
    assert effective_preferences(colleague.id)["organizer_added"] == Delivery.IMMEDIATE

    assert client.post(link).status_code == 200  # the button of that page: no sign-in, no form token
    assert effective_preferences(colleague.id)["organizer_added"] == Delivery.NEVER
    other = make_user()
    _add(organizer, process, other)
    run_worker()
    assert len(mailbox.to(colleague.email)) == 1


def test_mail_clients_unsubscribe_in_one_post(client, mailbox):
    organizer, colleague, process = _organizers_with_colleague()
    _add(organizer, process, colleague)
    run_worker()
    [mail] = mailbox.to(colleague.email)
    url = mail["List-Unsubscribe"].strip("<>").replace("http://localhost", "")

    response = client.post(url, data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert effective_preferences(colleague.id)["organizer_added"] == Delivery.NEVER


def test_a_tampered_unsubscribe_link_changes_nothing(client, mailbox):
    organizer, colleague, process = _organizers_with_colleague()
    _add(organizer, process, colleague)
    run_worker()
    link = mailbox.link(mailbox.to(colleague.email)[0], "/notifications/desabonnement/")
    assert client.post(link[:-3] + "abc").status_code == 400
    assert db.session.scalar(select(func.count()).select_from(NotificationPreference)) == 0


def test_the_preferences_page_saves_a_choice_per_kind(login_as):
    person = make_user()
    client = login_as(person)
    page = text(client.get("/profil/notifications"))
    assert "Une nouvelle version d’un projet" in page

    response = client.submit("/profil/notifications", {**_current(person), "version_published": "weekly"})

    assert response.status_code == 302
    assert effective_preferences(person.id)["version_published"] == Delivery.WEEKLY
    assert effective_preferences(person.id)["join_requested"] == Delivery.IMMEDIATE


def _current(person):
    return {kind: delivery.value for kind, delivery in effective_preferences(person.id).items()}


def test_an_unknown_delivery_is_refused_and_nothing_is_saved(login_as):
    person = make_user()
    response = login_as(person).submit("/profil/notifications", {**_current(person), "version_published": "hourly"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(NotificationPreference)) == 0


def test_never_by_mail_still_shows_the_notification_in_the_app(mailbox):
    organizer, colleague, process = _organizers_with_colleague()
    set_preferences(colleague, {"organizer_added": Delivery.NEVER})
    _add(organizer, process, colleague)
    run_worker()
    assert mailbox.to(colleague.email) == []
    assert db.session.scalar(select(func.count()).where(Notification.user_id == colleague.id)) == 1


def test_a_weekly_digest_gathers_the_week_and_is_built_once(mailbox):
    organizer, colleague, process = _organizers_with_colleague()
    set_preferences(colleague, {"organizer_added": Delivery.WEEKLY})
    _add(organizer, process, colleague)
    _add(organizer, process, make_user())
    run_worker()
    assert mailbox.to(colleague.email) == []

    run_worker(utcnow() + NEXT_WEEK)
    run_worker(utcnow() + NEXT_WEEK)

    [digest] = mailbox.to(colleague.email)
    assert digest["Subject"] == "Votre résumé de la semaine"
    assert mailbox.body(digest).count("organise maintenant") == 2


def test_digest_periods_are_paris_days_and_iso_weeks():
    thursday_night = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)  # already Friday 00:30 in Paris
    assert period_edge(Delivery.DAILY, thursday_night) == ("2026-12-03", datetime(2026, 12, 3, 23, 0, tzinfo=UTC))
    key, end = period_edge(Delivery.WEEKLY, thursday_night)
    assert key == "2026-W48"
    assert end == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)  # Monday 30 November, midnight in Paris


def test_fan_out_goes_in_batches_and_resumes_where_it_stopped(monkeypatch):
    monkeypatch.setattr(fanout, "BATCH_SIZE", 2)
    organizer = make_user()
    process = make_process(organizer)
    followers = [make_user() for _ in range(5)]
    for person in followers:
        make_follow(person, "process", process.id)
    from consult.notifications.models import Audience, TargetType
    from consult.notifications.services import record_event

    record_event(
        "report_published",
        Audience.FOLLOWERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        title=process.title,
        endpoint="processes.show",
        values={"slug": process.slug},
    )
    db.session.commit()
    event = fanout._claim_next_event(utcnow())
    assert fanout._expand_batch(event, utcnow()) is True
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 2

    run_worker()  # the event is still held by the first worker, which we pretend died
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 2

    run_worker(utcnow() + fanout.CLAIM + timedelta(minutes=1))  # its claim ran out: another worker resumes

    assert db.session.scalar(select(func.count()).select_from(Notification)) == 5
    assert fanout._claim_next_event(utcnow()) is None
