"""Meetings of a group, registrations with a waiting list, and documents."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk, str_enum
from consult.groups import errors


class RegistrationStatus(enum.Enum):
    """A seat, a place on the waiting list, or a cancelled registration."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class AccessNeed(enum.Enum):
    """What a registrant needs to take part; facilitators prepare the room from the totals."""

    SIGN_LANGUAGE = "sign_language"
    WHEELCHAIR = "wheelchair"
    HEARING_LOOP = "hearing_loop"
    EASY_READ = "easy_read"
    OTHER = "other"


class MeetingState(enum.Enum):
    """Where a meeting stands at a given time, derived from its times and its cancellation."""

    UPCOMING = "upcoming"
    UNDER_WAY = "under_way"
    OVER = "over"
    CANCELLED = "cancelled"


def _new_uid() -> str:
    return f"{uuid.uuid4()}@concertation"


class Meeting(db.Model):
    """A meeting of a group: for its members only, or public (a channel of the consultation)."""

    __tablename__ = "group_meetings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        # Capacity is held by the database: a seat is taken by incrementing this counter.
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
    )

    id: Mapped[int_pk]
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    video_url: Mapped[str] = mapped_column(String(500), default="")
    agenda_md: Mapped[str] = mapped_column(Text, default="")
    agenda_html: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int]
    seats_taken: Mapped[int] = mapped_column(default=0, server_default="0")
    registration_deadline: Mapped[datetime | None]
    #: iCalendar identity: the UID never changes, the sequence grows with every change
    uid: Mapped[str] = mapped_column(String(80), unique=True, default=_new_uid)
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    cancelled_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    minutes_md: Mapped[str] = mapped_column(Text, default="")
    minutes_html: Mapped[str] = mapped_column(Text, default="")
    minutes_published_at: Mapped[datetime | None]
    #: people who came without registering, noted with the attendance: [{"name": …, "organisation": …}]
    walk_ins: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[created_at]

    group: Mapped["Group"] = relationship()  # noqa: F821

    @property
    def seats_left(self) -> int:
        """Free seats."""
        return self.capacity - self.seats_taken

    def state(self, now: datetime) -> MeetingState:
        """Upcoming until it starts, under way until it ends, then over; cancelled whatever the time."""
        if self.cancelled_at is not None:
            return MeetingState.CANCELLED
        if now < self.starts_at:
            return MeetingState.UPCOMING
        return MeetingState.UNDER_WAY if now < self.ends_at else MeetingState.OVER

    def require_state(self, now: datetime, *allowed: MeetingState) -> None:
        """Raise the named error of the meeting's state unless it is one of ``allowed``."""
        state = self.state(now)
        if state not in allowed:
            raise {
                MeetingState.CANCELLED: errors.MeetingCancelled,
                MeetingState.UPCOMING: errors.MeetingNotStarted,
                MeetingState.UNDER_WAY: errors.MeetingStarted,
                MeetingState.OVER: errors.MeetingOver,
            }[state]()

    def __repr__(self):
        return f"<Meeting {self.id} {self.title!r}>"


class Registration(db.Model):
    """A person registered for a meeting (one row per person per meeting)."""

    __tablename__ = "group_registrations"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int_pk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("group_meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: the member organisation the person comes for, if any (attendance by organisation)
    stakeholder_id: Mapped[int | None] = mapped_column(ForeignKey("stakeholders.id", ondelete="SET NULL"))
    status: Mapped[RegistrationStatus] = mapped_column(str_enum(RegistrationStatus, "registration_status"))
    #: values of AccessNeed
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs_other: Mapped[str] = mapped_column(String(300), default="")
    attended: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[created_at]
    #: when the person got a seat (at once, or promoted from the waiting list)
    seated_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship()
    user: Mapped["User"] = relationship()  # noqa: F821
    stakeholder: Mapped["Stakeholder | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<Registration user={self.user_id} meeting={self.meeting_id} {self.status.value}>"


class Document(db.Model):
    """A file attached to a group or one of its meetings, stored under UPLOAD_DIR."""

    __tablename__ = "group_documents"

    id: Mapped[int_pk]
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("group_meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    #: the name offered on download (the uploaded name, cleaned, with the detected extension)
    filename: Mapped[str] = mapped_column(String(200))
    #: the random name on disk
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<Document {self.id} {self.filename!r}>"
