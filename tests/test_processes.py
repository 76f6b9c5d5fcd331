"""Processes: home page, process page and timeline, creation and editing by organizers only."""

from datetime import date

import pytest

from consult.db import db
from consult.processes.models import PhaseKind, Process
from tests.factories import make_process, make_user
from tests.helpers import text

PROCESS_FORM = {
    "title": "Schéma enfance-famille 2027",
    "slug": "",
    "summary_md": "Un **résumé** avec <script>alert(1)</script> et [un lien](javascript:alert(1)).",
    "fields": ["childhood_family"],
    "territory": "Département de test",
    "is_published": "y",
}


def test_home_lists_published_processes_with_their_current_phase(client):
    make_process(title="Schéma autonomie", current=PhaseKind.CONSULTATION)
    make_process(title="Schéma caché", published=False)
    page = text(client.get("/"))
    assert "Schéma autonomie" in page
    assert "Consultation publique" in page
    assert "Schéma caché" not in page


def test_process_page_shows_summary_and_marks_the_current_phase(client):
    process = make_process(current=PhaseKind.WORKING_GROUPS)
    page = text(client.get(f"/concertations/{process.slug}"))
    assert "<p>Résumé</p>" in page
    current = page.split('aria-current="step"')[1][:400]
    assert "Groupes de travail" in current
    assert page.count("timeline__step--past") == 3


def test_unpublished_process_is_hidden_from_visitors_but_shown_to_its_organizers(client, login_as):
    organizer = make_user()
    process = make_process(organizer, published=False)
    assert client.get(f"/concertations/{process.slug}").status_code == 404
    assert login_as(make_user()).get(f"/concertations/{process.slug}").status_code == 404
    assert login_as(organizer).get(f"/concertations/{process.slug}").status_code == 200


def test_organizer_creates_a_process_with_safe_summary(login_as):
    organizer = make_user()
    make_process(organizer)
    client = login_as(organizer)
    response = client.submit("/concertations/nouvelle", PROCESS_FORM)
    assert response.status_code == 302
    process = db.session.query(Process).filter_by(title=PROCESS_FORM["title"]).one()
    assert process.slug == "schema-enfance-famille-2027"
    assert "<strong>résumé</strong>" in process.summary_html
    assert "<script" not in process.summary_html and 'href="javascript' not in process.summary_html
    assert client.get(f"/concertations/{process.slug}/modifier").status_code == 200


def test_moderation_mode_chosen_at_creation_is_kept(login_as):
    admin = make_user(admin=True)
    response = login_as(admin).submit("/concertations/nouvelle", dict(PROCESS_FORM, moderation_mode="pre"))
    assert response.status_code == 302
    assert db.session.query(Process).one().moderation_mode.value == "pre"


def test_admin_creates_a_process_and_becomes_its_organizer(login_as):
    admin = make_user(admin=True)
    assert login_as(admin).submit("/concertations/nouvelle", PROCESS_FORM).status_code == 302


def test_participant_cannot_create_a_process(login_as):
    client = login_as(make_user())
    assert client.get("/concertations/nouvelle").status_code == 403
    assert client.submit("/concertations/nouvelle", PROCESS_FORM).status_code == 403
    assert db.session.query(Process).count() == 0


def test_process_form_validation_errors(login_as):
    admin = make_user(admin=True)
    response = login_as(admin).submit(
        "/concertations/nouvelle", {"title": "abc", "slug": "Pas Bon!", "summary_md": "", "territory": ""}
    )
    page = text(response)
    assert response.status_code == 400
    assert "Entre 5 et 200 caractères" in page
    assert "Lettres minuscules, chiffres et tirets uniquement." in page
    assert page.count("Ce champ est obligatoire.") >= 3


def test_organizer_edits_the_process(login_as):
    organizer = make_user()
    process = make_process(organizer)
    data = dict(PROCESS_FORM, title="Nouveau titre du schéma", slug="nouveau-titre")
    response = login_as(organizer).submit(f"/concertations/{process.slug}/modifier", data)
    assert response.status_code == 302
    db.session.refresh(process)
    assert (process.title, process.slug, process.fields) == (
        "Nouveau titre du schéma",
        "nouveau-titre",
        ["childhood_family"],
    )


def test_participant_and_other_organizer_cannot_edit(login_as):
    process = make_process(make_user())
    other_organizer = make_user()
    make_process(other_organizer)
    for user in (make_user(), other_organizer):
        client = login_as(user)
        assert client.get(f"/concertations/{process.slug}/modifier").status_code == 403
        assert client.submit(f"/concertations/{process.slug}/modifier", PROCESS_FORM).status_code == 403


def test_organizer_sets_and_removes_a_phase(login_as):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/phases/diagnostic"
    response = client.submit(
        url,
        {
            "diagnostic-starts_on": "2027-01-04",
            "diagnostic-ends_on": "2027-02-26",
            "diagnostic-description": "Questionnaires",
        },
    )
    assert response.status_code == 302
    phase = next(p for p in process.phases if p.kind == PhaseKind.DIAGNOSTIC)
    assert (phase.starts_on, phase.ends_on, phase.description) == (
        date(2027, 1, 4),
        date(2027, 2, 26),
        "Questionnaires",
    )
    assert client.submit(f"{url}/retirer").status_code == 302
    db.session.expire_all()
    assert PhaseKind.DIAGNOSTIC not in {p.kind for p in db.session.get(Process, process.id).phases}


def test_phase_form_rejects_an_end_before_the_start_and_bad_dates(login_as):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/phases/objectives"
    response = client.submit(url, {"objectives-starts_on": "2027-03-10", "objectives-ends_on": "2027-03-01"})
    assert response.status_code == 400
    assert "Une phase ne peut pas finir avant de commencer." in text(response)
    response = client.submit(url, {"objectives-starts_on": "demain", "objectives-ends_on": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in text(response)


def test_unknown_phase_is_a_404(login_as):
    organizer = make_user()
    process = make_process(organizer)
    assert login_as(organizer).submit(f"/concertations/{process.slug}/phases/nope", {}).status_code == 404


def test_organizer_adds_and_removes_an_organizer(login_as):
    organizer, colleague = make_user(), make_user("collegue@exemple.fr")
    process = make_process(organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/organisateurs"
    assert client.submit(url, {"email": "collegue@exemple.fr"}, token_from=url).status_code == 302
    assert login_as(colleague).get(f"/concertations/{process.slug}/modifier").status_code == 200
    assert client.submit(f"{url}/{colleague.id}/retirer", token_from=url).status_code == 302
    assert login_as(colleague).get(f"/concertations/{process.slug}/modifier").status_code == 403
    response = client.submit(url, {"email": "inconnu@exemple.fr"}, token_from=url)
    assert "Aucun compte n'utilise cette adresse" in text(response)


def test_last_organizer_cannot_be_removed(login_as):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/organisateurs"
    response = client.submit(f"{url}/{organizer.id}/retirer", token_from=url, follow_redirects=True)
    assert "au moins un organisateur" in text(response)


@pytest.mark.parametrize("size", [2, 20])
def test_home_and_process_pages_keep_a_constant_number_of_queries(client, count_queries, size):
    processes = [make_process() for _ in range(size)]
    client.get("/")
    with count_queries() as home:
        assert client.get("/").status_code == 200
    with count_queries() as page:
        assert client.get(f"/concertations/{processes[0].slug}").status_code == 200
    assert len(home) <= 3, home
    # + 1 per domain panel: drafts, stakeholders' setting, working groups, published report, opinion groups
    assert len(page) <= 3 + 5, page
