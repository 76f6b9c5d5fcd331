"""Background work is claimed before it runs: any number of workers send each mail once."""

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult import mail as outbox
from consult.claims import claim
from consult.db import atomic, db, utcnow
from consult.mail import OutboxMail, deliver_pending, message_id, queue_mail
from consult.worker import run_once
from tests.factories import make_user


def _queue(count, recipient="personne@exemple.fr"):
    with atomic():
        for n in range(count):
            queue_mail(recipient, "auth_reset_password", f"Sujet {n}", user=None, reset_url=f"http://localhost/{n}")


def _message_ids(mailbox):
    return [m["Message-ID"] for m in mailbox.catcher.messages]


def _slow_smtp(monkeypatch, seconds=0.01):
    send = outbox._send

    def slow_send(row):
        time.sleep(seconds)  # a real SMTP conversation takes time: the workers' turns interleave
        send(row)

    monkeypatch.setattr(outbox, "_send", slow_send)


def test_two_workers_send_each_of_42_mails_exactly_once(app, real_commits, mailbox, monkeypatch):
    _queue(42)
    _slow_smtp(monkeypatch)
    start = threading.Barrier(2)
    totals = {}

    def work(name, delay):
        with app.app_context():
            start.wait()
            time.sleep(delay)  # the second starts while the first is sending (before: 41 of 42 sent twice)
            totals[name] = deliver_pending(worker=name)
            db.session.remove()

    threads = [threading.Thread(target=work, args=(f"worker-{n}", n * 0.15)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = _message_ids(mailbox)
    assert len(ids) == 42 and len(set(ids)) == 42
    assert sum(sent for sent, _failed in totals.values()) == 42
    assert all(sent > 0 for sent, _failed in totals.values()), totals  # both took part
    assert db.session.scalar(select(db.func.count()).where(OutboxMail.sent_at.is_(None))) == 0


def test_a_mail_claimed_by_a_live_worker_is_left_to_it(app, mailbox):
    _queue(1)
    now = utcnow()
    lease = timedelta(seconds=app.config["WORKER_LEASE_SECONDS"])
    assert len(claim(OutboxMail, worker="busy", lease=lease, now=now)) == 1
    assert deliver_pending(now + timedelta(seconds=1), worker="other") == (0, 0)
    assert mailbox.catcher.messages == []


def test_an_expired_lease_is_taken_over_and_the_resend_keeps_its_message_id(app, real_commits, mailbox):
    _queue(1)
    row = db.session.scalars(select(OutboxMail)).one()
    now = utcnow()
    lease = timedelta(seconds=app.config["WORKER_LEASE_SECONDS"])
    # A worker claims the mail, the SMTP server accepts it, and the worker dies before recording it.
    assert claim(OutboxMail, worker="killed", lease=lease, now=now) == [row.id]
    outbox._send(row)
    assert deliver_pending(now + lease - timedelta(seconds=1), worker="survivor") == (0, 0)
    assert deliver_pending(now + lease + timedelta(seconds=1), worker="survivor") == (1, 0)
    assert _message_ids(mailbox) == [message_id(row.id)] * 2  # the one duplicate is recognisable
    db.session.expire_all()
    assert db.session.get(OutboxMail, row.id).sent_at is not None
    assert deliver_pending(now + 2 * lease, worker="survivor") == (0, 0)


def test_each_mail_carries_a_stable_message_id_from_its_row_and_domain(app, mailbox):
    _queue(2)
    mailbox.deliver()
    rows = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert _message_ids(mailbox) == [f"<outbox-{row.id}@localhost>" for row in rows]


def _fail_for_good(app):
    app.extensions["mail"].port, port = 1, app.extensions["mail"].port
    try:
        moment = utcnow()
        for _ in range(app.config["MAIL_MAX_ATTEMPTS"]):
            deliver_pending(moment)
            moment += timedelta(hours=7)
    finally:
        app.extensions["mail"].port = port


def test_a_failed_mail_is_shown_to_admins_and_requeued_from_their_page(app, login_as, mailbox):
    from consult.audit import AuditEntry

    _queue(1, recipient="attente@exemple.fr")
    _fail_for_good(app)
    row = db.session.scalars(select(OutboxMail)).one()
    assert row.failed_at is not None and mailbox.catcher.messages == []
    admin = login_as(make_user(admin=True))
    page = admin.get("/admin/envois-en-echec").get_data(as_text=True)
    assert "attente@exemple.fr" in page and "Sujet 0" in page
    response = admin.submit(f"/admin/envois-en-echec/courriels/{row.id}", token_from="/admin/envois-en-echec")
    assert response.status_code == 302
    again = admin.submit(f"/admin/envois-en-echec/courriels/{row.id}", token_from="/admin/envois-en-echec")
    assert again.status_code == 302
    assert [m["To"] for m in mailbox.deliver()] == ["attente@exemple.fr"]
    assert db.session.query(AuditEntry).filter_by(action="mail.requeue").count() == 1
    assert "attente@exemple.fr" not in admin.get("/admin/envois-en-echec").get_data(as_text=True)


def test_only_admins_see_and_retry_failed_work(app, login_as):
    _queue(1)
    _fail_for_good(app)
    row = db.session.scalars(select(OutboxMail)).one()
    participant = login_as(make_user())
    assert participant.get("/admin/envois-en-echec").status_code == 403
    refused = participant.submit(f"/admin/envois-en-echec/courriels/{row.id}")
    assert refused.status_code == 403
    assert db.session.get(OutboxMail, row.id).failed_at is not None


@pytest.fixture
def extra_task(app):
    tasks = app.extensions["worker_tasks"]
    kept = list(tasks)

    def register(func):
        tasks.append(func)
        return func

    yield register
    tasks[:] = kept


def test_a_slow_task_does_not_hold_the_mail_queued_before_it(app, mailbox, extra_task):
    _queue(1)
    seen = []

    @extra_task
    def slow_build(now):
        seen.append(len(mailbox.catcher.messages))  # the mail already left when the slow job starts
        with atomic():
            queue_mail("apres@exemple.fr", "auth_reset_password", "Après", user=None, reset_url="http://localhost/")

    assert run_once() == (2, 0)
    assert seen == [1]
    assert [m["To"] for m in mailbox.catcher.messages][-1] == "apres@exemple.fr"


def test_production_warns_when_rate_limits_are_kept_per_process(caplog):
    from config import ProductionConfig
    from consult import create_app

    class Prod(ProductionConfig):
        SECRET_KEY = "a-long-random-secret-value-for-production"
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        REDIS_URL = None

    class ProdWithRedis(Prod):
        REDIS_URL = "redis://127.0.0.1:6379/15"

    with caplog.at_level("WARNING", logger="consult.production"):
        create_app(Prod)
    assert "REDIS_URL" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="consult.production"):
        create_app(ProdWithRedis)
    assert "REDIS_URL" not in caplog.text


def test_mail_claimed_is_handed_back_when_the_lease_would_run_out(app, mailbox):
    _queue(3)
    app.config["WORKER_LEASE_SECONDS"], lease = 0, app.config["WORKER_LEASE_SECONDS"]
    try:
        assert deliver_pending(worker="slow") == (0, 0)  # no time left for any: all handed back
    finally:
        app.config["WORKER_LEASE_SECONDS"] = lease
    free = db.session.scalar(select(db.func.count()).where(OutboxMail.claimed_by.is_(None)))
    assert free == 3
    assert deliver_pending(worker="other") == (3, 0)
