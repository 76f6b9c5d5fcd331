"""Organizers write drafts: skeleton, sections, order, publication window, new versions and what changed."""

import pytest
from sqlalchemy import select

from consult.consultation import services
from consult.consultation.models import ChangeLink, Draft, DraftVersion, Section
from consult.db import db
from tests.factories import make_comment, make_draft, make_process, make_user
from tests.helpers import text


def _sections(version_id):
    return db.session.scalars(
        select(Section)
        .where(Section.version_id == version_id)
        .order_by(Section.parent_id.is_not(None), Section.position)
    ).all()


def test_a_new_draft_starts_from_the_five_parts_of_a_schema(login_as):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    response = client.submit(f"/concertations/{process.slug}/projets/nouveau", {"title": "Projet de schéma 2027"},
                             token_from=f"/concertations/{process.slug}/projets/nouveau")  # fmt: skip
    assert response.status_code == 302
    draft = db.session.scalar(select(Draft))
    titles = [s.title for s in _sections(draft.versions[0].id)]
    assert titles == ["1. Analyse des besoins", "2. État des lieux de l'offre", "3. Perspectives et objectifs",
                      "4. Coopération et coordination", "5. Évaluation"]  # fmt: skip
    page = text(client.get(f"/concertations/{process.slug}"))
    assert "Projet de schéma 2027" in page and "Pas encore publié." in page


def test_organizers_add_edit_move_and_remove_sections(login_as):
    organizer = make_user()
    process = make_process(organizer)
    draft, _sections_list = make_draft(organizer, process, publish=False)
    version = draft.versions[0]
    client = login_as(organizer)
    editor = f"/concertations/{process.slug}/projets/{draft.id}/edition"
    parts = [s for s in _sections(version.id) if s.parent_id is None]
    form = {"parent_id": str(parts[1].id), "title": "Les SSIAD", "body_md": "Texte **important**", "easy_read_md": ""}
    assert (
        client.submit(f"/concertations/{process.slug}/projets/{draft.id}/sections", form, token_from=editor).status_code
        == 302
    )
    added = db.session.scalar(select(Section).where(Section.title == "Les SSIAD"))
    assert added.parent_id == parts[1].id and added.body_html.strip() == "<p>Texte <strong>important</strong></p>"
    edit_url = f"/concertations/{process.slug}/sections/{added.id}/modifier"
    client.submit(
        edit_url,
        {"title": "Les services de soins", "body_md": "Nouveau", "easy_read_md": "Facile"},
        token_from=edit_url,
    )
    db.session.refresh(added)
    assert added.title == "Les services de soins" and added.easy_read_html.strip() == "<p>Facile</p>"
    client.submit(
        f"/concertations/{process.slug}/sections/{parts[1].id}/deplacer", {"direction": "up"}, token_from=editor
    )
    order = [s.title for s in _sections(version.id) if s.parent_id is None]
    assert order[:2] == ["2. État des lieux de l'offre", "1. Analyse des besoins"]
    client.submit(f"/concertations/{process.slug}/sections/{parts[4].id}/supprimer", token_from=editor)
    assert "5. Évaluation" not in [s.title for s in _sections(version.id)]
    response = client.submit(
        f"/concertations/{process.slug}/projets/{draft.id}/sections", {**form, "title": ""}, token_from=editor
    )
    assert response.status_code == 400 and "Ce champ est obligatoire." in text(response)


def test_hostile_markdown_of_organizers_is_rendered_inert(login_as, client):
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process, publish=False)
    section = sections[-1]
    edit_url = f"/concertations/{process.slug}/sections/{section.id}/modifier"
    hostile = '<script>alert(1)</script>\n\n<a href="#" onclick="alert(2)">x</a> [lien](javascript:alert(3))'
    login_as(organizer).submit(
        edit_url, {"title": "Titre", "body_md": hostile, "easy_read_md": hostile}, token_from=edit_url
    )
    services.publish_version(organizer, draft.versions[0], opens_at=_now(-1), closes_at=_now(5))
    for url in (
        f"/concertations/{process.slug}/projets/{draft.id}",
        f"/concertations/{process.slug}/sections/{section.id}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and 'onclick="' not in page and 'href="javascript:' not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _now(days):
    from datetime import timedelta

    from consult.db import utcnow

    return utcnow() + timedelta(days=days)


def test_publishing_sets_the_window_in_paris_time_and_freezes_the_version(login_as, client):
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process, publish=False)
    signed_in = login_as(organizer)
    editor = f"/concertations/{process.slug}/projets/{draft.id}/edition"
    draft_url = f"/concertations/{process.slug}/projets/{draft.id}"
    assert client.get(draft_url).status_code == 404  # unpublished: organizers only
    bad = {"opens_at": "2030-03-10T09:00", "closes_at": "2030-03-01T09:00"}
    response = signed_in.submit(f"{draft_url}/publier", bad, token_from=editor)
    assert response.status_code == 409 and "La consultation doit se clore après son ouverture." in text(response)
    signed_in.submit(
        f"{draft_url}/publier", {"opens_at": "2030-03-10T09:00", "closes_at": "2030-04-10T18:00"}, token_from=editor
    )
    version = db.session.get(DraftVersion, draft.versions[0].id)
    assert version.opens_at.isoformat() == "2030-03-10T08:00:00+00:00"  # 09:00 in Paris, winter time
    assert version.closes_at.isoformat() == "2030-04-10T16:00:00+00:00"  # 18:00 in Paris, summer time
    assert "Les contributions ouvrent le 10 mars 2030, 09:00" in text(client.get(draft_url))
    edit_url = f"/concertations/{process.slug}/sections/{sections[-1].id}/modifier"
    response = signed_in.submit(
        edit_url, {"title": "Changé", "body_md": "Changé"}, token_from=editor, follow_redirects=True
    )
    assert "Cette version est publiée : elle ne peut plus être modifiée." in text(response)


def test_a_new_version_copies_the_sections_and_shows_what_changed_with_linked_contributions(login_as, client):
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process)
    old = sections[-1]
    comment = make_comment(make_user(), old, body="Ajoutez les personnes handicapées")
    signed_in = login_as(organizer)
    editor = f"/concertations/{process.slug}/projets/{draft.id}/edition"
    signed_in.submit(f"/concertations/{process.slug}/projets/{draft.id}/nouvelle-version", token_from=editor)
    version2 = db.session.scalar(select(DraftVersion).where(DraftVersion.number == 2))
    copies = _sections(version2.id)
    assert len(copies) == len(sections)
    new = next(s for s in copies if s.previous_id == old.id)
    assert new.parent_id == next(s.id for s in copies if s.previous_id == old.parent_id)
    edit_url = f"/concertations/{process.slug}/sections/{new.id}/modifier"
    body = "Le Département soutient le maintien à domicile des personnes âgées et handicapées."
    signed_in.submit(edit_url, {"title": new.title, "body_md": body}, token_from=edit_url)
    changes = f"/concertations/{process.slug}/projets/{draft.id}/versions/2/changements"
    signed_in.submit(
        f"/concertations/{process.slug}/sections/{new.id}/liens", {"contribution_id": comment.id}, token_from=changes
    )
    assert db.session.scalar(select(ChangeLink.contribution_id)) == comment.id
    assert client.get(changes).status_code == 404  # version 2 is not published yet
    services.publish_version(organizer, version2, opens_at=_now(-1), closes_at=_now(5))
    page = client.get(changes).get_data(as_text=True)
    assert "âgées<ins> et handicapées</ins>." in page
    assert "Ajoutez les personnes handicapées" in page and "Inchangée." in page
    assert "Relier" not in page  # visitors do not see the organizer's form


def test_only_contributions_on_an_earlier_version_of_the_section_can_be_linked(app):
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process)
    with app.test_request_context():
        comment = make_comment(make_user(), sections[0])
        services.start_new_version(organizer, draft)
        copies = _sections(draft.versions[-1].id)
        other = next(s for s in copies if s.previous_id == sections[-1].id)
        with pytest.raises(Exception, match="version précédente"):
            services.link_contribution_to_change(organizer, other, comment)


@pytest.mark.parametrize(
    ("method", "tail"),
    [("GET", "/projets/nouveau"), ("GET", "/projets/{draft}/edition"), ("POST", "/projets/{draft}/publier"),
     ("POST", "/projets/{draft}/nouvelle-version"), ("POST", "/projets/{draft}/sections"),
     ("GET", "/sections/{section}/modifier"), ("POST", "/sections/{section}/deplacer"),
     ("POST", "/sections/{section}/supprimer"), ("POST", "/sections/{section}/liens")],
)  # fmt: skip
def test_participants_cannot_edit_drafts(login_as, method, tail):
    organizer = make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process, publish=False)
    url = f"/concertations/{process.slug}" + tail.format(draft=draft.id, section=sections[-1].id)
    client = login_as(make_user())
    response = client.get(url) if method == "GET" else client.submit(url, {"title": "x", "contribution_id": "1"})
    assert response.status_code == 403


def test_a_draft_is_found_only_under_its_own_visible_process(client, login_as):
    organizer = make_user()
    process, other = make_process(organizer), make_process(organizer)
    draft, _sections_list = make_draft(organizer, process)
    assert client.get(f"/concertations/{process.slug}/projets/{draft.id}").status_code == 200
    assert client.get(f"/concertations/{other.slug}/projets/{draft.id}").status_code == 404
    assert client.get(f"/concertations/{process.slug}/projets/{draft.id}/versions/1/changements").status_code == 200
    assert client.get(f"/concertations/{other.slug}/projets/{draft.id}/versions/1/changements").status_code == 404
    process.is_published = False
    db.session.commit()
    assert client.get(f"/concertations/{process.slug}/projets/{draft.id}").status_code == 404  # visitors
    assert login_as(organizer).get(f"/concertations/{process.slug}/projets/{draft.id}").status_code == 200
