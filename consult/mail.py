"""Outgoing mail through an outbox table: queued with the change, delivered by a worker with retries."""

import logging
from datetime import datetime, timedelta

from flask import current_app, g, render_template
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy import JSON, String, Text, select, text
from sqlalchemy.orm import Mapped, mapped_column

from consult.db import created_at, db, int_pk, on_commit, utcnow
from consult.extensions import mail

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)


class OutboxMail(db.Model):
    """A mail waiting to be delivered, delivered, or given up on after its last attempt."""

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
    #: set when MAIL_MAX_ATTEMPTS is reached; the row is kept for inspection
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


def deliver_pending(now: datetime | None = None, limit: int = 200) -> tuple[int, int]:
    """Try every due mail once; commit after each so nothing is sent twice.

    Returns:
        (sent, failed) counts for this pass.
    """
    now = now or utcnow()
    due = (
        select(OutboxMail)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.failed_at.is_(None), OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    sent = failed = 0
    for row in db.session.scalars(due).all():
        try:
            _send(row)
        except Exception as error:  # noqa: BLE001 - any transport failure is retried later
            _schedule_retry(row, error, now)
            failed += 1
        else:
            row.sent_at = now
            sent += 1
        db.session.commit()
    return sent, failed


def _send(row: OutboxMail):
    if not current_app.config.get("MAIL_SERVER"):
        logger.info("mail (console, no MAIL_SERVER) to %s: %s\n%s", row.recipient, row.subject, row.body_text)
        return
    message = Message(subject=row.subject, recipients=[row.recipient], body=row.body_text, html=row.body_html)
    message.extra_headers = row.headers or None
    for item in row.attachments:
        message.attach(item["filename"], item["content_type"], item["data"])
    mail.send(message)


def _schedule_retry(row: OutboxMail, error: Exception, now: datetime):
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if row.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        row.failed_at = now
        logger.error("mail %s to %s given up after %s attempts: %s", row.id, row.recipient, row.attempts, error)
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
    from urllib.parse import urlsplit

    parts = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)
