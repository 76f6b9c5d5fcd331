"""Validation errors of each account form, CSRF, rate limits."""

import pytest

from consult.auth.models import User
from consult.db import db
from tests.factories import PASSWORD, make_user
from tests.helpers import text


def _signup(client, **data):
    base = {"email": "x@exemple.fr", "display_name": "Xavier", "password": PASSWORD, "accept_terms": "y"}
    base.update(data)
    return client.submit("/inscription", base)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"email": "not-an-email"}, "Saisissez une adresse e-mail valide"),
        ({"email": ""}, "Ce champ est obligatoire."),
        ({"display_name": "X"}, "Entre 2 et 80 caractères"),
        ({"password": "court"}, "au moins 10 caractères"),
        ({"password": "aaaaaaaaaaaa"}, "trop facile à deviner"),
        ({"accept_terms": ""}, "Ce champ est obligatoire."),
        ({"relation": "astronaut"}, "pas un choix valide"),
        ({"territory": "x" * 121}, "120 caractères au maximum"),
    ],
)
def test_sign_up_rejects_bad_input_with_a_message_tied_to_the_field(client, override, message):
    response = _signup(client, **override)
    page = text(response)
    assert response.status_code == 400
    assert message in page
    assert 'aria-invalid="true"' in page
    assert db.session.query(User).count() == 0


def test_sign_up_keeps_what_was_typed_on_error(client):
    page = text(_signup(client, password="court", display_name="Xavière", territory="Nyons"))
    assert 'value="Xavière"' in page and 'value="Nyons"' in page and 'value="x@exemple.fr"' in page
    assert PASSWORD not in page


def test_login_form_requires_both_fields(client):
    response = client.submit("/connexion", {"email": "", "password": ""})
    assert response.status_code == 400
    assert text(response).count("Ce champ est obligatoire.") >= 2


def test_reset_form_requires_matching_passwords(client, mailbox):
    user = make_user()
    client.submit("/mot-de-passe/oubli", {"email": user.email})
    [mail] = mailbox.to(user.email)
    path = mailbox.link(mail, "/mot-de-passe/nouveau/")
    response = client.submit(path, {"password": "Une phrase vraiment longue", "confirm": "autre chose encore"})
    assert response.status_code == 400
    assert "Les deux mots de passe sont différents." in text(response)


def test_profile_form_rejects_an_empty_name(login_as):
    client = login_as(make_user())
    response = client.submit("/profil", {"display_name": ""}, token_from="/profil")
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in text(response)


def test_email_change_needs_the_right_password(login_as):
    client = login_as(make_user())
    response = client.submit(
        "/profil/email", {"new_email": "n@exemple.fr", "password": "wrong one"}, token_from="/profil"
    )
    assert response.status_code == 400
    assert "Votre mot de passe actuel n'est pas correct." in text(response)


def test_password_change_rejects_a_weak_new_password(login_as):
    client = login_as(make_user())
    response = client.submit(
        "/profil/mot-de-passe",
        {"current": PASSWORD, "password": "password12", "confirm": "password12"},
        token_from="/profil",
    )
    assert response.status_code == 400
    assert "trop facile à deviner" in text(response)


def test_post_without_csrf_token_is_refused_and_shows_what_was_typed(client):
    response = client.post(
        "/inscription",
        data={"email": "y@exemple.fr", "display_name": "Yves", "password": PASSWORD, "accept_terms": "y"},
    )
    page = text(response)
    assert response.status_code == 400
    assert "Le formulaire a expiré" in page
    assert "y@exemple.fr" in page and "Yves" in page
    assert PASSWORD not in page
    assert db.session.query(User).count() == 0


def test_post_with_a_forged_csrf_token_is_refused(client):
    response = client.post("/connexion", data={"email": "a@exemple.fr", "password": "x", "csrf_token": "forged"})
    assert response.status_code == 400


def test_sign_in_is_rate_limited(client):
    make_user("target@exemple.fr")
    token = client.csrf_token()
    statuses = [
        client.post(
            "/connexion", data={"email": "target@exemple.fr", "password": "guess", "csrf_token": token}
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    assert "Trop de tentatives" in text(client.post("/connexion", data={"csrf_token": token}))


def test_sign_up_and_reset_are_rate_limited(client):
    token = client.csrf_token()
    for url in ("/inscription", "/mot-de-passe/oubli"):
        codes = [client.post(url, data={"csrf_token": token, "email": "bad"}).status_code for _ in range(11)]
        assert codes[-1] == 429, url
