"""The published report reads as a document: cover, contents, foreword, conclusion, groups' activity, method."""

import io

from consult.report.publishing.pdf import render_pdf
from consult.report.publishing.snapshot.services import publish_report
from consult.report.treatment.texts import save_closing_texts
from tests.factories import make_comment, make_draft, make_process, make_user


def test_the_pdf_opens_with_a_cover_and_contents_and_carries_the_foreword_and_conclusion(report_dir, app):
    from pypdf import PdfReader

    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    make_comment(make_user(), sections[0])
    save_closing_texts(
        organizer, process, foreword_md="Le mot du **président**.", conclusion_md="Nos engagements pour demain."
    )
    revision = publish_report(organizer, process, interim=True)
    with app.test_request_context():
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(revision))).pages]
    cover, contents = pages[0], pages[1]
    assert process.title in cover and process.territory.upper() in cover and "Concertation menée du" in cover
    assert "Version 1, publiée le" in cover
    assert "Avant-propos" in contents and "Conclusion" in contents and "Méthode" in contents
    everything = "\n".join(pages)
    assert "Le mot du président." in everything and "Nos engagements pour demain." in everything
    assert "Groupes de travail" in everything
