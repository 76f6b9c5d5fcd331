"""Organizer and admin routes refuse the wrong roles (the whole url_map is walked in test_permissions_walk)."""

import pytest

from tests.factories import make_process, make_user
from tests.helpers import text

ORGANIZER_ROUTES = [
    ("GET", "/concertations/{slug}/modifier"),
    ("POST", "/concertations/{slug}/modifier"),
    ("GET", "/concertations/{slug}/phases"),
    ("POST", "/concertations/{slug}/phases/diagnostic"),
    ("POST", "/concertations/{slug}/phases/diagnostic/retirer"),
    ("GET", "/concertations/{slug}/organisateurs"),
    ("POST", "/concertations/{slug}/organisateurs"),
    ("POST", "/concertations/{slug}/organisateurs/1/retirer"),
    ("GET", "/concertations/{slug}/journal"),
]
ADMIN_ROUTES = [("GET", "/admin/utilisateurs"), ("POST", "/admin/utilisateurs/1/admin"), ("GET", "/admin/journal")]


@pytest.mark.parametrize(("method", "path"), ORGANIZER_ROUTES)
def test_organizer_routes_refuse_participants(login_as, method, path):
    process = make_process(make_user())
    client = login_as(make_user())
    url = path.format(slug=process.slug)
    response = client.get(url) if method == "GET" else client.submit(url)
    assert response.status_code == 403
    assert "Vous ne pouvez pas ouvrir cette page" in text(response)


@pytest.mark.parametrize(("method", "path"), ORGANIZER_ROUTES)
def test_organizer_routes_refuse_organizers_of_another_process(login_as, method, path):
    process = make_process(make_user())
    other = make_user()
    make_process(other)
    url = path.format(slug=process.slug)
    client = login_as(other)
    response = client.get(url) if method == "GET" else client.submit(url)
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), ORGANIZER_ROUTES)
def test_organizer_routes_admit_the_organizer(login_as, method, path):
    organizer = make_user()
    process = make_process(organizer)
    if method == "GET":
        assert login_as(organizer).get(path.format(slug=process.slug)).status_code == 200


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
def test_admin_routes_refuse_organizers(login_as, method, path):
    organizer = make_user()
    make_process(organizer)
    client = login_as(organizer)
    response = client.get(path) if method == "GET" else client.submit(path)
    assert response.status_code == 403


def test_admin_grants_and_withdraws_the_admin_role(login_as):
    admin, other = make_user(admin=True), make_user()
    client = login_as(admin)
    assert client.submit(f"/admin/utilisateurs/{other.id}/admin", {"is_admin": "1"}).status_code == 302
    assert login_as(other).get("/admin/utilisateurs").status_code == 200
    page = text(client.get("/admin/journal"))
    assert f"a nommé {other.display_name} administrateur" in page and "role.admin" not in page
    response = client.submit(f"/admin/utilisateurs/{admin.id}/admin", {"is_admin": "0"}, follow_redirects=True)
    assert "Vous ne pouvez pas retirer votre propre rôle" in text(response)
