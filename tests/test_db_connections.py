"""Pooled connections to PostgreSQL are checked before use, with a round trip only after idleness."""

import time

import pytest
from sqlalchemy import text

from consult import db as database
from consult.db import db
from tests.factories import make_open_section


@pytest.fixture
def postgresql(real_commits):
    if db.engine.dialect.name == "sqlite":
        pytest.skip("PostgreSQL only: a SQLite file does not end its connections, which are not checked")


@pytest.fixture
def pings(monkeypatch):
    """The pings sent to check a pooled connection, counted."""
    sent = []
    original = db.engine.dialect.do_ping

    def counted(dbapi_connection):
        sent.append(1)
        return original(dbapi_connection)

    monkeypatch.setattr(db.engine.dialect, "do_ping", counted)
    return sent


def _backend_pid() -> int:
    """The server process of the connection that the next request will take from the pool."""
    with db.engine.connect() as connection:
        return connection.scalar(text("SELECT pg_backend_pid()"))


def _end_on_the_server(pid: int) -> None:
    """End a connection as a server restart or an administrator would, and wait until it is gone."""
    with db.engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.commit()
        for _ in range(100):
            if not admin.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}):
                return
            time.sleep(0.02)


def test_a_busy_connection_serves_the_next_page_without_a_ping(postgresql, client, pings):
    _organizer, process, _section = make_open_section()
    url = f"/concertations/{process.slug}"
    assert client.get(url).status_code == 200
    pings.clear()
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert pings == []


def test_a_connection_idle_too_long_is_pinged_first(postgresql, client, pings, monkeypatch):
    _organizer, process, _section = make_open_section()
    url = f"/concertations/{process.slug}"
    assert client.get(url).status_code == 200
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0.0)
    pings.clear()
    assert client.get(url).status_code == 200
    assert pings


def test_a_connection_the_server_ended_is_replaced_before_a_page_uses_it(postgresql, client, pings):
    """What the pre-ping spared people when the database restarted, without its round trip on every page."""
    _organizer, process, section = make_open_section()
    url = f"/concertations/{process.slug}/sections/{section.id}"
    assert client.get(url).status_code == 200
    ended = _backend_pid()
    _end_on_the_server(ended)
    assert client.get(url).status_code == 200
    assert _backend_pid() != ended
    assert pings == []  # found by its socket, not by a round trip
