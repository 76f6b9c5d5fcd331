"""The treatment view's list: every contribution of a process, filtered, searched, sorted and paginated."""

import math
from dataclasses import dataclass

from sqlalchemy import func, select

from consult.auth.models import Relation
from consult.consultation.labels import versioned_title
from consult.consultation.models import (
    Channel,
    Contribution,
    ContributionKind,
    ContributionState,
    DraftVersion,
    Section,
)
from consult.db import db
from consult.report.models import DispositionValue, Theme, Treatment
from consult.report.rules import effective_disposition, is_treatable, treatable, with_treatment
from consult.search import contains_pattern
from consult.stakeholders.models import Stakeholder

PER_PAGE = 50
NONE = "none"


@dataclass
class Filters:
    """What the organizer filters on; empty strings mean "any"."""

    section: int | None = None
    kind: str = ""
    channel: Channel | None = None
    category: Relation | None = None
    territory: str = ""
    theme: str = ""  # a theme id, "none" or ""
    disposition: str = ""  # a DispositionValue value, "none" or ""
    state: ContributionState | None = None
    q: str = ""
    sort: str = "newest"
    page: int = 1


@dataclass
class Page:
    """One page of rows, shaped like Flask-SQLAlchemy's pagination for the ``pagination`` macro."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages in all (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        """The previous page's number."""
        return self.page - 1

    @property
    def next_num(self) -> int:
        """The next page's number."""
        return self.page + 1


def _kind_condition(kind: str):
    if kind == "amendment":
        return Contribution.kind == ContributionKind.AMENDMENT
    if kind == "reply":
        return (Contribution.kind == ContributionKind.COMMENT) & Contribution.parent_id.is_not(None)
    return (Contribution.kind == ContributionKind.COMMENT) & Contribution.parent_id.is_(None)


def _conditions(process_id: int, filters: Filters) -> list:
    conditions = [Contribution.process_id == process_id]
    simple = {
        Contribution.section_id: filters.section,
        Contribution.channel: filters.channel,
        Contribution.contributor_category: filters.category,
        Contribution.contributor_territory: filters.territory or None,
        Contribution.state: filters.state,
    }
    conditions += [column == value for column, value in simple.items() if value is not None]
    if filters.kind:
        conditions.append(_kind_condition(filters.kind))
    if filters.theme == NONE:
        conditions.append(Treatment.theme_id.is_(None))
    elif filters.theme:
        conditions.append(Treatment.theme_id == int(filters.theme))
    if filters.disposition == NONE:
        conditions.append(effective_disposition.is_(None))
    elif filters.disposition:
        conditions.append(effective_disposition == DispositionValue(filters.disposition))
    if filters.q.strip():
        # the text and proposed text, folded (case, accents, ligatures) on both sides
        conditions.append(Contribution.search_text.like(contains_pattern(filters.q), escape="\\"))
    return conditions


_ORDER = {
    "newest": (Contribution.created_at.desc(), Contribution.id.desc()),
    "oldest": (Contribution.created_at, Contribution.id),
    "supports": (Contribution.support_count.desc(), Contribution.id),
    "section": (DraftVersion.number, Section.id, Contribution.id),
}


@dataclass
class Row:
    """One contribution as the treatment table shows it."""

    contribution: Contribution
    section_label: str
    theme_title: str | None
    disposition: DispositionValue | None
    own_disposition: bool
    #: the organisation a representative wrote for
    organisation: str | None = None

    @property
    def treatable(self) -> bool:
        """Whether it may receive a disposition (the rule of ``consult.report.rules``)."""
        return is_treatable(self.contribution)


def _rows_query(process_id: int, filters: Filters):
    conditions = _conditions(process_id, filters)
    query = with_treatment(
        select(
            Contribution,
            DraftVersion.number,
            Section.title,
            Theme.title,
            effective_disposition,
            Treatment.disposition.is_not(None),
            Stakeholder.name,
        )
        .select_from(Contribution)
        .join(Section, Section.id == Contribution.section_id)
        .join(DraftVersion, DraftVersion.id == Section.version_id)
        .outerjoin(Stakeholder, Stakeholder.id == Contribution.stakeholder_id)
    )
    return query.where(*conditions).order_by(*_ORDER.get(filters.sort, _ORDER["newest"]))


def _rows(query) -> list[Row]:
    return [
        Row(contribution, versioned_title(number, title), theme_title, disposition, bool(own), organisation)
        for contribution, number, title, theme_title, disposition, own, organisation in db.session.execute(query)
    ]


def _with_treatment_if_filtered(query, filters: Filters):
    return with_treatment(query) if filters.theme or filters.disposition else query


def _page_ids(process_id: int, filters: Filters, limit: int, offset: int):
    """The ids of one page, chosen on narrow rows: the joins are made only where a filter or the order needs them.

    Skipping 75,000 rows to reach a late page then walks an index, not 75,000 joined rows with their texts.
    """
    query = _with_treatment_if_filtered(select(Contribution.id).select_from(Contribution), filters)
    if filters.sort == "section":
        query = query.join(Section, Section.id == Contribution.section_id).join(
            DraftVersion, DraftVersion.id == Section.version_id
        )
    order = _ORDER.get(filters.sort, _ORDER["newest"])
    return query.where(*_conditions(process_id, filters)).order_by(*order).limit(limit).offset(offset)


def treatment_page(process_id: int, filters: Filters, per_page: int = PER_PAGE) -> Page:
    """The page of contributions matching ``filters``: two queries (count, rows) at any size."""
    counted = _with_treatment_if_filtered(select(func.count()).select_from(Contribution), filters)
    total = db.session.scalar(counted.where(*_conditions(process_id, filters)))
    page_number = min(max(1, filters.page), max(1, math.ceil(total / per_page)))
    ids = _page_ids(process_id, filters, per_page, (page_number - 1) * per_page).subquery()
    query = _rows_query(process_id, filters).where(Contribution.id.in_(select(ids.c.id)))
    return Page(items=_rows(query), page=page_number, per_page=per_page, total=total)


def treatment_rows(process_id: int, filters: Filters, ids: list[int] | None = None) -> list[Row]:
    """Every contribution matching ``filters`` across all pages (only ``ids`` when a selection is given), one query."""
    query = _rows_query(process_id, filters)
    if ids:
        query = query.where(Contribution.id.in_(ids))
    return _rows(query)


def territories(process_id: int) -> list[str]:
    """The distinct contributor territories of the process's contributions, for the filter."""
    return list(
        db.session.scalars(
            select(Contribution.contributor_territory)
            .distinct()
            .where(Contribution.process_id == process_id, Contribution.contributor_territory.is_not(None))
            .order_by(Contribution.contributor_territory)
        )
    )


def contribution_ids_in(process_id: int, ids: list[int]) -> list[int]:
    """Those of ``ids`` that are contributions of the process."""
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Contribution.id).where(Contribution.process_id == process_id, Contribution.id.in_(ids))
        )
    )


def treatable_ids_in(process_id: int, ids: list[int]) -> list[int]:
    """Those of ``ids`` that are contributions of the process needing a disposition (published ones)."""
    if not ids:
        return []
    return list(db.session.scalars(select(Contribution.id).where(treatable(process_id), Contribution.id.in_(ids))))
