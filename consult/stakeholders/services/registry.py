"""Create, edit, archive stakeholders; erase their contacts; the registry's settings."""

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.audit import record
from consult.db import atomic, db, utcnow
from consult.stakeholders import permissions
from consult.stakeholders.errors import AlreadyArchived, NotArchived, NotRegistryManager
from consult.stakeholders.models import Invitation, Stakeholder, StakeholderSettings, StakeholderStatus

logger = logging.getLogger(__name__)

#: the columns an organizer edits, in the order of the form and of the CSV file
EDITABLE = (
    "name",
    "kind",
    "category",
    "fields",
    "territory",
    "level",
    "influence",
    "interest",
    "status",
    "notes",
    "contact_name",
    "contact_email",
    "contact_phone",
)
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def check_manager(actor, process):
    """Raise NotAllowed unless the actor keeps this process's registry."""
    if not permissions.can_manage_stakeholders(actor, process):
        raise NotRegistryManager(str(_l("Only the organizers of this concertation manage its stakeholders.")))


def _plain(value):
    return value.value if hasattr(value, "value") else value


def apply_values(stakeholder: Stakeholder, values: dict, *, now: datetime) -> dict:
    """Set the given columns; return ``{column: [before, after]}`` for those that changed (only flushes)."""
    changes = {}
    for column in EDITABLE:
        if column not in values:
            continue
        before, after = getattr(stakeholder, column), values[column]
        if _plain(before) != _plain(after):
            changes[column] = [_plain(before), _plain(after)]
            setattr(stakeholder, column, after)
    if changes.get("status", [None, None])[1] == StakeholderStatus.DECLINED.value:
        _close_pending_invitations(stakeholder, now)
    if changes and stakeholder.id is not None:
        stakeholder.updated_at = now
    return changes


def audited(changes: dict) -> dict:
    """The changes as written to the audit log: contact details are personal data and stay out of it."""
    return {k: (["…", "…"] if k in CONTACT_FIELDS else v) for k, v in changes.items()}


def _close_pending_invitations(stakeholder: Stakeholder, now: datetime):
    if stakeholder.id is None:
        return
    pending = db.session.scalars(
        select(Invitation).where(Invitation.stakeholder_id == stakeholder.id, Invitation.used_at.is_(None))
    )
    for invitation in pending:
        invitation.declined_at = invitation.used_at = now


@atomic
def create_stakeholder(actor, process, *, values: dict, now: datetime | None = None) -> Stakeholder:
    """Add a stakeholder to the process's registry.

    Args:
        actor: the organizer.
        process: the process.
        values: the columns of ``EDITABLE`` (enum members for kind, category, level and status).
        now: the current time (tests).

    Returns:
        The new stakeholder.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
    """
    check_manager(actor, process)
    now = now or utcnow()
    stakeholder = Stakeholder(process_id=process.id, created_at=now, updated_at=now)
    changes = apply_values(stakeholder, {"fields": [], **values}, now=now)
    db.session.add(stakeholder)
    db.session.flush()
    record(actor, "stakeholder.create", "stakeholder", stakeholder.id, process_id=process.id, changes=audited(changes))
    logger.info("stakeholder %s created in process %s by user %s", stakeholder.id, process.id, actor.id)
    return stakeholder


@atomic
def update_stakeholder(actor, process, stakeholder: Stakeholder, *, values: dict, now: datetime | None = None):
    """Change a stakeholder's description, level, status or contacts.

    Args:
        actor: the organizer.
        process: the stakeholder's process.
        stakeholder: the stakeholder to change.
        values: the columns to set.
        now: the current time (tests).

    Returns:
        The changes made, ``{column: [before, after]}``.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
    """
    check_manager(actor, process)
    db.session.refresh(stakeholder, with_for_update=True)  # lock, re-read: a repeat sees the first
    now = now or utcnow()
    changes = apply_values(stakeholder, values, now=now)
    if changes:
        record(
            actor, "stakeholder.update", "stakeholder", stakeholder.id, process_id=process.id, changes=audited(changes)
        )
    logger.info("stakeholder %s updated by user %s: %s", stakeholder.id, actor.id, sorted(changes))
    return changes


@atomic
def archive_stakeholder(actor, process, stakeholder: Stakeholder, *, now: datetime | None = None) -> Stakeholder:
    """Take a stakeholder out of the registry's lists; it stays for the closing report.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
        AlreadyArchived: already archived.
    """
    check_manager(actor, process)
    db.session.refresh(stakeholder, with_for_update=True)  # lock, re-read: a repeat sees the first
    if stakeholder.archived_at is not None:
        raise AlreadyArchived(str(_l("This stakeholder is already archived.")))
    stakeholder.archived_at = now or utcnow()
    record(actor, "stakeholder.archive", "stakeholder", stakeholder.id, process_id=process.id)
    logger.info("stakeholder %s archived by user %s", stakeholder.id, actor.id)
    return stakeholder


@atomic
def erase_contacts(actor, process, stakeholder: Stakeholder, *, now: datetime | None = None) -> Stakeholder:
    """Erase the contact person, email and phone of an archived stakeholder, and of its invitations.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
        NotArchived: the stakeholder is not archived (its contacts are still in use).
    """
    check_manager(actor, process)
    db.session.refresh(stakeholder, with_for_update=True)  # lock, re-read: a repeat sees the first
    if stakeholder.archived_at is None:
        raise NotArchived(str(_l("Archive the stakeholder first: its contacts may still be in use.")))
    stakeholder.contact_name = stakeholder.contact_email = stakeholder.contact_phone = ""
    for invitation in db.session.scalars(select(Invitation).where(Invitation.stakeholder_id == stakeholder.id)):
        invitation.email = ""
    stakeholder.updated_at = now or utcnow()
    record(actor, "stakeholder.erase_contacts", "stakeholder", stakeholder.id, process_id=process.id)
    logger.info("contacts of stakeholder %s erased by user %s", stakeholder.id, actor.id)
    return stakeholder


@atomic
def set_public_list(actor, process, *, public_list: bool) -> StakeholderSettings:
    """Show or hide the list of engaged organisations on the process page.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
    """
    check_manager(actor, process)
    settings = db.session.get(StakeholderSettings, process.id)
    if settings is None:
        settings = StakeholderSettings(process_id=process.id, public_list=False)
        db.session.add(settings)
    before, settings.public_list = settings.public_list, public_list
    record(
        actor,
        "stakeholder.public_list",
        "process",
        process.id,
        process_id=process.id,
        changes={"public_list": [before, public_list]},
    )
    return settings
