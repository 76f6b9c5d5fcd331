"""Who may see and run a concertation: process roles and their rights, what each phase opens."""

from flask import g
from sqlalchemy import select

from consult.db import db
from consult.permissions import is_admin, is_signed_in
from consult.processes.models import PhaseKind, ProcessRole, ProcessRoleName

# What each phase opens to participants; anything not listed is closed in that phase.
PHASE_FEATURES: dict[PhaseKind, set[str]] = {
    PhaseKind.IDENTIFICATION: {"represent"},
    PhaseKind.DIAGNOSTIC: {"represent", "join_group", "register_meeting"},
    PhaseKind.OBJECTIVES: {"represent", "join_group", "register_meeting"},
    PhaseKind.WORKING_GROUPS: {"represent", "join_group", "register_meeting", "propose_action"},
    # Taking part in a consultation is opened by the draft version's window (DraftVersion.state), not here.
    PhaseKind.CONSULTATION: {"represent", "register_meeting"},
    PhaseKind.REPORT: set(),
}

# What each process role may do; admins may do everything.
ROLE_RIGHTS: dict[ProcessRoleName, set[str]] = {
    ProcessRoleName.ORGANIZER: {
        "edit_process",
        "manage_stakeholders",
        "manage_groups",
        "manage_drafts",
        "moderate",
        "respond",
        "record_offline",
        "treat_contributions",
        "manage_report",
        "view_audit_log",
        "view_dashboard",
    },
}


def process_roles(user) -> dict[int, set[ProcessRoleName]]:
    """The user's roles per process id, loaded once per request."""
    if not is_signed_in(user):
        return {}
    cache = g.setdefault("process_roles_cache", {})
    if user.id not in cache:
        rows = db.session.execute(
            select(ProcessRole.process_id, ProcessRole.role).where(ProcessRole.user_id == user.id)
        )
        roles: dict[int, set[ProcessRoleName]] = {}
        for process_id, role in rows:
            roles.setdefault(process_id, set()).add(role)
        cache[user.id] = roles
    return cache[user.id]


def forget_roles():
    """Drop the per-request role cache after roles change."""
    g.pop("process_roles_cache", None)


def is_organizer(user, process) -> bool:
    """Whether the user organizes this process."""
    return ProcessRoleName.ORGANIZER in process_roles(user).get(process.id, set())


def has_right(user, process, right: str) -> bool:
    """Whether the user holds ``right`` on the process through a role, or is admin."""
    if is_admin(user):
        return True
    return any(right in ROLE_RIGHTS[role] for role in process_roles(user).get(process.id, set()))


def phase_allows(process, feature: str, today) -> bool:
    """Whether the process's current phase opens ``feature`` to participants."""
    phase = process.current_phase(today)
    return phase is not None and feature in PHASE_FEATURES[phase.kind]


def can_view_process(user, process) -> bool:
    """Published processes are public; unpublished ones are seen by their organizers only."""
    return process.is_published or has_right(user, process, "edit_process")


def can_create_process(user) -> bool:
    """Admins and people who already organize a process (the département's team)."""
    return is_admin(user) or any(ProcessRoleName.ORGANIZER in roles for roles in process_roles(user).values())


def can_edit_process(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "edit_process")


def can_view_dashboard(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "view_dashboard")


def can_view_audit_log(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "view_audit_log")
