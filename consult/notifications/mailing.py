"""Notification mail: at once, or gathered in a daily or weekly digest; each with a one-click unsubscribe."""

import logging
from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from consult.auth.models import User
from consult.auth.tokens import make_token, read_token
from consult.dates import PARIS, monday_of, paris_day
from consult.db import atomic, db
from consult.mail import external_url, queue_mail
from consult.notifications.kinds import KINDS, sentence
from consult.notifications.models import Delivery, Digest, Notification

logger = logging.getLogger(__name__)
UNSUBSCRIBE_PURPOSE = "notifications-unsubscribe"
UNSUBSCRIBE_MAX_AGE = 366 * 24 * 3600
MAILS_PER_PASS = 200
DIGESTS_PER_PASS = 200


def unsubscribe_token(user_id: int, *, kind: str | None = None, period: Delivery | None = None) -> str:
    """A signed link token that stops one kind of mail, or one digest, without signing in."""
    return make_token(UNSUBSCRIBE_PURPOSE, {"u": user_id, "k": kind, "p": period.value if period else None})


def read_unsubscribe_token(token: str) -> tuple[int, str | None, Delivery | None]:
    """(user id, kind, period) of a valid token.

    Raises:
        InvalidToken: tampered or too old.
    """
    data = read_token(UNSUBSCRIBE_PURPOSE, token, UNSUBSCRIBE_MAX_AGE)
    return data["u"], data.get("k"), Delivery(data["p"]) if data.get("p") else None


def _unsubscribe_headers(url: str) -> dict:
    # RFC 8058: a mail client may unsubscribe with one POST to this address, no page opened.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _line(notification: Notification) -> dict:
    event = notification.event
    return {
        "text": sentence(event.kind, event.payload),
        "url": external_url("notifications.open", notification_id=notification.id),
    }


# --- immediate ---------------------------------------------------------------------------------------


@atomic
def mail_immediate(now: datetime) -> int:
    """Queue one mail per notification that its person wants at once. Returns how many were queued."""
    rows = db.session.scalars(
        select(Notification)
        .where(Notification.delivery == Delivery.IMMEDIATE, Notification.mailed_at.is_(None))
        .order_by(Notification.id)
        .limit(MAILS_PER_PASS)
        .with_for_update(skip_locked=True, of=Notification)
    ).all()
    users = _users({n.user_id for n in rows})
    for notification in rows:
        notification.mailed_at = now
        user = users[notification.user_id]
        kind = notification.event.kind
        url = external_url("notifications.unsubscribe", token=unsubscribe_token(user.id, kind=kind))
        line = _line(notification)
        queue_mail(
            user.email,
            "notification",
            line["text"],
            headers=_unsubscribe_headers(url),
            line=line,
            kind_label=KINDS[kind].label,
            unsubscribe_url=url,
            preferences_url=external_url("notifications.preferences"),
        )
    return len(rows)


def _users(ids) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}


# --- digests -----------------------------------------------------------------------------------------


def period_edge(period: Delivery, now: datetime) -> tuple[str, datetime]:
    """The period a digest built now covers: its key, and its end (midnight in Paris, as UTC).

    A daily digest covers the previous Paris day; a weekly one, the previous week (Monday to Sunday).
    """
    today = paris_day(now)
    if period == Delivery.DAILY:
        end_day = today
        key = (today - timedelta(days=1)).isoformat()
    else:
        end_day = monday_of(today)
        year, week, _ = (end_day - timedelta(days=7)).isocalendar()
        key = f"{year}-W{week:02d}"
    return key, datetime.combine(end_day, time(0), tzinfo=PARIS)


def build_digests(now: datetime) -> int:
    """Build each due digest once per person and period, even with several workers. Returns how many."""
    built = 0
    for period in (Delivery.DAILY, Delivery.WEEKLY):
        key, end = period_edge(period, now)
        for user_id in _people_due(period, key, end):
            built += _build_digest(user_id, period, key, end, now)
    return built


def _pending(period: Delivery, end: datetime):
    return (Notification.delivery == period, Notification.mailed_at.is_(None), Notification.created_at < end)


def _people_due(period: Delivery, key: str, end: datetime) -> list[int]:
    built = exists().where(Digest.user_id == Notification.user_id, Digest.period == period, Digest.period_key == key)
    return list(
        db.session.scalars(
            select(Notification.user_id).where(*_pending(period, end), ~built).distinct().limit(DIGESTS_PER_PASS)
        )
    )


def _build_digest(user_id: int, period: Delivery, key: str, end: datetime, now: datetime) -> int:
    """Claim the (person, period) row, then mail what waited; a worker that loses the race does nothing."""
    try:
        with atomic():
            digest = Digest(user_id=user_id, period=period, period_key=key)
            db.session.add(digest)
            db.session.flush()
            rows = db.session.scalars(
                select(Notification)
                .where(Notification.user_id == user_id, *_pending(period, end))
                .order_by(Notification.id)
                .with_for_update(of=Notification)
            ).all()
            digest.notification_count = len(rows)
            for notification in rows:
                notification.mailed_at = now
            if rows:
                _queue_digest(db.session.get(User, user_id), period, rows)
    except IntegrityError:
        return 0  # another worker built this digest
    return 1


DIGEST_SUBJECTS = {Delivery.DAILY: _l("Your daily summary"), Delivery.WEEKLY: _l("Your weekly summary")}


def _queue_digest(user: User, period: Delivery, rows: list[Notification]):
    url = external_url("notifications.unsubscribe", token=unsubscribe_token(user.id, period=period))
    queue_mail(
        user.email,
        "notification_digest",
        DIGEST_SUBJECTS[period],
        headers=_unsubscribe_headers(url),
        lines=[_line(n) for n in rows],
        period=period.value,
        unsubscribe_url=url,
        preferences_url=external_url("notifications.preferences"),
        notifications_url=external_url("notifications.index"),
    )
