"""The report follows the draft's order, each part followed by its own sections: web page, PDF bookmarks, CSV."""

import csv
import io
import zipfile

import pytest

from consult.report.publishing.pdf import render_pdf
from consult.report.publishing.snapshot.services import publish_report
from consult.report.treatment.texts import save_closing_texts
from tests.factories import make_comment, make_process, make_reordered_draft, make_user


@pytest.fixture
def published(report_dir):
    """A draft whose first part (with its own section) was moved below the second, then an interim report."""
    organizer = make_user()
    process = make_process(organizer)
    _draft, ordered = make_reordered_draft(organizer, process)
    second_part, _first_part, child = ordered[:3]
    make_comment(make_user(), child, "Sur la section de la première partie.")
    make_comment(make_user(), second_part, "Sur la deuxième partie.")
    save_closing_texts(organizer, process, legal_frame_md="", next_steps_md="", include_empty_sections=True)
    return process, publish_report(organizer, process, interim=True), ordered


def test_sections_follow_the_draft_order_in_the_page_the_csv_and_the_pdf_bookmarks(app, client, published):
    from pypdf import PdfReader

    process, revision, ordered = published
    expected = [s.title for s in ordered]
    assert [s["title"] for s in revision.snapshot["sections"]] == expected
    page = client.get(f"/concertations/{process.slug}/bilan/versions/{revision.number}").get_data(as_text=True)
    positions = [page.index(f'id="section-{s.id}-title"') for s in ordered]
    assert positions == sorted(positions)

    archive = zipfile.ZipFile(f"{app.config['REPORT_DIR']}/{revision.opendata_path}")
    rows = list(csv.DictReader(io.StringIO(archive.read("sections.csv").decode("utf-8-sig")), delimiter=";"))
    assert [row["title"] for row in rows] == expected
    listed = list(csv.DictReader(io.StringIO(archive.read("contributions.csv").decode("utf-8-sig")), delimiter=";"))
    assert [row["section"] for row in listed] == [expected[0], expected[2]]

    with app.test_request_context():
        reader = PdfReader(io.BytesIO(render_pdf(revision)))
    bookmarks = [item.title for item in _flatten(reader.outline)]
    found = [bookmarks.index(title) for title in expected]
    assert found == sorted(found)


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item
