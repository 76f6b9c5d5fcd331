"""Pages marked read_only read outside a transaction, and refuse to write."""

import pytest
from sqlalchemy import event

from consult.auth.models import User
from consult.db import db, read_only
from tests.factories import make_comment, make_open_section, make_user


def _in_transaction(dbapi_connection) -> bool:
    """Whether the driver's connection is inside a transaction (psycopg or sqlite3)."""
    if hasattr(dbapi_connection, "in_transaction"):  # sqlite3
        return dbapi_connection.in_transaction
    return not dbapi_connection.autocommit and dbapi_connection.info.transaction_status != 0


@pytest.fixture
def statements_seen(app):
    """(statement, whether it ran inside a transaction) of every statement sent while the test runs."""
    seen = []

    def before_cursor_execute(conn, _cursor, statement, *_args):
        seen.append((statement.split()[0].upper(), _in_transaction(conn.connection.dbapi_connection)))

    event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
    yield seen
    event.remove(db.engine, "before_cursor_execute", before_cursor_execute)


@pytest.mark.parametrize("page", ["draft", "section"])
def test_the_participation_pages_read_outside_a_transaction(real_commits, client, statements_seen, page):
    organizer, process, section = make_open_section()
    make_comment(make_user(), section)
    draft_id = section.version.draft_id
    tail = f"projets/{draft_id}" if page == "draft" else f"sections/{section.id}"
    statements_seen.clear()
    assert client.get(f"/concertations/{process.slug}/{tail}").status_code == 200
    selects = [inside for verb, inside in statements_seen if verb in ("SELECT", "WITH")]
    assert selects and not any(inside for inside in selects)
    assert "BEGIN" not in {verb for verb, _inside in statements_seen}


def test_a_read_only_view_refuses_a_service_that_writes(app):
    with app.test_request_context(), pytest.raises(RuntimeError, match="read_only"):
        read_only(make_user)()


def test_a_read_only_view_refuses_a_flush(app):
    def add_a_user():
        db.session.add(User(email="x@example.org", display_name="X", password_hash="x"))
        db.session.flush()

    with app.test_request_context():
        with pytest.raises(RuntimeError, match="read_only"):
            read_only(add_a_user)()
        db.session.rollback()
