"""The outbox: mail is queued with the change, delivered by the worker, retried with back-off."""

from datetime import timedelta

import pytest

from consult.db import db, utcnow
from consult.mail import OutboxMail, deliver_pending, queue_mail
from tests.factories import make_user


def _queue(user):
    queue_mail(user.email, "auth_reset_password", "Sujet", user=user, reset_url="http://localhost/x")
    db.session.commit()


def test_failed_delivery_is_kept_and_retried_with_back_off(app, mailbox):
    user = make_user()
    _queue(user)
    app.config["MAIL_PORT"], port = 1, app.config["MAIL_PORT"]
    app.extensions["mail"].port = 1
    try:
        now = utcnow()
        assert deliver_pending(now) == (0, 1)
        row = db.session.query(OutboxMail).one()
        assert row.attempts == 1 and row.sent_at is None and row.last_error
        assert row.next_attempt_at == now + timedelta(minutes=2)
        assert deliver_pending(now + timedelta(minutes=1)) == (0, 0)  # not due yet
        assert deliver_pending(now + timedelta(minutes=2)) == (0, 1)
        assert db.session.query(OutboxMail).one().next_attempt_at == now + timedelta(minutes=2 + 4)
    finally:
        app.config["MAIL_PORT"] = port
        app.extensions["mail"].port = port
    assert deliver_pending(now + timedelta(minutes=10)) == (1, 0)
    assert [m["To"] for m in mailbox.catcher.messages] == [user.email]


def test_delivery_gives_up_after_the_maximum_attempts_and_keeps_the_row(app):
    user = make_user()
    _queue(user)
    app.extensions["mail"].port, port = 1, app.extensions["mail"].port
    try:
        moment = utcnow()
        for _ in range(app.config["MAIL_MAX_ATTEMPTS"]):
            deliver_pending(moment)
            moment += timedelta(hours=7)
    finally:
        app.extensions["mail"].port = port
    row = db.session.query(OutboxMail).one()
    assert row.failed_at is not None and row.sent_at is None
    assert deliver_pending(moment + timedelta(days=1)) == (0, 0)


def test_sent_mail_is_not_sent_twice(mailbox):
    _queue(make_user())
    assert len(mailbox.deliver()) == 1
    assert len(mailbox.deliver()) == 1


def test_console_delivery_when_no_smtp_server_is_configured(app, caplog):
    user = make_user()
    _queue(user)
    app.config["MAIL_SERVER"], server = None, app.config["MAIL_SERVER"]
    try:
        with caplog.at_level("INFO", logger="consult.mail"):
            assert deliver_pending() == (1, 0)
    finally:
        app.config["MAIL_SERVER"] = server
    assert user.email in caplog.text and "http://localhost/x" in caplog.text


def test_development_delivers_right_after_the_request(app, client, mailbox):
    user = make_user()
    app.config["MAIL_DELIVER_AFTER_REQUEST"] = True
    try:
        response = client.submit("/mot-de-passe/oubli", {"email": user.email})
        response.close()
    finally:
        app.config["MAIL_DELIVER_AFTER_REQUEST"] = False
    assert [m["To"] for m in mailbox.catcher.messages] == [user.email]


def test_development_delivery_waits_for_the_commit_of_the_mail(app, monkeypatch):
    from flask import g

    from consult.db import atomic

    monkeypatch.setitem(app.config, "MAIL_DELIVER_AFTER_REQUEST", True)
    user = make_user()
    with app.test_request_context("/"):
        with pytest.raises(RuntimeError), atomic():
            _queue_and_fail(user)
        assert not g.get("deliver_mail_after_request")
        with atomic():
            _queue(user)
            assert not g.get("deliver_mail_after_request")
        assert g.get("deliver_mail_after_request")


def _queue_and_fail(user):
    _queue(user)
    raise RuntimeError("rolled back")


def test_links_in_mail_end_with_their_anchor(app):
    from consult.mail import external_url

    with app.test_request_context():
        url = external_url("processes.show", slug="schema", _anchor="c11")
    assert url.endswith("/concertations/schema#c11"), url


@pytest.mark.parametrize(
    "subject",
    [
        "Votre contribution à la concertation « Schéma départemental de l'autonomie » est enregistrée",
        "Votre demande pour rejoindre un groupe de travail est enregistrée",  # found by bench/mail_census.py
    ],
)
def test_a_long_french_subject_is_not_folded_inside_a_word(app, mailbox, subject):
    from consult.db import atomic

    user = make_user("a@exemple.fr")
    with atomic():
        queue_mail(user.email, "auth_reset_password", subject, user=user, reset_url="http://localhost/x")
    [message] = mailbox.to("a@exemple.fr")
    assert message["Subject"] == subject
