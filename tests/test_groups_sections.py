"""Group pages list draft sections in the draft's own order: each part, then the sections inside it."""

import pytest

from consult.consultation.services import add_section
from consult.processes.models import PhaseKind
from tests.factories import make_draft, make_group, make_member, make_process, make_user
from tests.helpers import text


@pytest.fixture
def outline():
    """A draft whose first two parts each hold a section; the titles in reading order."""
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    draft, sections = make_draft(organizer, process, publish=False)
    parts = [s for s in sections if s.parent_id is None]
    add_section(organizer, draft.versions[-1], title="Soutenir les aidants", body_md="Texte", parent_id=parts[1].id)
    child_of_first = next(s for s in sections if s.parent_id == parts[0].id)
    titles = [parts[0].title, child_of_first.title, parts[1].title, "Soutenir les aidants", parts[2].title]
    return process, organizer, titles


def _in_order(page: str, titles: list[str]) -> bool:
    positions = [page.index(f">{title}<") for title in titles]
    return positions == sorted(positions)


def test_group_form_offers_sections_in_the_draft_order(outline, login_as):
    process, organizer, titles = outline
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/groupes/nouveau"))
    assert _in_order(page, titles)


def test_group_page_and_sheet_form_list_sections_in_the_draft_order(outline, login_as):
    from consult.consultation.queries import sections_in_reading_order

    process, organizer, titles = outline
    ids = [s.id for s in sections_in_reading_order(process.id)]
    group = make_group(process, organizer, section_ids=list(reversed(ids)))
    _stakeholder, member = make_member(group, organizer)
    base = f"/concertations/{process.slug}/groupes/{group.slug}"
    assert _in_order(text(login_as(member).get(base)), titles)
    assert _in_order(text(login_as(member).get(f"{base}/propositions/nouvelle")), titles)
