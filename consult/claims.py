"""Background work claimed before it runs: a row is leased to one worker, and the lease expires if it dies.

Any number of workers (and the development "deliver after the request") may look for work at once.
Each takes rows in a short committed transaction, so the claim is visible to every other worker
before the slow part (an SMTP conversation, a PDF build) starts, and no lock is held meanwhile.
"""

import os
import secrets
import socket
from datetime import datetime, timedelta

from sqlalchemy import String, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from consult.db import atomic, db

_BOOT = secrets.token_hex(3)


class Claimable:
    """Columns of a unit of work that workers lease before running it."""

    #: the worker holding the row ("host:pid:boot"), NULL when nobody does
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    #: when the lease ends; after it, another worker may take the row over
    claimed_until: Mapped[datetime | None]


def worker_identity() -> str:
    """Name this process in claims (the boot token tells a restarted process with a reused pid apart)."""
    return f"{socket.gethostname()}:{os.getpid()}:{_BOOT}"


def claim(model, *conditions, worker: str, lease: timedelta, now: datetime, limit: int = 1) -> list[int]:
    """Lease up to ``limit`` rows matching ``conditions`` that no live lease holds, and commit at once.

    On PostgreSQL, SKIP LOCKED lets concurrent workers pick different rows without waiting for each
    other; on SQLite, writers are serialised (BEGIN IMMEDIATE). On both, the UPDATE repeats the
    "free" condition, so a row is only ever given to one worker per lease.

    Returns:
        The ids claimed, in id order.
    """
    free = or_(model.claimed_until.is_(None), model.claimed_until <= now)
    with atomic():
        candidates = (
            select(model.id).where(free, *conditions).order_by(model.id).limit(limit).with_for_update(skip_locked=True)
        )
        ids = db.session.scalars(candidates).all()
        if not ids:
            return []
        taken = (
            update(model)
            .where(model.id.in_(ids), free)
            .values(claimed_by=worker, claimed_until=now + lease)
            .returning(model.id)
            .execution_options(synchronize_session=False)
        )
        return sorted(db.session.scalars(taken).all())


def release(model, row_id: int, *conditions, **values) -> bool:
    """End the lease on a row (setting ``values`` with it) when ``conditions`` still hold; commit at once.

    Returns:
        Whether the row was updated.
    """
    with atomic():
        done = db.session.execute(
            update(model)
            .where(model.id == row_id, *conditions)
            .values(claimed_by=None, claimed_until=None, **values)
            .execution_options(synchronize_session=False)
        )
    return done.rowcount == 1
