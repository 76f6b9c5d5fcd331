"""The GROUP BY queries behind the report's figures: one query per figure, whatever the data size."""

from datetime import date

from sqlalchemy import Integer, case, cast, func, literal, select, union_all
from sqlalchemy.orm import defer

from consult.auth.models import User
from consult.consultation.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    Draft,
    OfficialResponse,
    Position,
    Section,
    Support,
)
from consult.consultation.queries import in_process_sections, in_reading_order, published_versions
from consult.dates import paris_date
from consult.db import column_rows, db
from consult.processes.models import Phase
from consult.report.models import ClosingReport, ReportRevision, RevisionContributions, Synthesis, Theme
from consult.report.rules import (
    active_stakeholder_ids,
    effective_disposition,
    effective_reason_html,
    effective_reason_md,
    invited_stakeholder_ids,
    treatable,
    with_treatment,
)
from consult.stakeholders.models import Stakeholder, StakeholderKind

TOP_SUPPORTED = 3
#: SQLite accepts 500 terms in a compound SELECT
MAX_UNION = 400


def contribution_counts(process_id):
    """Published contributions grouped by kind, reply or not, channel and contributor category."""
    is_reply = case((Contribution.parent_id.is_(None), False), else_=True)
    stmt = (
        select(Contribution.kind, is_reply, Contribution.channel, Contribution.contributor_category, func.count())
        .where(treatable(process_id))
        .group_by(Contribution.kind, is_reply, Contribution.channel, Contribution.contributor_category)
    )
    return db.session.execute(stmt).all()


def contributions_by_territory(process_id):
    """Published contributions per territory of their author."""
    stmt = (
        select(Contribution.contributor_territory, func.count())
        .where(treatable(process_id))
        .group_by(Contribution.contributor_territory)
    )
    return db.session.execute(stmt).all()


def contributions_by_day(process_id):
    """Published contributions per day (the day an offline one was received, else the day it was written)."""
    day = func.coalesce(Contribution.received_on, paris_date(Contribution.created_at))
    stmt = select(day, func.count()).where(treatable(process_id)).group_by(day)
    rows = db.session.execute(stmt).all()
    return [(_as_date(d), n) for d, n in rows]


def participant_count(process_id):
    """Distinct people who wrote, stated a position or supported something (online accounts).

    One EXISTS per account, each answered by an index, rather than a UNION that sorts a million supports.
    """
    wrote = select(Contribution.id).where(Contribution.author_id == User.id, Contribution.process_id == process_id)
    positioned = select(Position.id).where(Position.user_id == User.id, Position.process_id == process_id)
    supported = (
        select(Support.id)
        .join(Contribution, Contribution.id == Support.contribution_id)
        .where(Support.user_id == User.id, Contribution.process_id == process_id)
    )
    stmt = select(func.count()).select_from(User).where(wrote.exists() | positioned.exists() | supported.exists())
    return db.session.scalar(stmt)


def supports_by_category(process_id):
    """Supports given to published contributions, grouped by the supporter's category when supporting.

    All the process's supports (one range of their (process, category) index), minus those given to the few
    contributions not published: probing each of a million supports for its contribution's state would cost
    a lookup per support.
    """
    not_counted = select(Contribution.id).where(Contribution.process_id == process_id, ~treatable(process_id))
    given = (
        select(Support.contributor_category.label("category"), func.count().label("n"))
        .where(Support.process_id == process_id)
        .group_by(Support.contributor_category)
    )
    on_unpublished = (
        select(Support.contributor_category, -func.count())
        .where(Support.contribution_id.in_(not_counted))
        .group_by(Support.contributor_category)
    )
    both = union_all(given, on_unpublished).subquery()
    stmt = (
        select(both.c.category, cast(func.sum(both.c.n), Integer))  # PostgreSQL sums to NUMERIC
        .group_by(both.c.category)
        .having(func.sum(both.c.n) > 0)
    )
    return db.session.execute(stmt).all()


def moderation_counts(process_id):
    """Contributions not shown, grouped by state and moderation reason."""
    stmt = (
        select(Contribution.state, Contribution.moderation_reason, func.count())
        .where(Contribution.process_id == process_id, Contribution.state != ContributionState.PUBLISHED)
        .group_by(Contribution.state, Contribution.moderation_reason)
    )
    return db.session.execute(stmt).all()


def positions_by(process_id, column):
    """Current positions grouped by section, value and ``column`` (category or territory)."""
    stmt = (
        select(Position.section_id, Position.value, column, func.count())
        .where(Position.process_id == process_id)
        .group_by(Position.section_id, Position.value, column)
    )
    return db.session.execute(stmt).all()


def consulted_versions(process_id):
    """(version, draft title) of the published versions of the process's drafts, draft by draft, oldest first."""
    titles = dict(db.session.execute(select(Draft.id, Draft.title).where(Draft.process_id == process_id)).all())
    versions = sorted(published_versions(process_id), key=lambda v: (v.draft_id, v.number))
    return [(version, titles[version.draft_id]) for version in versions]


def top_supported(process_id, section_ids):
    """The most supported comments and amendments of each section, in one query.

    One LIMIT subquery per section and kind, each served by the report's covering index; past
    ``MAX_UNION`` sections, a window function over every contribution does the same more slowly.
    """
    base = select(Contribution.id).where(
        treatable(process_id), Contribution.parent_id.is_(None), Contribution.support_count > 0
    )
    if not section_ids:
        return []
    if len(section_ids) * len(ContributionKind) <= MAX_UNION:
        parts = [
            select(
                base.where(Contribution.section_id == section_id, Contribution.kind == kind)
                .order_by(Contribution.support_count.desc(), Contribution.id)
                .limit(TOP_SUPPORTED)
                .subquery()
                .c.id
            )
            for section_id in section_ids
            for kind in ContributionKind
        ]
        chosen = union_all(*parts).subquery()
    else:
        rank = func.row_number().over(
            partition_by=(Contribution.section_id, Contribution.kind),
            order_by=(Contribution.support_count.desc(), Contribution.id),
        )
        ranked = base.add_columns(rank.label("rank")).subquery()
        chosen = select(ranked.c.id).where(ranked.c.rank <= TOP_SUPPORTED).subquery()
    stmt = (
        select(Contribution, Stakeholder.name, Stakeholder.kind, OfficialResponse.body_html)
        .outerjoin(Stakeholder, Stakeholder.id == Contribution.stakeholder_id)
        .outerjoin(OfficialResponse, OfficialResponse.contribution_id == Contribution.id)
        .where(Contribution.id.in_(select(chosen.c.id)))
        .order_by(Contribution.section_id, Contribution.support_count.desc(), Contribution.id)
    )
    return db.session.execute(stmt).all()


def disposition_counts(process_id):
    """Published contributions grouped by section, theme and effective disposition (None: untreated)."""
    stmt = with_treatment(
        select(Contribution.section_id, Theme.id, effective_disposition, func.count()).select_from(Contribution)
    )
    stmt = stmt.where(treatable(process_id)).group_by(Contribution.section_id, Theme.id, effective_disposition)
    return db.session.execute(stmt).all()


#: the columns of a contribution the report lists
LISTED_COLUMNS = (
    Contribution.id,
    Contribution.section_id,
    Contribution.kind,
    Contribution.parent_id,
    Contribution.received_on,
    Contribution.created_at,
    Contribution.channel,
    Contribution.contributor_category,
    Contribution.contributor_territory,
    Contribution.body,
    Contribution.body_html,
    Contribution.proposed_text,
    Contribution.support_count,
)


def contribution_rows(process_id, *, section_id=None, offset=None, limit=None):
    """Every published contribution with its section, theme and effective disposition, grouped for reading.

    Plain columns, not Contribution objects, read without the ORM's row loading: a revision of 100,000
    contributions loads no ORM identity.
    """
    stmt = with_treatment(
        select(
            *LISTED_COLUMNS,
            Section.title,
            Theme.id,
            Theme.title,
            effective_disposition,
            effective_reason_html,
            effective_reason_md,
            case((Stakeholder.kind == StakeholderKind.ORGANISATION, Stakeholder.name), else_=literal(None)),
            OfficialResponse.body_html,
        )
        .outerjoin(OfficialResponse, OfficialResponse.contribution_id == Contribution.id)
        .outerjoin(Stakeholder, Stakeholder.id == Contribution.stakeholder_id)
    )
    if offset is not None:
        # the page's ids are chosen on narrow rows, so a late page does not sort every contribution's texts
        ids = with_treatment(select(Contribution.id).select_from(Contribution))
        page = _listed(ids, process_id, section_id).offset(offset).limit(limit).subquery()
        stmt = stmt.where(Contribution.id.in_(select(page.c.id)))
    return column_rows(_listed(stmt, process_id, section_id))


def _listed(stmt, process_id, section_id):
    """Restrict and order a select over published contributions (joined to their treatment) for reading."""
    stmt = stmt.join(Section, Section.id == Contribution.section_id).where(treatable(process_id))
    if section_id is not None:
        stmt = stmt.where(Contribution.section_id == section_id)
    stmt = in_process_sections(stmt, process_id)
    return in_reading_order(stmt).order_by(Theme.title.is_(None), Theme.title, Contribution.id)


def stakeholder_counts(process_id):
    """Stakeholders (not archived) per category: how many, how many invited, how many took an active part."""
    invited = Stakeholder.id.in_(invited_stakeholder_ids(process_id))
    active = Stakeholder.id.in_(active_stakeholder_ids(process_id))
    stmt = (
        select(
            Stakeholder.category,
            func.count(),
            func.sum(case((invited, 1), else_=0)),
            func.sum(case((active, 1), else_=0)),
        )
        .where(Stakeholder.process_id == process_id, Stakeholder.archived_at.is_(None))
        .group_by(Stakeholder.category)
    )
    return db.session.execute(stmt).all()


def contributing_organisations(process_id):
    """Organisations whose representatives wrote published contributions."""
    stmt = select(func.count(func.distinct(Contribution.stakeholder_id))).where(
        treatable(process_id), Contribution.stakeholder_id.is_not(None)
    )
    return db.session.scalar(stmt)


def themes(process_id):
    """The process's themes, by title."""
    return db.session.scalars(select(Theme).where(Theme.process_id == process_id).order_by(Theme.title)).all()


def syntheses(process_id):
    """Syntheses keyed by section id (None for the overall one)."""
    rows = db.session.scalars(select(Synthesis).where(Synthesis.process_id == process_id)).all()
    return {s.section_id: s for s in rows}


def phases(process_id):
    """The calendar of the process."""
    return db.session.scalars(select(Phase).where(Phase.process_id == process_id).order_by(Phase.starts_on)).all()


def closing_report(process_id):
    """The organizers' texts of the report, if written."""
    return db.session.scalar(select(ClosingReport).where(ClosingReport.process_id == process_id))


def _revisions_query(process_id):
    return (
        select(ReportRevision)
        .where(ReportRevision.process_id == process_id)
        .order_by(ReportRevision.number.desc())
        .options(defer(ReportRevision.snapshot))
    )


def revisions(process_id):
    """Published revisions, newest first (the heavy snapshot columns stay unloaded)."""
    return db.session.scalars(_revisions_query(process_id)).all()


def latest_revision(process_id):
    """The newest published revision (its heavy columns unloaded), or None."""
    return db.session.scalars(_revisions_query(process_id).limit(1)).first()


def get_revision_or_404(process_id, number):
    """One published revision of the process, or 404."""
    stmt = select(ReportRevision).where(ReportRevision.process_id == process_id, ReportRevision.number == number)
    revision = db.session.scalar(stmt)
    if revision is None:
        from flask import abort

        abort(404)
    return revision


def frozen_contributions_page(revision_id, page):
    """One stored page of a revision's frozen contributions (empty past the last page)."""
    stmt = select(RevisionContributions.rows).where(
        RevisionContributions.revision_id == revision_id, RevisionContributions.page == page
    )
    return db.session.scalar(stmt) or []


def published_count(process_id):
    """Published contributions of the process."""
    return db.session.scalar(select(func.count()).select_from(Contribution).where(treatable(process_id)))


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def positions_by_day(process_id):
    """Positions stated per day (the day each current position was first given)."""
    day = paris_date(Position.created_at)
    rows = db.session.execute(select(day, func.count()).where(Position.process_id == process_id).group_by(day))
    return [(_as_date(d), n) for d, n in rows]


def first_participation_days(process_id):
    """For each day, how many people took part for the first time (wrote, stated a position or supported)."""
    authors = select(Contribution.author_id.label("uid"), paris_date(Contribution.created_at).label("day")).where(
        Contribution.process_id == process_id, Contribution.author_id.is_not(None)
    )
    positioned = select(Position.user_id.label("uid"), paris_date(Position.created_at).label("day")).where(
        Position.process_id == process_id
    )
    supporters = (
        select(Support.user_id.label("uid"), paris_date(Support.created_at).label("day"))
        .join(Contribution, Contribution.id == Support.contribution_id)
        .where(Contribution.process_id == process_id)
    )
    acts = union_all(authors, positioned, supporters).subquery()
    firsts = select(func.min(acts.c.day).label("day")).group_by(acts.c.uid).subquery()
    rows = db.session.execute(select(firsts.c.day, func.count()).group_by(firsts.c.day))
    return [(_as_date(d), n) for d, n in rows]
