"""Every route answers visitors and wrong roles as it should: the permission matrix, walked from url_map."""

import re

import pytest

from tests.factories import make_process, make_user
from tests.helpers import text

# Routes anyone may GET without signing in.
PUBLIC_GET = {
    "processes.home",
    "processes.show",
    "processes.accessibility",
    "processes.terms",
    "static",
    "auth.signup",
    "auth.signup_sent",
    "auth.login",
    "auth.forgot_password",
    "auth.confirm_email",
    "auth.reset_password",
    # working groups: public parts (each view applies the finer visibility rules)
    "groups.index",
    "groups.show",
    "groups.calendar",
    "groups.meeting",
    "groups.meeting_ics",
    "groups.proposal",
    "groups.download",
    "ops.health",
}
# POST routes a visitor may use.
PUBLIC_POST = {
    "auth.signup",
    "auth.login",
    "auth.forgot_password",
    "auth.reset_password",
    "auth.logout",
    "auth.set_language",
}


def _fill(rule, process):
    values = {"slug": process.slug, "kind": "diagnostic", "user_id": "1", "code": "fr", "token": "x", "filename": "x"}
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: values.get(m.group(1), "1"), rule.rule)


def _routes(app, method):
    return [r for r in app.url_map.iter_rules() if method in r.methods and not r.endpoint.startswith("static")]


def test_every_private_get_route_sends_visitors_to_sign_in(app, client):
    process = make_process(make_user())
    for rule in _routes(app, "GET"):
        if rule.endpoint in PUBLIC_GET:
            continue
        response = client.get(_fill(rule, process))
        assert response.status_code in (302, 404), (rule.rule, response.status_code)
        if response.status_code == 302:
            assert "/connexion" in response.headers["Location"], rule.rule


def test_every_private_post_route_refuses_visitors(app, client):
    process = make_process(make_user())
    token = client.csrf_token()
    for rule in _routes(app, "POST"):
        if rule.endpoint in PUBLIC_POST:
            continue
        response = client.post(_fill(rule, process), data={"csrf_token": token})
        assert response.status_code in (302, 403, 404), (rule.rule, response.status_code)
        if response.status_code == 302:
            assert "/connexion" in response.headers["Location"], rule.rule


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
    assert "role.admin" in page
    response = client.submit(f"/admin/utilisateurs/{admin.id}/admin", {"is_admin": "0"}, follow_redirects=True)
    assert "Vous ne pouvez pas retirer votre propre rôle" in text(response)
