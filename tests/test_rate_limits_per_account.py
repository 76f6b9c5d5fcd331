"""Limits per account and per mail recipient, beside the per-address ones: changing address does not help."""

from consult.auth.models import User
from consult.db import db
from tests.factories import PASSWORD, make_draft, make_process, make_user

ADDRESSES = [f"10.0.0.{n}" for n in range(1, 11)]


def _from(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def test_one_account_tried_from_ten_addresses_is_limited(app, client):
    make_user("cible@exemple.fr")
    token = client.csrf_token()
    statuses = [
        client.post("/connexion", data={"email": "CIBLE@exemple.fr ", "password": "devine", "csrf_token": token},
                    **_from(address)).status_code
        for _round in range(3)
        for address in ADDRESSES
    ]  # fmt: skip
    assert statuses.count(400) == 10  # RATELIMIT_SIGN_IN_ACCOUNT: 10 per minute
    assert statuses[10:] == [429] * 20
    other = client.post("/connexion", data={"email": "autre@exemple.fr", "password": "x", "csrf_token": token},
                        **_from("10.0.1.1"))  # fmt: skip
    assert other.status_code == 400  # another account is not affected


def test_comments_of_one_account_from_five_addresses_are_limited(app, login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    client = login_as(make_user())
    token = client.csrf_token()
    url = f"/concertations/{process.slug}/sections/{sections[-1].id}/commentaires"
    statuses = [
        client.post(url, data={"body": f"Commentaire {n}", "csrf_token": token}, **_from(ADDRESSES[n % 5])).status_code
        for n in range(35)
    ]
    assert statuses[:30] == [302] * 30  # RATELIMIT_CONTRIBUTE_ACCOUNT: 30 per minute
    assert statuses[30:] == [429] * 5


def test_reset_and_sign_up_mails_to_one_address_are_limited(app, client, mailbox):
    make_user("cible@exemple.fr")
    token = client.csrf_token()
    for address in ADDRESSES[:6]:
        client.post("/mot-de-passe/oubli", data={"email": "cible@exemple.fr", "csrf_token": token}, **_from(address))
    signup = {"email": "Cible@exemple.fr", "display_name": "Intrus", "password": PASSWORD, "accept_terms": "y"}
    for address in ADDRESSES[6:]:
        client.post("/inscription", data=signup | {"csrf_token": token}, **_from(address))
    assert len(mailbox.to("cible@exemple.fr")) == 5  # RATELIMIT_MAIL_RECIPIENT: 5 per hour
    assert db.session.query(User).count() == 1
    client.post("/mot-de-passe/oubli", data={"email": "autre@exemple.fr", "csrf_token": token}, **_from("10.0.1.1"))
    make_user("autre@exemple.fr")
    client.post("/mot-de-passe/oubli", data={"email": "autre@exemple.fr", "csrf_token": token}, **_from("10.0.1.1"))
    assert len(mailbox.to("autre@exemple.fr")) == 1  # another recipient is not affected


def test_a_form_sent_back_with_errors_does_not_use_the_recipients_budget(app, client, mailbox):
    token = client.csrf_token()
    weak = {"email": "moi@exemple.fr", "display_name": "Moi", "password": "court", "accept_terms": "y"}
    assert {client.post("/inscription", data=weak | {"csrf_token": token}).status_code for _ in range(8)} == {400}
    response = client.post("/inscription", data=weak | {"password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert len(mailbox.to("moi@exemple.fr")) == 1


def test_a_successful_sign_in_does_not_use_the_accounts_budget(app, client):
    make_user("moi@exemple.fr")
    statuses = []
    for n in range(12):
        data = {"email": "moi@exemple.fr", "password": PASSWORD, "csrf_token": client.csrf_token()}
        statuses.append(client.post("/connexion", data=data, **_from(ADDRESSES[n % 10])).status_code)
        client.post("/deconnexion", data={"csrf_token": client.csrf_token()})
    assert statuses == [302] * 12
