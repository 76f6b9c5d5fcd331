"""Every stakeholder route refuses visitors, participants and other processes' organizers; contacts stay private."""

import pytest

from consult.processes.models import PhaseKind
from consult.stakeholders.services.registry import set_public_list
from tests.factories import make_process, make_stakeholder, make_user
from tests.helpers import text

ORGANIZER_ROUTES = [
    ("GET", "/concertations/{slug}/parties-prenantes"),
    ("GET", "/concertations/{slug}/parties-prenantes/nouvelle"),
    ("POST", "/concertations/{slug}/parties-prenantes/nouvelle"),
    ("GET", "/concertations/{slug}/parties-prenantes/{sid}"),
    ("GET", "/concertations/{slug}/parties-prenantes/{sid}/modifier"),
    ("POST", "/concertations/{slug}/parties-prenantes/{sid}/modifier"),
    ("POST", "/concertations/{slug}/parties-prenantes/{sid}/archiver"),
    ("POST", "/concertations/{slug}/parties-prenantes/{sid}/effacer-contacts"),
    ("POST", "/concertations/{slug}/parties-prenantes/{sid}/inviter"),
    ("POST", "/concertations/{slug}/parties-prenantes/inviter"),
    ("POST", "/concertations/{slug}/parties-prenantes/liste-publique"),
    ("GET", "/concertations/{slug}/parties-prenantes/importer"),
    ("POST", "/concertations/{slug}/parties-prenantes/importer"),
    ("GET", "/concertations/{slug}/parties-prenantes/importer/1"),
    ("POST", "/concertations/{slug}/parties-prenantes/importer/1/confirmer"),
    ("GET", "/concertations/{slug}/parties-prenantes/export.csv"),
    ("GET", "/concertations/{slug}/parties-prenantes/modele.csv"),
    ("GET", "/concertations/{slug}/parties-prenantes/carte"),
    ("GET", "/concertations/{slug}/parties-prenantes/couverture"),
    ("POST", "/concertations/{slug}/representants/1/confirmer"),
    ("POST", "/concertations/{slug}/representants/1/refuser"),
]


def _setup():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.IDENTIFICATION)
    stakeholder = make_stakeholder(process, organizer, contact_name="Jeanne Secrète", contact_phone="04 99 99 99 99")
    return organizer, process, stakeholder


def _call(client, method, path):
    return client.get(path) if method == "GET" else client.submit(path)


@pytest.mark.parametrize(("method", "path"), ORGANIZER_ROUTES)
def test_visitors_are_sent_to_sign_in(client, method, path):
    _organizer, process, stakeholder = _setup()
    url = path.format(slug=process.slug, sid=stakeholder.id)
    response = _call(client, method, url)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


@pytest.mark.parametrize(("method", "path"), ORGANIZER_ROUTES)
def test_participants_and_representatives_are_refused(login_as, method, path):
    _organizer, process, stakeholder = _setup()
    for user in (make_user(), make_user(confirmed=False)):
        response = _call(login_as(user), method, path.format(slug=process.slug, sid=stakeholder.id))
        assert response.status_code == 403, (path, response.status_code)
        assert "Jeanne Secrète" not in text(response)


@pytest.mark.parametrize(("method", "path"), ORGANIZER_ROUTES)
def test_organizers_of_another_process_are_refused(login_as, method, path):
    _organizer, process, stakeholder = _setup()
    other = make_user()
    make_process(other)
    response = _call(login_as(other), method, path.format(slug=process.slug, sid=stakeholder.id))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("method", "path"), [r for r in ORGANIZER_ROUTES if r[0] == "GET" and "importer/1" not in r[1]]
)
def test_organizers_and_admins_are_admitted(login_as, method, path):
    organizer, process, stakeholder = _setup()
    for user in (organizer, make_user(admin=True)):
        response = login_as(user).get(path.format(slug=process.slug, sid=stakeholder.id))
        assert response.status_code == 200, path


def test_a_stakeholder_of_another_process_is_not_found(login_as):
    organizer, process, _stakeholder = _setup()
    other_organizer, _other_process, foreign = _setup()
    client = login_as(organizer)
    assert client.get(f"/concertations/{process.slug}/parties-prenantes/{foreign.id}").status_code == 404
    assert client.submit(f"/concertations/{process.slug}/parties-prenantes/{foreign.id}/archiver").status_code == 404


def test_contacts_never_appear_on_public_pages(client, login_as):
    organizer, process, stakeholder = _setup()
    set_public_list(organizer, process, public_list=True)
    from consult.stakeholders.models import StakeholderStatus
    from consult.stakeholders.services.registry import update_stakeholder

    update_stakeholder(organizer, process, stakeholder, values={"status": StakeholderStatus.ENGAGED})
    participant = login_as(make_user())
    for page in (
        client.get(f"/concertations/{process.slug}"),
        participant.get(f"/concertations/{process.slug}"),
        participant.get(f"/concertations/{process.slug}/organisations"),
    ):
        assert page.status_code == 200
        body = text(page)
        assert stakeholder.name in body
        assert "Jeanne Secrète" not in body and stakeholder.contact_email not in body and "04 99 99 99 99" not in body


def test_unpublished_process_stakeholder_pages_are_not_found_for_others(login_as):
    organizer = make_user()
    process = make_process(organizer, published=False)
    response = login_as(make_user()).get(f"/concertations/{process.slug}/parties-prenantes")
    assert response.status_code == 404
