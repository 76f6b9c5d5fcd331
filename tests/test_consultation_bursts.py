"""State changes under bursts of simultaneous requests, through the app, with real commits.

Withdraw, hide and flag lock the contribution and re-check its state; position changes derive their counter
changes in SQL inside one IMMEDIATE transaction on SQLite. Counters must equal recounts after every burst.
"""

import itertools
import threading

import pytest
from sqlalchemy import func, select

from consult.audit import AuditEntry
from consult.consultation.models import Contribution, ContributionKind, ContributionState, Position, Section
from consult.db import db
from consult.extensions import limiter
from tests.factories import make_comment, make_open_section, make_user


@pytest.fixture
def postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the row-lock races reproduce on PostgreSQL (run with TEST_DATABASE_URL)")


@pytest.fixture
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(limiter, "enabled", False)


@pytest.fixture
def consultation(real_commits):
    return make_open_section()


def _burst(app, requests):
    """Send every (client, url, data) at the same moment from its own thread; return the statuses."""
    barrier = threading.Barrier(len(requests))
    statuses = []

    def send(client, url, data):
        with app.app_context():
            barrier.wait()
            try:
                statuses.append(client.post(url, data=data).status_code)
            except Exception:  # the test client re-raises what production answers with a 500
                statuses.append(500)

    threads = [threading.Thread(target=send, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _signed_clients(login_as, user, n, token_url):
    clients = [login_as(user) for _ in range(n)]
    return [(client, client.csrf_token(token_url)) for client in clients]


def _section_url(process, section):
    return f"/concertations/{process.slug}/sections/{section.id}"


def _contribution_url(process, contribution, tail):
    return f"/concertations/{process.slug}/contributions/{contribution.id}/{tail}"


def _recount_comments(section_id) -> int:
    return db.session.scalar(
        select(func.count(Contribution.id)).where(
            Contribution.section_id == section_id,
            Contribution.kind == ContributionKind.COMMENT,
            Contribution.state == ContributionState.PUBLISHED,
        )
    )


def _audit_count(action, contribution_id) -> int:
    return db.session.scalar(
        select(func.count(AuditEntry.id)).where(AuditEntry.action == action, AuditEntry.target_id == contribution_id)
    )


def _fresh(model, row_id):
    db.session.rollback()  # end the test's read snapshot: SQLite (WAL) would keep showing the state before the burst
    db.session.expire_all()  # and forget what the factories left in the identity map
    return db.session.get(model, row_id)


def test_fifty_simultaneous_withdrawals_change_the_counter_once(app, consultation, login_as, postgres_only):
    _organizer, process, section = consultation
    author = make_user()
    comment = make_comment(author, section)
    make_comment(make_user(), section, body="Un autre avis.")
    pairs = _signed_clients(login_as, author, 50, _section_url(process, section))
    url = _contribution_url(process, comment, "retirer")
    statuses = _burst(app, [(client, url, {"csrf_token": token}) for client, token in pairs])
    assert set(statuses) == {302}, statuses
    assert _fresh(Contribution, comment.id).state == ContributionState.WITHDRAWN
    assert _fresh(Section, section.id).comment_count == _recount_comments(section.id) == 1
    assert _audit_count("contribution.withdraw", comment.id) == 1


def test_twenty_simultaneous_hides_write_one_audit_entry_and_one_mail(
    app, consultation, login_as, mailbox, postgres_only
):
    organizer, process, section = consultation
    author = make_user(email="auteur@exemple.fr")
    comment = make_comment(author, section)
    pairs = _signed_clients(login_as, organizer, 20, _section_url(process, section))
    url = _contribution_url(process, comment, "masquer")
    data = {"reason": "Propos injurieux"}
    statuses = _burst(app, [(client, url, {**data, "csrf_token": token}) for client, token in pairs])
    assert set(statuses) == {302}, statuses
    assert _fresh(Contribution, comment.id).state == ContributionState.HIDDEN
    assert _fresh(Section, section.id).comment_count == _recount_comments(section.id) == 0
    assert _audit_count("moderation.hide", comment.id) == 1
    assert len(mailbox.to("auteur@exemple.fr")) == 1


def test_withdrawal_racing_a_hide_ends_in_one_coherent_outcome(app, consultation, login_as, mailbox, postgres_only):
    organizer, process, section = consultation
    for _round in range(5):
        author = make_user()
        comment = make_comment(author, section)
        [(author_client, author_token)] = _signed_clients(login_as, author, 1, _section_url(process, section))
        [(moderator, moderator_token)] = _signed_clients(login_as, organizer, 1, _section_url(process, section))
        statuses = _burst(
            app,
            [
                (author_client, _contribution_url(process, comment, "retirer"), {"csrf_token": author_token}),
                (moderator, _contribution_url(process, comment, "masquer"),
                 {"reason": "Hors sujet", "csrf_token": moderator_token}),
            ],
        )  # fmt: skip
        assert set(statuses) == {302}, statuses
        state = _fresh(Contribution, comment.id).state
        mails = mailbox.to(author.email)
        if state == ContributionState.WITHDRAWN:
            assert mails == [] and _audit_count("moderation.hide", comment.id) == 0
        else:
            assert state == ContributionState.HIDDEN
            assert len(mails) == 1 and _audit_count("contribution.withdraw", comment.id) == 0
    assert _fresh(Section, section.id).comment_count == _recount_comments(section.id) == 0


def test_hiding_a_hidden_contribution_again_sends_no_second_mail(consultation, login_as, mailbox):
    organizer, process, section = consultation
    author = make_user(email="masque@exemple.fr")
    comment = make_comment(author, section)
    moderator = login_as(organizer)
    url = _contribution_url(process, comment, "masquer")
    moderator.submit(url, {"reason": "Propos injurieux"})
    moderator.submit(url, {"reason": "Propos injurieux"})
    assert len(mailbox.to("masque@exemple.fr")) == 1
    assert _audit_count("moderation.hide", comment.id) == 1
    assert _fresh(Section, section.id).comment_count == 0


def _flag_burst(app, consultation, login_as):
    _organizer, process, section = consultation
    comment = make_comment(make_user(), section)
    flaggers = [make_user() for _ in range(6)]
    requests = []
    for person in flaggers:
        [(client, token)] = _signed_clients(login_as, person, 1, _section_url(process, section))
        requests.append(
            (client, _contribution_url(process, comment, "signaler"), {"reason": "Spam", "csrf_token": token})
        )
    statuses = _burst(app, requests)
    return comment, section, statuses


def test_simultaneous_flags_record_the_automatic_hide_once(app, consultation, login_as, no_rate_limit):
    comment, section, statuses = _flag_burst(app, consultation, login_as)
    assert set(statuses) == {302}, statuses
    assert _fresh(Contribution, comment.id).state == ContributionState.HIDDEN
    assert _audit_count("moderation.auto_hide", comment.id) == 1
    assert _fresh(Section, section.id).comment_count == _recount_comments(section.id) == 0


def test_one_persons_two_hundred_simultaneous_position_changes_keep_exact_counters(
    app, consultation, login_as, no_rate_limit
):
    _organizer, process, section = consultation
    person = make_user()
    others = [make_user() for _ in range(3)]
    url = _section_url(process, section) + "/position"
    values = itertools.cycle(["agree", "mixed", "disagree", "withdraw"])
    requests = []
    for user in [person] * 4 + others:
        client = login_as(user)
        token = client.csrf_token(_section_url(process, section))
        n = 50 if user is person else 10
        requests.extend((client, url, {"value": next(values), "csrf_token": token}) for _ in range(n))
    statuses = _burst(app, requests)
    assert statuses.count(302) == len(statuses), {s: statuses.count(s) for s in set(statuses)}
    section = _fresh(Section, section.id)
    for value in ("agree", "mixed", "disagree"):
        recount = db.session.scalar(
            select(func.count(Position.id)).where(Position.section_id == section.id, Position.value == value)
        )
        assert getattr(section, f"{value}_count") == recount, value
    assert db.session.scalar(select(func.count(Position.id)).where(Position.user_id == person.id)) <= 1
