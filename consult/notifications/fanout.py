"""The worker's side: claim each event, expand it to its audience in batches; announce consultation windows."""

import logging
import time
from datetime import datetime, timedelta

from sqlalchemy import and_, func, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from consult.auth.models import User
from consult.claims import claim, worker_identity
from consult.consultation.models import Draft, DraftVersion
from consult.db import UTCDateTime, atomic, db
from consult.notifications.audiences import audience_ids
from consult.notifications.kinds import KINDS
from consult.notifications.models import (
    Audience,
    Notification,
    NotificationEvent,
    NotificationPreference,
    TargetType,
)
from consult.notifications.services import record_event
from consult.notifications.visibility import audience_filter

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
#: how long a worker holds an event; a worker that died lets another resume after it
CLAIM = timedelta(minutes=10)
EVENTS_PER_PASS = 20


def expand_events(now: datetime) -> int:
    """Fan out waiting events, each claimed by one worker. Returns how many were finished."""
    done = 0
    for _ in range(EVENTS_PER_PASS):
        event = _claim_next_event(now)
        if event is None:
            break
        started = time.perf_counter()
        while _expand_batch(event, now):
            pass
        done += 1
        logger.info("event %s (%s) fanned out in %.3f s", event.id, event.kind, time.perf_counter() - started)
    return done


def _claim_next_event(now: datetime) -> NotificationEvent | None:
    """Take the oldest event nobody is expanding (the shared lease of ``consult.claims``)."""
    ids = claim(
        NotificationEvent, NotificationEvent.expanded_at.is_(None), worker=worker_identity(), lease=CLAIM, now=now
    )
    return db.session.get(NotificationEvent, ids[0]) if ids else None


@atomic
def _expand_batch(event: NotificationEvent, now: datetime) -> bool:
    """Give the next BATCH_SIZE people of the audience their notification, in one INSERT … SELECT.

    Returns:
        True while people remain; False once the event is fully expanded.
    """
    ids = audience_ids(event)
    upper = db.session.scalar(
        select(ids.c.user_id)
        .where(ids.c.user_id > event.fanout_cursor)
        .order_by(ids.c.user_id)
        .offset(BATCH_SIZE - 1)
        .limit(1)
    )
    preference = NotificationPreference.__table__
    rows = (
        select(
            ids.c.user_id,
            literal(event.id),
            func.coalesce(preference.c.delivery, literal(KINDS[event.kind].default.value)),
            literal(now, UTCDateTime()),
        )
        .join(User, User.id == ids.c.user_id)
        .outerjoin(preference, and_(preference.c.user_id == ids.c.user_id, preference.c.kind == event.kind))
        .where(ids.c.user_id > event.fanout_cursor, User.deleted_at.is_(None))
    )
    if event.actor_id is not None:
        rows = rows.where(ids.c.user_id != event.actor_id)
    if upper is not None:
        rows = rows.where(ids.c.user_id <= upper)
    _insert_notifications(event, rows)
    db.session.execute(
        NotificationEvent.__table__.update()
        .where(NotificationEvent.id == event.id)
        .values(
            fanout_cursor=upper if upper is not None else event.fanout_cursor,
            expanded_at=None if upper is not None else now,
            claimed_until=now + CLAIM,
        )
    )
    db.session.refresh(event)
    return upper is not None


def _insert_notifications(event: NotificationEvent, rows) -> None:
    """Insert the batch's rows, keeping only the people who may still see the event's object."""
    columns = ["user_id", "event_id", "delivery", "created_at"]
    keep = audience_filter(event)
    if keep is None:
        db.session.execute(insert(Notification.__table__).from_select(columns, rows))
        return
    candidates = [dict(zip(columns, row, strict=True)) for row in db.session.execute(rows)]
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_([c["user_id"] for c in candidates])))}
    allowed = [c for c in candidates if keep(users[c["user_id"]])]
    if allowed:
        db.session.execute(insert(Notification.__table__), allowed)


# --- consultation windows -----------------------------------------------------------------------

#: a window edge older than this when the worker first sees it is not announced any more
LOOKBACK = timedelta(days=2)
CLOSING_SOON = timedelta(days=3)


def announce_windows(now: datetime) -> int:
    """Record, once per version, that its consultation opened, closes soon or closed. Returns how many."""
    later = aliased(DraftVersion)
    replaced = (
        select(later.id)
        .where(later.draft_id == DraftVersion.draft_id, later.number > DraftVersion.number)
        .where(later.published_at.is_not(None))
        .exists()
    )
    # a version replaced by a newer one closed with its publication, which was announced
    published = select(DraftVersion).join(Draft).where(DraftVersion.published_at.is_not(None), ~replaced)
    edges = {
        # a version published when already open was announced by its publication
        "consultation_opened": published.where(
            DraftVersion.opens_at <= now,
            DraftVersion.opens_at > now - LOOKBACK,
            DraftVersion.closes_at > now,
            DraftVersion.published_at < DraftVersion.opens_at,
        ),
        "consultation_closing": published.where(
            DraftVersion.opens_at <= now, DraftVersion.closes_at > now, DraftVersion.closes_at <= now + CLOSING_SOON
        ),
        "consultation_closed": published.where(DraftVersion.closes_at <= now, DraftVersion.closes_at > now - LOOKBACK),
    }
    recorded = 0
    for kind, query in edges.items():
        for version in db.session.scalars(query).all():
            recorded += _announce_once(kind, version)
    return recorded


def _announce_once(kind: str, version: DraftVersion) -> int:
    key = f"{kind}:{version.id}"
    if db.session.scalar(select(NotificationEvent.id).where(NotificationEvent.once_key == key)) is not None:
        return 0
    draft = version.draft
    try:
        with atomic():
            record_event(
                kind,
                Audience.VERSION_FOLLOWERS,
                TargetType.PROCESS,
                draft.process_id,
                process_id=draft.process_id,
                once_key=key,
                title=draft.title,
                draft_id=draft.id,
                endpoint="consultation.draft",
                values={"slug": draft.process.slug, "draft_id": draft.id},
            )
    except IntegrityError:
        return 0  # another worker announced it first
    return 1
