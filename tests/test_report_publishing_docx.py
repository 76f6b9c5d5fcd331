"""The editable export: the same revision as a Word document, with the PDF's headings and tables; organizers only."""

import io

import pytest
from docx import Document

from consult.report.publishing.snapshot.services import publish_report
from consult.report.treatment.texts import save_closing_texts
from tests.factories import make_comment, make_draft, make_process, make_support, make_user


@pytest.fixture
def published(report_dir):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    make_support(make_user(), make_comment(make_user(), sections[0], "Plus de répit pour les aidants."))
    save_closing_texts(organizer, process, foreword_md="Le mot du **président**.", conclusion_md="Nos engagements.")
    return organizer, process, publish_report(organizer, process, interim=True)


def _url(process, revision):
    return f"/concertations/{process.slug}/bilan/versions/{revision.number}/bilan.docx"


def test_organizers_download_the_revision_with_the_headings_and_tables_of_the_pdf(app, login_as, published):
    from lxml import html

    organizer, process, revision = published
    response = login_as(organizer).get(_url(process, revision))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    document = Document(io.BytesIO(response.data))

    with app.test_request_context():
        from flask import render_template
        from flask_babel import force_locale

        from consult.report.publishing.presentation import printed_context

        with force_locale("fr"):
            page = render_template(
                "report/publishing/pdf.html",
                revision=revision,
                print_mode=True,
                contributions_url=None,
                **printed_context(revision),
            )
    tree = html.fromstring(page)
    expected = [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3", "h4")]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == expected
    assert len(document.tables) == len(list(tree.iter("table")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Le mot du président." in text and "Nos engagements." in text
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "président" in bold
    assert document.core_properties.title == process.title


def test_only_organizers_may_download_the_editable_export(client, login_as, published):
    organizer, process, revision = published
    url = _url(process, revision)
    assert "/connexion" in client.get(url).headers["Location"]
    assert login_as(make_user()).get(url).status_code == 403
    page = f"/concertations/{process.slug}/bilan/versions/{revision.number}"
    assert "bilan.docx" not in client.get(page).get_data(as_text=True)
    assert "bilan.docx" in login_as(organizer).get(page).get_data(as_text=True)
