"""The registry through HTTP: create with each field validated, edit, filters, archive, erase contacts."""

import pytest

from consult.audit import AuditEntry
from consult.db import db
from consult.stakeholders.models import (
    InvolvementLevel,
    Stakeholder,
    StakeholderCategory,
    StakeholderKind,
    StakeholderStatus,
)
from tests.factories import make_process, make_stakeholder, make_user
from tests.helpers import text

VALID = {
    "name": "UNAFAM Drôme-des-Collines",
    "kind": "organisation",
    "category": "service_users",
    "fields": ["disability", "health"],
    "territory": "Valence",
    "level": "concert",
    "influence": "3",
    "interest": "5",
    "status": "identified",
    "notes": "Contact pris au forum des associations.",
    "contact_name": "Jeanne Petit",
    "contact_email": "jeanne.petit@unafam.exemple.fr",
    "contact_phone": "+33 4 75 00 00 00",
}


def _setup(login_as):
    organizer = make_user()
    process = make_process(organizer)
    return organizer, process, login_as(organizer)


def test_organizer_adds_a_stakeholder_with_every_field(login_as):
    _organizer, process, client = _setup(login_as)
    url = f"/concertations/{process.slug}/parties-prenantes/nouvelle"
    response = client.submit(url, VALID, token_from=url)
    assert response.status_code == 302
    stakeholder = db.session.query(Stakeholder).one()
    assert stakeholder.kind == StakeholderKind.ORGANISATION
    assert stakeholder.category == StakeholderCategory.SERVICE_USERS
    assert stakeholder.fields == ["disability", "health"]
    assert stakeholder.level == InvolvementLevel.CONCERT
    assert (stakeholder.influence, stakeholder.interest) == (3, 5)
    assert stakeholder.contact_phone == "+33 4 75 00 00 00"
    page = text(client.get(response.headers["Location"]))
    assert "UNAFAM Drôme-des-Collines" in page and "jeanne.petit@unafam.exemple.fr" in page
    entry = db.session.query(AuditEntry).filter_by(action="stakeholder.create").one()
    assert "jeanne.petit@unafam.exemple.fr" not in str(entry.changes), "contacts stay out of the audit log"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Ce champ est obligatoire."),
        ("name", "x" * 201, "200 caractères au maximum"),
        ("kind", "robot", "pas un choix valide"),
        ("category", "", "Ce champ est obligatoire."),
        ("category", "club", "pas un choix valide"),
        ("fields", "gardening", "pas un choix valide"),
        ("territory", "t" * 121, "120 caractères au maximum"),
        ("level", "impose", "pas un choix valide"),
        ("influence", "6", "pas un choix valide"),
        ("interest", "0", "pas un choix valide"),
        ("status", "happy", "pas un choix valide"),
        ("notes", "n" * 5001, "5000 caractères au maximum"),
        ("contact_name", "c" * 121, "120 caractères au maximum"),
        ("contact_email", "pas-une-adresse", "Saisissez une adresse e-mail valide"),
        ("contact_phone", "appelez-moi", "Chiffres, espaces et + ( ) . - seulement"),
    ],
)
def test_each_field_is_validated(login_as, field, value, message):
    _organizer, process, client = _setup(login_as)
    url = f"/concertations/{process.slug}/parties-prenantes/nouvelle"
    response = client.submit(url, {**VALID, field: value}, token_from=url)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert db.session.query(Stakeholder).count() == 0


def test_organizer_edits_a_stakeholder_and_the_change_is_audited(login_as):
    organizer, process, client = _setup(login_as)
    stakeholder = make_stakeholder(process, organizer, name="CAF", influence=2)
    url = f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}/modifier"
    page = text(client.get(url))
    assert '<input checked id="influence-1" name="influence" required type="radio" value="2">' in page
    response = client.submit(url, {**VALID, "name": "CAF de la Drôme-des-Collines", "influence": "5"}, token_from=url)
    assert response.status_code == 302
    changed = db.session.get(Stakeholder, stakeholder.id)
    assert (changed.name, changed.influence) == ("CAF de la Drôme-des-Collines", 5)
    entry = db.session.query(AuditEntry).filter_by(action="stakeholder.update").one()
    assert entry.changes["influence"] == [2, 5]


def test_registry_filters_and_search(login_as):
    organizer, process, client = _setup(login_as)
    make_stakeholder(process, organizer, name="ARS Auvergne-Rhône-Alpes", category=StakeholderCategory.INSTITUTIONS,
                     fields=["health"], territory="Région")  # fmt: skip
    make_stakeholder(process, organizer, name="France Alzheimer Drôme", fields=["autonomy_elderly"],
                     status=StakeholderStatus.ENGAGED, level=InvolvementLevel.CO_CONSTRUCT)  # fmt: skip
    make_stakeholder(process, organizer, name="APF France handicap", territory="Crest")
    archived = make_stakeholder(process, organizer, name="Ancienne association 100%_sûre")
    from consult.stakeholders.services.registry import archive_stakeholder

    archive_stakeholder(organizer, process, archived)
    base = f"/concertations/{process.slug}/parties-prenantes"

    def names(query=""):
        page = text(client.get(f"{base}?{query}"))
        return [n for n in ("ARS", "France Alzheimer", "APF France", "Ancienne") if f">{n}" in page]

    assert names() == ["ARS", "France Alzheimer", "APF France"]
    assert names("category=institutions") == ["ARS"]
    assert names("field=autonomy_elderly") == ["France Alzheimer"]
    assert names("territory=Crest") == ["APF France"]
    assert names("status=engaged") == ["France Alzheimer"]
    assert names("level=co_construct") == ["France Alzheimer"]
    assert names("q=france") == ["France Alzheimer", "APF France"]
    assert names("q=100%25_") == []
    assert names("archived=y") == ["Ancienne"]
    assert names("category=nonsense") == ["ARS", "France Alzheimer", "APF France"]


def test_registry_page_has_a_constant_number_of_queries(login_as, count_queries):
    organizer, process, client = _setup(login_as)
    url = f"/concertations/{process.slug}/parties-prenantes"

    def queries_with(n):
        for _ in range(n):
            make_stakeholder(process, organizer)
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    assert queries_with(2) == queries_with(25)


def test_archive_then_erase_contacts(login_as):
    organizer, process, client = _setup(login_as)
    stakeholder = make_stakeholder(process, organizer, contact_name="Jeanne Petit")
    base = f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}"
    response = client.submit(f"{base}/effacer-contacts", token_from=base, follow_redirects=True)
    assert "Archivez d'abord la partie prenante" in text(response)
    assert db.session.get(Stakeholder, stakeholder.id).contact_name == "Jeanne Petit"
    client.submit(f"{base}/archiver", token_from=base)
    assert db.session.get(Stakeholder, stakeholder.id).archived_at is not None
    response = client.submit(f"{base}/effacer-contacts", token_from=base, follow_redirects=True)
    assert "Les coordonnées sont effacées." in text(response)
    erased = db.session.get(Stakeholder, stakeholder.id)
    assert (erased.contact_name, erased.contact_email, erased.contact_phone) == ("", "", "")
    assert "Jeanne Petit" not in text(client.get(base))


def test_erasing_contacts_also_erases_the_addresses_invitations_were_sent_to(login_as, mailbox):
    from consult.stakeholders.models import Invitation
    from consult.stakeholders.services.invitations import invite_stakeholders
    from consult.stakeholders.services.registry import archive_stakeholder, erase_contacts

    organizer, process, _client = _setup(login_as)
    stakeholder = make_stakeholder(process, organizer)
    invite_stakeholders(organizer, process, [stakeholder])
    archive_stakeholder(organizer, process, stakeholder)
    erase_contacts(organizer, process, stakeholder)
    assert db.session.query(Invitation).one().email == ""


def test_hostile_names_and_notes_are_rendered_inert(login_as):
    organizer, process, client = _setup(login_as)
    stakeholder = make_stakeholder(
        process, organizer, name="<script>alert(1)</script>", notes="<img src=x onerror=alert(1)>"
    )
    for url in (
        f"/concertations/{process.slug}/parties-prenantes",
        f"/concertations/{process.slug}/parties-prenantes/{stakeholder.id}",
        f"/concertations/{process.slug}/parties-prenantes/carte",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page


def test_forms_refuse_a_missing_csrf_token(login_as):
    _organizer, process, client = _setup(login_as)
    response = client.post(f"/concertations/{process.slug}/parties-prenantes/nouvelle", data=VALID)
    assert response.status_code == 400
    assert db.session.query(Stakeholder).count() == 0


def test_empty_or_unknown_filters_show_no_error(login_as):
    _organizer, process, client = _setup(login_as)
    for query in ("", "?category=nonsense&field=&status=x"):
        page = text(client.get(f"/concertations/{process.slug}/parties-prenantes{query}"))
        assert "Erreur" not in page


def test_audit_log_shows_stakeholder_actions_without_contacts(login_as, mailbox):
    from consult.stakeholders.services.invitations import invite_stakeholders
    from consult.stakeholders.services.registry import update_stakeholder

    organizer, process, client = _setup(login_as)
    stakeholder = make_stakeholder(process, organizer, contact_email="secret@asso.exemple.fr")
    update_stakeholder(organizer, process, stakeholder, values={"contact_email": "autre@asso.exemple.fr"})
    invite_stakeholders(organizer, process, [stakeholder])
    page = text(client.get(f"/concertations/{process.slug}/journal"))
    assert "a ajouté" in page and "a invité 1 organisation" in page and "a mis à jour" in page
    assert "secret@asso.exemple.fr" not in page and "autre@asso.exemple.fr" not in page
