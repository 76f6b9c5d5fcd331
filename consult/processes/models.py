"""A concertation process, its calendar of phases and its organizers."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk, str_enum, utcnow


class Field(enum.Enum):
    """Fields of social and medico-social action."""

    AUTONOMY_ELDERLY = "autonomy_elderly"
    DISABILITY = "disability"
    CHILDHOOD_FAMILY = "childhood_family"
    INTEGRATION = "integration"
    HOUSING = "housing"
    HEALTH = "health"
    OTHER = "other"


class PhaseKind(enum.Enum):
    """The phases of a concertation, in their natural order."""

    IDENTIFICATION = "identification"
    DIAGNOSTIC = "diagnostic"
    OBJECTIVES = "objectives"
    WORKING_GROUPS = "working_groups"
    CONSULTATION = "consultation"
    REPORT = "report"


PHASE_ORDER = {kind: index for index, kind in enumerate(PhaseKind)}


class ModerationMode(enum.Enum):
    """When contributions become public: at once (post-moderation) or once approved (pre-moderation)."""

    POST = "post"
    PRE = "pre"


class ProcessRoleName(enum.Enum):
    """Roles a person may hold in one process."""

    ORGANIZER = "organizer"


class Process(db.Model):
    """A concertation: the root of stakeholders, groups, drafts and the closing report."""

    __tablename__ = "processes"

    id: Mapped[int_pk]
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary_md: Mapped[str] = mapped_column(Text, default="")
    #: summary_md rendered and cleaned at save time
    summary_html: Mapped[str] = mapped_column(Text, default="")
    #: values of Field; the first is the main one
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    territory: Mapped[str] = mapped_column(String(120))
    is_published: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    moderation_mode: Mapped[ModerationMode] = mapped_column(
        str_enum(ModerationMode, "moderation_mode"), default=ModerationMode.POST, server_default="post"
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    phases: Mapped[list["Phase"]] = relationship(
        back_populates="process", cascade="all, delete-orphan", order_by="Phase.starts_on"
    )
    roles: Mapped[list["ProcessRole"]] = relationship(back_populates="process", cascade="all, delete-orphan")

    def current_phase(self, today: date) -> "Phase | None":
        """The phase whose dates include ``today``, if any (the latest-started one on overlaps)."""
        running = [p for p in self.phases if p.starts_on <= today <= p.ends_on]
        return max(running, key=lambda p: p.starts_on) if running else None

    def stage(self, today: date) -> str:
        """Where the process stands: 'upcoming', 'running', 'between' or 'ended'."""
        if not self.phases:
            return "upcoming"
        if self.current_phase(today):
            return "running"
        if today < min(p.starts_on for p in self.phases):
            return "upcoming"
        if today > max(p.ends_on for p in self.phases):
            return "ended"
        return "between"

    def __repr__(self):
        return f"<Process {self.id} {self.slug!r}>"


class Phase(db.Model):
    """One phase of a process calendar, with its dates (inclusive, Europe/Paris)."""

    __tablename__ = "phases"
    __table_args__ = (
        UniqueConstraint("process_id", "kind"),
        CheckConstraint("starts_on <= ends_on", name="dates_ordered"),
    )

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PhaseKind] = mapped_column(str_enum(PhaseKind, "phase_kind"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(500), default="")

    process: Mapped[Process] = relationship(back_populates="phases")

    def state(self, today: date) -> str:
        """'past', 'current' or 'future' relative to ``today``."""
        if today < self.starts_on:
            return "future"
        return "current" if today <= self.ends_on else "past"

    def __repr__(self):
        return f"<Phase {self.kind.value} of process {self.process_id}>"


class ProcessRole(db.Model):
    """A role a user holds in one process (organizer)."""

    __tablename__ = "process_roles"
    __table_args__ = (UniqueConstraint("process_id", "user_id", "role"),)

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[ProcessRoleName] = mapped_column(str_enum(ProcessRoleName, "process_role"))
    created_at: Mapped[created_at]

    process: Mapped[Process] = relationship(back_populates="roles")
    user: Mapped["User"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<ProcessRole {self.role.value} user={self.user_id} process={self.process_id}>"
