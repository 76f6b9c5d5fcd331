"""Reads for the notifications pages, the header count and the follow buttons."""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.routing import BuildError

from consult.consultation.models import Draft, DraftVersion, Section
from consult.consultation.permissions import can_view_version
from consult.db import db
from consult.groups.models import Group
from consult.notifications.kinds import KINDS, sentence
from consult.notifications.models import Follow, Notification, TargetType
from consult.permissions import is_signed_in
from consult.processes.models import Process
from consult.processes.permissions import can_view_process

PAGE_SIZE = 50


@dataclass
class FollowTarget:
    """Something followable, as a page names and links it."""

    target_type: TargetType
    target_id: int
    title: str
    url: str


def _sections(ids) -> list[Section]:
    return list(
        db.session.scalars(
            select(Section)
            .where(Section.id.in_(ids))
            .options(joinedload(Section.version).joinedload(DraftVersion.draft).joinedload(Draft.process))
        )
    )


def _groups(ids) -> list[Group]:
    return list(db.session.scalars(select(Group).where(Group.id.in_(ids)).options(joinedload(Group.process))))


def _processes(ids) -> list[Process]:
    return list(db.session.scalars(select(Process).where(Process.id.in_(ids))))


def _visible_targets(user, target_type: TargetType, ids) -> list[FollowTarget]:
    """The targets of one type among ``ids`` that the user may see, as links."""
    if target_type == TargetType.PROCESS:
        return [
            FollowTarget(target_type, p.id, p.title, url_for("processes.show", slug=p.slug))
            for p in _processes(ids)
            if can_view_process(user, p)
        ]
    if target_type == TargetType.SECTION:
        return [
            FollowTarget(
                target_type,
                s.id,
                f"{s.title} ({s.version.draft.process.title})",
                url_for("consultation.section", slug=s.version.draft.process.slug, section_id=s.id),
            )
            for s in _sections(ids)
            if can_view_process(user, s.version.draft.process)
            and can_view_version(user, s.version.draft.process, s.version)
        ]
    return [
        FollowTarget(
            target_type,
            g.id,
            f"{g.title} ({g.process.title})",
            url_for("groups.show", slug=g.process.slug, group_slug=g.slug),
        )
        for g in _groups(ids)
        if can_view_process(user, g.process)
    ]


def follow_target(user, target_type: TargetType, target_id: int) -> FollowTarget | None:
    """The target if it exists and the user may see it, else None."""
    found = _visible_targets(user, target_type, [target_id])
    return found[0] if found else None


def followed_targets(user) -> list[FollowTarget]:
    """What the user follows and can still see, concertations first (one query per type)."""
    rows = db.session.execute(select(Follow.target_type, Follow.target_id).where(Follow.user_id == user.id)).all()
    targets = []
    for target_type in TargetType:
        ids = [target_id for kind, target_id in rows if kind == target_type]
        if ids:
            targets.extend(_visible_targets(user, target_type, ids))
    return targets


def is_following(user, target_type: TargetType | str, target_id: int) -> bool:
    """Whether the signed-in user follows this target (templates give the type as a string)."""
    if not is_signed_in(user):
        return False
    target_type = TargetType(target_type)
    found = select(Follow.id).where(
        Follow.user_id == user.id, Follow.target_type == target_type, Follow.target_id == target_id
    )
    return db.session.scalar(found) is not None


def unread_count(user) -> int:
    """How many notifications the user has not opened (one indexed count)."""
    if not is_signed_in(user):
        return 0
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


@dataclass
class NotificationItem:
    """One line of the notifications page."""

    id: int
    text: str
    kind_label: str
    created_at: object
    unread: bool


def notification_page(user, page: int) -> tuple[list[NotificationItem], bool]:
    """The user's notifications, newest first, one page; and whether an older page exists."""
    rows = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    ).all()
    items = [
        NotificationItem(
            n.id,
            sentence(n.event.kind, n.event.payload),
            str(KINDS[n.event.kind].label),
            n.created_at,
            n.read_at is None,
        )
        for n in rows[:PAGE_SIZE]
    ]
    return items, len(rows) > PAGE_SIZE


def event_path(payload: dict) -> str:
    """The page an event is about, as a path on this site (the home page if it no longer exists)."""
    try:
        return url_for(payload["endpoint"], **payload["values"])
    except (BuildError, KeyError):
        return url_for("processes.home")
