"""The whole account flow through HTTP with real mail: sign-up, confirmation, sign-in, profile, reset."""

from consult.auth.models import User
from consult.db import db
from tests.factories import PASSWORD, make_user
from tests.helpers import text

NEW_PASSWORD = "Une autre phrase secrete 2028"


def _sign_up(client, email="alice@exemple.fr", **overrides):
    data = {
        "email": email,
        "display_name": "Alice",
        "password": PASSWORD,
        "accept_terms": "y",
        "relation": "family_caregiver",
        "territory": "Crest",
    }
    data.update(overrides)
    return client.submit("/inscription", data)


def test_sign_up_confirm_sign_in_profile_and_reset(client, mailbox):
    response = _sign_up(client)
    assert response.status_code == 302
    user = db.session.query(User).filter_by(email="alice@exemple.fr").one()
    assert not user.is_confirmed
    assert user.password_hash.startswith("$argon2id$")

    [confirmation] = mailbox.to("alice@exemple.fr")
    assert "Confirmez votre adresse" in confirmation["Subject"]
    response = client.get(mailbox.link(confirmation, "/confirmer/"))
    assert response.status_code == 302
    assert db.session.get(User, user.id).is_confirmed

    response = client.submit("/connexion", {"email": "ALICE@exemple.fr ", "password": PASSWORD})
    assert response.status_code == 302
    page = text(client.get("/profil"))
    assert "alice@exemple.fr" in page and "Aidant" in page

    response = client.submit(
        "/profil",
        {"display_name": "Alice B.", "relation": "", "territory": "Die", "notify_by_email": "y"},
        token_from="/profil",
    )
    assert response.status_code == 302
    assert db.session.get(User, user.id).display_name == "Alice B."
    assert db.session.get(User, user.id).relation is None

    client.submit("/deconnexion")
    mailbox.catcher.messages.clear()
    client.submit("/mot-de-passe/oubli", {"email": "alice@exemple.fr"})
    [reset] = mailbox.to("alice@exemple.fr")
    reset_path = mailbox.link(reset, "/mot-de-passe/nouveau/")
    response = client.submit(reset_path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.submit("/connexion", {"email": "alice@exemple.fr", "password": PASSWORD}).status_code == 400
    assert client.submit("/connexion", {"email": "alice@exemple.fr", "password": NEW_PASSWORD}).status_code == 302
    # A reset link works once.
    assert client.get(reset_path).status_code == 400


def test_sign_up_with_taken_address_reveals_nothing_and_warns_owner(client, mailbox):
    make_user("bob@exemple.fr")
    response = _sign_up(client, email="bob@exemple.fr")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inscription/envoyee")
    [warning] = mailbox.to("bob@exemple.fr")
    assert "déjà" in mailbox.body(warning)
    assert db.session.query(User).filter_by(email="bob@exemple.fr").count() == 1


def test_reset_request_for_unknown_address_says_the_same_and_sends_nothing(client, mailbox):
    response = client.submit("/mot-de-passe/oubli", {"email": "nobody@exemple.fr"}, follow_redirects=True)
    assert "Si un compte utilise cette adresse" in text(response)
    assert mailbox.deliver() == []


def test_sign_in_failure_does_not_say_which_part_is_wrong(client):
    make_user("carol@exemple.fr")
    wrong_password = client.submit("/connexion", {"email": "carol@exemple.fr", "password": "nope nope nope"})
    unknown_email = client.submit("/connexion", {"email": "zed@exemple.fr", "password": "nope nope nope"})
    message = "Adresse e-mail ou mot de passe non reconnus."
    assert message in text(wrong_password)
    assert message in text(unknown_email)


def test_remember_me_sets_a_remember_cookie(client):
    make_user("dan@exemple.fr")
    client.submit("/connexion", {"email": "dan@exemple.fr", "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None


def test_sign_out_ends_the_session(login_as):
    client = login_as(make_user())
    assert client.get("/profil").status_code == 200
    client.submit("/deconnexion")
    assert client.get("/profil").status_code == 302


def test_expired_confirmation_link_gets_a_clear_page(client, app, mailbox):
    _sign_up(client)
    [confirmation] = mailbox.to("alice@exemple.fr")
    path = mailbox.link(confirmation, "/confirmer/")
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    try:
        response = client.get(path)
    finally:
        app.config["CONFIRM_TOKEN_MAX_AGE"] = 3 * 24 * 3600
    assert response.status_code == 400
    assert "expiré" in text(response)


def test_tampered_links_get_a_clear_page(client):
    for path in ("/confirmer/abc.def.ghi", "/mot-de-passe/nouveau/abc.def.ghi"):
        response = client.get(path)
        assert response.status_code == 400
        assert "Ce lien ne fonctionne plus" in text(response)


def test_email_change_is_confirmed_from_the_new_address(login_as, mailbox):
    user = make_user("erin@exemple.fr")
    client = login_as(user)
    response = client.submit(
        "/profil/email", {"new_email": "erin.new@exemple.fr", "password": PASSWORD}, token_from="/profil"
    )
    assert response.status_code == 302
    assert db.session.get(User, user.id).email == "erin@exemple.fr"
    [confirmation] = mailbox.to("erin.new@exemple.fr")
    client.get(mailbox.link(confirmation, "/confirmer/"))
    assert db.session.get(User, user.id).email == "erin.new@exemple.fr"


def test_password_change_signs_out_other_devices(login_as, app):
    user = make_user()
    laptop, phone = login_as(user), login_as(user)
    response = laptop.submit(
        "/profil/mot-de-passe",
        {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/profil",
    )
    assert response.status_code == 302
    assert laptop.get("/profil").status_code == 200
    assert phone.get("/profil").status_code == 302


def test_unconfirmed_user_sees_a_banner_and_can_resend_the_link(client, mailbox):
    _sign_up(client)
    mailbox.deliver()
    mailbox.catcher.messages.clear()
    client.submit("/connexion", {"email": "alice@exemple.fr", "password": PASSWORD})
    page = text(client.get("/"))
    assert "Confirmez votre adresse" in page
    client.submit("/confirmation/renvoyer")
    assert len(mailbox.to("alice@exemple.fr")) == 1
