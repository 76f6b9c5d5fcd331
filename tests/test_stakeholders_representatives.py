"""Asking to represent an organisation, the organizer's decision with mail either way, the public list."""

import os
import threading

import pytest

from consult.db import db
from consult.processes.models import PhaseKind
from consult.stakeholders.models import (
    Representative,
    RepresentativeStatus,
    Stakeholder,
    StakeholderKind,
    StakeholderStatus,
)
from consult.stakeholders.queries import represented_stakeholders
from consult.stakeholders.services.registry import set_public_list
from tests.factories import make_process, make_stakeholder, make_user
from tests.helpers import text


def _setup(public=True, current=PhaseKind.DIAGNOSTIC, email="orga@departement.exemple.fr"):
    organizer = make_user(email=email)
    process = make_process(organizer, current=current)
    stakeholder = make_stakeholder(process, organizer, name="France Alzheimer Drôme-des-Collines")
    if public:
        set_public_list(organizer, process, public_list=True)
    return organizer, process, stakeholder


def _ask(client, process, stakeholder):
    url = f"/concertations/{process.slug}/organisations"
    return client.submit(f"{url}/{stakeholder.id}/representer", token_from=url, follow_redirects=True)


def test_participant_asks_organizer_confirms_and_both_get_mail(login_as, mailbox):
    organizer, process, stakeholder = _setup()
    person = make_user(email="marie@exemple.fr", name="Marie L.")
    client = login_as(person)
    response = _ask(client, process, stakeholder)
    assert "Votre demande est envoyée" in text(response)
    assert "En attente de décision" in text(response)
    [notice] = mailbox.to("orga@departement.exemple.fr")
    assert "Marie L. demande à représenter France Alzheimer" in notice["Subject"]
    decide_url = mailbox.link(notice, "/parties-prenantes/")

    organizer_client = login_as(organizer)
    page = text(organizer_client.get(decide_url))
    assert "Marie L." in page and "En attente de décision" in page
    representative = db.session.query(Representative).one()
    response = organizer_client.submit(
        f"/concertations/{process.slug}/representants/{representative.id}/confirmer", token_from=decide_url
    )
    assert response.status_code == 302
    assert db.session.get(Representative, representative.id).status == RepresentativeStatus.CONFIRMED
    assert db.session.get(Stakeholder, stakeholder.id).status == StakeholderStatus.ENGAGED
    assert [s.id for s in represented_stakeholders(person, process.id)] == [stakeholder.id]
    [decision] = mailbox.to("marie@exemple.fr")
    assert "confirment que vous représentez France Alzheimer" in mailbox.body(decision)


def test_organizer_declines_and_the_person_is_told(login_as, mailbox):
    organizer, process, stakeholder = _setup()
    person = make_user(email="paul@exemple.fr")
    _ask(login_as(person), process, stakeholder)
    representative = db.session.query(Representative).one()
    client = login_as(organizer)
    client.submit(f"/concertations/{process.slug}/representants/{representative.id}/refuser", data={"back": "index"})
    assert db.session.get(Representative, representative.id).status == RepresentativeStatus.DECLINED
    assert db.session.get(Stakeholder, stakeholder.id).status == StakeholderStatus.IDENTIFIED
    assert represented_stakeholders(person, process.id) == []
    [decision] = mailbox.to("paul@exemple.fr")
    assert "n'ont pas confirmé" in mailbox.body(decision)


def test_asking_twice_is_refused(login_as):
    _organizer, process, stakeholder = _setup()
    client = login_as(make_user())
    _ask(client, process, stakeholder)
    response = _ask(client, process, stakeholder)
    assert "Vous avez déjà demandé à représenter cette organisation." in text(response)
    assert db.session.query(Representative).count() == 1


def test_unconfirmed_accounts_cannot_ask(login_as):
    _organizer, process, stakeholder = _setup()
    client = login_as(make_user(confirmed=False))
    page = text(client.get(f"/concertations/{process.slug}/organisations"))
    assert "confirmez d'abord votre adresse" in page
    token = client.csrf_token()
    url = f"/concertations/{process.slug}/organisations/{stakeholder.id}/representer"
    assert client.post(url, data={"csrf_token": token}).status_code == 403
    assert db.session.query(Representative).count() == 0


def test_requests_close_with_the_closing_report(login_as):
    _organizer, process, stakeholder = _setup(current=PhaseKind.REPORT)
    client = login_as(make_user())
    token = client.csrf_token()
    url = f"/concertations/{process.slug}/organisations/{stakeholder.id}/representer"
    assert client.post(url, data={"csrf_token": token}).status_code == 403


def test_people_cannot_be_represented(login_as):
    organizer, process, _stakeholder = _setup()
    person = make_stakeholder(process, organizer, name="Mme Lefèvre", kind=StakeholderKind.PERSON)
    response = _ask(login_as(make_user()), process, person)
    assert "Seules les organisations de la liste peuvent être représentées." in text(response)


def test_organisation_list_is_hidden_unless_the_organizer_allows_it(client, login_as):
    organizer, process, stakeholder = _setup(public=False)
    participant = login_as(make_user())
    assert participant.get(f"/concertations/{process.slug}/organisations").status_code == 404
    assert "Organisations participantes" not in text(client.get(f"/concertations/{process.slug}"))
    organizer_client = login_as(organizer)
    assert organizer_client.get(f"/concertations/{process.slug}/organisations").status_code == 200
    organizer_client.submit(f"/concertations/{process.slug}/parties-prenantes/liste-publique", {"public_list": "y"})
    assert participant.get(f"/concertations/{process.slug}/organisations").status_code == 200


def test_public_list_shows_engaged_organisations_only_with_a_link_to_ask(client, login_as):
    organizer, process, stakeholder = _setup()
    engaged = make_stakeholder(process, organizer, name="CCAS de Valence", status=StakeholderStatus.ENGAGED)
    page = text(client.get(f"/concertations/{process.slug}"))
    assert "Organisations participantes" in page
    assert engaged.name in page and stakeholder.name not in page
    assert "Connectez-vous pour demander à la représenter" in page
    page = text(login_as(make_user()).get(f"/concertations/{process.slug}"))
    assert "Demandez à la représenter" in page


def test_represented_stakeholders_ignores_requests_and_other_processes(login_as):
    organizer, process, stakeholder = _setup()
    _other_organizer, other_process, other = _setup(email=None)
    person = make_user()
    _ask(login_as(person), process, stakeholder)
    assert represented_stakeholders(person, process.id) == []
    from consult.stakeholders.services.representatives import decide_representation, request_representation

    decide_representation(organizer, process, db.session.query(Representative).one(), confirm=True)
    request_representation(person, other_process, other)
    assert [s.name for s in represented_stakeholders(person, process.id)] == [stakeholder.name]
    assert represented_stakeholders(person, other_process.id) == []


def test_organizer_withdraws_a_confirmed_representative(login_as, mailbox):
    organizer, process, stakeholder = _setup()
    person = make_user()
    _ask(login_as(person), process, stakeholder)
    representative = db.session.query(Representative).one()
    client = login_as(organizer)
    base = f"/concertations/{process.slug}/representants/{representative.id}"
    client.submit(f"{base}/confirmer")
    response = client.submit(f"{base}/confirmer", follow_redirects=True)
    assert "Cette décision est déjà enregistrée." in text(response)
    client.submit(f"{base}/refuser")
    assert represented_stakeholders(person, process.id) == []


def test_my_data_lists_the_organisations_i_represent(login_as):
    import json

    organizer, process, stakeholder = _setup()
    person = make_user()
    client = login_as(person)
    _ask(client, process, stakeholder)
    data = json.loads(client.get("/profil/mes-donnees.json").data)
    assert data["representation"] == [
        {"organisation": stakeholder.name, "status": "requested", "asked_at": data["representation"][0]["asked_at"],
         "decided_at": None}
    ]  # fmt: skip


def test_deleting_my_account_ends_my_representation(login_as):
    from tests.factories import PASSWORD

    organizer, process, stakeholder = _setup()
    person = make_user()
    client = login_as(person)
    _ask(client, process, stakeholder)
    response = client.submit(
        "/profil/supprimer", {"password": PASSWORD, "confirm": "y"}, token_from="/profil/supprimer"
    )
    assert response.status_code == 302
    assert db.session.query(Representative).count() == 0


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="needs real concurrent transactions: run with TEST_DATABASE_URL on PostgreSQL",
)
def test_a_request_sent_twice_at_once_is_recorded_once(app, login_as, real_commits):
    _organizer, process, stakeholder = _setup()
    person = make_user()
    clients = [login_as(person) for _ in range(3)]
    url = f"/concertations/{process.slug}/organisations/{stakeholder.id}/representer"
    tokens = [c.csrf_token(f"/concertations/{process.slug}/organisations") for c in clients]
    barrier = threading.Barrier(len(clients))
    statuses = []

    def ask(client, token):
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(url, data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=ask, args=pair) for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302, 302]
    assert db.session.query(Representative).count() == 1
