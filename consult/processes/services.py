"""Process operations: create, edit, publish, set phases, manage organizers."""

import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from slugify import slugify
from sqlalchemy import delete, select

from consult.audit import record
from consult.auth.models import User
from consult.auth.services import find_user_by_email
from consult.db import atomic, db, on_commit
from consult.processes import permissions
from consult.processes.errors import (
    CannotCreateProcess,
    LastOrganizer,
    NoAccountWithEmail,
    NotAnOrganizer,
    NotOrganizer,
    PhaseEndsBeforeStart,
)
from consult.processes.models import Field, ModerationMode, Phase, PhaseKind, Process, ProcessRole, ProcessRoleName
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)


def _roles_changed():
    # Forget now, so later checks in this transaction see the change, and after the commit, so that
    # nothing cached meanwhile outlives it.
    permissions.forget_roles()
    on_commit(permissions.forget_roles)


def _unique_slug(wanted: str, title: str, exclude_id: int | None = None) -> str:
    base = slugify(wanted or title, max_length=70) or "concertation"
    slug, n = base, 2
    while db.session.scalar(select(Process.id).where(Process.slug == slug, Process.id != exclude_id)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


@atomic
def create_process(
    actor: User,
    *,
    title: str,
    summary_md: str,
    fields: list[Field],
    territory: str,
    slug: str = "",
    is_published: bool = False,
    moderation_mode: ModerationMode = ModerationMode.POST,
) -> Process:
    """Create a process; its creator becomes its first organizer.

    Raises:
        CannotCreateProcess: the actor may not create processes.
    """
    if not permissions.can_create_process(actor):
        raise CannotCreateProcess(str(_l("You may not create a concertation.")))
    process = Process(
        title=title.strip(),
        slug=_unique_slug(slug, title),
        summary_md=summary_md,
        summary_html=markdown_to_html(summary_md),
        fields=[f.value for f in fields],
        territory=territory.strip(),
        is_published=is_published,
        moderation_mode=moderation_mode,
    )
    db.session.add(process)
    db.session.flush()
    db.session.add(ProcessRole(process_id=process.id, user_id=actor.id, role=ProcessRoleName.ORGANIZER))
    record(actor, "process.create", "process", process.id, process_id=process.id)
    _roles_changed()
    logger.info("process %s created by user %s", process.slug, actor.id)
    return process


@atomic
def update_process(
    actor: User,
    process: Process,
    *,
    title: str,
    summary_md: str,
    fields: list[Field],
    territory: str,
    slug: str,
    is_published: bool,
    moderation_mode: ModerationMode | None = None,
) -> Process:
    """Save a process's description (and, when given, how its contributions are moderated).

    Raises:
        NotOrganizer: the actor does not organize this process.
    """
    if not permissions.can_edit_process(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may change it.")))
    process.title = title.strip()
    process.slug = _unique_slug(slug, title, exclude_id=process.id)
    process.summary_md = summary_md
    process.summary_html = markdown_to_html(summary_md)
    process.fields = [f.value for f in fields]
    process.territory = territory.strip()
    process.is_published = is_published
    if moderation_mode is not None and moderation_mode != process.moderation_mode:
        changes = {"moderation_mode": [process.moderation_mode.value, moderation_mode.value]}
        record(actor, "process.moderation_mode", "process", process.id, process_id=process.id, changes=changes)
        process.moderation_mode = moderation_mode
    logger.info("process %s updated by user %s", process.slug, actor.id)
    return process


@atomic
def set_phase(actor: User, process: Process, kind: PhaseKind, *, starts_on: date, ends_on: date, description: str):
    """Create or change one phase of the calendar.

    Raises:
        NotOrganizer: the actor does not organize this process.
        PhaseEndsBeforeStart: the end is before the start.
    """
    if not permissions.can_edit_process(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may change it.")))
    if ends_on < starts_on:
        raise PhaseEndsBeforeStart(str(_l("A phase cannot end before it starts.")))
    phase = next((p for p in process.phases if p.kind == kind), None)
    if phase is None:
        phase = Phase(kind=kind)
        process.phases.append(phase)
    phase.starts_on, phase.ends_on, phase.description = starts_on, ends_on, description.strip()
    return phase


@atomic
def remove_phase(actor: User, process: Process, kind: PhaseKind):
    """Take a phase out of the calendar."""
    if not permissions.can_edit_process(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may change it.")))
    process.phases[:] = [p for p in process.phases if p.kind != kind]


@atomic
def add_organizer(actor: User, process: Process, email: str) -> User:
    """Make the account with this address an organizer of the process.

    Raises:
        NotOrganizer: the actor does not organize this process.
        NoAccountWithEmail: no live account uses this address.
    """
    if not permissions.can_edit_process(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may change it.")))
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        raise NoAccountWithEmail(str(_l("No account uses this address. Ask the person to sign up first.")))
    if not permissions.is_organizer(user, process):
        db.session.add(ProcessRole(process_id=process.id, user_id=user.id, role=ProcessRoleName.ORGANIZER))
        record(actor, "role.grant", "user", user.id, process_id=process.id, changes={"role": [None, "organizer"]})
        _roles_changed()
    return user


@atomic
def remove_organizer(actor: User, process: Process, user_id: int):
    """Withdraw an organizer, keeping at least one.

    Raises:
        NotOrganizer: the actor does not organize this process.
        NotAnOrganizer: the person does not organize this process.
        LastOrganizer: this is the last organizer.
    """
    if not permissions.can_edit_process(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may change it.")))
    db.session.refresh(process, with_for_update=True)  # two withdrawals at once must still leave one organizer
    organizer_ids = [r.user_id for r in process.roles if r.role == ProcessRoleName.ORGANIZER]
    if user_id not in organizer_ids:
        raise NotAnOrganizer(str(_l("This person is not an organizer of this concertation.")))
    if len(organizer_ids) == 1:
        raise LastOrganizer(str(_l("A concertation keeps at least one organizer.")))
    db.session.execute(delete(ProcessRole).where(ProcessRole.process_id == process.id, ProcessRole.user_id == user_id))
    record(actor, "role.revoke", "user", user_id, process_id=process.id, changes={"role": ["organizer", None]})
    _roles_changed()


def drop_roles_of_deleted_account(user, **_kwargs):
    """A deleted account organizes nothing."""
    db.session.execute(delete(ProcessRole).where(ProcessRole.user_id == user.id))


def export_roles(user, **_kwargs):
    """The person's roles in concertations, for "my data"."""
    rows = db.session.execute(
        select(Process.title, ProcessRole.role).join(ProcessRole.process).where(ProcessRole.user_id == user.id)
    )
    return "roles", [{"process": title, "role": role.value} for title, role in rows]
