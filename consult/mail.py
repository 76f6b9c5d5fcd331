"""Outgoing mail through an outbox table: queued with the change, delivered by a worker with retries."""

import logging
import time
from datetime import datetime, timedelta
from email import policy
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from flask import current_app, g, render_template
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy import JSON, String, Text, select, text
from sqlalchemy.orm import Mapped, mapped_column

from consult.claims import Claimable, claim, release, worker_identity
from consult.db import atomic, created_at, db, int_pk, on_commit, utcnow
from consult.extensions import mail

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)
#: mail claimed at a time: small, so a worker that dies holds little and other workers share a burst
BATCH = 10


class OutboxMail(Claimable, db.Model):
    """A mail waiting to be delivered, delivered, or failed after its last attempt (until requeued)."""

    __tablename__ = "outbox_mails"

    id: Mapped[int_pk]
    created_at: Mapped[created_at]
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    #: [{"filename", "content_type", "data"}] with textual data (iCalendar invitations)
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    #: extra headers, such as List-Unsubscribe on notification mail
    headers: Mapped[dict] = mapped_column(JSON, default=dict, server_default=text("'{}'"))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    #: set when MAIL_MAX_ATTEMPTS is reached; the row is listed for admins, who may requeue it
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self):
        return f"<OutboxMail {self.id} to={self.recipient!r} sent={self.sent_at is not None}>"


def queue_mail(recipient: str, template: str, subject, *, attachments=None, headers=None, **context) -> OutboxMail:
    """Render ``email/<template>.txt|.html`` and add the mail to the caller's transaction.

    Args:
        recipient: the address to write to.
        template: the name of the template pair under ``templates/email/``.
        subject: a string or lazy string, rendered in the platform's language.
        attachments: optional list of ``{"filename", "content_type", "data"}``.
        headers: optional extra headers, ``{name: value}``.
        context: variables for the templates.
    """
    g.mail_queued = True  # also makes g truthy, which Flask-Babel needs outside requests
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        row = OutboxMail(
            recipient=recipient,
            subject=str(subject),
            body_text=render_template(f"email/{template}.txt", **context),
            body_html=render_template(f"email/{template}.html", **context),
            attachments=attachments or [],
            headers=headers or {},
            next_attempt_at=utcnow(),
        )
    db.session.add(row)
    if current_app.config["MAIL_DELIVER_AFTER_REQUEST"]:
        on_commit(_deliver_after_this_request)
    return row


def _deliver_after_this_request():
    # Registered with on_commit: a mail whose transaction was rolled back is never delivered early.
    g.deliver_mail_after_request = True


def deliver_pending(now: datetime | None = None, limit: int = 200, *, worker: str | None = None) -> tuple[int, int]:
    """Claim due mail in small batches and send each once, whatever the number of workers.

    A mail is leased to this worker before it is sent, in its own committed transaction; if the
    worker dies, the lease expires and another worker sends the mail again with the same
    Message-ID, so the one resend after a crash is recognisable.

    Returns:
        (sent, failed) counts for this pass.
    """
    now = now or utcnow()
    worker = worker or worker_identity()
    lease = timedelta(seconds=current_app.config["WORKER_LEASE_SECONDS"])
    sent = failed = handled = 0
    while handled < limit:
        # The lease runs from the claim, not from the pass's start (a long pass must not hand out short leases).
        claimed_at = max(now, utcnow())
        batch = claim(
            OutboxMail, *_due(now), worker=worker, lease=lease, now=claimed_at, limit=min(BATCH, limit - handled)
        )
        if not batch:
            break
        handled += len(batch)
        deadline = time.monotonic() + lease.total_seconds() / 2
        for position, mail_id in enumerate(batch):
            if time.monotonic() > deadline:  # a slow SMTP server: hand the rest back before the lease ends
                _unclaim(batch[position:], worker)
                return sent, failed
            outcome = _deliver_one(mail_id, worker, now)
            sent, failed = sent + (outcome == "sent"), failed + (outcome == "failed")
    return sent, failed


def _due(now: datetime):
    return OutboxMail.sent_at.is_(None), OutboxMail.failed_at.is_(None), OutboxMail.next_attempt_at <= now


def _deliver_one(mail_id: int, worker: str, now: datetime) -> str:
    row = db.session.get(OutboxMail, mail_id, populate_existing=True)
    db.session.commit()  # end the read: no transaction stays open during the SMTP conversation
    if row is None or row.sent_at is not None or row.claimed_by != worker:
        return "skipped"  # sent meanwhile, or taken over by another worker after our lease ran out
    try:
        _send(row)
    except Exception as error:  # noqa: BLE001 - any transport failure is retried later
        _record_failure(mail_id, worker, error, now)
        return "failed"
    release(OutboxMail, mail_id, OutboxMail.sent_at.is_(None), sent_at=now)
    return "sent"


def _record_failure(mail_id: int, worker: str, error: Exception, now: datetime):
    with atomic():
        row = db.session.get(OutboxMail, mail_id, with_for_update=True, populate_existing=True)
        if row.sent_at is None and row.claimed_by == worker:
            _schedule_retry(row, error, now)
            row.claimed_by = row.claimed_until = None


def _unclaim(mail_ids: list[int], worker: str):
    for mail_id in mail_ids:
        release(OutboxMail, mail_id, OutboxMail.claimed_by == worker, OutboxMail.sent_at.is_(None))


def message_id(mail_id: int) -> str:
    """The stable Message-ID of an outbox mail: the same on every attempt, so a resend is recognisable."""
    domain = current_app.config.get("MAIL_MESSAGE_ID_DOMAIN") or urlsplit(current_app.config["BASE_URL"]).hostname
    return f"<outbox-{mail_id}@{domain or 'concertation.localhost'}>"


class _UnfoldedMessage(Message):
    """A message whose headers are not folded (they stay far below the 998-character limit of RFC 5322).

    The email package folds a long header by splitting a word between plain text and an encoded word
    ("…est enregistr" / "=?utf-8?q?=C3=A9e?="), which every reader shows as "enregistr ée".
    """

    def _message(self):
        message = super()._message()
        message.policy = policy.SMTP.clone(max_line_length=998)
        return message


def _send(row: OutboxMail):
    if not current_app.config.get("MAIL_SERVER"):
        logger.info("mail (console, no MAIL_SERVER) to %s: %s\n%s", row.recipient, row.subject, row.body_text)
        return
    message = _UnfoldedMessage(subject=row.subject, recipients=[row.recipient], body=row.body_text, html=row.body_html)
    message.msgId = message_id(row.id)
    message.extra_headers = row.headers or None
    for item in row.attachments:
        message.attach(item["filename"], item["content_type"], item["data"])
    mail.send(message)


def _schedule_retry(row: OutboxMail, error: Exception, now: datetime):
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        row.failed_at = now
        logger.error(
            "mail %s to %s failed after %s attempts, kept for an admin to requeue: %s",
            row.id,
            row.recipient,
            row.attempts,
            error,
        )
        return
    row.next_attempt_at = now + min(timedelta(minutes=2**row.attempts), MAX_BACKOFF)
    logger.warning(
        "mail %s to %s failed (attempt %s, retry at %s): %s",
        row.id,
        row.recipient,
        row.attempts,
        row.next_attempt_at,
        error,
    )


def failed_mails(limit: int = 200) -> list[OutboxMail]:
    """Mail given up after MAIL_MAX_ATTEMPTS, newest failure first: kept until an admin requeues it."""
    failed = select(OutboxMail).where(OutboxMail.failed_at.is_not(None), OutboxMail.sent_at.is_(None))
    return list(db.session.scalars(failed.order_by(OutboxMail.failed_at.desc(), OutboxMail.id.desc()).limit(limit)))


@atomic
def requeue_mail(mail_id: int, *, now: datetime | None = None) -> OutboxMail | None:
    """Give a failed mail a fresh set of attempts, due at once; a mail not failed is left alone.

    Returns:
        The mail requeued, or None when there was nothing to requeue (unknown, sent or already requeued).
    """
    row = db.session.get(OutboxMail, mail_id, with_for_update=True, populate_existing=True)
    if row is None or row.failed_at is None or row.sent_at is not None:
        return None
    row.failed_at, row.attempts, row.next_attempt_at = None, 0, now or utcnow()
    row.claimed_by = row.claimed_until = None
    logger.info("mail %s to %s requeued after its failure: %s", row.id, row.recipient, row.last_error)
    return row


def init_app(app):
    """In development, deliver the mail committed during a request once the response has been sent."""

    @app.after_request
    def deliver_after_request(response):
        if app.config["MAIL_DELIVER_AFTER_REQUEST"] and g.get("deliver_mail_after_request"):
            response.call_on_close(lambda: _deliver_in_context(app))
        return response


def _deliver_in_context(app):
    with app.app_context():
        try:
            deliver_pending()
        finally:
            db.session.remove()


def external_url(endpoint: str, **values) -> str:
    """An absolute URL under BASE_URL, usable in mail from requests, the CLI and the worker alike."""
    anchor = values.pop("_anchor", None)  # url_for's keyword; the adapter would make it a query argument
    parts = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{url_quote(anchor)}" if anchor else url
