"""Themes: create, edit, assign one or a selection, delete (contributions stay, the change recorded)."""

import pytest
from sqlalchemy import select

from consult.db import db
from consult.report.models import DispositionChange, Theme, Treatment
from tests.factories import make_process, make_theme, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections, contribute


@pytest.fixture
def setup(login_as):
    """A process, its organizer's client, and three contributions."""
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    contributions = [contribute(section, f"contribution-{n}") for n in range(3)]
    return process, contributions, login_as(organizer)


def _themes_url(process, suffix=""):
    return f"/concertations/{process.slug}/traitement/themes{suffix}"


def _create(client, process, title, description=""):
    client.submit(_themes_url(process), {"title": title, "description": description})
    return db.session.scalar(select(Theme).where(Theme.title == title))


def test_organizer_creates_a_theme_and_sees_it_listed_with_its_count(setup):
    process, (a, b, _c), client = setup
    response = client.submit(_themes_url(process), {"title": "Répit des aidants", "description": "Accueil temporaire"})
    assert response.status_code == 302
    theme = db.session.scalar(select(Theme))
    client.submit(
        f"/concertations/{process.slug}/traitement/lot", {"action": "theme", "theme": theme.id, "ids": [a.id, b.id]}
    )
    page = text(client.get(_themes_url(process)))
    assert "Répit des aidants" in page
    assert "Accueil temporaire" in page
    assert ">2<span" in page


def test_theme_title_is_required_and_limited(setup):
    process, _contributions, client = setup
    response = client.submit(_themes_url(process), {"title": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in text(response)
    response = client.submit(_themes_url(process), {"title": "x" * 121})
    assert response.status_code == 400


def test_theme_title_is_rendered_inert(setup):
    process, _contributions, client = setup
    _create(client, process, "<img src=x onerror=alert(1)>")
    page = client.get(_themes_url(process)).get_data(as_text=True)
    assert "<img src=x" not in page


def test_organizer_renames_a_theme(setup):
    process, _contributions, client = setup
    theme = _create(client, process, "Transport")
    response = client.submit(_themes_url(process, f"/{theme.id}"), {"title": "Transport adapté", "description": ""})
    assert response.status_code == 302
    assert db.session.get(Theme, theme.id).title == "Transport adapté"


def test_one_contribution_is_put_in_a_theme_then_taken_out(setup):
    process, (a, _b, _c), client = setup
    theme = _create(client, process, "Logement inclusif")
    url = f"/concertations/{process.slug}/traitement/contributions/{a.id}/theme"
    assert client.submit(url, {"t-theme": theme.id}).status_code == 302
    assert db.session.scalar(select(Treatment.theme_id).where(Treatment.contribution_id == a.id)) == theme.id
    page = text(client.get(f"/concertations/{process.slug}/traitement?theme={theme.id}"))
    assert "1 contribution trouvée" in page
    client.submit(url, {"t-theme": ""})
    assert db.session.scalar(select(Treatment.theme_id).where(Treatment.contribution_id == a.id)) is None
    page = text(client.get(f"/concertations/{process.slug}/traitement?theme=none"))
    assert "3 contributions trouvées" in page


def test_theme_of_another_process_is_not_a_choice(setup):
    process, (a, _b, _c), client = setup
    other_organizer = make_user()
    other = make_process(other_organizer)
    foreign = make_theme(other_organizer, other, "Ailleurs")
    response = client.submit(
        f"/concertations/{process.slug}/traitement/lot", {"action": "theme", "theme": foreign.id, "ids": [a.id]}
    )
    assert response.status_code == 400
    assert client.get(_themes_url(process, f"/{foreign.id}")).status_code == 404


def test_deleting_a_theme_keeps_its_contributions_and_records_the_lost_disposition(setup):
    process, (a, _b, _c), client = setup
    theme_id = _create(client, process, "Hors sujet").id
    client.submit(
        f"/concertations/{process.slug}/traitement/lot", {"action": "theme", "theme": theme_id, "ids": [a.id]}
    )
    client.submit(
        _themes_url(process, f"/{theme_id}/suite"), {"d-disposition": "out_of_scope", "d-reason_md": "Hors schéma."}
    )
    refused = client.submit(_themes_url(process, f"/{theme_id}/supprimer"), {}, follow_redirects=True)
    assert "Cochez la case pour confirmer la suppression." in text(refused)
    response = client.submit(_themes_url(process, f"/{theme_id}/supprimer"), {"confirm": "1"})
    assert response.status_code == 302
    assert db.session.get(Theme, theme_id) is None
    assert db.session.scalar(select(Treatment.theme_id).where(Treatment.contribution_id == a.id)) is None
    last = db.session.scalars(select(DispositionChange).order_by(DispositionChange.id.desc())).first()
    assert (last.target_id, last.before, last.after) == (a.id, "out_of_scope", None)
    assert "Thème « Hors sujet » supprimé." in text(
        client.get(f"/concertations/{process.slug}/traitement/contributions/{a.id}")
    )
