"""The background worker: periodic tasks of every domain, then mail delivery."""

import logging
from collections.abc import Callable
from datetime import datetime

from flask import current_app

from consult.db import db, utcnow
from consult.mail import deliver_pending

logger = logging.getLogger(__name__)


def add_worker_task(app, func: Callable[[datetime], object]):
    """Run ``func(now)`` on every worker pass of this app (meeting reminders, PDF builds…)."""
    app.extensions.setdefault("worker_tasks", []).append(func)


def run_once(now: datetime | None = None) -> tuple[int, int]:
    """Run every registered task, then deliver due mail.

    Returns:
        (sent, failed) mail counts.
    """
    now = now or utcnow()
    for task in current_app.extensions.get("worker_tasks", []):
        try:
            task(now)
        except Exception:
            db.session.rollback()
            logger.exception("worker task %s failed", task.__name__)
    return deliver_pending(now)
