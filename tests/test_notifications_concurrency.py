"""Several workers at once: each event is fanned out once, each digest built and mailed once.

Real threads with real commits; on SQLite the writers queue (BEGIN IMMEDIATE), on PostgreSQL they overlap
(SKIP LOCKED on the event claim, the unique (person, period) row of the digest).
"""

import threading
from datetime import timedelta

from sqlalchemy import func, select

from consult.db import db, utcnow
from consult.mail import OutboxMail
from consult.notifications.fanout import expand_events
from consult.notifications.mailing import build_digests
from consult.notifications.models import Audience, Delivery, Digest, Notification, TargetType
from consult.notifications.services import record_event, set_preferences
from consult.processes.services import add_organizer
from tests.factories import make_follow, make_process, make_user

WORKERS = 4


def _workers_at_once(app, task, now):
    barrier = threading.Barrier(WORKERS)
    errors = []

    def work():
        with app.app_context():
            try:
                barrier.wait()
                task(now)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def _count(query):
    db.session.commit()  # a fresh snapshot of what the threads committed
    return db.session.scalar(query)


def test_simultaneous_workers_fan_each_event_out_once(app, real_commits):
    organizer = make_user()
    processes = [make_process(organizer) for _ in range(3)]
    people = [make_user() for _ in range(20)]
    for process in processes:
        for person in people:
            make_follow(person, "process", process.id)
        add_organizer(organizer, process, people[0].email)  # one event per process, to its organizers

    for process in processes:
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

    _workers_at_once(app, expand_events, utcnow())

    assert _count(select(func.count()).select_from(Notification)) == 3 * 20 + 3
    duplicates = select(Notification.user_id, Notification.event_id).group_by(
        Notification.user_id, Notification.event_id
    )
    assert _count(select(func.count()).select_from(duplicates.having(func.count() > 1).subquery())) == 0


def test_simultaneous_workers_build_each_digest_once(app, real_commits):
    organizer, colleague = make_user(), make_user()
    process = make_process(organizer)
    add_organizer(organizer, process, colleague.email)
    set_preferences(colleague, {"organizer_added": Delivery.DAILY})
    add_organizer(organizer, process, make_user().email)
    expand_events(utcnow())
    mails_before = _count(select(func.count()).select_from(OutboxMail))

    _workers_at_once(app, build_digests, utcnow() + timedelta(days=1, hours=1))

    assert _count(select(func.count()).select_from(Digest).where(Digest.user_id == colleague.id)) == 1
    assert _count(select(func.count()).select_from(OutboxMail)) == mails_before + 1
