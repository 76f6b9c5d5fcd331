"""The background worker: periodic tasks of every domain, then mail delivery."""

import logging
from collections.abc import Callable
from datetime import datetime

from consult.db import db, utcnow
from consult.mail import deliver_pending

logger = logging.getLogger(__name__)
_TASKS: list[Callable[[datetime], object]] = []


def worker_task(func: Callable[[datetime], object]):
    """Register ``func(now)`` to run on every worker pass (meeting reminders, PDF builds…)."""
    _TASKS.append(func)
    return func


def run_once(now: datetime | None = None) -> tuple[int, int]:
    """Run every registered task, then deliver due mail.

    Returns:
        (sent, failed) mail counts.
    """
    now = now or utcnow()
    for task in _TASKS:
        try:
            task(now)
        except Exception:
            db.session.rollback()
            logger.exception("worker task %s failed", task.__name__)
    return deliver_pending(now)
