"""Database: the declarative base with its naming convention, shared column types, the session."""

import sqlite3
import time
from contextlib import ContextDecorator, contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import partial, wraps
from select import POLLIN, poll
from typing import Annotated

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, Enum, MetaData, String, TypeDecorator, event, func
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, mapped_column, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Convert aware datetimes to UTC; refuse naive ones, whose zone is unknown."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        """Attach UTC to what SQLite returns naive."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every model."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION), type_annotation_map={datetime: UTCDateTime()}
    )


# create_savepoint only matters when a session is bound to a connection already in a transaction,
# as the tests do (each test in a rolled-back outer transaction); the app binds to the engine.
db = SQLAlchemy(
    model_class=Base, session_options={"expire_on_commit": False, "join_transaction_mode": "create_savepoint"}
)

# Reusable column shapes.
int_pk = Annotated[int, mapped_column(primary_key=True)]
created_at = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow, server_default=func.now())]
str_short = Annotated[str, mapped_column(String(200))]


def str_enum(enum_class, name: str) -> Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint, storing the enum's values."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_class),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


# --- Transactions ---------------------------------------------------------------------------------
#
# One transaction boundary for the whole application. Services are wrapped in ``atomic()``: the
# outermost call commits (or rolls back on error), nested calls are savepoints, so services compose
# into one transaction. Effects that must only happen once the data is really stored (development
# mail delivery, forgetting cached roles) are registered with ``on_commit``.

_immediate = ContextVar("sqlite_begin_immediate", default=False)
_CALLBACKS = "consult_on_commit"


@contextmanager
def _atomic_block(snapshot=False):
    session = db.session()
    _refuse_write_in_read_only_view(session)
    if session.in_nested_transaction() or session.info.get("consult_atomic_depth"):
        with _savepoint(session):
            yield session
        return
    _begin_write_transaction(session, snapshot)
    session.info["consult_atomic_depth"] = 1
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info["consult_atomic_depth"] = 0
    _run_on_commit_callbacks(session)


@contextmanager
def _savepoint(session):
    callbacks = session.info.setdefault(_CALLBACKS, [])
    kept = len(callbacks)
    session.info["consult_atomic_depth"] += 1
    try:
        with session.begin_nested():
            yield
    except BaseException:
        del callbacks[kept:]
        raise
    finally:
        session.info["consult_atomic_depth"] -= 1


def _begin_write_transaction(session, snapshot=False):
    """Start the outermost transaction; on SQLite take the write lock at once (BEGIN IMMEDIATE).

    A deferred SQLite transaction that read first and then writes fails at once with "database is
    locked" when another connection wrote meanwhile; taking the lock first makes writers queue
    (busy_timeout) instead, so a burst of writes is serialised like row locks serialise it on
    PostgreSQL. A read-only transaction already open is ended first: nothing was written in it.

    ``snapshot`` asks PostgreSQL for REPEATABLE READ, so that every statement of the transaction
    reads the same snapshot (figures computed by several queries then agree with each other); the
    SQLite write transaction already reads one.
    """
    bind = session.get_bind()
    dialect = bind.dialect.name
    if dialect != "sqlite" and not (snapshot and isinstance(bind, Engine)):
        return  # (a session bound to a connection, as in tests, keeps that connection's transaction)
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            return  # unflushed changes: keep them in the transaction they belong to
        session.commit()
    if dialect == "sqlite":
        token = _immediate.set(True)
        try:
            session.connection()
        finally:
            _immediate.reset(token)
    else:
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


class _Atomic(ContextDecorator):
    def __init__(self, snapshot=False):
        self.snapshot = snapshot

    def __enter__(self):
        self._block = _atomic_block(self.snapshot)
        return self._block.__enter__()

    def __exit__(self, *exc):
        return self._block.__exit__(*exc)


def atomic(func=None, *, snapshot=False):
    """Run a block or a function in one transaction, as a context manager or a decorator.

    The outermost call commits, or rolls back when an exception escapes; nested calls are
    savepoints, rolled back alone when an exception escapes them. ``snapshot``: see ``atomic_snapshot``.
    """
    if func is None:
        return _Atomic(snapshot)

    @wraps(func)
    def wrapper(*args, **kwargs):
        with _Atomic(snapshot):
            return func(*args, **kwargs)

    return wrapper


def atomic_snapshot(func):
    """``@atomic`` whose statements all read one snapshot (REPEATABLE READ on PostgreSQL).

    For services that compute figures by several queries and must not see a write land between two.
    """
    return atomic(func, snapshot=True)


_READ_ONLY = "consult_read_only"


def read_only(view):
    """Run a view that only reads outside a transaction (the driver's autocommit).

    Under READ COMMITTED, PostgreSQL's default, each statement reads its own snapshot whether a transaction
    is open or not, so the page reads the same; it is spared the BEGIN and ROLLBACK round trips (two of the
    six of a section page). A write there would be committed statement by statement: ``atomic()`` and
    flushes refuse it. Tests, whose sessions share an outer transaction, keep it and keep the refusal.

    SQLite keeps its transaction: its BEGIN is a function call, and SQLAlchemy's return from autocommit runs
    ``PRAGMA read_uncommitted``, which expires the connection's prepared statements (the section page compiled
    its SQL again on each view: 0.7 ms) and gives pysqlite back the BEGIN that ``_configure_sqlite`` turns off.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        session = db.session()
        session.info[_READ_ONLY] = True
        bind = session.get_bind()
        if isinstance(bind, Engine) and bind.dialect.name != "sqlite" and not session.in_transaction():
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        return view(*args, **kwargs)

    return wrapper


@event.listens_for(Session, "before_flush")
def _refuse_write_in_read_only_view(session, *_flush_context):
    if session.info.get(_READ_ONLY):
        raise RuntimeError("a view marked read_only tried to write")


def on_commit(callback):
    """Run ``callback()`` once the current transaction is really committed (at once outside one)."""
    session = db.session()
    if not session.info.get("consult_atomic_depth"):
        callback()
        return
    session.info.setdefault(_CALLBACKS, []).append(callback)


def _run_on_commit_callbacks(session):
    """Run the callbacks of the transaction just committed (the session may query again here)."""
    for callback in session.info.pop(_CALLBACKS, []):
        callback()


@event.listens_for(Session, "after_soft_rollback")
def _forget_on_commit_callbacks(session, previous_transaction):
    if previous_transaction.nested:
        return
    session.info.pop(_CALLBACKS, None)


def column_rows(stmt, params: dict | None = None) -> list:
    """The rows of a select of plain columns, read without the ORM's row loading.

    For the large reads of the report (100,000 rows) and the read models of the busiest pages: the ORM's
    loading layer costs about a third of a large read, and more than the query on a page of 20 rows, for
    nothing when no object is loaded. Pending changes are flushed first, as ``db.session.execute`` would.
    """
    db.session.flush()
    return db.session.connection().execute(stmt, params).all()


# --- Pooled connections: checked before use --------------------------------------------------------

#: a pooled connection left unused for longer than this is pinged (a round trip) before it serves again
PING_AFTER_IDLE_SECONDS = 10.0


def watch_pooled_connections(engine: Engine) -> None:
    """Hand out only live connections of a database server, at the price of a round trip only after idleness.

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout, a round trip that costs a busy page as much CPU as
    one of its queries. A server that restarts or ends a connection tells the client first (a FATAL message,
    then the socket closes), which makes the idle socket readable: a look at the socket, without sending
    anything, finds those. Only a connection idle for ``PING_AFTER_IDLE_SECONDS``, which a silent network
    or an idle timeout may have cut, is pinged. A dead one is replaced before the request uses it, as the
    pre-ping does. SQLite files do not go away: their connections are not checked.
    """
    if engine.dialect.name == "sqlite":
        return
    event.listen(engine, "checkin", _note_idle_since)
    event.listen(engine, "checkout", partial(_refuse_dead_connection, engine.dialect))


def _note_idle_since(_dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


def _refuse_dead_connection(dialect, dbapi_connection, record, _proxy) -> None:
    idle_since = record.info.get("idle_since")
    if idle_since is None:  # opened for this checkout: no need to check it
        return
    if _server_has_spoken(dbapi_connection):
        raise DisconnectionError("the server ended this connection")
    if time.monotonic() - idle_since > PING_AFTER_IDLE_SECONDS:
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise DisconnectionError(f"an idle connection did not answer its ping: {error}") from error


def _server_has_spoken(dbapi_connection) -> bool:
    """Whether an idle connection's socket has something to read: the server's farewell, or its closing."""
    poller = poll()
    poller.register(dbapi_connection.fileno(), POLLIN)
    return bool(poller.poll(0))


# --- SQLite behaviour ---------------------------------------------------------------------------


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    """Enforce foreign keys, let readers and one writer work together, and control BEGIN ourselves."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # pysqlite's own BEGIN breaks savepoints
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives a crash of the app
    # (not a power cut just after it), and a write no longer waits ~50-100 ms for the disk.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")
