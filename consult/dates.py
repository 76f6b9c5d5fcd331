"""Time zones: everything is stored in UTC and entered and shown in Europe/Paris.

A day is always a Paris day: ``paris_day`` in Python, ``paris_date`` in SQL (on both databases), so that
what someone did at half past midnight in Paris counts on the day they did it, not on the day before.
"""

import sqlite3
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Engine, event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from consult.db import utcnow

PARIS = ZoneInfo("Europe/Paris")


def paris_day(moment: datetime) -> date:
    """The Paris calendar day of an aware timestamp."""
    return moment.astimezone(PARIS).date()


def monday_of(day: date) -> date:
    """The Monday that starts the week of ``day``: the report's and the dashboards' weeks."""
    return day - timedelta(days=day.weekday())


def mondays(first: date, last: date) -> list[date]:
    """Every week's Monday from ``first``'s week to ``last``'s, the empty weeks in between included."""
    monday, end = monday_of(first), monday_of(last)
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def paris_today(now: datetime | None = None) -> date:
    """Today's date in Europe/Paris."""
    return paris_day(now or utcnow())


def to_paris(moment: datetime) -> datetime:
    """A UTC timestamp as Paris local time."""
    return moment.astimezone(PARIS)


def from_paris(local: datetime) -> datetime:
    """A naive Paris wall-clock time (as a form gives it) as an aware datetime."""
    return local.replace(tzinfo=PARIS) if local.tzinfo is None else local


class paris_date(FunctionElement):  # noqa: N801 -- a SQL function, named as SQL functions are
    """SQL: the Paris calendar day of a UTC timestamp column, as ``paris_day`` gives it in Python."""

    type = Date()
    name = "paris_date"
    inherit_cache = True


@compiles(paris_date, "postgresql")
def _paris_date_on_postgresql(element, compiler, **kw):
    # timezone() turns a timestamptz into Paris wall-clock time, whatever the server's own TimeZone
    return f"CAST(timezone('{PARIS.key}', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(paris_date, "sqlite")
def _paris_date_on_sqlite(element, compiler, **kw):
    return f"paris_date({compiler.process(element.clauses, **kw)})"


@event.listens_for(Engine, "connect")
def _give_sqlite_paris_date(dbapi_connection, _connection_record):
    """SQLite knows no time zones: its ``paris_date`` is ours, in Python."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("paris_date", 1, _paris_date_of_stored, deterministic=True)


def _paris_date_of_stored(stored: str | None) -> str | None:
    # stored as "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC; Paris is a whole number of hours from UTC, so the
    # hour decides the day, and a report's hundreds of thousands of rows fall into a few thousand hours
    return None if stored is None else _paris_date_of_utc_hour(stored[:13])


@lru_cache(maxsize=8192)
def _paris_date_of_utc_hour(hour: str) -> str:
    return paris_day(datetime.fromisoformat(f"{hour}:00").replace(tzinfo=UTC)).isoformat()
