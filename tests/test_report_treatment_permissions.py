"""Every treatment route: visitors sign in, participants and other organizers get 403, organizers and admins pass."""

import pytest

from tests.factories import make_process, make_theme, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections, contribute

ROUTES = [
    ("GET", "/traitement"),
    ("POST", "/traitement/lot"),
    ("GET", "/traitement/contributions/{contribution}"),
    ("POST", "/traitement/contributions/{contribution}/suite"),
    ("POST", "/traitement/contributions/{contribution}/theme"),
    ("GET", "/traitement/avancement"),
    ("GET", "/traitement/propositions"),
    ("GET", "/traitement/themes"),
    ("POST", "/traitement/themes"),
    ("GET", "/traitement/themes/{theme}"),
    ("POST", "/traitement/themes/{theme}"),
    ("POST", "/traitement/themes/{theme}/suite"),
    ("POST", "/traitement/themes/{theme}/supprimer"),
    ("GET", "/traitement/syntheses"),
    ("GET", "/traitement/syntheses/generale"),
    ("POST", "/traitement/syntheses/generale"),
    ("GET", "/traitement/syntheses/sections/{section}"),
    ("POST", "/traitement/syntheses/sections/{section}"),
    ("GET", "/traitement/textes"),
    ("POST", "/traitement/textes"),
]


@pytest.fixture
def world():
    """A process with its organizer, a section, a contribution and a theme; the URL filler."""
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    contribution = contribute(section, "texte")
    theme = make_theme(organizer, process)
    values = {"contribution": contribution.id, "theme": theme.id, "section": section.id}

    def url(path):
        return f"/concertations/{process.slug}" + path.format(**values)

    return organizer, url


def _call(client, method, url):
    return client.get(url) if method == "GET" else client.submit(url)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_visitors_are_sent_to_sign_in(client, world, method, path):
    _organizer, url = world
    response = (
        client.get(url(path)) if method == "GET" else client.post(url(path), data={"csrf_token": client.csrf_token()})
    )
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_participants_are_refused(login_as, world, method, path):
    _organizer, url = world
    response = _call(login_as(make_user()), method, url(path))
    assert response.status_code == 403
    assert "Vous ne pouvez pas ouvrir cette page" in text(response)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_organizers_of_another_process_are_refused(login_as, world, method, path):
    _organizer, url = world
    other = make_user()
    make_process(other)
    assert _call(login_as(other), method, url(path)).status_code == 403


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_the_organizer_and_admins_are_admitted(login_as, world, method, path):
    organizer, url = world
    for user in (organizer, make_user(admin=True)):
        response = _call(login_as(user), method, url(path))
        # GET pages render; POSTs without their fields answer with their form errors or a redirect.
        assert response.status_code in ((200,) if method == "GET" else (200, 302, 400)), (user, response.status_code)


def test_unpublished_process_is_not_found_for_others(login_as):
    organizer = make_user()
    process = make_process(organizer, published=False)
    assert login_as(make_user()).get(f"/concertations/{process.slug}/traitement").status_code == 404
    assert login_as(organizer).get(f"/concertations/{process.slug}/traitement").status_code == 200


def test_the_process_page_links_organizers_to_the_treatment(login_as, client):
    organizer = make_user()
    process = make_process(organizer)
    assert f"/concertations/{process.slug}/traitement" in text(
        login_as(organizer).get(f"/concertations/{process.slug}")
    )
    assert "Traiter les contributions" in text(login_as(organizer).get(f"/concertations/{process.slug}"))
    assert f"/concertations/{process.slug}/traitement" not in text(client.get(f"/concertations/{process.slug}"))
