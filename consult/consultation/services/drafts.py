"""Drafts, versions and sections: writing, ordering, publishing, new versions and links to changes."""

import logging
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from consult.audit import record
from consult.auth.models import User
from consult.consultation import permissions
from consult.consultation.errors import (
    InvalidPlacement,
    InvalidWindow,
    NotOrganizer,
    UnrelatedContribution,
    VersionNotPublished,
    VersionPublished,
)
from consult.consultation.models import ChangeLink, Contribution, Draft, DraftVersion, Section
from consult.db import atomic, db, utcnow
from consult.processes.models import Process
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)

#: the five parts of a schema (DOMAIN.md), with a hint of what each holds
SKELETON = [
    (_l("1. Needs analysis"), _l("The nature, level and evolution of the population's needs.")),
    (_l("2. Inventory of the existing offer"), _l("The establishments and services that exist today.")),
    (_l("3. Outlook and objectives"), _l("Priorities and objectives, as orientations and action sheets.")),
    (_l("4. Cooperation and coordination"), _l("How establishments, services and institutions work together.")),
    (_l("5. Evaluation"), _l("The criteria and indicators, and the follow-up committee.")),
]


def _require_manage(actor: User, process: Process):
    if not permissions.can_manage_drafts(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may edit its drafts.")))


def _require_editable(version: DraftVersion):
    if version.published_at is not None:
        raise VersionPublished(str(_l("This version is published: it can no longer be changed. Start a new version.")))


@atomic
def create_draft(actor: User, process: Process, *, title: str) -> Draft:
    """Create a draft whose version 1 holds the five-part skeleton of a schema.

    Returns:
        the new draft.

    Raises:
        NotOrganizer: the actor does not organize the process.
    """
    _require_manage(actor, process)
    draft = Draft(process_id=process.id, title=title.strip())
    version = DraftVersion(number=1)
    draft.versions.append(version)
    db.session.add(draft)
    db.session.flush()
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        for position, (part_title, hint) in enumerate(SKELETON):
            db.session.add(_new_section(version, None, position, str(part_title), f"*{hint}*", ""))
    record(actor, "draft.create", "draft", draft.id, process_id=process.id)
    logger.info("draft %s created in process %s by user %s", draft.id, process.id, actor.id)
    return draft


def _new_section(version, parent_id, position, title, body_md, easy_read_md) -> Section:
    return Section(
        version_id=version.id,
        parent_id=parent_id,
        position=position,
        title=title.strip(),
        body_md=body_md,
        body_html=markdown_to_html(body_md),
        easy_read_md=easy_read_md,
        easy_read_html=markdown_to_html(easy_read_md) if easy_read_md.strip() else "",
    )


@atomic
def add_section(
    actor: User, version: DraftVersion, *, title: str, body_md: str, easy_read_md: str = "", parent_id=None
) -> Section:
    """Add a part (no parent) or a section inside a part, at the end of its siblings.

    Raises:
        NotOrganizer: the actor does not organize the process.
        VersionPublished: the version is published.
        InvalidPlacement: the parent is not a part of this version.
    """
    _require_manage(actor, version.draft.process)
    _require_editable(version)
    if parent_id is not None:
        parent = db.session.get(Section, parent_id)
        if parent is None or parent.version_id != version.id or parent.parent_id is not None:
            raise InvalidPlacement(str(_l("Sections can only be placed inside a part of this version.")))
    last = db.session.scalar(
        select(func.max(Section.position)).where(Section.version_id == version.id, Section.parent_id == parent_id)
    )
    section = _new_section(version, parent_id, (last or 0) + 1, title, body_md, easy_read_md)
    db.session.add(section)
    return section


@atomic
def update_section(actor: User, section: Section, *, title: str, body_md: str, easy_read_md: str = "") -> Section:
    """Change a section's title, text and easy-to-read summary (rendered to HTML now, once).

    Raises:
        NotOrganizer: the actor does not organize the process.
        VersionPublished: the version is published.
    """
    _require_manage(actor, section.version.draft.process)
    _require_editable(section.version)
    section.title = title.strip()
    section.body_md, section.body_html = body_md, markdown_to_html(body_md)
    section.easy_read_md = easy_read_md
    section.easy_read_html = markdown_to_html(easy_read_md) if easy_read_md.strip() else ""
    return section


def _siblings(section: Section) -> list[Section]:
    return list(
        db.session.scalars(
            select(Section)
            .where(Section.version_id == section.version_id, Section.parent_id == section.parent_id)
            .order_by(Section.position, Section.id)
        )
    )


@atomic
def move_section(actor: User, section: Section, *, step: int) -> None:
    """Move a section one place up (step -1) or down (step +1) among its siblings.

    Raises:
        NotOrganizer: the actor does not organize the process.
        VersionPublished: the version is published.
    """
    _require_manage(actor, section.version.draft.process)
    _require_editable(section.version)
    siblings = _siblings(section)
    index = siblings.index(section)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        sibling.position = position


@atomic
def remove_section(actor: User, section: Section) -> None:
    """Remove a section (and, for a part, its sections) from an unpublished version.

    Raises:
        NotOrganizer: the actor does not organize the process.
        VersionPublished: the version is published.
    """
    _require_manage(actor, section.version.draft.process)
    _require_editable(section.version)
    for child in db.session.scalars(select(Section).where(Section.parent_id == section.id)):
        db.session.delete(child)
    db.session.delete(section)


@atomic
def publish_version(
    actor: User, version: DraftVersion, *, opens_at: datetime, closes_at: datetime, now: datetime | None = None
) -> DraftVersion:
    """Publish a version with its consultation window (aware datetimes; opens inclusive, closes exclusive).

    Raises:
        NotOrganizer: the actor does not organize the process.
        VersionPublished: already published.
        InvalidWindow: no section, or the window ends before it opens.
    """
    process = version.draft.process
    _require_manage(actor, process)
    _require_editable(version)
    if closes_at <= opens_at:
        raise InvalidWindow(str(_l("The consultation must close after it opens.")))
    if not db.session.scalar(select(func.count(Section.id)).where(Section.version_id == version.id)):
        raise InvalidWindow(str(_l("Add at least one section before publishing.")))
    now = now or utcnow()
    version.published_at = now
    version.opens_at, version.closes_at = opens_at, closes_at
    changes = {"window": [None, f"{opens_at.isoformat()} – {closes_at.isoformat()}"]}
    record(actor, "draft.publish", "draft_version", version.id, process_id=process.id, changes=changes)
    _close_earlier_versions(actor, version, now)
    logger.info("version %s of draft %s published by user %s", version.number, version.draft_id, actor.id)
    return version


def _close_earlier_versions(actor: User, version: DraftVersion, now: datetime) -> None:
    """A newer version replaces the earlier ones: their consultation ends now (their pages point to it)."""
    for earlier in version.draft.versions:
        if earlier.number < version.number and earlier.closes_at is not None and earlier.closes_at > now:
            changes = {"closes_at": [earlier.closes_at.isoformat(), now.isoformat()]}
            earlier.opens_at, earlier.closes_at = min(now, earlier.opens_at), now
            record(actor, "draft.close_version", "draft_version", earlier.id, process_id=version.draft.process_id,
                   changes=changes)  # fmt: skip


@atomic
def start_new_version(actor: User, draft: Draft) -> DraftVersion:
    """Copy the latest published version's sections into version N+1, for editing.

    Raises:
        NotOrganizer: the actor does not organize the process.
        VersionNotPublished: the latest version is not published yet.
    """
    _require_manage(actor, draft.process)
    latest = draft.versions[-1]
    if latest.published_at is None:
        raise VersionNotPublished(str(_l("Version %(n)s is not published yet: edit it instead.", n=latest.number)))
    version = DraftVersion(number=latest.number + 1)
    draft.versions.append(version)
    db.session.flush()
    old_sections = db.session.scalars(
        select(Section).where(Section.version_id == latest.id).order_by(Section.parent_id.is_not(None), Section.id)
    ).all()
    copies: dict[int, Section] = {}
    for old in old_sections:
        parent = copies[old.parent_id].id if old.parent_id is not None else None
        copy = _new_section(version, parent, old.position, old.title, old.body_md, old.easy_read_md)
        copy.previous_id = old.id
        db.session.add(copy)
        db.session.flush()
        copies[old.id] = copy
    record(actor, "draft.new_version", "draft_version", version.id, process_id=draft.process_id)
    return version


def _earlier_sections(section: Section) -> set[int]:
    """Ids of the sections this one descends from, version after version."""
    ids, current = set(), section.previous
    while current is not None:
        ids.add(current.id)
        current = current.previous
    return ids


@atomic
def link_contribution_to_change(actor: User, section: Section, contribution: Contribution) -> ChangeLink:
    """Record that ``contribution`` (on an earlier version of this section) led to the section's change.

    Returns:
        the link (the existing one when it was already recorded).

    Raises:
        NotOrganizer: the actor does not organize the process.
        UnrelatedContribution: the contribution was not made on an earlier version of this section.
    """
    process = section.version.draft.process
    _require_manage(actor, process)
    if contribution.section_id not in _earlier_sections(section):
        raise UnrelatedContribution(str(_l("This contribution was not made on an earlier version of this section.")))
    existing = db.session.scalar(
        select(ChangeLink).where(ChangeLink.section_id == section.id, ChangeLink.contribution_id == contribution.id)
    )
    if existing is not None:
        return existing
    link = ChangeLink(section_id=section.id, contribution_id=contribution.id, created_by_id=actor.id)
    db.session.add(link)
    record(actor, "draft.link_change", "section", section.id, process_id=process.id,
           changes={"contribution": [None, contribution.id]})  # fmt: skip
    return link


@atomic
def unlink_contribution_from_change(actor: User, section: Section, contribution_id: int) -> None:
    """Remove a link between a section's change and a contribution.

    Raises:
        NotOrganizer: the actor does not organize the process.
    """
    process = section.version.draft.process
    _require_manage(actor, process)
    link = db.session.scalar(
        select(ChangeLink).where(ChangeLink.section_id == section.id, ChangeLink.contribution_id == contribution_id)
    )
    if link is not None:
        db.session.delete(link)
        record(actor, "draft.unlink_change", "section", section.id, process_id=process.id,
               changes={"contribution": [contribution_id, None]})  # fmt: skip
