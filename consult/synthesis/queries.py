"""Reads of the assistant's pages: the latest computation and its stored results."""

from sqlalchemy import func, select

from consult.auth.models import User
from consult.consultation.labels import versioned_title
from consult.consultation.models import Contribution, DraftVersion, Section
from consult.db import db
from consult.report.models import Theme, Treatment
from consult.synthesis.models import (
    Campaign,
    RunStatus,
    SimilarContribution,
    SuggestedTheme,
    SuggestionDecision,
    SynthesisRun,
    ThemeHint,
)


def latest_run(process_id: int) -> SynthesisRun | None:
    """The most recent computation requested (any state)."""
    return db.session.scalar(
        select(SynthesisRun).where(SynthesisRun.process_id == process_id).order_by(SynthesisRun.id.desc()).limit(1)
    )


def latest_done_run(process_id: int) -> SynthesisRun | None:
    """The most recent finished computation: the one the pages show."""
    return db.session.scalar(
        select(SynthesisRun)
        .where(SynthesisRun.process_id == process_id, SynthesisRun.status == RunStatus.DONE)
        .order_by(SynthesisRun.id.desc())
        .limit(1)
    )


def suggestions(run_id: int) -> list[SuggestedTheme]:
    """The run's suggested themes, largest first."""
    found = db.session.scalars(select(SuggestedTheme).where(SuggestedTheme.run_id == run_id)).all()
    return sorted(found, key=lambda s: (-len(s.members), s.id))


def texts(contribution_ids) -> dict[int, Contribution]:
    """The contributions with these ids (for representative texts and campaign samples)."""
    ids = list(contribution_ids)
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(select(Contribution).where(Contribution.id.in_(ids)))}


def already_in_theme(contribution_ids) -> set[int]:
    """Those contributions an organizer already put in a theme."""
    ids = list(contribution_ids)
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(Treatment.contribution_id).where(Treatment.contribution_id.in_(ids), Treatment.theme_id.is_not(None))
        )
    )


def campaigns(run_id: int) -> list[Campaign]:
    """The run's campaigns, largest first."""
    found = db.session.scalars(select(Campaign).where(Campaign.run_id == run_id)).all()
    return sorted(found, key=lambda c: -len(c.members))


def campaign_totals(process_id: int) -> tuple[int, int] | None:
    """(contributions in campaigns, campaigns) of the latest computation, for the report's methodology."""
    run = latest_done_run(process_id)
    if run is None:
        return None
    found = campaigns(run.id)
    return sum(len(c.members) for c in found), len(found)


def similar_to(process_id: int, contribution_id: int) -> list[tuple[Contribution, float]]:
    """The contributions that say nearly the same thing as this one, best first, with their similarity.

    The other copies of its campaign, if it is in one, come first, with no score (their likeness is measured
    on shingles, not on the words' cosine, so the two figures are not comparable): a bulk action on the
    group then reaches every copy.
    """
    run = latest_done_run(process_id)
    if run is None:
        return []
    rows = db.session.execute(
        select(Contribution, SimilarContribution.score)
        .join(SimilarContribution, SimilarContribution.other_id == Contribution.id)
        .where(SimilarContribution.run_id == run.id, SimilarContribution.contribution_id == contribution_id)
        .order_by(SimilarContribution.score.desc())
    ).all()
    campaign = next((c for c in campaigns(run.id) if contribution_id in c.members), None)
    if campaign is None:
        return [tuple(r) for r in rows]
    copies = [i for i in campaign.members if i != contribution_id]
    found = texts(copies)
    listed = [(found[i], None) for i in copies if i in found]
    return listed + [tuple(r) for r in rows if r[0].id not in found]


def theme_hints(run_id: int, limit: int = 50) -> list[tuple[Contribution, Theme, float]]:
    """Contributions without a theme suggested into an existing theme, surest first."""
    rows = db.session.execute(
        select(Contribution, Theme, ThemeHint.score)
        .join(ThemeHint, ThemeHint.contribution_id == Contribution.id)
        .join(Theme, Theme.id == ThemeHint.theme_id)
        .outerjoin(Treatment, Treatment.contribution_id == Contribution.id)
        .where(ThemeHint.run_id == run_id, Treatment.theme_id.is_(None))
        .order_by(ThemeHint.score.desc())
        .limit(limit)
    ).all()
    return [tuple(r) for r in rows]


def section_titles(section_ids) -> dict[int, str]:
    """Titles of these sections; when they span several versions of a draft, each says its version (v2 · …)."""
    ids = [int(i) for i in section_ids]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Section.id, Section.title, DraftVersion.number)
        .join(DraftVersion, DraftVersion.id == Section.version_id)
        .where(Section.id.in_(ids))
    ).all()
    if len({number for _id, _title, number in rows}) == 1:
        return {section_id: title for section_id, title, _number in rows}
    return {section_id: versioned_title(number, title) for section_id, title, number in rows}


def decisions(process_id: int) -> list[tuple[SuggestionDecision, str, str | None]]:
    """The decisions on suggested themes, newest first: (decision, suggestion title, organizer name)."""
    rows = db.session.execute(
        select(SuggestionDecision, SuggestedTheme.title, User.display_name)
        .join(SuggestedTheme, SuggestedTheme.id == SuggestionDecision.suggestion_id)
        .outerjoin(User, User.id == SuggestionDecision.actor_id)
        .where(SuggestionDecision.process_id == process_id)
        .order_by(SuggestionDecision.id.desc())
    ).all()
    return [tuple(r) for r in rows]


def were_suggestions_used(process_id: int) -> bool:
    """Whether an organizer decided on at least one suggestion (the methodology then describes the method)."""
    return bool(
        db.session.scalar(select(func.count(SuggestionDecision.id)).where(SuggestionDecision.process_id == process_id))
    )
