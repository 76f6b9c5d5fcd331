"""Follow and unfollow, record events, read notifications, choose how mail arrives."""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from consult.db import atomic, db, utcnow
from consult.notifications.errors import TargetNotFound
from consult.notifications.kinds import KINDS
from consult.notifications.models import (
    Audience,
    Delivery,
    Follow,
    Notification,
    NotificationEvent,
    NotificationPreference,
    TargetType,
)
from consult.notifications.queries import follow_target

logger = logging.getLogger(__name__)


def add_follow(user_id: int, target_type: TargetType, target_id: int) -> None:
    """Make the person follow the target, once (a repeat or a concurrent twin changes nothing)."""
    exists = select(Follow.id).where(
        Follow.user_id == user_id, Follow.target_type == target_type, Follow.target_id == target_id
    )
    if db.session.scalar(exists) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(Follow(user_id=user_id, target_type=target_type, target_id=target_id))
    except IntegrityError:
        pass  # followed meanwhile by the same person's other request


@atomic
def follow(actor, target_type: TargetType, target_id: int) -> None:
    """Follow a concertation, a draft section or a working group the actor can see.

    Raises:
        TargetNotFound: no such target, or the actor may not see it.
    """
    if follow_target(actor, target_type, target_id) is None:
        raise TargetNotFound(str(_l("This page does not exist or is not public.")))
    add_follow(actor.id, target_type, target_id)
    logger.info("user %s follows %s %s", actor.id, target_type.value, target_id)


@atomic
def unfollow(actor, target_type: TargetType, target_id: int) -> bool:
    """Stop following a target. Returns whether the actor was following it."""
    result = db.session.execute(
        delete(Follow).where(
            Follow.user_id == actor.id, Follow.target_type == target_type, Follow.target_id == target_id
        )
    )
    return result.rowcount > 0


def record_event(
    kind: str,
    audience: Audience,
    target_type: TargetType,
    target_id: int,
    *,
    process_id,
    actor=None,
    once_key=None,
    **payload,
) -> NotificationEvent:
    """Write one event in the caller's transaction; the worker fans it out to its audience later."""
    event = NotificationEvent(
        kind=kind,
        audience=audience,
        target_type=target_type,
        target_id=target_id,
        process_id=process_id,
        actor_id=actor.id if actor is not None else None,
        once_key=once_key,
        payload=payload,
    )
    db.session.add(event)
    return event


@atomic
def open_notification(actor, notification_id: int) -> Notification | None:
    """Mark one of the actor's notifications read and return it (None if it is not theirs)."""
    notification = db.session.scalar(
        select(Notification).where(Notification.id == notification_id, Notification.user_id == actor.id)
    )
    if notification is not None and notification.read_at is None:
        notification.read_at = utcnow()
    return notification


@atomic
def mark_all_read(actor) -> int:
    """Mark every unread notification of the actor read. Returns how many were unread."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount


@atomic
def set_preferences(actor, choices: dict[str, Delivery]) -> None:
    """Save the actor's delivery for each kind; a choice equal to the default is stored too (explicit)."""
    for kind, delivery in choices.items():
        if kind in KINDS:
            _set_preference(actor.id, kind, delivery)


def _set_preference(user_id: int, kind: str, delivery: Delivery) -> None:
    row = db.session.scalar(
        select(NotificationPreference)
        .where(NotificationPreference.user_id == user_id, NotificationPreference.kind == kind)
        .with_for_update()
    )
    if row is None:
        try:
            with db.session.begin_nested():
                db.session.add(NotificationPreference(user_id=user_id, kind=kind, delivery=delivery))
            return
        except IntegrityError:
            row = db.session.scalar(
                select(NotificationPreference).where(
                    NotificationPreference.user_id == user_id, NotificationPreference.kind == kind
                )
            )
    row.delivery = delivery


def effective_preferences(user_id: int) -> dict[str, Delivery]:
    """Each kind's delivery for this person: their choice, else the kind's default."""
    chosen = dict(
        db.session.execute(
            select(NotificationPreference.kind, NotificationPreference.delivery).where(
                NotificationPreference.user_id == user_id
            )
        ).all()
    )
    return {kind: chosen.get(kind, spec.default) for kind, spec in KINDS.items()}


@atomic
def unsubscribe(user_id: int, *, kind: str | None = None, period: Delivery | None = None) -> list[str]:
    """Stop mail of one kind, or every kind that goes to the ``period`` digest. Returns the kinds stopped.

    Also stops mail already waiting for these kinds, so nothing more arrives after the click.
    """
    if kind is not None:
        kinds = [kind] if kind in KINDS else []
    else:
        kinds = [k for k, delivery in effective_preferences(user_id).items() if delivery == period]
    for name in kinds:
        _set_preference(user_id, name, Delivery.NEVER)
    if kinds:
        pending = select(NotificationEvent.id).where(NotificationEvent.kind.in_(kinds))
        db.session.execute(
            update(Notification)
            .where(Notification.user_id == user_id, Notification.mailed_at.is_(None))
            .where(Notification.event_id.in_(pending))
            .values(delivery=Delivery.NEVER)
        )
    logger.info("user %s unsubscribed from %s", user_id, ", ".join(kinds) or "nothing")
    return kinds
