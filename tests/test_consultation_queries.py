"""The draft and section pages keep a constant, small number of SQL queries whatever the data size."""

import pytest
from markupsafe import escape

from consult.consultation import services
from consult.consultation.models import PositionValue
from consult.db import db
from tests.factories import make_comment, make_draft, make_process, make_user

MAX_QUERIES = 15


def _populate(section, size):
    people = [make_user() for _ in range(size)]
    for n, person in enumerate(people):
        comment = make_comment(person, section, body=f"Commentaire {n}")
        make_comment(people[n - 1], section, body=f"Réponse {n}", parent=comment)
        services.set_position(person, section, list(PositionValue)[n % 3])
        services.support_contribution(people[n - 1], comment)
        services.propose_amendment(person, section, proposed_text=f"Texte {n}", justification="Mieux")
    return people


def _count(client, count_queries, url):
    client.get(url)
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


@pytest.mark.parametrize("signed_in", [False, True])
def test_draft_and_section_pages_keep_a_constant_number_of_queries(app, client, login_as, count_queries, signed_in):
    counts = []
    for size in (2, 12):
        organizer = make_user()
        process = make_process(organizer)
        draft, sections = make_draft(organizer, process)
        with app.test_request_context():
            people = _populate(sections[-1], size)
        browser = login_as(people[0]) if signed_in else client
        counts.append(
            (
                _count(browser, count_queries, f"/concertations/{process.slug}/projets/{draft.id}"),
                _count(browser, count_queries, f"/concertations/{process.slug}/sections/{sections[-1].id}"),
                _count(browser, count_queries, f"/concertations/{process.slug}"),
            )
        )
    assert counts[0] == counts[1], counts
    assert max(counts[0]) <= MAX_QUERIES, counts


def test_a_section_page_names_its_part_without_a_query_of_its_own(app, client, count_queries):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    part, child = (f"/concertations/{process.slug}/sections/{s.id}" for s in (sections[0], sections[-1]))
    part_title = sections[0].title
    pages, counts = {}, {}
    for url in (part, child):
        client.get(url)
        db.session.expunge_all()  # as a new request's session, which holds nothing yet
        with count_queries() as statements:
            pages[url] = client.get(url).get_data(as_text=True)
        counts[url] = len(statements)
    assert f'<p class="meta">{escape(part_title)}</p>' in pages[child]
    assert '<p class="meta">' not in pages[part]
    # the section with its part's title, version, draft and process, in one statement; then its contributions
    assert counts == {part: 2, child: 2}, counts
