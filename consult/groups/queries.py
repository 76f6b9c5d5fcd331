"""Reads for the group pages, each in a constant number of queries."""

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from flask import abort
from sqlalchemy import bindparam, func, literal, select, union_all
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from consult.auth.models import User
from consult.consultation.models import Section
from consult.consultation.queries import sections_in_reading_order
from consult.db import column_rows, db
from consult.groups import permissions
from consult.groups.meeting_models import Document, Meeting, Registration, RegistrationStatus
from consult.groups.models import Facilitator, Group, GroupSection, GroupState, Membership, MembershipStatus
from consult.groups.proposal_models import Proposal, ProposalChange, ProposalSection, ProposalStatus
from consult.permissions import is_signed_in
from consult.processes.models import Process
from consult.processes.queries import get_process_or_404
from consult.stakeholders.models import Stakeholder
from consult.stakeholders.queries import represented_stakeholders


def groups_of_process(process, *, include_archived=True) -> list[Group]:
    """The process's groups, by title."""
    query = select(Group).where(Group.process_id == process.id).order_by(Group.title)
    if not include_archived:
        query = query.where(Group.state != GroupState.ARCHIVED)
    return list(db.session.scalars(query))


def get_group_or_404(slug: str, group_slug: str) -> Group:
    """The group of a visible process, or a 404."""
    process = get_process_or_404(slug)
    group = db.session.scalar(select(Group).where(Group.process_id == process.id, Group.slug == group_slug))
    if group is None:
        abort(404)
    # The process is already loaded (with its phases): give it to the group rather than load it again.
    set_committed_value(group, "process", process)
    return group


def get_in_group_or_404(model, object_id: int, group: Group):
    """A meeting, document or proposal of this group, or a 404."""
    obj = db.session.get(model, object_id)
    if obj is None or obj.group_id != group.id:
        abort(404)
    return obj


def get_membership_or_404(membership_id: int, group: Group) -> Membership:
    """A membership of this group with its organisation, or a 404."""
    membership = db.session.scalar(
        select(Membership).where(Membership.id == membership_id).options(joinedload(Membership.stakeholder))
    )
    if membership is None or membership.group_id != group.id:
        abort(404)
    return membership


def process_sections(process_id: int) -> list[Section]:
    """The sections of the process's drafts in the drafts' reading order (latest versions last), for choices."""
    return sections_in_reading_order(process_id)


def organisations_to_invite(group: Group) -> list[Stakeholder]:
    """The process's organisations that are neither members nor invited."""
    taken = select(Membership.stakeholder_id).where(
        Membership.group_id == group.id,
        Membership.status.in_([MembershipStatus.ACTIVE, MembershipStatus.INVITED]),
    )
    return list(
        db.session.scalars(
            select(Stakeholder)
            .where(Stakeholder.process_id == group.process_id, Stakeholder.archived_at.is_(None))
            .where(Stakeholder.id.not_in(taken))
            .order_by(Stakeholder.search_name)
        )
    )


@dataclass
class GroupPage:
    """What the group page shows; ``inside`` tells whether the viewer sees the members' parts."""

    inside: bool
    facilitators: list = field(default_factory=list)
    members: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    my_registrations: dict = field(default_factory=dict)
    my_organisations: list = field(default_factory=list)
    my_memberships: dict = field(default_factory=dict)


def group_page(group: Group, user, now) -> GroupPage:
    """Everything the group page shows, in a fixed number of queries."""
    inside = permissions.can_see_group_inside(user, group)
    page = GroupPage(inside=inside)
    page.facilitators = list(
        db.session.scalars(
            select(User).join(Facilitator, Facilitator.user_id == User.id).where(Facilitator.group_id == group.id)
        )
    )
    memberships = db.session.scalars(
        select(Membership)
        .where(Membership.group_id == group.id)
        .options(joinedload(Membership.stakeholder))
        .order_by(Membership.id)
    ).all()
    page.members = sorted(
        (m for m in memberships if m.status == MembershipStatus.ACTIVE), key=lambda m: m.stakeholder.name
    )
    page.pending = [m for m in memberships if m.status in (MembershipStatus.REQUESTED, MembershipStatus.INVITED)]
    page.sections = sections_in_reading_order(
        group.process_id, select(GroupSection.section_id).where(GroupSection.group_id == group.id)
    )
    _meetings(page, group, user, now)
    _documents_and_proposals(page, group)
    page.my_organisations = represented_stakeholders(user, group.process_id)
    page.my_memberships = {m.stakeholder_id: m for m in memberships}
    return page


def _meetings(page: GroupPage, group: Group, user, now):
    query = select(Meeting).where(Meeting.group_id == group.id).order_by(Meeting.starts_at)
    if not page.inside:
        query = query.where(Meeting.is_public.is_(True) | Meeting.minutes_published_at.is_not(None))
    meetings = db.session.scalars(query).all()
    page.upcoming = [m for m in meetings if m.ends_at >= now]
    page.past = [m for m in reversed(meetings) if m.ends_at < now]
    if is_signed_in(user) and meetings:
        registrations = db.session.scalars(
            select(Registration).where(
                Registration.user_id == user.id,
                Registration.meeting_id.in_([m.id for m in meetings]),
                Registration.status != RegistrationStatus.CANCELLED,
            )
        )
        page.my_registrations = {r.meeting_id: r for r in registrations}


def _documents_and_proposals(page: GroupPage, group: Group):
    documents = select(Document).where(Document.group_id == group.id, Document.meeting_id.is_(None))
    proposals = select(Proposal).where(Proposal.group_id == group.id).order_by(Proposal.created_at.desc())
    if not page.inside:
        documents = documents.where(Document.is_public.is_(True))
        proposals = proposals.where(Proposal.status.in_([ProposalStatus.ACCEPTED, ProposalStatus.PARTLY_ACCEPTED]))
    page.documents = list(db.session.scalars(documents.order_by(Document.created_at.desc())))
    page.proposals = list(db.session.scalars(proposals))


def calendar_feed(group: Group, user, now) -> tuple[list[Meeting], set[int]]:
    """The meetings of the group's iCalendar feed for this viewer, and the ids of those whose video link they see.

    Outsiders (and calendar apps, which subscribe anonymously) get the public meetings only: a members-only
    meeting never enters their feed, even once its minutes are published.
    """
    page = GroupPage(inside=permissions.can_see_group_inside(user, group))
    _meetings(page, group, user, now)
    meetings = [m for m in page.upcoming + page.past if m.cancelled_at is None and (page.inside or m.is_public)]
    video_for = {m.id for m in meetings if permissions.can_see_video_link(user, m, page.my_registrations.get(m.id))}
    return meetings, video_for


@dataclass
class MeetingPage:
    """What the meeting page shows."""

    registrations: list
    mine: Registration | None
    needs: Counter
    needs_other: list
    seated: int
    waiting: int
    documents: list
    by_organisation: dict
    #: the viewer's place on the waiting list (1 = next to get a seat), or None
    waiting_position: int | None = None


def meeting_page(meeting: Meeting, user, *, facilitator: bool, inside: bool) -> MeetingPage:
    """The meeting with its registrations (for facilitators), the viewer's own, and its documents."""
    registrations = db.session.scalars(
        select(Registration)
        .where(Registration.meeting_id == meeting.id, Registration.status != RegistrationStatus.CANCELLED)
        .options(joinedload(Registration.user), joinedload(Registration.stakeholder))
        .order_by(Registration.created_at, Registration.id)
    ).all()
    mine = next((r for r in registrations if is_signed_in(user) and r.user_id == user.id), None)
    seated = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]  # in promotion order
    needs = Counter(need for r in seated for need in r.needs)
    by_organisation: dict[str, list] = {}
    for r in seated:
        if r.attended:
            by_organisation.setdefault(r.stakeholder.name if r.stakeholder else "", []).append(r)
    for walk_in in meeting.walk_ins or []:
        by_organisation.setdefault(walk_in["organisation"], []).append(walk_in)
    documents = select(Document).where(Document.meeting_id == meeting.id).order_by(Document.created_at)
    if not inside:
        documents = documents.where(Document.is_public.is_(True))
    return MeetingPage(
        registrations=list(registrations) if facilitator else [],
        mine=mine,
        needs=needs,
        needs_other=[r.needs_other for r in seated if r.needs_other],
        seated=len(seated),
        waiting=len(waiting),
        documents=list(db.session.scalars(documents)),
        by_organisation=dict(sorted(by_organisation.items())),
        waiting_position=waiting.index(mine) + 1 if mine in waiting else None,
    )


def proposal_sections(proposal: Proposal) -> tuple[list[Section], list[Section]]:
    """(sections the sheet feeds, sections that changed because of it)."""
    process_id = proposal.group.process_id
    fed = select(ProposalSection.section_id).where(ProposalSection.proposal_id == proposal.id)
    changed = select(ProposalChange.section_id).where(ProposalChange.proposal_id == proposal.id)
    return sections_in_reading_order(process_id, fed), sections_in_reading_order(process_id, changed)


def proposals_for_section(section_id: int) -> list:
    """Submitted sheets that feed this section or led to its change, one query of plain columns.

    Each row: ``id``, ``title``, ``status``, ``group_slug``, ``group_title``, ``process_slug``, ``feeds`` and
    ``changed``. The section page asks on every view, mostly for none: loading objects cost more than the query.
    """
    return column_rows(_section_proposals_statement(), {"section_id": section_id})


# Built once: the section page asks on every view, and building the statement cost more than running it.
# It starts from the section's links (indexed by section), not from every sheet of every process.
@cache
def _section_proposals_statement():
    section_id = bindparam("section_id")
    links = union_all(
        select(ProposalSection.proposal_id, literal(1).label("feeds"), literal(0).label("changed")).where(
            ProposalSection.section_id == section_id
        ),
        select(ProposalChange.proposal_id, literal(0), literal(1)).where(ProposalChange.section_id == section_id),
    ).subquery()
    linked = (
        select(links.c.proposal_id, func.max(links.c.feeds).label("feeds"), func.max(links.c.changed).label("changed"))
        .group_by(links.c.proposal_id)
        .subquery()
    )
    return (
        select(
            Proposal.id,
            Proposal.title,
            Proposal.status,
            Group.slug.label("group_slug"),
            Group.title.label("group_title"),
            Process.slug.label("process_slug"),
            (linked.c.feeds == 1).label("feeds"),
            (linked.c.changed == 1).label("changed"),
        )
        .join(linked, linked.c.proposal_id == Proposal.id)
        .join(Group, Group.id == Proposal.group_id)
        .join(Process, Process.id == Group.process_id)
        .where(Proposal.status != ProposalStatus.DRAFT)
        .order_by(Proposal.submitted_at, Proposal.id)
    )


def membership_history(group: Group) -> list:
    """Every membership event of the group, newest first: (event, organisation name, actor name)."""
    from consult.groups.models import MembershipEvent

    return list(
        db.session.execute(
            select(MembershipEvent, Stakeholder.name, User.display_name)
            .join(Membership, Membership.id == MembershipEvent.membership_id)
            .join(Stakeholder, Stakeholder.id == Membership.stakeholder_id)
            .outerjoin(User, User.id == MembershipEvent.actor_id)
            .where(Membership.group_id == group.id)
            .order_by(MembershipEvent.id.desc())
        )
    )


def my_registration(meeting: Meeting, user, *, include_cancelled: bool = False) -> Registration | None:
    """The user's live registration for the meeting (or a cancelled one when asked), if any."""
    if not permissions.is_signed_in(user):
        return None
    query = select(Registration).where(Registration.meeting_id == meeting.id, Registration.user_id == user.id)
    if not include_cancelled:
        query = query.where(Registration.status != RegistrationStatus.CANCELLED)
    return db.session.scalar(query)


def join_requests_by_group(process) -> list[tuple[Group, int]]:
    """The groups with organisations asking to join, and how many ask, in one query."""
    query = (
        select(Group, func.count(Membership.id))
        .join(Membership, Membership.group_id == Group.id)
        .where(Group.process_id == process.id, Membership.status == MembershipStatus.REQUESTED)
        .group_by(Group.id)
        .order_by(Group.title)
    )
    return [(group, count) for group, count in db.session.execute(query)]


def meetings_without_minutes(process, now) -> list[Meeting]:
    """The meetings held (ended, not cancelled) whose minutes are not filed yet, oldest first, in one query."""
    query = (
        select(Meeting)
        .join(Group, Group.id == Meeting.group_id)
        .options(joinedload(Meeting.group))
        .where(
            Group.process_id == process.id,
            Meeting.cancelled_at.is_(None),
            Meeting.ends_at <= now,
            Meeting.minutes_published_at.is_(None),
        )
        .order_by(Meeting.starts_at)
    )
    return list(db.session.scalars(query))


def process_calendar(process, user, now) -> tuple[list[Meeting], list[Meeting], set[int]]:
    """Every meeting of the concertation this viewer may see (upcoming, then past), and those whose video link they see.

    Public meetings for everyone; members' meetings for those who see the group's inside
    (``permissions.can_see_group_inside``); video links as the meeting page shows them (``can_see_video_link``).
    """
    query = (
        select(Meeting)
        .join(Group, Group.id == Meeting.group_id)
        .options(joinedload(Meeting.group).joinedload(Group.process))
        .where(Group.process_id == process.id, Meeting.cancelled_at.is_(None))
        .order_by(Meeting.starts_at)
    )
    meetings = [m for m in db.session.scalars(query) if m.is_public or permissions.can_see_group_inside(user, m.group)]
    mine = {}
    if is_signed_in(user) and meetings:
        registrations = db.session.scalars(
            select(Registration).where(
                Registration.user_id == user.id,
                Registration.meeting_id.in_([m.id for m in meetings]),
                Registration.status != RegistrationStatus.CANCELLED,
            )
        )
        mine = {r.meeting_id: r for r in registrations}
    video_for = {m.id for m in meetings if permissions.can_see_video_link(user, m, mine.get(m.id))}
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in reversed(meetings) if m.ends_at < now]
    return upcoming, past, video_for
