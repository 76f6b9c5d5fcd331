"""Identical requests sent at once never create two rows nor an error page (real concurrency: PostgreSQL)."""

import threading

import pytest
from sqlalchemy import func, select

from consult.consultation.models import Contribution, Position, Section, Support
from consult.db import db
from tests.factories import make_comment, make_draft, make_process, make_user

THREADS = 4
ROUNDS = 5


@pytest.fixture
def postgres_only(app, real_commits):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every writer, so requests never truly overlap")


def _at_once(app, pairs, url, data):
    """POST the same form from every (client, csrf token) pair at the same moment; return the statuses."""
    barrier = threading.Barrier(len(pairs))
    statuses = []

    def send(client, token):
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(url, data={**data, "csrf_token": token}).status_code)

    threads = [threading.Thread(target=send, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _clients(login_as, user, token_url):
    clients = [login_as(user) for _ in range(THREADS)]
    return [(c, c.csrf_token(token_url)) for c in clients]


def test_simultaneous_identical_positions_make_one_row(app, login_as, postgres_only):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    section = sections[-1]
    url = f"/concertations/{process.slug}/sections/{section.id}"
    for _ in range(ROUNDS):
        person = make_user()
        statuses = _at_once(app, _clients(login_as, person, url), f"{url}/position", {"value": "agree"})
        assert statuses == [302] * THREADS, statuses
        assert db.session.scalar(select(func.count(Position.id)).where(Position.user_id == person.id)) == 1
    db.session.expire_all()
    assert db.session.get(Section, section.id).agree_count == ROUNDS


def test_simultaneous_identical_supports_make_one_row(app, login_as, postgres_only):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    comment = make_comment(make_user(), sections[-1])
    url = f"/concertations/{process.slug}/contributions/{comment.id}/soutien"
    for _ in range(ROUNDS):
        person = make_user()
        pairs = _clients(login_as, person, f"/concertations/{process.slug}/sections/{sections[-1].id}")
        statuses = _at_once(app, pairs, url, {"action": "support"})
        assert statuses == [302] * THREADS, statuses
        assert db.session.scalar(select(func.count(Support.id)).where(Support.user_id == person.id)) == 1
    db.session.expire_all()
    assert db.session.get(Contribution, comment.id).support_count == ROUNDS
