"""The section page's list, read as plain rows: what each audience sees, in order, page by page, with replies,
people and answers, checked against a recount through the ORM."""

import pytest
from sqlalchemy import select

from consult.consultation import queries
from consult.consultation.models import Contribution, ContributionState
from consult.consultation.read_models import ContributionView
from consult.db import db
from consult.processes.models import ModerationMode
from tests.factories import (
    hide,
    make_comment,
    make_offline_contribution,
    make_open_section,
    make_representative,
    make_response,
    make_stakeholder,
    make_support,
    make_user,
    withdraw,
)
from tests.helpers import text


@pytest.fixture
def setting():
    return make_open_section()


def _pending_comment(process, author, section, body):
    """A comment held for approval: the process is under pre-moderation while it is posted."""
    process.moderation_mode = ModerationMode.PRE
    db.session.commit()
    comment = make_comment(author, section, body=body)
    process.moderation_mode = ModerationMode.POST
    db.session.commit()
    return comment


def _read_all(app, section, user, *, moderator, sort, per_page=3):
    """Every page of the list in turn: (ids in page order, totals reported by each page, replies by id)."""
    ids, totals, replies = [], set(), {}
    with app.test_request_context():
        for number in range(1, 20):
            page = queries.section_contributions(
                section, user, sort=sort, page=number, per_page=per_page, moderator=moderator
            )
            totals.add(page.total)
            if not page.items:
                assert number > page.pages, "a page inside the list came back empty"
                return ids, totals, replies
            assert all(isinstance(c, ContributionView) for c in page.items)
            ids += [c.id for c in page.items]
            replies.update({parent: [r.id for r in thread] for parent, thread in page.replies.items()})
    raise AssertionError("the list never ended")


def _recount(section, visible_states, extra_ids=(), *, sort):
    """The list recounted through the ORM: top-level contributions the audience sees, in the page's order."""
    db.session.expire_all()  # counters are kept by UPDATEs the session does not see
    rows = db.session.scalars(
        select(Contribution).where(Contribution.section_id == section.id, Contribution.parent_id.is_(None))
    ).all()
    shown = [c for c in rows if c.state in visible_states or c.id in extra_ids]
    if sort == "supported":
        shown.sort(key=lambda c: (-c.support_count, -c.id))
    else:
        shown.sort(key=lambda c: -c.id)
    return [c.id for c in shown]


@pytest.mark.parametrize("sort", ["supported", "newest"])
def test_each_audience_pages_through_what_it_may_see_in_the_pages_order(app, setting, sort):
    organizer, process, section = setting
    people = [make_user() for _ in range(4)]
    comments = [make_comment(people[n % 4], section, body=f"Avis {n}") for n in range(8)]
    for n, comment in enumerate(comments[:5]):
        for supporter in people[: n % 4]:
            if supporter.id != comment.author_id:
                make_support(supporter, comment)
    hide(organizer, comments[2])
    withdraw(people[3], comments[3])
    waiting = _pending_comment(process, people[1], section, "En attente de validation")
    public = (ContributionState.PUBLISHED, ContributionState.HIDDEN, ContributionState.WITHDRAWN)
    audiences = {
        "visitor": (None, False, _recount(section, public, sort=sort)),
        "its author": (people[1], False, _recount(section, public, [waiting.id], sort=sort)),
        "another member": (people[2], False, _recount(section, public, sort=sort)),
        "moderator": (organizer, True, _recount(section, tuple(ContributionState), sort=sort)),
    }
    for audience, (user, moderator, expected) in audiences.items():
        ids, totals, _replies = _read_all(app, section, user, moderator=moderator, sort=sort)
        assert ids == expected, audience
        assert totals == {len(expected)}, audience
    assert waiting.id not in audiences["visitor"][2] and waiting.id in audiences["moderator"][2]


def test_replies_people_and_answers_come_with_their_comment(app, setting, client):
    organizer, process, section = setting
    stakeholder = make_stakeholder(process, organizer, name="Association des aidants de la Drôme")
    representative = make_representative(stakeholder)
    comment = make_comment(representative, section, body="Au nom de l'association", stakeholder_id=stakeholder.id)
    make_response(organizer, comment, body="Nous retenons **cette proposition**.")
    replier, other = make_user(name="Alix Martin"), make_user()
    first = make_comment(replier, section, body="Première réponse", parent=comment)
    hidden = make_comment(other, section, body="Réponse masquée", parent=comment)
    hide(organizer, hidden)
    waiting = _pending_comment(process, other, section, "Réponse en attente")
    letter = make_offline_contribution(organizer, section, body="Reçu par courrier")
    last = make_comment(replier, section, body="Dernière réponse", parent=comment)
    with app.test_request_context():
        page = queries.section_contributions(section, None, sort="newest", page=1, per_page=10, moderator=False)
    by_id = {c.id: c for c in page.items}
    assert [r.id for r in page.replies[comment.id]] == [first.id, hidden.id, last.id]  # oldest first, no pending
    shown = by_id[comment.id]
    assert shown.stakeholder.name == "Association des aidants de la Drôme"
    assert shown.author.display_name == db.session.get(type(representative), representative.id).display_name
    assert "<strong>cette proposition</strong>" in shown.response.body_html
    assert page.replies[comment.id][0].author.display_name == "Alix Martin"
    assert page.replies[comment.id][1].state == ContributionState.HIDDEN
    assert by_id[letter.id].is_offline and by_id[letter.id].author is None and not shown.is_offline
    assert waiting.id not in by_id
    html = text(client.get(f"/concertations/{process.slug}/sections/{section.id}?tri=recents"))
    assert "au nom de Association des aidants de la Drôme" in html
    assert "Réponse des organisateurs" in html and "Alix Martin" in html
    assert html.index("Première réponse") < html.index("Dernière réponse")
    raw = client.get(f"/concertations/{process.slug}/sections/{section.id}?tri=recents").get_data(as_text=True)
    # the letter is dated by the day it was received, not by the moment it was typed in
    assert f'<time datetime="{letter.received_on.isoformat()}">' in raw
    assert f'<time datetime="{db.session.get(Contribution, letter.id).created_at.isoformat()}">' not in raw
    assert "Réponse masquée" not in html and "Réponse en attente" not in html


def test_past_the_last_page_the_list_is_empty_and_keeps_its_total(app, setting):
    _organizer, _process, section = setting
    for n in range(4):
        make_comment(make_user(), section, body=f"Avis {n}")
    with app.test_request_context():
        page = queries.section_contributions(section, None, sort="supported", page=9, per_page=3, moderator=False)
    assert page.items == [] and page.total == 4 and page.pages == 2
