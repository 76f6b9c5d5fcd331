"""The `flask consult` commands: demo, worker, first admin."""

import pytest

from consult.auth.models import User
from consult.db import db
from consult.mail import OutboxMail, queue_mail
from consult.processes.models import Process
from tests.factories import make_user


def test_demo_loads_a_living_concertation_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["consult", "demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "organisatrice@demo.concertation.fr" in result.output
    assert "Concertation-Demo-2027" in result.output
    process = db.session.query(Process).filter_by(slug="schema-autonomie-2027-2031").one()
    assert process.is_published and len(process.phases) == 6
    users = db.session.query(User).count()
    again = runner.invoke(args=["consult", "demo", "--if-empty"])
    assert "déjà" in again.output or "already" in again.output
    assert db.session.query(User).count() == users


@pytest.mark.parametrize("command", ["worker", "send-mail"])  # send-mail: the deprecated former name
def test_worker_once_delivers_the_outbox(app, mailbox, command):
    user = make_user()
    address = user.email
    queue_mail(address, "auth_reset_password", "Sujet", user=user, reset_url="http://localhost/x")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["consult", command, "--once"])
    assert result.exit_code == 0, result.output
    assert "1 sent" in result.output
    assert [m["To"] for m in mailbox.catcher.messages] == [address]
    assert db.session.query(OutboxMail).one().sent_at is not None


def test_create_admin_makes_a_confirmed_administrator(app):
    result = app.test_cli_runner().invoke(
        args=["consult", "create-admin", "chef@exemple.fr", "--name", "Chef"],
        input="Une phrase secrete tres longue\nUne phrase secrete tres longue\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.query(User).filter_by(email="chef@exemple.fr").one()
    assert user.is_admin and user.is_confirmed
