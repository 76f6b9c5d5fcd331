"""Treatment of contributions (themes, dispositions, syntheses) and the published closing report."""

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.claims import Claimable
from consult.db import created_at, db, int_pk, str_enum, utcnow


class DispositionValue(enum.Enum):
    """What was done with a contribution (suite donnée)."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    REJECTED = "rejected"
    OUT_OF_SCOPE = "out_of_scope"


class Theme(db.Model):
    """A theme grouping contributions; its disposition applies to those without their own."""

    __tablename__ = "themes"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[DispositionValue | None] = mapped_column(str_enum(DispositionValue, "theme_disposition"))
    reason_md: Mapped[str] = mapped_column(Text, default="")
    reason_html: Mapped[str] = mapped_column(Text, default="")
    change_section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<Theme {self.id} {self.title!r}>"


class Treatment(db.Model):
    """How organizers treated one contribution: its theme and its own disposition, if any."""

    __tablename__ = "treatments"

    id: Mapped[int_pk]
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), unique=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"), index=True)
    disposition: Mapped[DispositionValue | None] = mapped_column(str_enum(DispositionValue, "treatment_disposition"))
    reason_md: Mapped[str] = mapped_column(Text, default="")
    reason_html: Mapped[str] = mapped_column(Text, default="")
    #: the section of a later version whose change this contribution led to
    change_section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    theme: Mapped[Theme | None] = relationship()

    def __repr__(self):
        return f"<Treatment of contribution {self.contribution_id}: {self.disposition}>"


class DispositionChange(db.Model):
    """One change of disposition, kept forever: who, when, before, after, why."""

    __tablename__ = "disposition_changes"
    __table_args__ = (Index("ix_disposition_changes_target", "target_type", "target_id"),)

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    #: "contribution", "theme" or "proposal"
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int]
    before: Mapped[str | None] = mapped_column(String(20))
    after: Mapped[str | None] = mapped_column(String(20))
    reason_md: Mapped[str] = mapped_column(Text, default="")
    reason_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: set on a contribution's entry when the change came through its theme (its disposition or assignment)
    via_theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<DispositionChange {self.target_type}:{self.target_id} {self.before}->{self.after}>"


class Synthesis(db.Model):
    """An organizer's synthesis of one section, or of the whole concertation (no section)."""

    __tablename__ = "syntheses"
    __table_args__ = (UniqueConstraint("process_id", "section_id"),)

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __repr__(self):
        return f"<Synthesis process={self.process_id} section={self.section_id}>"


class ClosingReport(db.Model):
    """The organizers' texts of a process's report (the figures are computed, never typed)."""

    __tablename__ = "closing_reports"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), unique=True)
    #: the editorial foreword opening the report and the conclusion closing it
    foreword_md: Mapped[str] = mapped_column(Text, default="", server_default="")
    foreword_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    conclusion_md: Mapped[str] = mapped_column(Text, default="", server_default="")
    conclusion_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    legal_frame_md: Mapped[str] = mapped_column(Text, default="")
    legal_frame_html: Mapped[str] = mapped_column(Text, default="")
    next_steps_md: Mapped[str] = mapped_column(Text, default="")
    next_steps_html: Mapped[str] = mapped_column(Text, default="")
    #: licence of the open data
    licence: Mapped[str] = mapped_column(String(80), default="Licence Ouverte 2.0")
    #: print the sections that received nothing (left out by default)
    include_empty_sections: Mapped[bool] = mapped_column(default=False, server_default=text("false"))

    def __repr__(self):
        return f"<ClosingReport process={self.process_id}>"


class ReportRevision(Claimable, db.Model):
    """A published, frozen revision of the report: figures and texts as they were that day."""

    __tablename__ = "report_revisions"
    __table_args__ = (UniqueConstraint("process_id", "number"),)

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    number: Mapped[int]
    #: an interim report ("bilan d'étape") may be published with untreated contributions
    is_interim: Mapped[bool] = mapped_column(Boolean, default=False)
    untreated_count: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: everything the report shows, frozen at publication
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    pdf_path: Mapped[str | None] = mapped_column(String(300))
    pdf_built_at: Mapped[datetime | None]
    pdf_error: Mapped[str] = mapped_column(Text, default="")
    opendata_path: Mapped[str | None] = mapped_column(String(300))

    @property
    def contributions(self) -> list[dict]:
        """Every published contribution with its disposition, as published, in reading order (all its pages)."""
        pages = db.session.scalars(
            db.select(RevisionContributions.rows)
            .where(RevisionContributions.revision_id == self.id)
            .order_by(RevisionContributions.page)
        )
        return [row for rows in pages for row in rows]

    def __repr__(self):
        return f"<ReportRevision process={self.process_id} #{self.number}>"


class RevisionContributions(db.Model):
    """One page of a revision's frozen contributions: the web listing reads one row, whatever the total."""

    __tablename__ = "report_revision_contributions"
    __table_args__ = (UniqueConstraint("revision_id", "page"),)

    #: contributions per stored page, the page size of the web listing
    PER_PAGE = 100

    id: Mapped[int_pk]
    revision_id: Mapped[int] = mapped_column(ForeignKey("report_revisions.id", ondelete="CASCADE"))
    #: 1 for the first PER_PAGE contributions in reading order, and so on
    page: Mapped[int]
    rows: Mapped[list] = mapped_column(JSON, default=list)


# Covering indexes of the report's GROUP BY queries: each figure reads an index, never the contributions'
# texts, so the report of 100,000 contributions is computed in about a second.
from consult.consultation.models import Contribution, Support  # noqa: E402

Index(
    "ix_contributions_report_figures",
    Contribution.process_id,
    Contribution.state,
    Contribution.section_id,
    Contribution.kind,
    Contribution.support_count,
    Contribution.parent_id,
    Contribution.channel,
    Contribution.contributor_category,
    Contribution.contributor_territory,
    Contribution.received_on,
    Contribution.created_at,
    Contribution.author_id,
    Contribution.stakeholder_id,
)
Index("ix_treatments_report_figures", Treatment.contribution_id, Treatment.theme_id, Treatment.disposition)
# supports counted per supporter in (user, contribution) order, without sorting a million rows
Index("ix_supports_report_figures", Support.user_id, Support.contribution_id)
# the treatment view's default order (newest first): a late page walks this index
Index("ix_contributions_treatment_order", Contribution.process_id, Contribution.created_at, Contribution.id)
