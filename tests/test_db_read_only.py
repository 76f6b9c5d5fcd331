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


def _page(page: str) -> str:
    organizer, process, section = make_open_section()
    make_comment(make_user(), section)
    tail = f"projets/{section.version.draft_id}" if page == "draft" else f"sections/{section.id}"
    return f"/concertations/{process.slug}/{tail}"


@pytest.mark.parametrize("page", ["draft", "section"])
def test_the_participation_pages_read_outside_a_transaction_on_postgresql(real_commits, client, statements_seen, page):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("PostgreSQL only: on SQLite a BEGIN costs no round trip, and pages keep it (next test)")
    url = _page(page)
    statements_seen.clear()
    assert client.get(url).status_code == 200
    selects = [inside for verb, inside in statements_seen if verb in ("SELECT", "WITH")]
    assert selects and not any(inside for inside in selects)
    assert "BEGIN" not in {verb for verb, _inside in statements_seen}


@pytest.mark.parametrize("page", ["draft", "section"])
def test_on_sqlite_the_participation_pages_leave_the_connection_as_configured(real_commits, client, page):
    """Switching a SQLite connection to autocommit and back would run a PRAGMA that expires its prepared
    statements (each page compiling its SQL again) and give pysqlite back its own BEGIN, which we turn off."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    url = _page(page)
    assert client.get(url).status_code == 200
    with db.engine.connect() as connection:
        assert connection.connection.dbapi_connection.isolation_level is None
        assert connection.get_isolation_level() == "SERIALIZABLE"


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
