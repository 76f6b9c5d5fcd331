"""Stored results of the synthesis assistant: pages read these, the worker writes them."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.claims import Claimable
from consult.db import created_at, db, int_pk, str_enum


class RunStatus(enum.Enum):
    """Where a computation stands."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class SuggestionStatus(enum.Enum):
    """What the organizer decided about a suggested theme."""

    OPEN = "open"
    ACCEPTED = "accepted"
    MERGED = "merged"
    REJECTED = "rejected"


class SynthesisRun(Claimable, db.Model):
    """One computation over a process's contributions and positions, with its progress."""

    __tablename__ = "synthesis_runs"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    status: Mapped[RunStatus] = mapped_column(str_enum(RunStatus, "synthesis_run_status"), default=RunStatus.PENDING)
    progress: Mapped[int] = mapped_column(default=0)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: how many themes the organizer asked for (None: a number that grows with the contributions)
    theme_count: Mapped[int | None]
    requested_at: Mapped[created_at]
    finished_at: Mapped[datetime | None]
    contribution_count: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    #: {section id: [key terms]}
    section_terms: Mapped[dict] = mapped_column(JSON, default=dict)
    #: opinion groups: sizes, make-up, consensus and divisive sections, most supported comments
    opinions: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the organizer asked to recompute everything (no reuse of the previous computation)
    full: Mapped[bool] = mapped_column(default=False)
    #: how many contributions were new to this run when it reused the previous suggested themes (None: full run)
    new_count: Mapped[int | None]


class SuggestedTheme(db.Model):
    """A group of contributions on one subject, proposed to the organizer, who decides."""

    __tablename__ = "suggested_themes"

    id: Mapped[int_pk]
    run_id: Mapped[int] = mapped_column(ForeignKey("synthesis_runs.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    terms: Mapped[list] = mapped_column(JSON, default=list)
    members: Mapped[list] = mapped_column(JSON, default=list)
    representatives: Mapped[list] = mapped_column(JSON, default=list)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    territories: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[SuggestionStatus] = mapped_column(
        str_enum(SuggestionStatus, "suggested_theme_status"), default=SuggestionStatus.OPEN
    )
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("suggested_themes.id", ondelete="SET NULL"))


class Campaign(db.Model):
    """Identical or near-identical contributions: counted, shown, never hidden."""

    __tablename__ = "synthesis_campaigns"

    id: Mapped[int_pk]
    run_id: Mapped[int] = mapped_column(ForeignKey("synthesis_runs.id", ondelete="CASCADE"), index=True)
    members: Mapped[list] = mapped_column(JSON, default=list)
    similarity: Mapped[float]
    first_at: Mapped[datetime | None]
    last_at: Mapped[datetime | None]
    #: how many came from accounts created after the consultation opened
    new_accounts: Mapped[int] = mapped_column(default=0)


class SimilarContribution(db.Model):
    """A contribution that says nearly the same thing as another, with the similarity."""

    __tablename__ = "similar_contributions"
    __table_args__ = (Index("ix_similar_contributions_run_contribution", "run_id", "contribution_id"),)

    id: Mapped[int_pk]
    run_id: Mapped[int] = mapped_column(ForeignKey("synthesis_runs.id", ondelete="CASCADE"))
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    score: Mapped[float]


class ThemeHint(db.Model):
    """A contribution not yet in a theme, suggested into the existing theme it is nearest to."""

    __tablename__ = "synthesis_theme_hints"

    id: Mapped[int_pk]
    run_id: Mapped[int] = mapped_column(ForeignKey("synthesis_runs.id", ondelete="CASCADE"), index=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    score: Mapped[float]


class SuggestionDecision(db.Model):
    """An organizer's decision on a suggested theme, kept as the history of the treatment."""

    __tablename__ = "suggestion_decisions"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggested_themes.id", ondelete="CASCADE"))
    #: "accept", "rename", "merge" or "reject"
    action: Mapped[str] = mapped_column(String(20))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]
