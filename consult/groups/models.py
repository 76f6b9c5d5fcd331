"""Working groups, their member organisations, meetings, documents and action sheets."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk, str_enum, utcnow


class JoinPolicy(enum.Enum):
    """How an organisation becomes a member."""

    OPEN = "open"
    ON_REQUEST = "on_request"
    ON_INVITATION = "on_invitation"


class GroupState(enum.Enum):
    """Open groups accept members and work; closed ones only show their work; archived ones are history."""

    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class MembershipStatus(enum.Enum):
    """Where an organisation stands in a group."""

    REQUESTED = "requested"
    INVITED = "invited"
    ACTIVE = "active"
    DECLINED = "declined"
    LEFT = "left"
    REMOVED = "removed"


class Group(db.Model):
    """A thematic working group of a process, which writes action sheets for the draft."""

    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("process_id", "slug"),
        # The size limit holds in the database: concurrent accepts cannot both pass.
        CheckConstraint("size_limit IS NULL OR member_count <= size_limit", name="size_limit_held"),
        CheckConstraint("member_count >= 0", name="member_count_positive"),
    )

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    mandate_md: Mapped[str] = mapped_column(Text, default="")
    #: mandate_md rendered and cleaned at save time
    mandate_html: Mapped[str] = mapped_column(Text, default="")
    #: values of consult.processes.models.Field
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    join_policy: Mapped[JoinPolicy] = mapped_column(str_enum(JoinPolicy, "join_policy"))
    size_limit: Mapped[int | None]
    #: active memberships, kept with each change so the limit is enforced by a CHECK
    member_count: Mapped[int] = mapped_column(default=0, server_default="0")
    state: Mapped[GroupState] = mapped_column(str_enum(GroupState, "group_state"), default=GroupState.OPEN)
    created_at: Mapped[created_at]

    process: Mapped["Process"] = relationship()  # noqa: F821
    sections: Mapped[list["GroupSection"]] = relationship(cascade="all, delete-orphan", lazy="raise_on_sql")
    facilitators: Mapped[list["Facilitator"]] = relationship(cascade="all, delete-orphan", lazy="raise_on_sql")

    def __repr__(self):
        return f"<Group {self.id} {self.slug!r}>"


class GroupSection(db.Model):
    """A draft section a group works on."""

    __tablename__ = "group_sections"
    __table_args__ = (UniqueConstraint("group_id", "section_id"),)

    id: Mapped[int_pk]
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)

    section: Mapped["Section"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<GroupSection group={self.group_id} section={self.section_id}>"


class Facilitator(db.Model):
    """A person who facilitates a group (an organizer, or a representative designated by one)."""

    __tablename__ = "group_facilitators"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int_pk]
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[created_at]

    user: Mapped["User"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<Facilitator user={self.user_id} group={self.group_id}>"


class Membership(db.Model):
    """One organisation in one group; its status changes, its history is in MembershipEvent."""

    __tablename__ = "group_memberships"
    __table_args__ = (UniqueConstraint("group_id", "stakeholder_id"),)

    id: Mapped[int_pk]
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True)
    status: Mapped[MembershipStatus] = mapped_column(str_enum(MembershipStatus, "membership_status"))
    #: the representative's message with a request, or the decider's with a decision
    message: Mapped[str] = mapped_column(Text, default="")
    joined_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    group: Mapped[Group] = relationship()
    stakeholder: Mapped["Stakeholder"] = relationship()  # noqa: F821
    events: Mapped[list["MembershipEvent"]] = relationship(
        cascade="all, delete-orphan", order_by="MembershipEvent.id", lazy="raise_on_sql"
    )

    def __repr__(self):
        return f"<Membership group={self.group_id} stakeholder={self.stakeholder_id} {self.status.value}>"


class MembershipEvent(db.Model):
    """The history of a membership: who asked, accepted, left, removed, and when."""

    __tablename__ = "group_membership_events"

    id: Mapped[int_pk]
    membership_id: Mapped[int] = mapped_column(ForeignKey("group_memberships.id", ondelete="CASCADE"), index=True)
    status: Mapped[MembershipStatus] = mapped_column(str_enum(MembershipStatus, "membership_event_status"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]

    actor: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<MembershipEvent {self.membership_id} {self.status.value}>"


from consult.groups.meeting_models import Document, Meeting, Registration  # noqa: E402
from consult.groups.proposal_models import Proposal, ProposalChange, ProposalSection  # noqa: E402

__all__ = [
    "Document",
    "Facilitator",
    "Group",
    "GroupSection",
    "GroupState",
    "JoinPolicy",
    "Meeting",
    "Membership",
    "MembershipEvent",
    "MembershipStatus",
    "Proposal",
    "ProposalChange",
    "ProposalSection",
    "Registration",
]
