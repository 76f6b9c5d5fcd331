"""Follows, events (one row per thing that happened), notifications (one per person), preferences, digests."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.claims import Claimable
from consult.db import created_at, db, int_pk, str_enum


class TargetType(enum.Enum):
    """What a person can follow."""

    PROCESS = "process"
    SECTION = "section"
    GROUP = "group"


class Audience(enum.Enum):
    """Who an event is for; each value has one query in ``audiences.py``."""

    FOLLOWERS = "followers"  # people following the event's target
    VERSION_FOLLOWERS = "version_followers"  # followers of the concertation or of any section of the draft
    GROUP = "group"  # facilitators, member organisations' representatives and followers of the group
    GROUP_MANAGERS = "group_managers"  # facilitators of the group and organizers of the concertation
    ORGANIZERS = "organizers"  # organizers of the concertation


class Delivery(enum.Enum):
    """How a person wants mail for one kind of notification."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


class Follow(db.Model):
    """A person following a concertation, a draft section or a working group."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("user_id", "target_type", "target_id"), Index(None, "target_type", "target_id"))

    id: Mapped[int_pk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[TargetType] = mapped_column(str_enum(TargetType, "follow_target"))
    #: id in the table named by target_type (no foreign key: three tables)
    target_id: Mapped[int]
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<Follow user={self.user_id} {self.target_type.value}:{self.target_id}>"


class NotificationEvent(Claimable, db.Model):
    """Something that happened, written by the request that caused it and fanned out by the worker."""

    __tablename__ = "notification_events"

    id: Mapped[int_pk]
    kind: Mapped[str] = mapped_column(String(40))
    audience: Mapped[Audience] = mapped_column(str_enum(Audience, "notification_audience"))
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    target_type: Mapped[TargetType] = mapped_column(str_enum(TargetType, "event_target"))
    target_id: Mapped[int]
    #: the person who caused it, who is not told about it
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: what the notification says and links to: {"title", "endpoint", "values", ...}
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    #: makes an event happen once (the consultation windows), else null
    once_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[created_at]
    #: last user id already given a notification (batches resume there)
    fanout_cursor: Mapped[int] = mapped_column(default=0, server_default="0")
    expanded_at: Mapped[datetime | None] = mapped_column(index=True)

    def __repr__(self):
        return f"<NotificationEvent {self.id} {self.kind} expanded={self.expanded_at is not None}>"


class Notification(db.Model):
    """One event as one person sees it: read or not, mailed or not."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "event_id"),
        Index(None, "user_id", "read_at"),
        Index(None, "delivery", "mailed_at"),
    )

    id: Mapped[int_pk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("notification_events.id", ondelete="CASCADE"))
    #: the person's choice for this kind when the notification was made
    delivery: Mapped[Delivery] = mapped_column(str_enum(Delivery, "notification_delivery"))
    created_at: Mapped[created_at]
    read_at: Mapped[datetime | None]
    #: when it left by mail (alone or in a digest); stays null for "never"
    mailed_at: Mapped[datetime | None]

    event: Mapped[NotificationEvent] = relationship(lazy="joined")

    def __repr__(self):
        return f"<Notification {self.id} user={self.user_id} event={self.event_id}>"


class NotificationPreference(db.Model):
    """A person's choice of delivery for one kind; absent means the kind's default."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int_pk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    delivery: Mapped[Delivery] = mapped_column(str_enum(Delivery, "preference_delivery"))

    def __repr__(self):
        return f"<NotificationPreference user={self.user_id} {self.kind}={self.delivery.value}>"


class Digest(db.Model):
    """One digest mail per person and period: the unique row is what several workers race for."""

    __tablename__ = "notification_digests"
    __table_args__ = (UniqueConstraint("user_id", "period", "period_key"),)

    id: Mapped[int_pk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[Delivery] = mapped_column(str_enum(Delivery, "digest_period"))
    #: the Paris day ("2026-12-03") or ISO week ("2026-W49") the digest covers
    period_key: Mapped[str] = mapped_column(String(10))
    notification_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<Digest user={self.user_id} {self.period.value} {self.period_key}>"
