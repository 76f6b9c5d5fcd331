"""Sign-in costs the same work whether or not the address has an account (no timing oracle)."""

from collections import Counter

import pytest
from argon2 import PasswordHasher

from consult.auth.services import delete_account
from tests.factories import PASSWORD, make_user


@pytest.fixture
def hash_work(monkeypatch):
    """Count the Argon2 hash and verify operations done during each request."""
    calls = Counter()
    for name in ("hash", "verify"):
        original = getattr(PasswordHasher, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(PasswordHasher, name, counted)
    return calls


def _work_of_sign_in(client, hash_work, email, password="Pas le bon mot de passe 2027"):
    client.submit("/connexion", {"email": email, "password": password})  # warm-up (and CSRF page)
    token = client.csrf_token()
    hash_work.clear()
    response = client.post("/connexion", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 400
    return dict(hash_work)


def test_unknown_address_costs_the_same_hash_work_as_a_known_one(client, hash_work):
    make_user("connu@exemple.fr")
    known = _work_of_sign_in(client, hash_work, "connu@exemple.fr")
    unknown = _work_of_sign_in(client, hash_work, "inconnu@exemple.fr")
    assert known == unknown == {"verify": 1}


def test_deleted_account_costs_the_same_hash_work_as_a_live_one(client, hash_work):
    make_user("connu@exemple.fr")
    delete_account(make_user("parti@exemple.fr"), PASSWORD)
    live = _work_of_sign_in(client, hash_work, "connu@exemple.fr")
    deleted = _work_of_sign_in(client, hash_work, "parti@exemple.fr")
    assert live == deleted == {"verify": 1}
