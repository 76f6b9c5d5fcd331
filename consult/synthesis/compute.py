"""The worker's computation: read a process's contributions and positions, analyse them, store the results."""

import logging
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select, update

from consult.auth.models import User
from consult.claims import claim, worker_identity
from consult.consultation.models import Contribution, ContributionState, Position, PositionValue, Support
from consult.consultation.queries import sections_in_reading_order
from consult.db import atomic, db, utcnow
from consult.processes.models import PhaseKind, Process
from consult.report.models import Treatment
from consult.report.rules import TREATABLE_STATES
from consult.synthesis import opinions, queries, themes
from consult.synthesis.models import (
    Campaign,
    RunStatus,
    SimilarContribution,
    SuggestedTheme,
    SuggestionStatus,
    SynthesisRun,
    ThemeHint,
)
from consult.synthesis.pipeline import analyse

logger = logging.getLogger(__name__)

MIN_CONTRIBUTIONS = 10
#: past this share of contributions new since the previous computation, its suggested themes are not reused
INCREMENTAL_SHARE = 0.25
POSITION_VALUES = {PositionValue.AGREE: 1, PositionValue.MIXED: 0, PositionValue.DISAGREE: -1}


#: how long a worker holds a run it computes (a 100,000-contribution run takes a few minutes)
LEASE = timedelta(minutes=30)


def _claim(run_id: int) -> bool:
    """Lease a waiting run to this worker (``consult.claims``).

    A second worker finds it taken; a run whose worker died is taken over once its lease has run out.
    """
    waiting = SynthesisRun.status.in_([RunStatus.PENDING, RunStatus.RUNNING])
    if not claim(SynthesisRun, SynthesisRun.id == run_id, waiting, worker=worker_identity(), lease=LEASE, now=utcnow()):
        return False
    with atomic():
        db.session.execute(
            update(SynthesisRun).where(SynthesisRun.id == run_id).values(status=RunStatus.RUNNING, progress=5)
        )
    return True


def _progress(run_id: int, percent: int):
    with atomic():
        db.session.execute(update(SynthesisRun).where(SynthesisRun.id == run_id).values(progress=percent))


def _contributions(process_id: int):
    return db.session.execute(
        select(
            Contribution.id,
            Contribution.body,
            Contribution.section_id,
            Contribution.contributor_category,
            Contribution.contributor_territory,
            Contribution.created_at,
            User.created_at,
        )
        .outerjoin(User, User.id == Contribution.author_id)
        .where(Contribution.process_id == process_id, Contribution.state.in_(TREATABLE_STATES))
        .order_by(Contribution.id)
    ).all()


def _title(terms: list[str]) -> str:
    title = ", ".join(terms[:3])
    return (title[:1].upper() + title[1:])[:120] or "—"  # not capitalize(): it would write MDPH as Mdph


def reusable(run: SynthesisRun, rows) -> tuple[dict[int, int], list[SuggestedTheme]] | None:
    """What this run can reuse of the previous computation: ``({row index: label}, previous suggestions)``.

    The previous suggested themes are kept (with the organizers' titles and decisions) and only the new
    contributions are placed, unless the organizer asked for a full computation, asked for another number
    of themes, or more than ``INCREMENTAL_SHARE`` of the contributions are new (the themes may then have
    changed). A label is the index of the previous suggestion; merged ones live on in the one they joined.
    """
    if run.full:
        return None
    previous = db.session.scalar(
        select(SynthesisRun)
        .where(
            SynthesisRun.process_id == run.process_id,
            SynthesisRun.status == RunStatus.DONE,
            SynthesisRun.id < run.id,
        )
        .order_by(SynthesisRun.id.desc())
        .limit(1)
    )
    if previous is None or previous.theme_count != run.theme_count:
        return None
    suggestions = [s for s in queries.suggestions(previous.id) if s.status != SuggestionStatus.MERGED]
    index = {r.id: i for i, r in enumerate(rows)}
    known = {index[c]: label for label, s in enumerate(suggestions) for c in s.members if c in index}
    if not known or len(rows) - len(known) > INCREMENTAL_SHARE * len(rows):
        return None
    return known, suggestions


def _store_themes(run, rows, analysis, previous: list[SuggestedTheme]):
    """Store the suggested themes; one that continues a previous suggestion keeps its title and decision."""
    ids = [r.id for r in rows]
    categories = [r.contributor_category.value if r.contributor_category else None for r in rows]
    territories = [r.contributor_territory for r in rows]
    for theme in analysis.themes:
        carried = previous[theme.label] if previous else None
        db.session.add(
            SuggestedTheme(
                run_id=run.id,
                process_id=run.process_id,
                title=carried.title if carried else _title(theme.terms),
                terms=theme.terms,
                members=[ids[i] for i in theme.members],
                representatives=[ids[i] for i in theme.representatives],
                categories=themes.split(categories, theme.members),
                territories=themes.split(territories, theme.members),
                status=carried.status if carried else SuggestionStatus.OPEN,
                theme_id=carried.theme_id if carried else None,
            )
        )


def _store_campaigns(run, rows, analysis, opened_at):
    for group in analysis.campaigns:
        members = [rows[i] for i in group.members]
        dates = [r.created_at for r in members]
        new_accounts = sum(1 for r in members if r[6] is not None and opened_at and r[6] >= opened_at)
        db.session.add(
            Campaign(
                run_id=run.id,
                members=[r.id for r in members],
                similarity=group.similarity,
                first_at=min(dates),
                last_at=max(dates),
                new_accounts=new_accounts,
            )
        )


def _store_similar(run, rows, analysis):
    pairs = [
        {"run_id": run.id, "contribution_id": rows[i].id, "other_id": rows[j].id, "score": score}
        for i, found in enumerate(analysis.similar)
        for j, score in found
    ]
    if pairs:
        db.session.execute(SimilarContribution.__table__.insert(), pairs)


def _store_hints(run, rows, analysis):
    """Suggest contributions without a theme into the existing themes, from those organizers sorted."""
    sorted_by_hand = dict(
        db.session.execute(
            select(Treatment.contribution_id, Treatment.theme_id).where(
                Treatment.contribution_id.in_([r.id for r in rows]), Treatment.theme_id.is_not(None)
            )
        ).all()
    )
    index = {r.id: i for i, r in enumerate(rows)}
    labels = {index[c]: theme for c, theme in sorted_by_hand.items()}
    for i, (theme_id, score) in themes.suggest_into(analysis.vectors, labels, floor=0.3).items():
        db.session.add(ThemeHint(run_id=run.id, contribution_id=rows[i].id, theme_id=theme_id, score=score))


def _section_terms(rows, analysis) -> dict:
    by_section: dict = {}
    for i, r in enumerate(rows):
        by_section.setdefault(r.section_id, []).append(i)
    space = analysis.space
    position = {index: row for row, index in enumerate(analysis.kept)}
    return {
        str(section): themes.key_terms(space, [position[i] for i in members if i in position])
        for section, members in by_section.items()
        if any(i in position for i in members)
    }


def _most_supported(process_id: int, group_of: dict, top: int = 3) -> dict[int, list[dict]]:
    """For each group, the published comments its members supported most: id, excerpt, supports."""
    rows = db.session.execute(
        select(Support.contribution_id, Support.user_id, Contribution.body)
        .join(Contribution, Contribution.id == Support.contribution_id)
        .where(Contribution.process_id == process_id, Contribution.state == ContributionState.PUBLISHED)
    ).all()
    counts: dict[int, Counter] = {}
    bodies = {}
    for contribution_id, user_id, body in rows:
        if user_id in group_of:
            counts.setdefault(group_of[user_id], Counter())[contribution_id] += 1
            bodies[contribution_id] = body
    return {
        g: [{"id": c, "excerpt": bodies[c][:200], "supports": n} for c, n in counter.most_common(top)]
        for g, counter in counts.items()
    }


def opinion_summary(process_id: int, min_group: int) -> dict:
    """Opinion groups of the process's participants, with groups under ``min_group`` people left out."""
    positions = db.session.execute(
        select(Position.user_id, Position.section_id, Position.value, Position.contributor_category,
               Position.contributor_territory).where(Position.process_id == process_id)
    ).all()  # fmt: skip
    answered = {p.section_id for p in positions}
    sections = [s.id for s in sections_in_reading_order(process_id) if s.id in answered]
    result = opinions.opinion_groups(((p.user_id, p.section_id, POSITION_VALUES[p.value]) for p in positions), sections)
    sizes = result.sizes()
    if not sizes:
        return {"groups": [], "counted": 0, "consensus": [], "divisive": []}
    person = {p.user_id: p for p in positions}
    shown = [g for g, size in enumerate(sizes) if size >= min_group]
    group_of = {p: int(label) for p, label in zip(result.participants, result.labels, strict=True)}
    supported = _most_supported(process_id, group_of)
    groups = []
    for g in shown:
        people = [person[p] for p, label in group_of.items() if label == g]
        groups.append({
            "size": sizes[g],
            "categories": Counter(p.contributor_category.value for p in people if p.contributor_category).most_common(),
            "territories": Counter(p.contributor_territory for p in people if p.contributor_territory).most_common(),
            "supported": supported.get(g, []),
        })  # fmt: skip
    views = []
    for v in result.sections:  # agreement and division judged among the groups shown, as readers see them
        agree, disagree = [v.agree[g] for g in shown], [v.disagree[g] for g in shown]
        consensus, divisive = opinions.judge(agree, disagree)
        views.append({
            "section": sections[v.section], "agree": agree, "disagree": disagree,
            "consensus": consensus, "divisive": divisive,
        })  # fmt: skip
    return {"counted": len(result.participants), "hidden": len(sizes) - len(shown), "groups": groups, "sections": views}


def run(run_id: int, min_group: int = 10):
    """Compute and store everything for one run (called by the worker)."""
    if not _claim(run_id):
        return
    synthesis_run = db.session.get(SynthesisRun, run_id)
    process = db.session.get(Process, synthesis_run.process_id)
    try:
        rows = _contributions(process.id)
        _progress(run_id, 20)
        known, previous = reusable(synthesis_run, rows) or (None, [])
        wanted = synthesis_run.theme_count
        enough = len(rows) >= MIN_CONTRIBUTIONS
        analysis = analyse([r.body for r in rows], wanted, known=known) if enough else None
        _progress(run_id, 70)
        opinion = opinion_summary(process.id, min_group)
        with atomic():
            synthesis_run = db.session.get(SynthesisRun, run_id)
            if analysis is not None:
                _store_campaigns(synthesis_run, rows, analysis, _opened_at(process))
                if analysis.space is not None:
                    _store_themes(synthesis_run, rows, analysis, previous if known else [])
                    _store_similar(synthesis_run, rows, analysis)
                    _store_hints(synthesis_run, rows, analysis)
                    synthesis_run.section_terms = _section_terms(rows, analysis)
            synthesis_run.opinions = opinion
            synthesis_run.contribution_count = len(rows)
            synthesis_run.new_count = len(rows) - len(known) if known else None
            synthesis_run.status, synthesis_run.progress, synthesis_run.finished_at = RunStatus.DONE, 100, utcnow()
    except Exception as error:
        db.session.rollback()
        logger.exception("synthesis run %s failed", run_id)
        with atomic():
            db.session.execute(
                update(SynthesisRun)
                .where(SynthesisRun.id == run_id)
                .values(status=RunStatus.FAILED, error=str(error)[:500], finished_at=utcnow())
            )


def _opened_at(process):
    starts = [p.starts_on for p in process.phases if p.kind == PhaseKind.CONSULTATION]
    return datetime.combine(starts[0], time.min, tzinfo=UTC) if starts else None


def _request_refresh():
    """Ask for a new computation where contributions grew by a tenth (and at least 10) since the last one."""
    latest = (
        select(SynthesisRun.process_id, func.max(SynthesisRun.id).label("run_id"))
        .group_by(SynthesisRun.process_id)
        .subquery()
    )
    finished = db.session.scalars(
        select(SynthesisRun)
        .join(latest, latest.c.run_id == SynthesisRun.id)
        .where(SynthesisRun.status == RunStatus.DONE)
    ).all()
    for done in finished:
        count = db.session.scalar(
            select(func.count(Contribution.id)).where(
                Contribution.process_id == done.process_id, Contribution.state.in_(TREATABLE_STATES)
            )
        )
        if count >= done.contribution_count + max(10, done.contribution_count // 10):
            with atomic():
                db.session.add(SynthesisRun(process_id=done.process_id, theme_count=done.theme_count))


def run_pending(now):
    """Worker task: refresh the computations that new contributions made stale, then compute every request."""
    _request_refresh()
    pending = db.session.scalars(
        select(SynthesisRun.id)
        .where(SynthesisRun.status.in_([RunStatus.PENDING, RunStatus.RUNNING]))  # running: perhaps its worker died
        .order_by(SynthesisRun.id)
    ).all()
    for run_id in pending:
        run(run_id, current_app.config["OPINION_GROUP_MIN_SIZE"])
