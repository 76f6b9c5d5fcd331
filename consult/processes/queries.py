"""Reads for the process pages."""

from functools import cache

from flask import abort
from flask_login import current_user
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import selectinload

from consult.db import db
from consult.permissions import is_admin
from consult.processes import permissions
from consult.processes.models import Process, ProcessRole


def visible_processes(user) -> list[Process]:
    """Published processes, plus the unpublished ones the user organizes (admins see all)."""
    query = select(Process).options(selectinload(Process.phases)).order_by(Process.created_at.desc())
    if not is_admin(user):
        organized = list(permissions.process_roles(user))
        query = query.where(or_(Process.is_published.is_(True), Process.id.in_(organized)))
    return list(db.session.scalars(query))


def get_process_or_404(slug: str, *, with_phases: bool = True) -> Process:
    """The process with this slug that the current user may see, or a 404.

    ``with_phases=False`` for the participation pages, which never show the calendar: one query less on the
    pages read and posted to most.
    """
    process = db.session.scalar(_process_by_slug(with_phases), {"slug": slug})
    if process is None or not permissions.can_view_process(current_user, process):
        abort(404)
    return process


# Built once: every page of a process starts here, and building the statement cost as much as running it.
@cache
def _process_by_slug(with_phases: bool):
    query = select(Process).where(Process.slug == bindparam("slug"))
    return query.options(selectinload(Process.phases)) if with_phases else query


def organizers_of(process: Process) -> list[ProcessRole]:
    """The process's organizer roles with their users."""
    return list(
        db.session.scalars(
            select(ProcessRole).where(ProcessRole.process_id == process.id).options(selectinload(ProcessRole.user))
        )
    )
