"""Create and edit groups, designate facilitators."""

import logging

from flask_babel import lazy_gettext as _l
from slugify import slugify
from sqlalchemy import delete, select

from consult.audit import record
from consult.auth.services import find_user_by_email
from consult.consultation.models import Section
from consult.consultation.queries import in_process_sections
from consult.db import atomic, db
from consult.groups import permissions
from consult.groups.errors import (
    LimitBelowMembers,
    NotAFacilitator,
    NotEligibleFacilitator,
    NotOrganizer,
    UnknownAccount,
)
from consult.groups.models import Facilitator, Group, GroupSection, GroupState, JoinPolicy
from consult.groups.services.membership import forget_standing
from consult.processes.permissions import is_organizer
from consult.stakeholders.queries import represented_stakeholders
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)


def _unique_slug(process_id: int, title: str, exclude_id: int | None = None) -> str:
    base = slugify(title, max_length=70) or "groupe"
    slug, n = base, 2
    taken = select(Group.id).where(Group.process_id == process_id, Group.id != exclude_id)
    while db.session.scalar(taken.where(Group.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_manager(actor, process):
    if not permissions.can_manage_groups(actor, process):
        raise NotOrganizer()


def sections_of_process(process_id: int, section_ids) -> list[int]:
    """The ids among ``section_ids`` that are sections of this process's drafts."""
    return sorted(
        db.session.scalars(in_process_sections(select(Section.id), process_id).where(Section.id.in_(list(section_ids))))
    )


def _set_sections(group: Group, section_ids):
    db.session.execute(delete(GroupSection).where(GroupSection.group_id == group.id))
    for section_id in sections_of_process(group.process_id, section_ids):
        db.session.add(GroupSection(group_id=group.id, section_id=section_id))


@atomic
def create_group(
    actor,
    process,
    *,
    title: str,
    mandate_md: str,
    fields: list[str],
    join_policy: JoinPolicy,
    size_limit: int | None,
    section_ids: list[int] = (),
) -> Group:
    """Open a working group in a process.

    Args:
        actor: an organizer of the process.
        process: the process the group belongs to.
        title: the group's title.
        mandate_md: its mandate in Markdown.
        fields: values of Field.
        join_policy: how organisations join.
        size_limit: the maximum number of member organisations, or None.
        section_ids: the draft sections the group works on.

    Returns:
        The new group.

    Raises:
        NotAllowed: the actor does not organize the process.
    """
    _check_manager(actor, process)
    group = Group(
        process_id=process.id,
        title=title.strip(),
        slug=_unique_slug(process.id, title),
        mandate_md=mandate_md,
        mandate_html=markdown_to_html(mandate_md),
        fields=list(fields),
        join_policy=join_policy,
        size_limit=size_limit,
        state=GroupState.OPEN,
    )
    db.session.add(group)
    db.session.flush()
    _set_sections(group, list(section_ids))
    record(actor, "group.create", "group", group.id, process_id=process.id)
    logger.info("group %s created in process %s by user %s", group.slug, process.id, actor.id)
    return group


@atomic
def update_group(
    actor,
    group: Group,
    *,
    title: str,
    mandate_md: str,
    fields: list[str],
    join_policy: JoinPolicy,
    size_limit: int | None,
    state: GroupState,
    section_ids: list[int] = (),
) -> Group:
    """Change a group's description, policy, limit or state.

    Raises:
        NotAllowed: the actor does not organize the process.
        LimitBelowMembers: the new size limit is below the current number of members (from the database).
    """
    _check_manager(actor, group.process)
    if size_limit is not None and size_limit < group.member_count:
        raise LimitBelowMembers()
    changes = {}
    for name, value in (("title", title.strip()), ("join_policy", join_policy), ("state", state)):
        before = getattr(group, name)
        if before != value:
            changes[name] = [getattr(before, "value", before), getattr(value, "value", value)]
            setattr(group, name, value)
    group.size_limit = size_limit
    group.mandate_md, group.mandate_html = mandate_md, markdown_to_html(mandate_md)
    group.fields = list(fields)
    _set_sections(group, list(section_ids))
    record(actor, "group.update", "group", group.id, process_id=group.process_id, changes=changes)
    logger.info("group %s updated by user %s", group.slug, actor.id)
    return group


@atomic
def add_facilitator(actor, group: Group, email: str) -> Facilitator:
    """Designate the account with this address as a facilitator of the group.

    Raises:
        NotAllowed: the actor does not organize the process, or the person is neither an organizer nor a
            representative of an organisation of the process.
        NotFound: no live account uses this address.
    """
    _check_manager(actor, group.process)
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        raise UnknownAccount()
    if not is_organizer(user, group.process) and not represented_stakeholders(user, group.process_id):
        raise NotEligibleFacilitator(
            _l("Facilitators are organizers or representatives of an organisation of the registry.")
        )
    existing = db.session.scalar(
        select(Facilitator).where(Facilitator.group_id == group.id, Facilitator.user_id == user.id)
    )
    if existing is not None:
        return existing
    facilitator = Facilitator(group_id=group.id, user_id=user.id)
    db.session.add(facilitator)
    record(actor, "group.facilitator_add", "user", user.id, process_id=group.process_id)
    forget_standing()
    return facilitator


@atomic
def remove_facilitator(actor, group: Group, user_id: int):
    """Withdraw a facilitator.

    Raises:
        NotAllowed: the actor does not organize the process.
        NotFound: the person does not facilitate this group.
    """
    _check_manager(actor, group.process)
    facilitator = db.session.scalar(
        select(Facilitator).where(Facilitator.group_id == group.id, Facilitator.user_id == user_id)
    )
    if facilitator is None:
        raise NotAFacilitator()
    db.session.delete(facilitator)
    record(actor, "group.facilitator_remove", "user", user_id, process_id=group.process_id)
    forget_standing()
