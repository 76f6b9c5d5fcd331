"""The working groups part of the report: members, meetings, proposals and what became of them.

Five queries whatever the number of groups; organisations are named (they act publicly), people never.
"""

from collections import Counter, defaultdict

from sqlalchemy import func, select

from consult.db import db
from consult.groups.meeting_models import Meeting, Registration
from consult.groups.models import Group, Membership, MembershipStatus
from consult.groups.proposal_models import Proposal, ProposalSection, ProposalStatus
from consult.stakeholders.models import Stakeholder, StakeholderKind

#: attendance of people who came in their own name
INDIVIDUAL = "individual"


def working_groups(pid, now) -> dict:
    """Every group of the process: member organisations, meetings held by ``now``, attendance, proposals submitted."""
    groups = db.session.scalars(select(Group).where(Group.process_id == pid).order_by(Group.title)).all()
    ids = [g.id for g in groups]
    members = defaultdict(list)
    for group_id, name, kind in db.session.execute(
        select(Membership.group_id, Stakeholder.name, Stakeholder.kind)
        .join(Stakeholder, Stakeholder.id == Membership.stakeholder_id)
        .where(Membership.group_id.in_(ids), Membership.status == MembershipStatus.ACTIVE)
        .order_by(Stakeholder.search_name)
    ):
        members[group_id].append(name if kind == StakeholderKind.ORGANISATION else None)
    meetings = Counter(
        dict(
            db.session.execute(
                select(Meeting.group_id, func.count())
                .where(Meeting.group_id.in_(ids), Meeting.cancelled_at.is_(None), Meeting.starts_at <= now)
                .group_by(Meeting.group_id)
            ).all()
        )
    )
    attendance = _attendance(ids)
    proposals = db.session.scalars(
        select(Proposal)
        .where(Proposal.group_id.in_(ids), Proposal.status != ProposalStatus.DRAFT)
        .order_by(Proposal.id)
    ).all()
    sections = defaultdict(list)
    for proposal_id, section_id in db.session.execute(
        select(ProposalSection.proposal_id, ProposalSection.section_id).where(
            ProposalSection.proposal_id.in_([p.id for p in proposals])
        )
    ):
        sections[proposal_id].append(section_id)
    by_group = defaultdict(list)
    for p in proposals:
        by_group[p.group_id].append(
            {
                "id": p.id,
                "title": p.title,
                "status": p.status.value,
                "reason_html": p.decision_reason_html,
                "section_ids": sorted(sections[p.id]),
            }
        )
    return {
        "available": True,
        "groups": [
            {
                "id": g.id,
                "title": g.title,
                "mandate_html": g.mandate_html,
                "members": len(members[g.id]),
                "organisations": [n for n in members[g.id] if n],
                "meetings": meetings[g.id],
                "attendance": attendance[g.id],
                "proposals": by_group[g.id],
            }
            for g in groups
        ],
    }


def _attendance(group_ids) -> dict:
    """{group_id: [{"category", "count"}]}: people present at the group's meetings, by their organisation's category.

    People who came in their own name count under "individual".
    """
    rows = db.session.execute(
        select(Meeting.group_id, Stakeholder.category, func.count())
        .join(Registration, Registration.meeting_id == Meeting.id)
        .outerjoin(Stakeholder, Stakeholder.id == Registration.stakeholder_id)
        .where(Meeting.group_id.in_(group_ids), Meeting.cancelled_at.is_(None), Registration.attended.is_(True))
        .group_by(Meeting.group_id, Stakeholder.category)
    ).all()
    result = defaultdict(list)
    for group_id, category, n in sorted(rows, key=lambda r: (r[0], r[1] is None, r[1].value if r[1] else "")):
        result[group_id].append({"category": category.value if category else INDIVIDUAL, "count": n})
    return result


def proposals_by_section(groups_part: dict) -> dict:
    """{section_id: [{"title", "group", "status"}]} of the proposals that fed each section."""
    result = defaultdict(list)
    for group in groups_part["groups"]:
        for proposal in group["proposals"]:
            for section_id in proposal["section_ids"]:
                result[section_id].append(
                    {"title": proposal["title"], "group": group["title"], "status": proposal["status"]}
                )
    return result
