"""Read models of the consultation pages, each in a constant number of SQL queries."""

from dataclasses import dataclass
from functools import cache

from flask import abort
from sqlalchemy import and_, bindparam, func, null, or_, select, union_all
from sqlalchemy.orm import aliased, contains_eager, joinedload, selectinload, undefer

from consult.auth.models import User
from consult.consultation import permissions, read_models
from consult.consultation.diff import has_changed, word_diff_html
from consult.consultation.models import (
    ChangeLink,
    Contribution,
    ContributionKind,
    ContributionState,
    Draft,
    DraftVersion,
    Flag,
    OfficialResponse,
    OfflineSource,
    Position,
    Section,
    Support,
)
from consult.db import column_rows, db
from consult.permissions import is_signed_in
from consult.processes import permissions as process_permissions
from consult.processes.models import Process
from consult.stakeholders.models import Stakeholder

PUBLIC_STATES = (ContributionState.PUBLISHED, ContributionState.HIDDEN, ContributionState.WITHDRAWN)
SORTS = {"soutiens": "supported", "recents": "newest"}


def in_process_sections(query, process_id: int):
    """Restrict a query over ``Section`` to the sections of this process's drafts.

    The one way other domains ask "which process does this section belong to": it joins the section's
    version and draft once, so ``DraftVersion`` and ``Draft`` columns can also be selected and ordered by.
    """
    return (
        query.join(DraftVersion, DraftVersion.id == Section.version_id)
        .join(Draft, Draft.id == DraftVersion.draft_id)
        .where(Draft.process_id == process_id)
    )


def in_reading_order(stmt):
    """Order a select over sections (joined to their version and draft) as the draft reads.

    Draft, version, then each part by its position followed by its own sections by theirs.
    """
    part = aliased(Section)
    return stmt.outerjoin(part, part.id == Section.parent_id).order_by(
        Draft.id,
        DraftVersion.number,
        func.coalesce(part.position, Section.position),
        func.coalesce(Section.parent_id, Section.id),
        Section.parent_id.is_not(None),
        Section.position,
        Section.id,
    )


def published_versions(process_id: int) -> list[DraftVersion]:
    """The published versions of every draft of the process."""
    return list(
        db.session.scalars(
            select(DraftVersion)
            .join(Draft, Draft.id == DraftVersion.draft_id)
            .where(Draft.process_id == process_id, DraftVersion.published_at.is_not(None))
        )
    )


def process_of_section(section_id: int) -> int | None:
    """The id of the process a section belongs to (None for no such section)."""
    return db.session.scalar(
        select(Draft.process_id)
        .join(DraftVersion, DraftVersion.draft_id == Draft.id)
        .join(Section, Section.version_id == DraftVersion.id)
        .where(Section.id == section_id)
    )


def get_draft_or_404(process, draft_id: int) -> Draft:
    """The draft of this process with its versions loaded (joined: a draft has a handful of versions)."""
    draft = db.session.scalars(_draft_by_id(), {"draft_id": draft_id, "process_id": process.id}).unique().one_or_none()
    if draft is None:
        abort(404)
    return draft


def get_process_and_draft_or_404(slug: str, draft_id: int, user) -> tuple:
    """(process, draft) of a draft's public pages, found in one query by the process's slug, versions loaded.

    A 404 unless the user may see the process (as ``get_process_or_404``) and the draft belongs to it.
    """
    params = {"draft_id": draft_id, "slug": slug}
    draft = db.session.scalars(_draft_in_process(), params).unique().one_or_none()
    if draft is None or not process_permissions.can_view_process(user, draft.process):
        abort(404)
    return draft.process, draft


# Built once, as the section's: building a statement with its loader options costs as much as running it.
@cache
def _draft_by_id():
    return (
        select(Draft)
        .options(joinedload(Draft.versions))
        .where(Draft.id == bindparam("draft_id"), Draft.process_id == bindparam("process_id"))
    )


@cache
def _draft_in_process():
    return (
        select(Draft)
        .join(Draft.process)
        .options(contains_eager(Draft.process), joinedload(Draft.versions))
        .where(Draft.id == bindparam("draft_id"), Process.slug == bindparam("slug"))
    )


def pick_version(draft: Draft, number: int | None, user) -> DraftVersion:
    """The version asked for, else the latest published one (or, for organizers, the latest)."""
    if number is not None:
        version = next((v for v in draft.versions if v.number == number), None)
    else:
        version = draft.latest_published
        if version is None and permissions.can_manage_drafts(user, draft.process):
            version = draft.versions[-1]
    if version is None or not permissions.can_view_version(user, draft.process, version):
        abort(404)
    return version


def get_process_and_section_or_404(slug: str, section_id: int, user) -> tuple:
    """(process, section) of a section's pages, found in one query by the process's slug.

    A 404 unless the user may see the process (as ``get_process_or_404``), the section belongs to it and the
    user may read its version.
    """
    section = db.session.scalar(_section_in_process(), {"slug": slug, "section_id": section_id})
    if section is None:
        abort(404)
    process = section.version.draft.process
    if not process_permissions.can_view_process(user, process):
        abort(404)
    return process, check_section_visible(process, section, user)


def get_section_or_404(process, section_id: int, user) -> Section:
    """A section of this process that the user may read, for pages that checked the process first."""
    section = db.session.scalar(_section_in_process(), {"slug": process.slug, "section_id": section_id})
    if section is None:
        abort(404)
    return check_section_visible(process, section, user)


# Built once, as the section page's other statements: building one with its loader options costs as much as
# running it.
@cache
def _section_in_process():
    # the joins that find the section by its process's slug also load its version, draft and process
    loaded = contains_eager(Section.version).contains_eager(DraftVersion.draft).contains_eager(Draft.process)
    return (
        select(Section)
        .join(Section.version)
        .join(DraftVersion.draft)
        .join(Draft.process)
        .options(loaded, undefer(Section.parent_title))
        .where(Section.id == bindparam("section_id"), Process.slug == bindparam("slug"))
    )


def check_section_visible(process, section: Section, user) -> Section:
    """The section, if it belongs to this process and the user may read its version; else a 404."""
    version = section.version
    if version.draft.process_id != process.id or not permissions.can_view_version(user, process, version):
        abort(404)
    return section


def get_offline_source_or_404(process, source_id: int) -> OfflineSource:
    """The letter or meeting of this process that offline contributions came from."""
    source = db.session.get(OfflineSource, source_id)
    if source is None or source.process_id != process.id:
        abort(404)
    return source


def get_contribution_or_404(process, contribution_id: int) -> Contribution:
    """A contribution of this process with its section, version and draft."""
    contribution = db.session.scalar(
        select(Contribution)
        .options(joinedload(Contribution.section).joinedload(Section.version).joinedload(DraftVersion.draft))
        .where(Contribution.id == contribution_id, Contribution.process_id == process.id)
    )
    if contribution is None:
        abort(404)
    return contribution


def version_outline(version: DraftVersion) -> list[tuple[Section, list[Section]]]:
    """The parts of a version in order, each with its sections in order (one query)."""
    return _as_outline(db.session.scalars(_version_sections(), {"version_id": version.id}).all())


#: what the draft page shows of a section (``read_models.SectionView``, same order)
OUTLINE_COLUMNS = (
    Section.id, Section.parent_id, Section.title, Section.body_html, Section.easy_read_html, Section.agree_count,
    Section.mixed_count, Section.disagree_count, Section.comment_count, Section.amendment_count,
)  # fmt: skip


def reading_outline(version: DraftVersion) -> list[tuple[read_models.SectionView, list[read_models.SectionView]]]:
    """``version_outline`` as the draft page reads it: plain rows into ``read_models.SectionView`` (one query)."""
    rows = column_rows(_version_sections(OUTLINE_COLUMNS), {"version_id": version.id})
    return _as_outline([read_models.SectionView(*row) for row in rows])


def _as_outline(sections: list) -> list[tuple]:
    """Sections in order grouped as the draft reads: each part, then its own sections."""
    children: dict[int, list] = {}
    for section in sections:
        if section.parent_id is not None:
            children.setdefault(section.parent_id, []).append(section)
    return [(part, children.get(part.id, [])) for part in sections if part.parent_id is None]


@cache
def _version_sections(columns: tuple = ()):
    """A version's sections by position: whole objects, or only ``columns``."""
    query = select(*columns) if columns else select(Section)
    return query.where(Section.version_id == bindparam("version_id")).order_by(Section.position, Section.id)


def _audience(user, moderator: bool) -> str:
    """Who reads a section page, as far as which contributions they see: moderator, member or visitor."""
    if moderator:
        return "moderator"
    return "member" if is_signed_in(user) else "visitor"


def _visible(audience: str):
    """The contributions an audience sees; a member also sees their own pending ones (``viewer_id``)."""
    if audience == "moderator":
        return Contribution.state.in_(list(ContributionState))
    if audience == "member":
        return or_(
            Contribution.state.in_(PUBLIC_STATES),
            and_(Contribution.state == ContributionState.PENDING, Contribution.author_id == bindparam("viewer_id")),
        )
    return Contribution.state.in_(PUBLIC_STATES)


def _viewer(user, audience: str) -> dict:
    return {"viewer_id": user.id} if audience == "member" else {}


#: what a section page shows of a contribution (``read_models.ContributionView``, same order); the rest (search
#: column, raw text, statistics columns) stays unread
PAGE_COLUMNS = (
    Contribution.id, Contribution.section_id, Contribution.kind, Contribution.parent_id, Contribution.author_id,
    Contribution.channel, Contribution.received_on, Contribution.stakeholder_id, Contribution.body_html,
    Contribution.proposed_text, Contribution.state, Contribution.moderation_reason, Contribution.support_count,
    Contribution.flag_count, Contribution.reply_count, Contribution.created_at,
)  # fmt: skip


@dataclass
class ContributionPage:
    """One page of a section's contributions, with what the pagination links need."""

    page: int
    per_page: int
    total: int
    items: list[read_models.ContributionView]
    #: the visible replies to the page's contributions, oldest first, by contribution id
    replies: dict[int, list[read_models.ContributionView]]

    @property
    def pages(self) -> int:
        """How many pages (0 when there is nothing), as Flask-SQLAlchemy's pagination counts them."""
        return -(-self.total // self.per_page)

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        """The previous page's number, if any."""
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        """The next page's number, if any."""
        return self.page + 1 if self.has_next else None


def section_contributions(
    section: Section, user, *, sort: str, page: int, per_page: int, moderator: bool
) -> ContributionPage:
    """A page of the section's comments and amendments (top level), sorted, with people, responses and replies.

    One query: the page's ids in order, their rows and their visible replies read as plain columns into
    ``read_models.ContributionView``, with the list's total.
    """
    audience = _audience(user, moderator)
    params = {"section_id": section.id, "limit": per_page, "offset": (page - 1) * per_page}
    rows = column_rows(_page_statement(sort, audience), {**params, **_viewer(user, audience)})
    if rows:
        total = next(row[-1] for row in rows if row[-1] is not None)  # replies carry no total
    elif page > 1:  # past the last page: the count has no row to ride on
        total = db.session.scalar(_listed_count(audience), {"section_id": section.id, **_viewer(user, audience)})
    else:
        total = 0
    items, replies = _page_rows(rows)
    return ContributionPage(page=page, per_page=per_page, total=total, items=items, replies=replies)


# The section page's statement is built once per sort and audience: building a statement costs as much as
# running it (SQLAlchemy caches the SQL, not the statement).
@cache
def _page_statement(sort: str, audience: str):
    order = (
        (Contribution.support_count.desc(), Contribution.id.desc())
        if sort == "supported"
        else (Contribution.id.desc(),)
    )
    # the page's ids come in order from a partial index, reading only as far as the page; a window count here
    # would read and sort every contribution of the section on each view
    page = select(Contribution.id).where(*_listed(audience)).order_by(*order)
    page = page.limit(bindparam("limit")).offset(bindparam("offset")).cte("page")
    total = _listed_count(audience).scalar_subquery()
    rank = func.row_number().over(order_by=order)  # over the page's rows only
    # each part reaches its rows by an index (the primary key, then parent_id), which an OR of the two would not
    return union_all(
        _page_part(page, Contribution.id == page.c.id, rank, total),
        _page_part(page, Contribution.parent_id == page.c.id, null(), null()).where(_visible(audience)),
    )


def _listed(audience: str) -> tuple:
    """The section's list for an audience: its top-level contributions the audience sees (``section_id``)."""
    return Contribution.section_id == bindparam("section_id"), Contribution.parent_id.is_(None), _visible(audience)


@cache
def _listed_count(audience: str):
    return select(func.count()).select_from(Contribution).where(*_listed(audience))


def _page_part(page, joined_on, rank, total):
    """The contributions joined to the page's ids by ``joined_on``, with their people and answer.

    Then the rank in the page and the total of the section's list: ``read_models.contribution_view`` reads
    the columns before these two.
    """
    return (
        select(
            *PAGE_COLUMNS,
            User.display_name.label(read_models.AUTHOR_NAME),
            Stakeholder.name.label(read_models.STAKEHOLDER_NAME),
            OfficialResponse.body_html.label(read_models.RESPONSE_HTML),
            OfficialResponse.updated_at.label(read_models.RESPONSE_UPDATED_AT),
            rank.label("rank"),
            total.label("total"),
        )
        .select_from(page)
        .join(Contribution, joined_on)
        .outerjoin(User, User.id == Contribution.author_id)
        .outerjoin(Stakeholder, Stakeholder.id == Contribution.stakeholder_id)
        .outerjoin(OfficialResponse, OfficialResponse.contribution_id == Contribution.id)
    )


def _page_rows(rows) -> tuple[list[read_models.ContributionView], dict[int, list[read_models.ContributionView]]]:
    """The page's contributions in their rank, and their visible replies by contribution, oldest first."""
    ranked, replies = [], {}
    for row in rows:
        view = read_models.contribution_view(row[:-2])
        if view.parent_id is None:
            ranked.append((row[-2], view))
        else:
            replies.setdefault(view.parent_id, []).append(view)
    for thread in replies.values():
        thread.sort(key=lambda view: view.id)
    return [view for _rank, view in sorted(ranked, key=lambda item: item[0])], replies


def supported_ids(user, contribution_ids: list[int]) -> set[int]:
    """Which of these contributions the user supports."""
    if not is_signed_in(user) or not contribution_ids:
        return set()
    return set(
        db.session.scalars(
            select(Support.contribution_id).where(
                Support.user_id == user.id, Support.contribution_id.in_(contribution_ids)
            )
        )
    )


def user_position(user, section: Section):
    """The user's position on the section, or None."""
    if not is_signed_in(user):
        return None
    return db.session.scalar(
        select(Position.value).where(Position.section_id == section.id, Position.user_id == user.id)
    )


def amendment_diffs(section: Section, contributions) -> dict[int, str]:
    """Word-level diffs of the amendments shown, against the section's text."""
    return {
        c.id: word_diff_html(section.body_md, c.proposed_text or "")
        for c in contributions
        if c.kind == ContributionKind.AMENDMENT and c.state in (ContributionState.PUBLISHED, ContributionState.PENDING)
    }


def contribution_flags(contribution: Contribution) -> list[Flag]:
    """The reports on a contribution, oldest first, for the moderator's page."""
    return list(db.session.scalars(select(Flag).where(Flag.contribution_id == contribution.id).order_by(Flag.id)))


def moderation_queue(process, view: str, page: int, per_page: int):
    """Contributions awaiting approval ('pending') or flagged and not yet reviewed ('flagged')."""
    condition = _awaiting(view)
    query = (
        select(Contribution)
        .options(
            joinedload(Contribution.author), joinedload(Contribution.section), joinedload(Contribution.stakeholder)
        )
        .where(Contribution.process_id == process.id, condition)
        .order_by(Contribution.flag_count.desc(), Contribution.id)
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def version_changes(version: DraftVersion):
    """For each section of a version: its previous text, a word diff, and the contributions linked to it.

    Returns:
        (rows, removed): rows are dicts (section, previous, status, title_diff, body_diff, links);
        removed are the previous version's sections no longer present.
    """
    outline = version_outline(version)
    sections = [s for part, children in outline for s in [part, *children]]
    previous = {
        s.id: s for s in db.session.scalars(select(Section).where(Section.id.in_([x.previous_id for x in sections])))
    }
    links: dict[int, list[Contribution]] = {}
    for link in db.session.scalars(
        select(ChangeLink)
        .options(joinedload(ChangeLink.contribution).joinedload(Contribution.stakeholder))
        .where(ChangeLink.section_id.in_([s.id for s in sections]))
        .order_by(ChangeLink.id)
    ):
        links.setdefault(link.section_id, []).append(link.contribution)
    rows = [_change_row(s, previous.get(s.previous_id), links.get(s.id, [])) for s in sections]
    removed = _removed_sections(version, {s.previous_id for s in sections})
    return rows, removed


def _change_row(section: Section, before: Section | None, links) -> dict:
    if before is None:
        status = "new"
    elif has_changed(before.title, section.title) or has_changed(before.body_md, section.body_md):
        status = "changed"
    else:
        status = "unchanged"
    return {
        "section": section,
        "previous": before,
        "status": status,
        "title_diff": word_diff_html(before.title, section.title) if status == "changed" else "",
        "body_diff": word_diff_html(before.body_md, section.body_md) if status == "changed" else "",
        "links": links,
    }


def _removed_sections(version: DraftVersion, kept_ids: set) -> list[Section]:
    earlier = next((v for v in version.draft.versions if v.number == version.number - 1), None)
    if earlier is None:
        return []
    return list(
        db.session.scalars(
            select(Section)
            .where(Section.version_id == earlier.id, Section.id.not_in([i for i in kept_ids if i]))
            .order_by(Section.position)
        )
    )


def linkable_contributions(section: Section) -> list[Contribution]:
    """Published top-level contributions on the earlier version of a section, for the organizer's link form."""
    if section.previous_id is None:
        return []
    return list(
        db.session.scalars(
            select(Contribution)
            .where(
                Contribution.section_id == section.previous_id,
                Contribution.parent_id.is_(None),
                Contribution.state == ContributionState.PUBLISHED,
            )
            .order_by(Contribution.support_count.desc(), Contribution.id)
        )
    )


def process_drafts(process, user) -> list[Draft]:
    """The drafts of a process with their versions; drafts with no published version only for organizers."""
    drafts = db.session.scalars(
        select(Draft).options(selectinload(Draft.versions)).where(Draft.process_id == process.id).order_by(Draft.id)
    ).all()
    if permissions.can_manage_drafts(user, process):
        return list(drafts)
    return [d for d in drafts if d.latest_published is not None]


def _awaiting(view: str):
    """The moderation queue's tabs: awaiting approval ('pending'), or flagged and not yet reviewed ('flagged')."""
    if view == "pending":
        return Contribution.state == ContributionState.PENDING
    return and_(Contribution.flag_count > 0, Contribution.state != ContributionState.WITHDRAWN)


def pending_count(process) -> int:
    """How many contributions await a moderator (pending or flagged)."""
    return db.session.scalar(
        select(func.count(Contribution.id)).where(
            Contribution.process_id == process.id, or_(_awaiting("pending"), _awaiting("flagged"))
        )
    )


def moderation_counts(process) -> dict[str, int]:
    """How many contributions each tab of the moderation queue holds, in one query."""
    pending, flagged = db.session.execute(
        select(
            func.count(Contribution.id).filter(_awaiting("pending")),
            func.count(Contribution.id).filter(_awaiting("flagged")),
        ).where(Contribution.process_id == process.id)
    ).one()
    return {"pending": pending, "flagged": flagged}


def opening_tab(process, asked: str | None) -> str:
    """The tab the queue opens on: the one asked for, else the first that holds something to decide."""
    if asked in ("pending", "flagged"):
        return asked
    counts = moderation_counts(process)
    return "flagged" if counts["flagged"] and not counts["pending"] else "pending"


def sections_in_reading_order(process_id: int, only=None) -> list[Section]:
    """The sections of the process's drafts as a reader meets them (``in_reading_order``).

    ``only`` (ids, or a subquery of ids) keeps those sections; one query either way.
    """
    query = in_reading_order(in_process_sections(select(Section), process_id))
    if only is not None:
        query = query.where(Section.id.in_(only))
    return list(db.session.scalars(query))
