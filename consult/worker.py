"""The background worker: periodic tasks of every domain, with mail delivered before and between them.

Any number of workers may run: mail and each domain's jobs are claimed before they run
(``consult.claims``). Mail goes first and again after each task, so a slow task (a PDF build of a
large report) never holds the mail queued meanwhile for longer than that one task.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from consult.claims import worker_identity
from consult.db import db, utcnow
from consult.errors import NotFound
from consult.mail import deliver_pending

logger = logging.getLogger(__name__)


def add_worker_task(app, func: Callable[[datetime], object]):
    """Run ``func(now)`` on every worker pass of this app (meeting reminders, PDF builds…).

    A task claims the work it does (``consult.claims.claim``) and does a bounded amount per pass.
    """
    app.extensions.setdefault("worker_tasks", []).append(func)


def run_once(now: datetime | None = None, *, worker: str | None = None) -> tuple[int, int]:
    """Deliver due mail, then run each registered task followed by another delivery.

    Returns:
        (sent, failed) mail counts.
    """
    worker = worker or worker_identity()
    sent, failed = deliver_pending(now or utcnow(), worker=worker)
    for task in current_app.extensions.get("worker_tasks", []):
        try:
            task(now or utcnow())
        except Exception:
            db.session.rollback()
            logger.exception("worker task %s failed", task.__name__)
        more_sent, more_failed = deliver_pending(now or utcnow(), worker=worker)
        sent, failed = sent + more_sent, failed + more_failed
    return sent, failed


# --- Failed jobs, shown to admins with a retry button -------------------------------------------


@dataclass(frozen=True)
class FailedJob:
    """A unit of background work that failed for good and waits for an admin."""

    kind: str
    key: int
    title: str
    error: str
    failed_at: datetime | None


@dataclass(frozen=True)
class _JobKind:
    list_failed: Callable[[], list[FailedJob]]
    requeue: Callable[[int], bool]


def add_failed_job_kind(app, kind: str, *, list_failed: Callable[[], list[FailedJob]], requeue: Callable[[int], bool]):
    """Let a domain show its failed jobs on the admins' page and requeue one by its key."""
    app.extensions.setdefault("failed_job_kinds", {})[kind] = _JobKind(list_failed, requeue)


def failed_jobs() -> list[FailedJob]:
    """Every registered kind's failed jobs."""
    kinds = current_app.extensions.get("failed_job_kinds", {})
    return [job for kind in kinds.values() for job in kind.list_failed()]


def requeue_job(kind: str, key: int) -> bool:
    """Put a failed job back in the queue.

    Returns:
        Whether it was requeued (False when it was no longer failed).

    Raises:
        NotFound: no such kind of job.
    """
    kinds = current_app.extensions.get("failed_job_kinds", {})
    if kind not in kinds:
        raise NotFound()
    return kinds[kind].requeue(key)
