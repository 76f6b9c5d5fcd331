"""Who may see, join and work in a working group: members, facilitators, organizers."""

from flask import g
from sqlalchemy import select

from consult.dates import paris_today
from consult.db import db
from consult.groups.meeting_models import MeetingState, RegistrationStatus
from consult.groups.models import Facilitator, GroupState, JoinPolicy, Membership, MembershipStatus
from consult.groups.proposal_models import ProposalStatus
from consult.permissions import is_confirmed, is_signed_in
from consult.processes.permissions import has_right, phase_allows
from consult.stakeholders.queries import represented_ids


def group_standing(user, group) -> tuple[set[int], bool]:
    """(ids of the user's organisations that are active members, whether the user facilitates), once per request."""
    if not is_signed_in(user):
        return set(), False
    cache = g.setdefault("group_standing_cache", {})
    key = (user.id, group.id)
    if key not in cache:
        member_of = set(
            db.session.scalars(
                select(Membership.stakeholder_id).where(
                    Membership.group_id == group.id,
                    Membership.status == MembershipStatus.ACTIVE,
                    Membership.stakeholder_id.in_(represented_ids(user.id)),
                )
            )
        )
        facilitates = db.session.scalar(
            select(Facilitator.id).where(Facilitator.group_id == group.id, Facilitator.user_id == user.id)
        )
        cache[key] = (member_of, facilitates is not None)
    return cache[key]


def forget_group_standing():
    """Drop the per-request membership cache after memberships change."""
    g.pop("group_standing_cache", None)


def can_manage_groups(user, process) -> bool:
    """Organizers of the process create groups, invite organisations, decide on proposals."""
    return has_right(user, process, "manage_groups")


def is_facilitator(user, group) -> bool:
    """Organizers of the process and the people they designated for this group."""
    return can_manage_groups(user, group.process) or group_standing(user, group)[1]


def is_group_member(user, group) -> bool:
    """Confirmed representatives of a member organisation."""
    return is_confirmed(user) and bool(group_standing(user, group)[0])


def can_see_group_inside(user, group) -> bool:
    """Members and facilitators see meetings, documents and draft proposals; visitors the public parts."""
    return is_group_member(user, group) or is_facilitator(user, group)


def can_join_group(user, group, today) -> bool:
    """A confirmed user may ask to join (the service checks they represent an organisation) while open."""
    return (
        is_confirmed(user)
        and group.state == GroupState.OPEN
        and group.join_policy != JoinPolicy.ON_INVITATION
        and phase_allows(group.process, "join_group", today)
    )


def can_view_meeting(user, meeting) -> bool:
    """Public meetings and published minutes are seen by everyone; group meetings by members and facilitators."""
    return meeting.is_public or meeting.minutes_published_at is not None or can_see_group_inside(user, meeting.group)


def registrations_open(meeting, now) -> bool:
    """Whether a meeting takes registrations: upcoming, before its deadline, in a phase that allows them."""
    if meeting.state(now) != MeetingState.UPCOMING:
        return False
    if meeting.registration_deadline is not None and now > meeting.registration_deadline:
        return False
    return phase_allows(meeting.group.process, "register_meeting", paris_today(now))


def can_register_meeting(user, meeting, now) -> bool:
    """Anyone confirmed for a public meeting, members for a group meeting, while registrations are open."""
    return (
        registrations_open(meeting, now)
        and is_confirmed(user)
        and (meeting.is_public or can_see_group_inside(user, meeting.group))
    )


def can_cancel_registration(user, registration, now) -> bool:
    """Its owner, until the meeting starts (afterwards the seat is part of the attendance)."""
    return (
        is_signed_in(user)
        and registration.user_id == user.id
        and registration.meeting.state(now) == MeetingState.UPCOMING
    )


def can_edit_meeting(user, meeting, now) -> bool:
    """Facilitators change a meeting until it is over, unless it is cancelled."""
    return is_facilitator(user, meeting.group) and meeting.state(now) in (MeetingState.UPCOMING, MeetingState.UNDER_WAY)


def can_cancel_meeting(user, meeting, now) -> bool:
    """Facilitators cancel a meeting that has not started."""
    return is_facilitator(user, meeting.group) and meeting.state(now) == MeetingState.UPCOMING


def can_record_minutes(user, meeting, now) -> bool:
    """Facilitators record attendance and minutes once the meeting has started (never for a cancelled one)."""
    return is_facilitator(user, meeting.group) and meeting.state(now) in (MeetingState.UNDER_WAY, MeetingState.OVER)


def can_see_video_link(user, meeting, registration=None) -> bool:
    """Members and facilitators of the group, and the person whose live ``registration`` for it is given.

    The caller passes the user's registration it already holds (page, feed, mail) so no query is needed.
    """
    registered = (
        registration is not None
        and is_signed_in(user)
        and registration.user_id == user.id
        and registration.meeting_id == meeting.id
        and registration.status != RegistrationStatus.CANCELLED
    )
    return bool(meeting.video_url) and (registered or can_see_group_inside(user, meeting.group))


def can_view_document(user, document, group) -> bool:
    """Public documents are seen by everyone; the others by members and facilitators."""
    return document.is_public or can_see_group_inside(user, group)


def can_view_proposal(user, proposal) -> bool:
    """Accepted (fully or partly) sheets are public; submitted ones too; drafts stay in the group."""
    return proposal.status != ProposalStatus.DRAFT or can_see_group_inside(user, proposal.group)


def can_write_proposal(user, group, today) -> bool:
    """Members and facilitators write action sheets while the phase allows it."""
    return (
        can_see_group_inside(user, group)
        and group.state == GroupState.OPEN
        and (phase_allows(group.process, "propose_action", today) or can_manage_groups(user, group.process))
    )


def can_edit_proposal(user, proposal, today) -> bool:
    """Any member edits a sheet while it is a draft."""
    return proposal.status == ProposalStatus.DRAFT and can_write_proposal(user, proposal.group, today)


def can_submit_proposal(user, proposal) -> bool:
    """Facilitators submit a draft sheet in the group's name."""
    return proposal.status == ProposalStatus.DRAFT and is_facilitator(user, proposal.group)


def can_decide_proposal(user, proposal) -> bool:
    """Organizers review submitted sheets and decide what becomes of them."""
    return proposal.status != ProposalStatus.DRAFT and can_manage_groups(user, proposal.group.process)
