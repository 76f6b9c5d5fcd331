"""The printed annex: answered contributions by section in the draft's reading order, bounded per section."""

import io

import pytest

from consult.report.publishing.pdf import render_pdf
from consult.report.publishing.presentation import printed_context
from consult.report.publishing.snapshot.services import publish_report
from tests.factories import (
    make_comment,
    make_draft,
    make_process,
    make_reordered_draft,
    make_response,
    make_support,
    make_user,
)
from tests.helpers import text


def _pdf_text(app, revision) -> str:
    from pypdf import PdfReader

    with app.test_request_context():
        reader = PdfReader(io.BytesIO(render_pdf(revision)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def moved(report_dir):
    """A draft whose first part was moved below the second (so section ids do not follow the reading order)."""
    organizer = make_user()
    process = make_process(organizer)
    _draft, reading = make_reordered_draft(organizer, process)
    second_part, first_part, child = reading[:3]
    on_child = make_comment(make_user(), child, "Sur la section de la première partie.")
    on_second = make_comment(make_user(), second_part, "Sur la deuxième partie.")
    on_first = make_comment(make_user(), first_part, "Sur la première partie elle-même.")
    for contribution in (on_child, on_second, on_first):
        make_response(organizer, contribution, "Réponse des organisateurs.")
    return organizer, process, [second_part, first_part, child]


def test_the_annex_groups_sections_in_reading_order_parent_then_children(app, moved):
    organizer, process, reading = moved
    revision = publish_report(organizer, process, interim=True)
    with app.test_request_context():
        annex = printed_context(revision)["contributions"]
    assert [group["title"] for group in annex] == [s.title for s in reading]
    flat = _pdf_text(app, revision)
    annex_text = flat[flat.index("Annexe") :]
    found = [
        annex_text.index(body)
        for body in ("Sur la deuxième partie.", "Sur la première partie elle-même.", "Sur la section de la première")
    ]
    assert found == sorted(found)


def test_the_web_list_of_contributions_follows_the_reading_order(client, login_as, moved):
    organizer, process, reading = moved
    revision = publish_report(organizer, process, interim=True)
    page = text(client.get(f"/concertations/{process.slug}/bilan/versions/{revision.number}/contributions"))
    found = [page.index(f">{s.title}</h2>") for s in reading]
    assert found == sorted(found)


def test_the_annex_is_bounded_per_section_and_says_where_the_others_are(report_dir, app):
    app.config["REPORT_PRINTED_ANSWERS_PER_SECTION"] = 2
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    answered = []
    for n in range(5):
        contribution = make_comment(make_user(), sections[1], f"Contribution soutenue {n} fois.")
        for _ in range(n):
            make_support(make_user(), contribution)
        make_response(organizer, contribution, "Réponse.")
        answered.append(contribution)
    make_comment(make_user(), sections[1], "Sans réponse.")
    revision = publish_report(organizer, process, interim=True)
    with app.test_request_context():
        context = printed_context(revision)
    (group,) = context["contributions"]
    kept = [c["id"] for theme in group["themes"] for c in theme["items"]]
    assert sorted(kept) == sorted(c.id for c in answered[-2:])
    assert group["left_out"] == 3 and context["annex_shown"] == 2 and context["annex_total"] == 6
    flat = _pdf_text(app, revision)
    assert "Contribution soutenue 4 fois." in flat and "Contribution soutenue 0 fois." not in flat
    assert "3 autres contributions ayant reçu une réponse sur cette section" in flat
    assert "Sans réponse." not in flat
