"""Syntheses per section and overall, and the report's legal frame and next steps (Markdown made safe)."""

from sqlalchemy import select

from consult.db import db
from consult.report.models import ClosingReport, Synthesis
from tests.factories import make_process, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections


def test_organizer_writes_the_overall_and_a_section_synthesis(login_as):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    client = login_as(organizer)
    base = f"/concertations/{process.slug}/traitement/syntheses"
    assert "À rédiger" in text(client.get(base))
    response = client.submit(f"{base}/generale", {"body_md": "## Ce qui ressort\n\nUn **fort** besoin de répit."})
    assert response.status_code == 302
    client.submit(f"{base}/sections/{section.id}", {"body_md": "Les aidants demandent du *répit*."})
    overall = db.session.scalar(select(Synthesis).where(Synthesis.section_id.is_(None)))
    assert overall.body_html == "<h2>Ce qui ressort</h2>\n<p>Un <strong>fort</strong> besoin de répit.</p>\n"
    per_section = db.session.scalar(select(Synthesis).where(Synthesis.section_id == section.id))
    assert per_section.body_html == "<p>Les aidants demandent du <em>répit</em>.</p>\n"
    assert "Rédigée le" in text(client.get(base))
    # Saving again updates the same synthesis.
    client.submit(f"{base}/generale", {"body_md": "Version 2"})
    assert db.session.scalars(select(Synthesis).where(Synthesis.section_id.is_(None))).all()[0].body_md == "Version 2"
    assert "Version 2" in text(client.get(f"{base}/generale"))


def test_synthesis_html_is_sanitized(login_as):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    client.submit(
        f"/concertations/{process.slug}/traitement/syntheses/generale",
        {"body_md": '<script>alert(1)</script><a href="javascript:x">a</a>'},
    )
    synthesis = db.session.scalar(select(Synthesis))
    assert "<script>" not in synthesis.body_html
    assert "<a " not in synthesis.body_html


def test_synthesis_of_a_section_of_another_process_is_not_found(login_as):
    organizer = make_user()
    process = make_process(organizer)
    other_organizer = make_user()
    (foreign,) = consulted_sections(other_organizer, make_process(other_organizer))
    url = f"/concertations/{process.slug}/traitement/syntheses/sections/{foreign.id}"
    assert login_as(organizer).get(url).status_code == 404


def test_synthesis_length_is_limited(login_as):
    organizer = make_user()
    process = make_process(organizer)
    response = login_as(organizer).submit(
        f"/concertations/{process.slug}/traitement/syntheses/generale", {"body_md": "x" * 50001}
    )
    assert response.status_code == 400
    assert "50000 caractères au maximum" in text(response)


def test_organizer_writes_every_closing_text_on_one_screen(login_as):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/traitement/textes"
    response = client.submit(
        url,
        {
            "foreword_md": "Le mot du **président**.",
            "legal_frame_md": "Article **L. 312-5** du CASF.",
            "next_steps_md": "- Comité de suivi en mars\n- Évaluation à mi-parcours",
            "conclusion_md": "Nous *tiendrons* nos engagements.",
            "licence": "",
        },
    )
    assert response.status_code == 302
    report = db.session.scalar(select(ClosingReport))
    assert report.legal_frame_html == "<p>Article <strong>L. 312-5</strong> du CASF.</p>\n"
    assert "<li>Comité de suivi en mars</li>" in report.next_steps_html
    assert report.licence == "Licence Ouverte 2.0"
    assert report.foreword_html == "<p>Le mot du <strong>président</strong>.</p>\n"
    assert report.conclusion_html == "<p>Nous <em>tiendrons</em> nos engagements.</p>\n"
    assert "Article **L. 312-5** du CASF." in text(client.get(url))
