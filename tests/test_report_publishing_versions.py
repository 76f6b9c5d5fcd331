"""A draft consulted in two versions: each section once, with what every version received, and no empty stubs."""

import pytest

from consult.report.publishing.snapshot.services import publish_report
from consult.report.treatment.texts import save_closing_texts
from tests.factories import (
    make_comment,
    make_draft,
    make_new_version,
    make_position,
    make_process,
    make_support,
    make_user,
)
from tests.helpers import text


@pytest.fixture
def two_versions(report_dir):
    """Part 1 commented and positioned on both versions; every other section received nothing."""
    organizer = make_user()
    process = make_process(organizer)
    draft, first = make_draft(organizer, process)
    make_support(make_user(), make_comment(make_user(), first[0], "Sur la première version."))
    make_position(first[0], make_user(), "agree")
    _version, second = make_new_version(organizer, draft)
    make_support(make_user(), make_comment(make_user(), second[0], "Sur la deuxième version."))
    make_position(second[0], make_user(), "disagree")
    make_position(second[0], make_user(), "disagree")
    return organizer, process, first, second


def test_each_section_comes_once_with_what_each_version_received(two_versions):
    organizer, process, first, second = two_versions
    snapshot = publish_report(organizer, process, interim=True).snapshot
    (entry,) = snapshot["sections"]
    assert entry["id"] == second[0].id
    assert entry["ids"] == [first[0].id, second[0].id]
    assert entry["contributions"] == 2
    assert entry["positions"]["total"] == 3
    assert [(v["number"], v["contributions"], v["positions"]["total"]) for v in entry["versions"]] == [
        (1, 1, 1),
        (2, 1, 2),
    ]
    assert [v["number"] for v in snapshot["versions"]] == [1, 2]
    assert all(v["opens_at"] and v["closes_at"] for v in snapshot["versions"])


def test_empty_sections_are_printed_only_when_the_organizer_asks(two_versions):
    organizer, process, _first, second = two_versions
    save_closing_texts(organizer, process, legal_frame_md="", next_steps_md="", include_empty_sections=True)
    snapshot = publish_report(organizer, process, interim=True).snapshot
    assert [s["id"] for s in snapshot["sections"]] == [s.id for s in _reading_order(second)]


def test_a_part_stays_when_one_of_its_sections_received_something(report_dir):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    child = next(s for s in sections if s.parent_id is not None)
    make_comment(make_user(), child)
    snapshot = publish_report(organizer, process, interim=True).snapshot
    assert [s["id"] for s in snapshot["sections"]] == [child.parent_id, child.id]


def test_the_report_page_names_the_versions_and_prints_each_section_once(login_as, two_versions):
    organizer, process, _first, second = two_versions
    revision = publish_report(organizer, process, interim=True)
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/bilan/versions/{revision.number}"))
    assert page.count(second[0].title) >= 1
    assert "Textes consultés" in page
    assert "sur la version 1" in page.lower()
    assert "Personne n'a donné de position" not in page


def test_the_synthesis_screen_lists_each_section_once_with_its_counts(login_as, two_versions):
    organizer, process, _first, second = two_versions
    page = login_as(organizer).get(f"/concertations/{process.slug}/traitement/syntheses").get_data(as_text=True)
    assert page.count(f'/syntheses/sections/{second[0].id}"') == 1
    assert page.count("/syntheses/sections/") == len(second)
    row = page[page.index(second[0].title) :].split("</tr>")[0]
    assert '<td class="num">2</td><td class="num">3</td>' in row


def _reading_order(sections):
    parts = sorted((s for s in sections if s.parent_id is None), key=lambda s: s.position)
    return [
        x for p in parts for x in [p, *sorted((s for s in sections if s.parent_id == p.id), key=lambda s: s.position)]
    ]
