"""Failed mail and failed background jobs: admins see them and put them back in the queue."""

import logging

from consult.admin import permissions
from consult.audit import record
from consult.db import atomic
from consult.errors import NotAllowed
from consult.mail import requeue_mail
from consult.worker import requeue_job

logger = logging.getLogger(__name__)


@atomic
def retry_failed_mail(actor, mail_id: int) -> bool:
    """Requeue a mail that failed for good; a second click does nothing.

    Args:
        actor: the admin asking.
        mail_id: the outbox row.

    Returns:
        Whether the mail was requeued.

    Raises:
        NotAllowed: the actor is not an admin.
    """
    _check_admin(actor)
    if requeue_mail(mail_id) is None:
        return False
    record(actor, "mail.requeue", "outbox_mail", mail_id)
    logger.info("failed mail %s requeued by %s", mail_id, actor.email)
    return True


@atomic
def retry_failed_job(actor, kind: str, key: int) -> bool:
    """Requeue a background job that failed for good; a second click does nothing.

    Args:
        actor: the admin asking.
        kind: the kind of job (e.g. "report-pdf").
        key: the job's id within its kind.

    Returns:
        Whether the job was requeued.

    Raises:
        NotAllowed: the actor is not an admin.
        NotFound: no such kind of job.
    """
    _check_admin(actor)
    if not requeue_job(kind, key):
        return False
    record(actor, "job.requeue", kind, key)
    logger.info("failed job %s %s requeued by %s", kind, key, actor.email)
    return True


def _check_admin(actor):
    if not permissions.can_retry_failed_work(actor):
        raise NotAllowed()
