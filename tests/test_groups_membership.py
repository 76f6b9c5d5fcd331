"""Joining working groups: each join policy, decisions mailed, leaving, removal, history, the size limit."""

import os
import threading

import pytest

from consult.db import db
from consult.groups.models import Group, JoinPolicy, Membership, MembershipStatus
from consult.processes.models import PhaseKind
from tests.factories import make_group, make_member, make_process, make_representative, make_stakeholder, make_user
from tests.helpers import text

ON_POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    return process, organizer


def _url(group, suffix=""):
    return f"/concertations/{group.process.slug}/groupes/{group.slug}{suffix}"


def _membership(group, stakeholder):
    db.session.expire_all()
    return db.session.query(Membership).filter_by(group_id=group.id, stakeholder_id=stakeholder.id).one()


def test_representative_joins_an_open_group_at_once(setting, login_as, mailbox):
    process, organizer = setting
    group = make_group(process, organizer, join_policy=JoinPolicy.OPEN)
    stakeholder = make_stakeholder(process, organizer, name="France Alzheimer Drôme")
    user = make_representative(stakeholder)
    client = login_as(user)
    response = client.submit(_url(group, "/rejoindre"), {"stakeholder_id": stakeholder.id}, token_from=_url(group))
    assert response.status_code == 302
    assert _membership(group, stakeholder).status == MembershipStatus.ACTIVE
    assert "France Alzheimer Drôme" in text(client.get(_url(group)))
    # (the other mail is the confirmation of the representation, made by make_representative)
    [message] = [m for m in mailbox.to(user.email) if "groupe de travail" in m["Subject"]]
    assert "est désormais membre" in mailbox.body(message)


def test_request_is_accepted_by_a_facilitator_and_mailed(setting, login_as, mailbox):
    process, organizer = setting
    group = make_group(process, organizer, join_policy=JoinPolicy.ON_REQUEST)
    stakeholder = make_stakeholder(process, organizer, name="APF France handicap")
    user = make_representative(stakeholder)
    login_as(user).submit(
        _url(group, "/rejoindre"),
        {"stakeholder_id": stakeholder.id, "message": "Nous voulons aider"},
        token_from=_url(group),
    )
    membership = _membership(group, stakeholder)
    assert membership.status == MembershipStatus.REQUESTED
    facilitator = make_representative(make_stakeholder(process, organizer))
    from consult.groups.services.groups import add_facilitator

    add_facilitator(organizer, group, facilitator.email)
    client = login_as(facilitator)
    page = text(client.get(_url(group, "/membres")))
    assert "APF France handicap" in page and "Nous voulons aider" in page
    response = client.submit(
        _url(group, f"/adhesions/{membership.id}/decision"),
        {"decision": "accept", "message": "Bienvenue !"},
        token_from=_url(group, "/membres"),
    )
    assert response.status_code == 302
    assert _membership(group, stakeholder).status == MembershipStatus.ACTIVE
    bodies = [mailbox.body(m) for m in mailbox.to(user.email)]
    assert any("est acceptée" in b and "Bienvenue !" in b for b in bodies)


def test_request_declined_with_a_message(setting, login_as, mailbox):
    process, organizer = setting
    group = make_group(process, organizer)
    stakeholder = make_stakeholder(process, organizer)
    user = make_representative(stakeholder)
    login_as(user).submit(_url(group, "/rejoindre"), {"stakeholder_id": stakeholder.id}, token_from=_url(group))
    membership = _membership(group, stakeholder)
    login_as(organizer).submit(
        _url(group, f"/adhesions/{membership.id}/decision"),
        {"decision": "decline", "message": "Le groupe est complet pour cette étape."},
    )
    assert _membership(group, stakeholder).status == MembershipStatus.DECLINED
    assert any("est refusée" in mailbox.body(m) for m in mailbox.to(user.email))


def test_invitation_only_group_refuses_requests_and_takes_invited_organisations(setting, login_as, mailbox):
    process, organizer = setting
    group = make_group(process, organizer, join_policy=JoinPolicy.ON_INVITATION)
    stakeholder = make_stakeholder(process, organizer, name="CCAS de Valence")
    user = make_representative(stakeholder)
    client = login_as(user)
    assert "Demander à rejoindre" not in text(client.get(_url(group)))
    assert client.submit(_url(group, "/rejoindre"), {"stakeholder_id": stakeholder.id}).status_code == 403
    response = login_as(organizer).submit(
        _url(group, "/membres"), {"stakeholder_id": stakeholder.id}, token_from=_url(group, "/membres")
    )
    assert response.status_code == 302
    assert any("est invitée" in mailbox.body(m) for m in mailbox.to(user.email))
    membership = _membership(group, stakeholder)
    page = text(client.get(_url(group)))
    assert "Accepter l'invitation" in page
    client.submit(_url(group, f"/adhesions/{membership.id}/reponse"), {"decision": "accept"}, token_from=_url(group))
    assert _membership(group, stakeholder).status == MembershipStatus.ACTIVE


def test_only_representatives_act_for_their_organisation(setting, login_as):
    process, organizer = setting
    group = make_group(process, organizer, join_policy=JoinPolicy.OPEN)
    stakeholder = make_stakeholder(process, organizer)
    make_representative(stakeholder)
    intruder = make_user()
    response = login_as(intruder).submit(_url(group, "/rejoindre"), {"stakeholder_id": stakeholder.id})
    assert response.status_code == 400  # not one of their organisations: not a valid choice
    assert db.session.query(Membership).count() == 0


def test_member_leaves_and_organizer_removes_with_a_reason_kept_in_history(setting, login_as, mailbox):
    process, organizer = setting
    group = make_group(process, organizer)
    first, first_user = make_member(group, organizer, name="UDAF")
    second, second_user = make_member(group, organizer, name="Mutualité")
    membership = _membership(group, first)
    login_as(first_user).submit(_url(group, f"/adhesions/{membership.id}/quitter"), token_from=_url(group))
    assert _membership(group, first).status == MembershipStatus.LEFT
    other = _membership(group, second)
    client = login_as(organizer)
    assert client.submit(_url(group, f"/adhesions/{other.id}/retirer"), {"reason": ""}).status_code == 400
    client.submit(_url(group, f"/adhesions/{other.id}/retirer"), {"reason": "Absences répétées"})
    assert _membership(group, second).status == MembershipStatus.REMOVED
    assert any("Absences répétées" in mailbox.body(m) for m in mailbox.to(second_user.email))
    history = text(client.get(_url(group, "/membres")))
    assert "A quitté le groupe" in history and "Retirée" in history and "Absences répétées" in history
    db.session.expire_all()
    assert db.session.get(Group, group.id).member_count == 0


def test_size_limit_refuses_the_accept_beyond_it(setting, login_as):
    process, organizer = setting
    group = make_group(process, organizer, size_limit=1)
    make_member(group, organizer)
    stakeholder = make_stakeholder(process, organizer)
    user = make_representative(stakeholder)
    login_as(user).submit(_url(group, "/rejoindre"), {"stakeholder_id": stakeholder.id}, token_from=_url(group))
    membership = _membership(group, stakeholder)
    response = login_as(organizer).submit(
        _url(group, f"/adhesions/{membership.id}/decision"), {"decision": "accept"}, follow_redirects=True
    )
    assert "Le groupe est complet" in text(response)
    assert _membership(group, stakeholder).status == MembershipStatus.REQUESTED


@pytest.mark.skipif(not ON_POSTGRES, reason="real concurrency needs PostgreSQL (SQLite serializes every writer)")
def test_size_limit_holds_under_simultaneous_accepts(app, setting, login_as, real_commits):
    process, organizer = setting
    group = make_group(process, organizer, size_limit=2)
    requests = []
    for _ in range(6):
        stakeholder = make_stakeholder(process, organizer)
        user = make_representative(stakeholder)
        login_as(user).submit(_url(group, "/rejoindre"), {"stakeholder_id": stakeholder.id}, token_from=_url(group))
        requests.append(_membership(group, stakeholder).id)
    clients = []
    for _ in requests:
        client = login_as(organizer)
        clients.append((client, client.csrf_token()))
    barrier = threading.Barrier(len(requests))
    statuses = []

    url = _url(group, "/adhesions/{}/decision")

    def accept(client, token, membership_id):
        with app.app_context():
            barrier.wait()
            response = client.post(url.format(membership_id), data={"decision": "accept", "csrf_token": token})
            statuses.append(response.status_code)

    threads = [
        threading.Thread(target=accept, args=(client, token, mid))
        for (client, token), mid in zip(clients, requests, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    active = db.session.query(Membership).filter_by(group_id=group.id, status=MembershipStatus.ACTIVE).count()
    assert active == 2
    assert db.session.get(Group, group.id).member_count == 2
