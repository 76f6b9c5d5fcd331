"""Every "may this user do X on Y" answer, as named predicates used by views and templates alike.

Predicates take the user first (possibly anonymous) and return a bool. Views enforce them with
``require(...)``; templates call the same functions (exposed as ``perm``) to show a button.
"""

from flask import abort, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from consult.db import db
from consult.processes.models import PhaseKind, ProcessRole, ProcessRoleName

# What each phase opens to participants; anything not listed is closed in that phase.
PHASE_FEATURES: dict[PhaseKind, set[str]] = {
    PhaseKind.IDENTIFICATION: {"represent"},
    PhaseKind.DIAGNOSTIC: {"represent", "join_group", "register_meeting"},
    PhaseKind.OBJECTIVES: {"represent", "join_group", "register_meeting"},
    PhaseKind.WORKING_GROUPS: {"represent", "join_group", "register_meeting", "propose_action"},
    PhaseKind.CONSULTATION: {"represent", "register_meeting", "comment", "position", "support", "amend", "flag"},
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
    },
}


# --- small predicates -------------------------------------------------------


def is_signed_in(user) -> bool:
    """Whether the user is signed in with a live account."""
    return bool(user and user.is_authenticated and user.is_active)


def is_confirmed(user) -> bool:
    """Whether the user is signed in with a confirmed email address."""
    return is_signed_in(user) and user.is_confirmed


def is_admin(user) -> bool:
    """Whether the user operates the platform."""
    return is_signed_in(user) and user.is_admin


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


# --- processes --------------------------------------------------------------


def can_view_process(user, process) -> bool:
    """Published processes are public; unpublished ones are seen by their organizers only."""
    return process.is_published or has_right(user, process, "edit_process")


def can_create_process(user) -> bool:
    """Admins and people who already organize a process (the département's team)."""
    return is_admin(user) or any(ProcessRoleName.ORGANIZER in roles for roles in process_roles(user).values())


def can_edit_process(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "edit_process")


def can_view_audit_log(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "view_audit_log")


# --- consultation -----------------------------------------------------------


def version_is_open(version, now) -> bool:
    """Whether a published version's consultation window includes ``now`` (opens inclusive, closes exclusive)."""
    return (
        version.published_at is not None
        and version.opens_at is not None
        and version.closes_at is not None
        and version.opens_at <= now < version.closes_at
    )


def can_manage_drafts(user, process) -> bool:
    """Organizers write and publish the drafts of their process."""
    return has_right(user, process, "manage_drafts")


def can_view_version(user, process, version) -> bool:
    """Published versions are public with their process; unpublished ones are seen by organizers."""
    if not can_view_process(user, process):
        return False
    return version.published_at is not None or can_manage_drafts(user, process)


def can_contribute(user, version, now) -> bool:
    """Signed-in people with a confirmed email, while the version's window is open."""
    return is_confirmed(user) and version_is_open(version, now)


def can_withdraw_contribution(user, contribution) -> bool:
    """Only its author, online, may withdraw a contribution."""
    return is_signed_in(user) and contribution.author_id == user.id


def can_moderate(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "moderate")


def can_respond(user, process) -> bool:
    """Organizers answer contributions officially."""
    return has_right(user, process, "respond")


def can_record_offline(user, process) -> bool:
    """Organizers enter contributions received at meetings, by letter or phone."""
    return has_right(user, process, "record_offline")


# --- stakeholders -----------------------------------------------------------


def can_manage_stakeholders(user, process) -> bool:
    """Organizers of the process and admins keep the registry, invitations and representatives."""
    return has_right(user, process, "manage_stakeholders")


def can_view_stakeholder_contacts(user, process) -> bool:
    """Contact details are personal data: organizers of that process and admins only."""
    return has_right(user, process, "manage_stakeholders")


def can_view_organisations(user, process, public_list: bool) -> bool:
    """The list of organisations is shown when the organizer allows it (always to organizers)."""
    return public_list or can_manage_stakeholders(user, process)


def can_ask_to_represent(user, process, today) -> bool:
    """Confirmed participants may ask to represent an organisation while the phase allows it."""
    return is_confirmed(user) and phase_allows(process, "represent", today)


# --- working groups ---------------------------------------------------------


def group_standing(user, group) -> tuple[set[int], bool]:
    """(ids of the user's organisations that are active members, whether the user facilitates), once per request."""
    if not is_signed_in(user):
        return set(), False
    from consult.groups.models import Facilitator, Membership, MembershipStatus
    from consult.stakeholders.queries import represented_ids

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
    from consult.groups.models import GroupState, JoinPolicy

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
    from consult.dates import paris_today
    from consult.groups.meeting_models import MeetingState

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
    from consult.groups.meeting_models import MeetingState

    return (
        is_signed_in(user)
        and registration.user_id == user.id
        and registration.meeting.state(now) == MeetingState.UPCOMING
    )


def can_edit_meeting(user, meeting, now) -> bool:
    """Facilitators change a meeting until it is over, unless it is cancelled."""
    from consult.groups.meeting_models import MeetingState

    return is_facilitator(user, meeting.group) and meeting.state(now) in (MeetingState.UPCOMING, MeetingState.UNDER_WAY)


def can_cancel_meeting(user, meeting, now) -> bool:
    """Facilitators cancel a meeting that has not started."""
    from consult.groups.meeting_models import MeetingState

    return is_facilitator(user, meeting.group) and meeting.state(now) == MeetingState.UPCOMING


def can_record_minutes(user, meeting, now) -> bool:
    """Facilitators record attendance and minutes once the meeting has started (never for a cancelled one)."""
    from consult.groups.meeting_models import MeetingState

    return is_facilitator(user, meeting.group) and meeting.state(now) in (MeetingState.UNDER_WAY, MeetingState.OVER)


def can_see_video_link(user, meeting, registration=None) -> bool:
    """Members and facilitators of the group, and the person whose live ``registration`` for it is given.

    The caller passes the user's registration it already holds (page, feed, mail) so no query is needed.
    """
    from consult.groups.meeting_models import RegistrationStatus

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
    from consult.groups.proposal_models import ProposalStatus

    return proposal.status != ProposalStatus.DRAFT or can_see_group_inside(user, proposal.group)


def can_write_proposal(user, group, today) -> bool:
    """Members and facilitators write action sheets while the phase allows it."""
    from consult.groups.models import GroupState

    return (
        can_see_group_inside(user, group)
        and group.state == GroupState.OPEN
        and (phase_allows(group.process, "propose_action", today) or can_manage_groups(user, group.process))
    )


def can_edit_proposal(user, proposal, today) -> bool:
    """Any member edits a sheet while it is a draft."""
    from consult.groups.proposal_models import ProposalStatus

    return proposal.status == ProposalStatus.DRAFT and can_write_proposal(user, proposal.group, today)


def can_submit_proposal(user, proposal) -> bool:
    """Facilitators submit a draft sheet in the group's name."""
    from consult.groups.proposal_models import ProposalStatus

    return proposal.status == ProposalStatus.DRAFT and is_facilitator(user, proposal.group)


def can_decide_proposal(user, proposal) -> bool:
    """Organizers review submitted sheets and decide what becomes of them."""
    from consult.groups.proposal_models import ProposalStatus

    return proposal.status != ProposalStatus.DRAFT and can_manage_groups(user, proposal.group.process)


# --- closing report: publishing ---------------------------------------------


def can_manage_report(user, process) -> bool:
    """Organizers of the process and admins see the draft report, edit its texts and publish it."""
    return has_right(user, process, "manage_report")


# --- report: treating contributions ---------------------------------------


def can_treat_contributions(user, process) -> bool:
    """Organizers of the process and admins: themes and dispositions."""
    return has_right(user, process, "treat_contributions")


def can_write_report_texts(user, process) -> bool:
    """Organizers of the process and admins: syntheses, legal frame, next steps."""
    return has_right(user, process, "manage_report")


# --- accounts and administration -------------------------------------------


def can_manage_users(user) -> bool:
    """Only admins manage users and roles across processes."""
    return is_admin(user)


# --- enforcement ------------------------------------------------------------


def require(allowed: bool):
    """Stop the request unless ``allowed``: visitors go to sign-in, others get a 403 page."""
    if allowed:
        return
    if not is_signed_in(current_user):
        abort(redirect(url_for("auth.login", next=request.full_path.rstrip("?"))))
    abort(403)
