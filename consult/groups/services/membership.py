"""Memberships of organisations in groups: join, request, invite, decide, leave, remove."""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from consult.audit import record
from consult.auth.models import User
from consult.db import atomic, db, on_commit, utcnow
from consult.groups import permissions
from consult.groups.errors import (
    AlreadyInvited,
    AlreadyMember,
    GroupFull,
    InvitationOnly,
    NoPendingInvitation,
    NotAMember,
    NotFacilitator,
    NotOrganizer,
    NotRepresentative,
    RequestDecided,
)
from consult.groups.models import Group, GroupState, JoinPolicy, Membership, MembershipEvent, MembershipStatus
from consult.mail import external_url, queue_mail
from consult.stakeholders.models import Stakeholder
from consult.stakeholders.queries import confirmed_representatives, represents

logger = logging.getLogger(__name__)

SUBJECTS = {
    "joined": _l("Your organisation joined a working group"),
    "requested": _l("Your request to join a working group is recorded"),
    "accepted": _l("Your request to join a working group is accepted"),
    "declined": _l("Your request to join a working group is declined"),
    "invited": _l("Your organisation is invited to a working group"),
    "invitation_declined": _l("The invitation to a working group is declined"),
    "left": _l("Your organisation left a working group"),
    "removed": _l("Your organisation was removed from a working group"),
}


def _representative_emails(stakeholder_id: int) -> list[str]:
    representatives = confirmed_representatives().subquery()
    return list(
        db.session.scalars(
            select(User.email)
            .join(representatives, representatives.c.user_id == User.id)
            .where(representatives.c.stakeholder_id == stakeholder_id, User.deleted_at.is_(None))
        )
    )


def forget_standing():
    """Drop the cached group standings now (later checks in this transaction) and after the commit."""
    permissions.forget_group_standing()
    on_commit(permissions.forget_group_standing)


def _mail_organisation(membership: Membership, kind: str, message: str = ""):
    group = membership.group
    url = external_url("groups.show", slug=group.process.slug, group_slug=group.slug)
    for email in _representative_emails(membership.stakeholder_id):
        queue_mail(
            email,
            "groups_membership",
            SUBJECTS[kind],
            kind=kind,
            group=group,
            organisation=membership.stakeholder.name,
            message=message,
            url=url,
        )


def _set_status(membership: Membership, status: MembershipStatus, actor, reason: str = ""):
    membership.status = status
    if membership.id is None:
        db.session.flush()
    db.session.add(
        MembershipEvent(membership_id=membership.id, status=status, actor_id=actor.id if actor else None, reason=reason)
    )


def _count(group: Group, delta: int):
    """Move the member counter in SQL; the CHECK constraint refuses going past the size limit."""
    try:
        with atomic():
            db.session.execute(
                update(Group).where(Group.id == group.id).values(member_count=Group.member_count + delta)
            )
    except IntegrityError:
        raise GroupFull() from None


def _activate(membership: Membership, actor, now, reason: str = ""):
    _count(membership.group, +1)
    membership.joined_at = now
    _set_status(membership, MembershipStatus.ACTIVE, actor, reason)


def _locked_membership(group: Group, stakeholder_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership)
        .where(Membership.group_id == group.id, Membership.stakeholder_id == stakeholder_id)
        .with_for_update()
    )


def _finish(actor, membership: Membership, action: str, kind: str, message: str = "", reason: str = ""):
    membership.message = message
    record(actor, action, "membership", membership.id, process_id=membership.group.process_id, reason=reason)
    _mail_organisation(membership, kind, message or reason)
    db.session.refresh(membership.group)
    forget_standing()
    logger.info("membership %s of group %s: %s by user %s", membership.id, membership.group_id, kind, actor.id)
    return membership


@atomic
def join_group(actor, group: Group, stakeholder: Stakeholder, *, message: str = "", now=None) -> Membership:
    """Join an open group at once, or ask to join one that decides on requests, for an organisation.

    Args:
        actor: a confirmed representative of ``stakeholder``.
        group: the group.
        stakeholder: the organisation that joins (one membership per organisation per group).
        message: a note to the facilitators.
        now: the time of the change.

    Returns:
        The membership, active or requested.

    Raises:
        NotRepresentative: the actor does not represent the (live) organisation.
        InvitationOnly: the group admits on invitation only, or is not open.
        AlreadyMember: the organisation is already a member or has already asked.
        GroupFull: the group's size limit is reached.
    """
    now = now or utcnow()
    if stakeholder.process_id != group.process_id or not represents(actor, stakeholder):
        raise NotRepresentative()
    if group.state != GroupState.OPEN or group.join_policy == JoinPolicy.ON_INVITATION:
        raise InvitationOnly()
    membership = _locked_membership(group, stakeholder.id)
    if membership is not None and membership.status in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
        raise AlreadyMember()
    if membership is None:
        membership = Membership(group=group, stakeholder=stakeholder, status=MembershipStatus.REQUESTED)
        db.session.add(membership)
    if group.join_policy == JoinPolicy.OPEN or membership.status == MembershipStatus.INVITED:
        _activate(membership, actor, now)
        return _finish(actor, membership, "membership.join", "joined", message)
    _set_status(membership, MembershipStatus.REQUESTED, actor, message)
    return _finish(actor, membership, "membership.request", "requested", message)


@atomic
def decide_membership(actor, membership: Membership, *, accept: bool, message: str = "", now=None) -> Membership:
    """Accept or decline a request to join.

    Raises:
        NotAllowed: the actor neither facilitates the group nor organizes the process.
        RequestDecided: the request was already decided.
        GroupFull: the group's size limit is reached.
    """
    now = now or utcnow()
    if not permissions.is_facilitator(actor, membership.group):
        raise NotFacilitator(_l("Only the facilitators of this group may decide on requests."))
    membership = _locked_membership(membership.group, membership.stakeholder_id)
    if membership.status != MembershipStatus.REQUESTED:
        raise RequestDecided()
    if accept:
        _activate(membership, actor, now, message)
        return _finish(actor, membership, "membership.accept", "accepted", message)
    _set_status(membership, MembershipStatus.DECLINED, actor, message)
    return _finish(actor, membership, "membership.decline", "declined", message)


@atomic
def invite_organisation(actor, group: Group, stakeholder: Stakeholder, *, message: str = "") -> Membership:
    """Invite an organisation of the process to join the group.

    Raises:
        NotAllowed: the actor does not organize the process, or the organisation is of another process.
        AlreadyInvited: the organisation is already a member or already invited.
    """
    if not permissions.can_manage_groups(actor, group.process) or stakeholder.process_id != group.process_id:
        raise NotOrganizer(_l("Only the organizers of this concertation may invite organisations."))
    membership = _locked_membership(group, stakeholder.id)
    if membership is not None and membership.status in (MembershipStatus.ACTIVE, MembershipStatus.INVITED):
        raise AlreadyInvited()
    if membership is None:
        membership = Membership(group=group, stakeholder=stakeholder, status=MembershipStatus.INVITED)
        db.session.add(membership)
    _set_status(membership, MembershipStatus.INVITED, actor, message)
    return _finish(actor, membership, "membership.invite", "invited", message)


@atomic
def answer_invitation(actor, membership: Membership, *, accept: bool, now=None) -> Membership:
    """Accept or decline an invitation, as a representative of the invited organisation.

    Raises:
        NotRepresentative: the actor does not represent the (live) organisation.
        NoPendingInvitation: there is no pending invitation.
        GroupFull: the group's size limit is reached.
    """
    now = now or utcnow()
    if not represents(actor, membership.stakeholder):
        raise NotRepresentative()
    membership = _locked_membership(membership.group, membership.stakeholder_id)
    if membership.status != MembershipStatus.INVITED:
        raise NoPendingInvitation()
    if accept:
        _activate(membership, actor, now)
        return _finish(actor, membership, "membership.join", "joined")
    _set_status(membership, MembershipStatus.DECLINED, actor)
    return _finish(actor, membership, "membership.decline_invitation", "invitation_declined")


@atomic
def leave_group(actor, membership: Membership) -> Membership:
    """Take one's organisation out of a group.

    Raises:
        NotRepresentative: the actor does not represent the (live) organisation.
        NotAMember: the organisation is not a member.
    """
    if not represents(actor, membership.stakeholder):
        raise NotRepresentative()
    return _end(actor, membership, MembershipStatus.LEFT, "membership.leave", "left", "")


@atomic
def remove_member(actor, membership: Membership, *, reason: str) -> Membership:
    """Remove a member organisation, with a reason mailed to its representatives.

    Raises:
        NotAllowed: the actor does not organize the process.
        NotAMember: the organisation is not a member.
    """
    if not permissions.can_manage_groups(actor, membership.group.process):
        raise NotOrganizer(_l("Only the organizers of this concertation may remove a member."))
    return _end(actor, membership, MembershipStatus.REMOVED, "membership.remove", "removed", reason)


def _end(actor, membership, status, action, kind, reason):
    membership = _locked_membership(membership.group, membership.stakeholder_id)
    if membership.status != MembershipStatus.ACTIVE:
        raise NotAMember()
    _count(membership.group, -1)
    _set_status(membership, status, actor, reason)
    return _finish(actor, membership, action, kind, reason=reason)
