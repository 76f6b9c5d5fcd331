"""Invitations end to end with real mail: signed, expiring, single-use links that make representatives."""

import os
import threading
from datetime import timedelta

import pytest

from consult.auth.models import User
from consult.db import db, utcnow
from consult.stakeholders.models import Invitation, Representative, RepresentativeStatus, StakeholderStatus
from consult.stakeholders.queries import represented_stakeholders
from consult.stakeholders.services.invitations import invite_stakeholders
from tests.factories import PASSWORD, make_process, make_stakeholder, make_user
from tests.helpers import text


def _invited(mailbox, login_as, **values):
    organizer = make_user(name="Sophie Martin")
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer, name="APF France handicap", **values)
    response = login_as(organizer).submit(
        f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}/inviter",
        token_from=f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}",
    )
    assert response.status_code == 302
    [message] = mailbox.to(stakeholder.contact_email)
    return process, stakeholder, message


def test_invitee_signs_up_confirms_signs_in_and_becomes_representative(client, login_as, mailbox):
    process, stakeholder, message = _invited(mailbox, login_as, contact_email="nadia@apf.exemple.fr")
    assert "Invitation à participer" in message["Subject"]
    assert "APF France handicap" in mailbox.body(message)
    assert db.session.get(type(stakeholder), stakeholder.id).status == StakeholderStatus.INVITED
    link = mailbox.link(message, "/invitations/")

    page = client.get(link)
    assert page.status_code == 200
    assert "Créer un compte" in text(page) and "APF France handicap" in text(page)
    signup = f"/inscription?next={link}"
    response = client.submit(
        signup,
        {"email": "nadia@apf.exemple.fr", "display_name": "Nadia B.", "password": PASSWORD, "accept_terms": "y"},
        token_from=signup,
    )
    assert response.status_code == 302
    sent_page = client.get(response.headers["Location"])
    assert f"next={link}".replace("/", "%2F") in text(sent_page) or f"next={link}" in text(sent_page)

    [confirmation] = [m for m in mailbox.to("nadia@apf.exemple.fr") if "/confirmer/" in mailbox.body(m)]
    sign_in = client.get(mailbox.link(confirmation, "/confirmer/")).headers["Location"]
    response = client.submit(sign_in, {"email": "nadia@apf.exemple.fr", "password": PASSWORD})
    assert response.headers["Location"] == link

    response = client.submit(f"{link}/accepter", token_from=link)
    assert response.status_code == 302
    user = db.session.query(User).filter_by(email="nadia@apf.exemple.fr").one()
    representative = db.session.query(Representative).one()
    assert (representative.user_id, representative.status) == (user.id, RepresentativeStatus.CONFIRMED)
    assert db.session.get(type(stakeholder), stakeholder.id).status == StakeholderStatus.ENGAGED
    assert [s.name for s in represented_stakeholders(user, process.id)] == ["APF France handicap"]
    assert "Vous représentez désormais APF France handicap" in text(client.get(response.headers["Location"]))


def test_invitee_who_already_has_an_account_is_sent_back_to_the_invitation(client, login_as, mailbox):
    make_user(email="nadia@apf.exemple.fr")
    _process, _stakeholder, message = _invited(mailbox, login_as, contact_email="nadia@apf.exemple.fr")
    link = mailbox.link(message, "/invitations/")
    signup = f"/inscription?next={link}"
    form = {"email": "nadia@apf.exemple.fr", "display_name": "Nadia B.", "password": PASSWORD, "accept_terms": "y"}
    client.submit(signup, form, token_from=signup)

    [exists] = [m for m in mailbox.to("nadia@apf.exemple.fr") if "/connexion" in mailbox.body(m)]
    sign_in = mailbox.link(exists, "/connexion")
    response = client.submit(sign_in, {"email": "nadia@apf.exemple.fr", "password": PASSWORD})
    assert response.headers["Location"] == link


def test_reused_invitation_link_gets_a_clear_page(client, login_as, mailbox):
    _process, _stakeholder, message = _invited(mailbox, login_as)
    link = mailbox.link(message, "/invitations/")
    first, second = login_as(make_user()), login_as(make_user())
    assert first.submit(f"{link}/accepter", token_from=link).status_code == 302
    response = second.get(link)
    assert response.status_code == 410
    assert "déjà été utilisée" in text(response)
    token = second.csrf_token()
    assert second.post(f"{link}/accepter", data={"csrf_token": token}).status_code == 410
    assert db.session.query(Representative).count() == 1


def test_expired_invitation_link_gets_a_clear_page(client, login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    invite_stakeholders(organizer, process, [stakeholder], now=utcnow() - timedelta(days=31))
    [message] = mailbox.to(stakeholder.contact_email)
    link = mailbox.link(message, "/invitations/")
    response = client.get(link)
    assert response.status_code == 410
    assert "L'invitation a expiré" in text(response)
    participant = login_as(make_user())
    assert participant.submit(f"{link}/accepter", token_from="/").status_code == 410
    assert db.session.query(Representative).count() == 0


def test_expiry_follows_the_setting(app, login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    app.config["INVITATION_MAX_AGE_DAYS"] = 3
    try:
        invite_stakeholders(organizer, process, [stakeholder], now=utcnow() - timedelta(days=4))
    finally:
        app.config["INVITATION_MAX_AGE_DAYS"] = 30
    invitation = db.session.query(Invitation).one()
    assert invitation.expires_at - invitation.created_at == timedelta(days=3)
    assert invitation.state(utcnow()) == "expired"


def test_tampered_invitation_link_gets_a_clear_page(client, login_as, mailbox):
    _process, _stakeholder, message = _invited(mailbox, login_as)
    link = mailbox.link(message, "/invitations/")
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")
    for url in (tampered, "/invitations/not-a-token"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Le lien est incomplet ou erroné" in text(response)
    participant = login_as(make_user())
    assert participant.submit(f"{tampered}/accepter").status_code == 404
    assert db.session.query(Representative).count() == 0


def test_a_forged_link_for_a_real_invitation_without_its_secret_is_refused(client, login_as, mailbox):
    from consult.auth.tokens import make_token

    _invited(mailbox, login_as)
    invitation = db.session.query(Invitation).one()
    with client.application.test_request_context():
        forged = make_token("invitation", {"i": invitation.id, "s": "guessed"})
    assert client.get(f"/invitations/{forged}").status_code == 404


def test_invitee_can_decline_and_the_stakeholder_is_declined(client, login_as, mailbox):
    _process, stakeholder, message = _invited(mailbox, login_as)
    link = mailbox.link(message, "/invitations/")
    response = client.submit(f"{link}/decliner", token_from=link)
    assert response.status_code == 302
    assert db.session.get(type(stakeholder), stakeholder.id).status == StakeholderStatus.DECLINED
    assert db.session.query(Invitation).one().declined_at is not None
    assert client.get(link).status_code == 410


def test_organizer_invites_a_filtered_selection_and_skips_who_cannot_be_invited(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    caf = make_stakeholder(process, organizer, name="CAF", category=_category("institutions"))
    ars = make_stakeholder(process, organizer, name="ARS", category=_category("institutions"), contact_email="")
    make_stakeholder(process, organizer, name="UNAFAM")
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/parties-prenantes/inviter"
    response = client.submit(url, {"category": "institutions"}, follow_redirects=True)
    page = text(response)
    assert "1 invitation envoyée." in page and "1 partie prenante non invitée" in page
    assert [m["To"] for m in mailbox.deliver()] == [caf.contact_email]
    assert db.session.get(type(ars), ars.id).status == StakeholderStatus.IDENTIFIED


def test_engaged_stakeholders_are_not_invited_again(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    engaged = make_stakeholder(process, organizer, status=StakeholderStatus.ENGAGED)
    sending = invite_stakeholders(organizer, process, [engaged])
    assert (sending.invited, sending.skipped) == ([], [engaged])
    assert mailbox.deliver() == []


def test_invitation_contains_no_personal_data_of_others_and_the_table_keeps_no_secret(login_as, mailbox):
    _process, _stakeholder, message = _invited(mailbox, login_as)
    link = mailbox.link(message, "/invitations/")
    invitation = db.session.query(Invitation).one()
    assert invitation.token_hash not in link
    assert len(invitation.token_hash) == 64


def test_inviting_a_selection_again_skips_who_was_invited_seconds_ago_and_counts_them_apart(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    first = make_stakeholder(process, organizer, name="CAF", category=_category("institutions"))
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/parties-prenantes/inviter"
    client.submit(url, {"category": "institutions"})
    second = make_stakeholder(process, organizer, name="ARS", category=_category("institutions"))
    page = text(client.submit(url, {"category": "institutions"}, follow_redirects=True))
    assert "1 invitation envoyée." in page and "1 partie prenante déjà invitée" in page
    assert [m["To"] for m in mailbox.deliver()] == [first.contact_email, second.contact_email]
    assert db.session.query(Invitation).count() == 2


def test_a_reminder_is_its_own_action_and_its_new_link_revokes_the_old_one(client, login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    [old] = invite_stakeholders(organizer, process, [stakeholder]).invited
    old_link = f"/invitations/{old.token}"
    url = f"/concertations/{process.slug}/parties-prenantes/relancer"
    page = text(login_as(organizer).submit(url, follow_redirects=True))
    assert "1 relance envoyée." in page
    [reminder] = [m for m in mailbox.to(stakeholder.contact_email) if "Relance" in m["Subject"]]
    new_link = mailbox.link(reminder, "/invitations/")
    assert client.get(old_link).status_code == 410
    assert "invitation plus récente" in text(client.get(old_link))
    assert client.get(new_link).status_code == 200


def test_only_the_latest_link_works_so_one_use_leaves_no_other_valid_link(client, login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    invite_stakeholders(organizer, process, [stakeholder], now=utcnow() - timedelta(days=31))
    [old] = invite_stakeholders(organizer, process, [stakeholder]).invited
    from consult.stakeholders.services.invitations import remind_stakeholders

    [new] = remind_stakeholders(organizer, process, [stakeholder]).invited
    participant = login_as(make_user())
    assert participant.submit(f"/invitations/{new.token}/accepter", token_from="/").status_code == 302
    assert participant.submit(f"/invitations/{old.token}/accepter", token_from="/").status_code == 410
    assert db.session.query(Representative).count() == 1


def test_inviting_to_an_unpublished_concertation_asks_the_organizer_to_confirm(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer, published=False)
    stakeholder = make_stakeholder(process, organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}/inviter"
    page = client.submit(url, token_from=f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}")
    assert page.status_code == 200
    assert "pas publiée" in text(page)
    assert mailbox.deliver() == []
    response = client.submit(url, {"confirm_unpublished": "y"})
    assert response.status_code == 302
    assert [m["To"] for m in mailbox.deliver()] == [stakeholder.contact_email]


def test_accepting_an_invitation_to_an_unpublished_concertation_lands_on_a_page_that_exists(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer, published=False)
    stakeholder = make_stakeholder(process, organizer, name="UNAFAM")
    [invitation] = invite_stakeholders(organizer, process, [stakeholder], unpublished_ok=True).invited
    participant = login_as(make_user())
    link = f"/invitations/{invitation.token}"
    response = participant.submit(f"{link}/accepter", token_from=link, follow_redirects=True)
    assert response.status_code == 200
    assert "Vous représentez désormais UNAFAM" in text(response)
    assert "Page introuvable" not in text(response)


def _category(value):
    from consult.stakeholders.models import StakeholderCategory

    return StakeholderCategory(value)


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="needs real concurrent transactions: run with TEST_DATABASE_URL on PostgreSQL",
)
def test_two_people_following_the_same_link_at_once_make_one_representative(app, login_as, mailbox, real_commits):
    _process, _stakeholder, message = _invited(mailbox, login_as)
    link = mailbox.link(message, "/invitations/")
    clients = [login_as(make_user()) for _ in range(4)]
    tokens = [c.csrf_token(link) for c in clients]
    barrier = threading.Barrier(len(clients))
    statuses = []

    def follow(client, token):
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(f"{link}/accepter", data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=follow, args=pair) for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 410, 410, 410]
    assert db.session.query(Representative).count() == 1


def test_the_stakeholder_page_offers_a_reminder_while_the_invitation_waits(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer)
    page_url = f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}"
    client = login_as(organizer)
    assert "Envoyer une invitation" in text(client.get(page_url))
    invite_stakeholders(organizer, process, [stakeholder])
    page = text(client.get(page_url))
    assert "Envoyer une relance" in page and f"{stakeholder.id}/relancer" in page
