"""Reads for the stakeholder pages: registry lists, detail, organisations, map; coverage is in coverage.py."""

from dataclasses import dataclass, fields

from flask import abort
from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import selectinload

from consult.db import db
from consult.permissions import is_signed_in
from consult.search import contains_pattern
from consult.stakeholders.models import (
    ImportPreview,
    Invitation,
    Representative,
    RepresentativeStatus,
    Stakeholder,
    StakeholderKind,
    StakeholderSettings,
    StakeholderStatus,
)

#: a score of 4 or 5 counts as strong on the influence / interest grid
STRONG = 4
#: valid rows listed on an import preview (all rejected rows are listed)
PREVIEW_SHOWN = 200
IMPORT_ACTIONS = ("create", "update", "unchanged", "rejected")


def confirmed_representatives(user_id: int | None = None):
    """(user_id, stakeholder_id) of every confirmed representative of a live (not archived) organisation.

    The one rule of "acts for this organisation": other domains select from it or join it, never restate it.
    """
    query = (
        select(Representative.user_id, Representative.stakeholder_id)
        .join(Stakeholder, Stakeholder.id == Representative.stakeholder_id)
        .where(Representative.status == RepresentativeStatus.CONFIRMED, Stakeholder.archived_at.is_(None))
    )
    return query if user_id is None else query.where(Representative.user_id == user_id)


def represented_ids(user_id: int):
    """The ids of the live organisations this user confirmedly represents, as a subquery to filter with."""
    return confirmed_representatives(user_id).with_only_columns(Representative.stakeholder_id)


def represented_stakeholders(user, process_id: int) -> list[Stakeholder]:
    """The organisations of this process the user is a confirmed representative of (other domains call it)."""
    if not is_signed_in(user):
        return []
    return list(
        db.session.scalars(
            select(Stakeholder)
            .where(Stakeholder.process_id == process_id, Stakeholder.id.in_(represented_ids(user.id)))
            .order_by(Stakeholder.search_name)
        )
    )


def represents(user, stakeholder: Stakeholder) -> bool:
    """Whether the user is a confirmed representative of this live organisation."""
    if not is_signed_in(user):
        return False
    query = confirmed_representatives(user.id).where(Representative.stakeholder_id == stakeholder.id)
    return db.session.execute(query.limit(1)).first() is not None


def public_list_allowed(process) -> bool:
    """Whether the organizer shows the engaged organisations publicly."""
    settings = db.session.get(StakeholderSettings, process.id)
    return bool(settings and settings.public_list)


def get_stakeholder_or_404(process, stakeholder_id: int) -> Stakeholder:
    """The stakeholder of this process with this id (archived ones included), or a 404."""
    stakeholder = db.session.get(Stakeholder, stakeholder_id)
    if stakeholder is None or stakeholder.process_id != process.id:
        abort(404)
    return stakeholder


def get_representative_or_404(process, representative_id: int) -> Representative:
    """A representative link of one of this process's stakeholders, or a 404."""
    representative = db.session.scalar(
        select(Representative)
        .join(Stakeholder, Stakeholder.id == Representative.stakeholder_id)
        .where(Representative.id == representative_id, Stakeholder.process_id == process.id)
        .options(selectinload(Representative.user), selectinload(Representative.stakeholder))
    )
    if representative is None:
        abort(404)
    return representative


def get_preview_or_404(process, preview_id: int, user) -> ImportPreview:
    """An import preview of this process made by this user (previews are private to their author), or a 404."""
    preview = db.session.get(ImportPreview, preview_id)
    if preview is None or preview.process_id != process.id or preview.created_by_id != user.id:
        abort(404)
    return preview


def preview_summary(preview: ImportPreview, shown: int = PREVIEW_SHOWN) -> dict:
    """Counts per action, every rejected row, and the first ``shown`` valid rows of a preview."""
    rows = preview.rows
    accepted = [r for r in rows if r["action"] != "rejected"]
    return {
        "counts": {action: sum(1 for r in rows if r["action"] == action) for action in IMPORT_ACTIONS},
        "rejected": [r for r in rows if r["action"] == "rejected"],
        "accepted": accepted[:shown],
        "hidden": max(len(accepted) - shown, 0),
    }


@dataclass
class RegistryFilters:
    """What the registry list is narrowed to; empty values do not filter."""

    category: str = ""
    field: str = ""
    territory: str = ""
    status: str = ""
    level: str = ""
    q: str = ""
    archived: bool = False

    def as_args(self) -> dict:
        """The filters as query-string arguments (for links and hidden inputs)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _registry_query(process, filters: RegistryFilters):
    query = select(Stakeholder).where(Stakeholder.process_id == process.id)
    query = query.where(Stakeholder.archived_at.is_not(None) if filters.archived else Stakeholder.archived_at.is_(None))
    for column in ("category", "status", "level"):
        if getattr(filters, column):
            query = query.where(getattr(Stakeholder, column) == getattr(filters, column))
    if filters.field:
        # fields is a JSON list of codes; the quoted code appears in its text on every database
        query = query.where(cast(Stakeholder.fields, String).like(f'%"{filters.field}"%'))
    if filters.territory:
        query = query.where(func.lower(Stakeholder.territory) == filters.territory.strip().lower())
    if filters.q:
        query = query.where(Stakeholder.search_name.like(contains_pattern(filters.q), escape="\\"))
    return query.order_by(Stakeholder.search_name, Stakeholder.id)


def registry_page(process, filters: RegistryFilters, page: int, per_page: int):
    """One page of the filtered registry."""
    return db.paginate(_registry_query(process, filters), page=page, per_page=per_page, error_out=False)


def registry_all(process, filters: RegistryFilters) -> list[Stakeholder]:
    """The whole filtered registry (export, invitation of a selection)."""
    return list(db.session.scalars(_registry_query(process, filters)))


def territories(process) -> list[str]:
    """The territories named in the registry, for the filter."""
    rows = db.session.scalars(
        select(Stakeholder.territory)
        .where(Stakeholder.process_id == process.id, Stakeholder.territory != "")
        .distinct()
        .order_by(Stakeholder.territory)
    )
    return list(rows)


def stakeholder_page(stakeholder: Stakeholder) -> dict:
    """The representatives (with their users) and invitations of a stakeholder."""
    representatives = db.session.scalars(
        select(Representative)
        .where(Representative.stakeholder_id == stakeholder.id)
        .options(selectinload(Representative.user))
        .order_by(Representative.created_at)
    ).all()
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.stakeholder_id == stakeholder.id).order_by(Invitation.id.desc())
    ).all()
    return {"representatives": representatives, "invitations": invitations}


def _requests(query, process):
    """Restrict ``query`` to the requests to represent an organisation of the process awaiting a decision."""
    return query.join(Stakeholder, Stakeholder.id == Representative.stakeholder_id).where(
        Stakeholder.process_id == process.id, Representative.status == RepresentativeStatus.REQUESTED
    )


def pending_requests(process) -> list[Representative]:
    """Requests to represent an organisation awaiting an organizer's decision."""
    query = _requests(select(Representative), process)
    return list(
        db.session.scalars(
            query.options(selectinload(Representative.user), selectinload(Representative.stakeholder)).order_by(
                Representative.created_at
            )
        )
    )


def pending_request_count(process) -> int:
    """How many requests to represent an organisation await a decision, in one query."""
    return db.session.scalar(_requests(select(func.count(Representative.id)), process))


def engaged_organisations(process) -> list[Stakeholder]:
    """Engaged organisations, for the public list (names and categories only are shown)."""
    return list(
        db.session.scalars(
            select(Stakeholder)
            .where(
                Stakeholder.process_id == process.id,
                Stakeholder.archived_at.is_(None),
                Stakeholder.kind == StakeholderKind.ORGANISATION,
                Stakeholder.status == StakeholderStatus.ENGAGED,
            )
            .order_by(Stakeholder.category, Stakeholder.search_name)
        )
    )


def listed_organisations(process, user) -> tuple[list[Stakeholder], dict[int, RepresentativeStatus]]:
    """Organisations one may ask to represent, and the user's own requests by stakeholder id."""
    organisations = db.session.scalars(
        select(Stakeholder)
        .where(
            Stakeholder.process_id == process.id,
            Stakeholder.archived_at.is_(None),
            Stakeholder.kind == StakeholderKind.ORGANISATION,
            Stakeholder.status != StakeholderStatus.DECLINED,
        )
        .order_by(Stakeholder.category, Stakeholder.search_name)
    ).all()
    mine = {}
    if user is not None and user.is_authenticated:
        mine = dict(
            db.session.execute(
                select(Representative.stakeholder_id, Representative.status)
                .join(Stakeholder, Stakeholder.id == Representative.stakeholder_id)
                .where(Stakeholder.process_id == process.id, Representative.user_id == user.id)
            ).all()
        )
    return list(organisations), mine


def quadrant(stakeholder) -> str:
    """Where a stakeholder sits on the influence / interest grid."""
    strong_influence, strong_interest = stakeholder.influence >= STRONG, stakeholder.interest >= STRONG
    if strong_influence:
        return "manage_closely" if strong_interest else "keep_satisfied"
    return "keep_informed" if strong_interest else "monitor"


def influence_grid(process) -> dict[str, list[Stakeholder]]:
    """The live stakeholders by quadrant, strongest first."""
    grid = {"keep_satisfied": [], "manage_closely": [], "monitor": [], "keep_informed": []}
    stakeholders = db.session.scalars(
        select(Stakeholder)
        .where(Stakeholder.process_id == process.id, Stakeholder.archived_at.is_(None))
        .order_by(Stakeholder.influence.desc(), Stakeholder.interest.desc(), Stakeholder.search_name)
    )
    for stakeholder in stakeholders:
        grid[quadrant(stakeholder)].append(stakeholder)
    return grid
