"""The one transaction boundary: atomic() commits once outermost, nests as savepoints, runs on_commit after."""

import pytest
from sqlalchemy import select, text

from consult.auth.models import User
from consult.db import atomic, db, on_commit


def _user(email):
    return User(email=email, display_name="Test", password_hash="x")


def _emails():
    return set(db.session.scalars(select(User.email)))


def test_outermost_atomic_commits_and_runs_callbacks_after(app):
    seen = []
    with atomic():
        db.session.add(_user("a@example.org"))
        on_commit(lambda: seen.append(_emails()))
        assert seen == []
    assert seen == [{"a@example.org"}]


def test_failure_rolls_back_everything_and_drops_callbacks(app):
    seen = []

    @atomic
    def add_then_fail():
        db.session.add(_user("b@example.org"))
        on_commit(lambda: seen.append("ran"))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        add_then_fail()
    assert _emails() == set()
    assert seen == []


def test_nested_failure_rolls_back_only_the_savepoint(app):
    seen = []

    @atomic
    def add_then_fail(email):
        db.session.add(_user(email))
        on_commit(lambda: seen.append(email))
        db.session.flush()
        raise ValueError(email)

    with atomic():
        db.session.add(_user("kept@example.org"))
        on_commit(lambda: seen.append("kept"))
        with pytest.raises(ValueError, match="lost"):
            add_then_fail("lost@example.org")
    assert _emails() == {"kept@example.org"}
    assert seen == ["kept"]


def test_on_commit_outside_a_transaction_runs_at_once(app):
    seen = []
    on_commit(lambda: seen.append(1))
    assert seen == [1]


def test_objects_stay_loaded_after_commit(app):
    with atomic():
        user = _user("c@example.org")
        db.session.add(user)
    assert "email" in user.__dict__  # expire_on_commit=False: no reload after the commit


def test_sqlite_enforces_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite pragma")
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_snapshot_transaction_reads_one_snapshot_on_postgresql(app, real_commits):
    """Figures computed by several queries agree even when another connection writes between them."""
    from consult.db import atomic_snapshot

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's write transaction already reads one snapshot")
    db.session.add(_user("first@example.org"))
    db.session.commit()
    db.session.close()

    @atomic_snapshot
    def count_twice():
        before = len(_emails())
        with db.engine.begin() as other:  # another connection writes between the two reads
            other.execute(User.__table__.insert().values(email="late@example.org", display_name="L", password_hash="x"))
        return before, len(_emails())

    assert count_twice() == (1, 1)
