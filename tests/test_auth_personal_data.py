"""My data: download everything as JSON, delete the account (anonymized, kept)."""

import json

from consult.auth.models import User
from consult.db import db
from tests.factories import PASSWORD, make_process, make_user
from tests.helpers import text


def test_my_data_downloads_everything_as_json(login_as):
    user = make_user("me@exemple.fr", name="Moi")
    make_process(user, title="Schéma enfance")
    response = login_as(user).get("/profil/mes-donnees.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(text(response))
    assert data["account"]["email"] == "me@exemple.fr"
    assert data["account"]["display_name"] == "Moi"
    assert data["roles"] == [{"process": "Schéma enfance", "role": "organizer"}]


def test_my_data_needs_sign_in(client):
    assert client.get("/profil/mes-donnees.json").status_code == 302


def test_deleting_the_account_anonymizes_it_and_signs_out(login_as):
    user = make_user("leaving@exemple.fr", name="Partant")
    client = login_as(user)
    response = client.submit(
        "/profil/supprimer", {"password": PASSWORD, "confirm": "y"}, token_from="/profil/supprimer"
    )
    assert response.status_code == 302
    kept = db.session.get(User, user.id)
    assert kept is not None and kept.deleted_at is not None
    assert kept.email != "leaving@exemple.fr" and kept.display_name != "Partant"
    assert client.get("/profil").status_code == 302
    assert client.submit("/connexion", {"email": "leaving@exemple.fr", "password": PASSWORD}).status_code == 400


def test_deleting_the_account_needs_the_password(login_as):
    user = make_user()
    client = login_as(user)
    response = client.submit(
        "/profil/supprimer", {"password": "wrong password", "confirm": "y"}, token_from="/profil/supprimer"
    )
    assert response.status_code == 400
    assert db.session.get(User, user.id).deleted_at is None
