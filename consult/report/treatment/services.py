"""Treating contributions: themes, dispositions (one or many, directly or through a theme), change links.

Every change of a contribution's effective disposition writes a ``DispositionChange`` row (who, when,
before, after, why), in the same transaction as the change, so the history is never incomplete.
"""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from consult.audit import record
from consult.auth.models import User
from consult.consultation.models import Contribution, Section
from consult.consultation.services import link_contribution_to_change
from consult.db import atomic, db, utcnow
from consult.errors import DomainError, NotAllowed, NotFound
from consult.processes.models import Process
from consult.report import permissions
from consult.report.errors import NotLaterVersion, NotTreatable, ReasonRequired
from consult.report.models import DispositionChange, DispositionValue, Theme, Treatment
from consult.report.rules import effective_of
from consult.report.treatment.listing import contribution_ids_in, treatable_ids_in
from consult.report.treatment.queries import earlier_section_ids, section_in_process
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)


def _check_may_treat(actor: User, process: Process):
    if not permissions.can_treat_contributions(actor, process):
        raise NotAllowed(str(_l("You may not treat the contributions of this concertation.")))


def _value(disposition: DispositionValue | None) -> str | None:
    return disposition.value if disposition is not None else None


def _checked_ids(process: Process, contribution_ids) -> list[int]:
    wanted = set(contribution_ids)
    if not wanted:
        raise DomainError(str(_l("Select at least one contribution.")))
    found = contribution_ids_in(process.id, sorted(wanted))
    if len(found) != len(wanted):
        raise NotFound(str(_l("Some of the selected contributions do not belong to this concertation.")))
    if len(treatable_ids_in(process.id, found)) != len(found):
        raise NotTreatable(
            str(_l("Only published contributions receive a disposition: moderate those awaiting moderation first."))
        )
    return found


def checked_section(process: Process, section_id: int | None) -> Section | None:
    """The section of the process with this id (None for None).

    Raises:
        NotFound: no such section in the process.
    """
    if section_id is None:
        return None
    section = section_in_process(process.id, section_id)
    if section is None:
        raise NotFound(str(_l("This section does not belong to this concertation.")))
    return section


def _treatments_for(ids: list[int]) -> list[Treatment]:
    """The treatments of these contributions, created (flushed) where missing."""
    existing = {
        t.contribution_id: t
        for t in db.session.scalars(
            select(Treatment).where(Treatment.contribution_id.in_(ids)).options(selectinload(Treatment.theme))
        )
    }
    for contribution_id in ids:
        if contribution_id not in existing:
            existing[contribution_id] = Treatment(contribution_id=contribution_id)
            db.session.add(existing[contribution_id])
    db.session.flush()
    return [existing[i] for i in ids]


def _linkable(section, contribution_ids: list[int]) -> list[int]:
    """Those contributions made on an earlier version of ``section`` (what a change link requires)."""
    earlier = earlier_section_ids(section)
    rows = db.session.execute(
        select(Contribution.id, Contribution.section_id).where(Contribution.id.in_(contribution_ids))
    )
    return [contribution_id for contribution_id, section_id in rows if section_id in earlier]


def _link_changes(actor: User, section, contribution_ids: list[int]):
    """Link the changed section to the contributions that led to it, through the consultation's service.

    Each link joins the disposition's transaction; only contributions already checked with ``_linkable``.
    """
    for contribution in db.session.scalars(select(Contribution).where(Contribution.id.in_(contribution_ids))):
        link_contribution_to_change(actor, section, contribution)


def _history(process, actor, target_type, target_id, before, after, *, reason_md="", reason_html="", via=None, now):
    db.session.add(
        DispositionChange(
            process_id=process.id,
            target_type=target_type,
            target_id=target_id,
            before=_value(before),
            after=_value(after),
            reason_md=reason_md,
            reason_html=reason_html,
            via_theme_id=via,
            actor_id=actor.id,
            created_at=now,
        )
    )


@atomic
def set_disposition(
    actor: User,
    process: Process,
    contribution_ids,
    *,
    disposition: DispositionValue | None,
    reason_md: str,
    change_section_id: int | None = None,
    now=None,
) -> int:
    """Give the selected contributions their own disposition, with one shared reason.

    ``disposition=None`` removes their own disposition: their theme's applies again, if any.

    Args:
        actor: the organizer deciding.
        process: the process the contributions belong to.
        contribution_ids: ids of the contributions (one or many).
        disposition: accepted, partly accepted, rejected, out of scope, or None.
        reason_md: why, in Markdown (required with a disposition); rendered to HTML now.
        change_section_id: the section of a later version this led to change (linked to each contribution).
        now: the time of the decision (defaults to now).

    Returns:
        How many contributions were treated.

    Raises:
        NotAllowed: the actor may not treat this process's contributions.
        ReasonRequired: a disposition without a reason.
        NotFound: a contribution or the changed section is not of this process.
        NotTreatable: a contribution is not published (awaiting moderation, hidden or withdrawn).
        NotLaterVersion: the changed section is not a later version of every contribution's section.
    """
    _check_may_treat(actor, process)
    now = now or utcnow()
    reason_md = (reason_md or "").strip()
    if disposition is not None and not reason_md:
        raise ReasonRequired(str(_l("Give the reason for this disposition.")))
    ids = _checked_ids(process, contribution_ids)
    section = checked_section(process, change_section_id)
    if section is not None and len(_linkable(section, ids)) != len(ids):
        raise NotLaterVersion(str(_l("The changed section must be a later version of the contributions' section.")))
    section_id = section.id if section is not None else None
    reason_html = markdown_to_html(reason_md)
    for treatment in _treatments_for(ids):
        before = effective_of(treatment)
        treatment.disposition = disposition
        treatment.reason_md, treatment.reason_html = (reason_md, reason_html) if disposition else ("", "")
        treatment.change_section_id = section_id if disposition else None
        treatment.decided_by_id, treatment.decided_at = actor.id, now
        after = effective_of(treatment)
        _history(process, actor, "contribution", treatment.contribution_id, before, after,
                 reason_md=reason_md, reason_html=reason_html, now=now)  # fmt: skip
    record(actor, "report.disposition", "process", process.id, process_id=process.id, reason=reason_md,
           changes={"disposition": [None, _value(disposition)], "contributions": ids})  # fmt: skip
    if section is not None:
        _link_changes(actor, section, ids)
    logger.info("disposition %s set on %d contributions of process %s by user %s",
                _value(disposition), len(ids), process.id, actor.id)  # fmt: skip
    return len(ids)


@atomic
def assign_theme(actor: User, process: Process, contribution_ids, theme: Theme | None, *, now=None) -> int:
    """Put the selected contributions in a theme (or in none).

    A contribution without its own disposition takes its new theme's: that change is recorded too.

    Returns:
        How many contributions were assigned.

    Raises:
        NotAllowed: the actor may not treat this process's contributions.
        NotFound: a contribution or the theme is not of this process.
        NotTreatable: a contribution is not published (awaiting moderation, hidden or withdrawn).
    """
    _check_may_treat(actor, process)
    if theme is not None and theme.process_id != process.id:
        raise NotFound(str(_l("This theme does not belong to this concertation.")))
    now = now or utcnow()
    ids = _checked_ids(process, contribution_ids)
    for treatment in _treatments_for(ids):
        before, old_theme_id = effective_of(treatment), treatment.theme_id
        treatment.theme = theme
        after = effective_of(treatment)
        if before != after:
            via = theme if theme is not None else None
            _history(process, actor, "contribution", treatment.contribution_id, before, after,
                     reason_md=via.reason_md if via else "", reason_html=via.reason_html if via else "",
                     via=via.id if via else old_theme_id, now=now)  # fmt: skip
    record(actor, "report.theme_assign", "theme", theme.id if theme else None, process_id=process.id,
           changes={"contributions": ids})  # fmt: skip
    logger.info("%d contributions of process %s put in theme %s by user %s",
                len(ids), process.id, theme.id if theme else None, actor.id)  # fmt: skip
    return len(ids)


@atomic
def create_theme(actor: User, process: Process, *, title: str, description: str = "") -> Theme:
    """Create a theme to group contributions.

    Raises:
        NotAllowed: the actor may not treat this process's contributions.
    """
    _check_may_treat(actor, process)
    theme = Theme(process_id=process.id, title=title.strip(), description=(description or "").strip())
    db.session.add(theme)
    db.session.flush()
    record(actor, "report.theme_create", "theme", theme.id, process_id=process.id)
    logger.info("theme %s created in process %s by user %s", theme.id, process.id, actor.id)
    return theme


@atomic
def update_theme(actor: User, process: Process, theme: Theme, *, title: str, description: str = "") -> Theme:
    """Rename or describe a theme.

    Raises:
        NotAllowed: the actor may not treat this process's contributions.
    """
    _check_may_treat(actor, process)
    changes = {"title": [theme.title, title.strip()]} if theme.title != title.strip() else {}
    theme.title, theme.description = title.strip(), (description or "").strip()
    record(actor, "report.theme_update", "theme", theme.id, process_id=process.id, changes=changes)
    return theme


def _inheriting(theme: Theme) -> list[int]:
    """Contributions of the theme that take its disposition (they have none of their own)."""
    return list(
        db.session.scalars(
            select(Treatment.contribution_id).where(Treatment.theme_id == theme.id, Treatment.disposition.is_(None))
        )
    )


@atomic
def set_theme_disposition(
    actor: User,
    process: Process,
    theme: Theme,
    *,
    disposition: DispositionValue | None,
    reason_md: str,
    change_section_id: int | None = None,
    now=None,
) -> int:
    """Set a theme's disposition: it applies to its contributions that have none of their own.

    The theme's history and that of every contribution it applies to record the change.

    Returns:
        How many contributions take the theme's disposition.

    Raises:
        NotAllowed: the actor may not treat this process's contributions.
        ReasonRequired: a disposition without a reason.
        NotFound: the changed section is not of this process.
    """
    _check_may_treat(actor, process)
    now = now or utcnow()
    reason_md = (reason_md or "").strip()
    if disposition is not None and not reason_md:
        raise ReasonRequired(str(_l("Give the reason for this disposition.")))
    section = checked_section(process, change_section_id)
    section_id = section.id if section is not None else None
    before, reason_html = theme.disposition, markdown_to_html(reason_md)
    theme.disposition = disposition
    theme.reason_md, theme.reason_html = (reason_md, reason_html) if disposition else ("", "")
    theme.change_section_id = section_id if disposition else None
    _history(process, actor, "theme", theme.id, before, disposition, reason_md=reason_md, reason_html=reason_html,
             now=now)  # fmt: skip
    inheriting = _inheriting(theme)
    if before != disposition:
        for contribution_id in inheriting:
            _history(process, actor, "contribution", contribution_id, before, disposition,
                     reason_md=reason_md, reason_html=reason_html, via=theme.id, now=now)  # fmt: skip
    record(actor, "report.theme_disposition", "theme", theme.id, process_id=process.id, reason=reason_md,
           changes={"disposition": [_value(before), _value(disposition)]})  # fmt: skip
    if section is not None and inheriting:
        # Only the contributions made on an earlier version of the changed section can be linked to it.
        _link_changes(actor, section, _linkable(section, inheriting))
    logger.info("theme %s disposition %s by user %s", theme.id, _value(disposition), actor.id)
    return len(inheriting)


@atomic
def delete_theme(actor: User, process: Process, theme: Theme, *, now=None):
    """Delete a theme; its contributions stay, without theme (and without its disposition, recorded).

    Raises:
        NotAllowed: the actor may not treat this process's contributions.
    """
    _check_may_treat(actor, process)
    now = now or utcnow()
    if theme.disposition is not None:
        reason_md = str(_l("Theme « %(title)s » deleted.", title=theme.title))
        for contribution_id in _inheriting(theme):
            _history(process, actor, "contribution", contribution_id, theme.disposition, None,
                     reason_md=reason_md, reason_html=markdown_to_html(reason_md), now=now)  # fmt: skip
    db.session.execute(update(Treatment).where(Treatment.theme_id == theme.id).values(theme_id=None))
    db.session.execute(
        update(DispositionChange).where(DispositionChange.via_theme_id == theme.id).values(via_theme_id=None)
    )
    record(
        actor, "report.theme_delete", "theme", theme.id, process_id=process.id, changes={"title": [theme.title, None]}
    )
    db.session.delete(theme)
    logger.info("theme %s of process %s deleted by user %s", theme.id, process.id, actor.id)
