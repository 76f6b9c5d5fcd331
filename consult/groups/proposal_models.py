"""Group proposals (action sheets), the sections they feed and the changes they led to."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk, str_enum, utcnow


class ProposalStatus(enum.Enum):
    """The workflow of an action sheet."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    REJECTED = "rejected"
    OUT_OF_SCOPE = "out_of_scope"


#: the organizer's decisions, which close the workflow
DECISIONS = (
    ProposalStatus.ACCEPTED,
    ProposalStatus.PARTLY_ACCEPTED,
    ProposalStatus.REJECTED,
    ProposalStatus.OUT_OF_SCOPE,
)

#: the plain-text fields of an action sheet, in the order of the form
SHEET_FIELDS = ("objective", "description", "pilot", "partners", "timeline", "budget", "indicators")


class Proposal(db.Model):
    """An action sheet written by a group's members and submitted in the group's name."""

    __tablename__ = "group_proposals"

    id: Mapped[int_pk]
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    objective: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    pilot: Mapped[str] = mapped_column(Text, default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    timeline: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[str] = mapped_column(Text, default="")
    #: {field: html} of the SHEET_FIELDS, rendered at save time
    rendered: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[ProposalStatus] = mapped_column(
        str_enum(ProposalStatus, "proposal_status"), default=ProposalStatus.DRAFT
    )
    #: optimistic concurrency: every save increments it, and a save from an older version is refused
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decision_reason_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    group: Mapped["Group"] = relationship()  # noqa: F821
    updated_by: Mapped["User | None"] = relationship(foreign_keys=[updated_by_id])  # noqa: F821
    sections: Mapped[list["ProposalSection"]] = relationship(cascade="all, delete-orphan", lazy="raise_on_sql")

    def __repr__(self):
        return f"<Proposal {self.id} {self.title!r} {self.status.value}>"


class ProposalSection(db.Model):
    """A draft section an action sheet feeds."""

    __tablename__ = "group_proposal_sections"
    __table_args__ = (UniqueConstraint("proposal_id", "section_id"),)

    id: Mapped[int_pk]
    proposal_id: Mapped[int] = mapped_column(ForeignKey("group_proposals.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)

    section: Mapped["Section"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<ProposalSection proposal={self.proposal_id} section={self.section_id}>"


class ProposalChange(db.Model):
    """A section of a newer draft version that changed because of an action sheet."""

    __tablename__ = "group_proposal_changes"
    __table_args__ = (UniqueConstraint("section_id", "proposal_id"),)

    id: Mapped[int_pk]
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("group_proposals.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]

    section: Mapped["Section"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<ProposalChange section={self.section_id} proposal={self.proposal_id}>"
