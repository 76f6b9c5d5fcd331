"""A decision sent several times at once (double click, several tabs) is recorded, audited and mailed once."""

import threading

import pytest
from sqlalchemy import func, select

from consult.audit import AuditEntry
from consult.db import db
from consult.stakeholders.services.representatives import request_representation
from tests.factories import make_process, make_stakeholder, make_user

TIMES = 6


def _at_once(app, client, url):
    """POST ``url`` TIMES at the same moment from one signed-in client's session; return the statuses."""
    token = client.csrf_token()
    barrier = threading.Barrier(TIMES)
    statuses = []

    def send():
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(url, data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=send) for _ in range(TIMES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _audits(action):
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))


@pytest.fixture
def registry(app, login_as, real_commits):
    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer, name="APF France handicap")
    return process, stakeholder, login_as(organizer)


def test_a_representative_confirmed_several_times_at_once_is_confirmed_once(app, registry, mailbox):
    process, stakeholder, client = registry
    person = make_user("nadia@exemple.fr")
    with app.test_request_context("/"):
        representative = request_representation(person, process, stakeholder)
    mailbox.deliver()
    url = f"/concertations/{process.slug}/representants/{representative.id}/confirmer"
    assert set(_at_once(app, client, url)) == {302}
    assert _audits("stakeholder.representative_confirmed") == 1
    assert len(mailbox.to("nadia@exemple.fr")) == 1


def test_a_stakeholder_archived_several_times_at_once_is_archived_once(app, registry):
    process, stakeholder, client = registry
    url = f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}/archiver"
    assert set(_at_once(app, client, url)) == {302}
    assert _audits("stakeholder.archive") == 1


def test_an_invitation_sent_several_times_at_once_is_sent_once(app, registry, mailbox):
    from consult.stakeholders.models import Invitation

    process, stakeholder, client = registry
    url = f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}/inviter"
    assert set(_at_once(app, client, url)) == {302}
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1
    assert _audits("stakeholder.invite") == 1
    assert len(mailbox.to(stakeholder.contact_email)) == 1
