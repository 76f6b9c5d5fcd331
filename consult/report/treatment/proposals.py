"""Group proposals (action sheets) in the treatment: their own workflow status is their disposition.

The working groups decide on a proposal through their own workflow (``consult.groups``); the treatment view
lists every submitted proposal with that status, counts them in the progress, and links to the decision form.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from consult.consultation.labels import versioned_title
from consult.consultation.models import DraftVersion, Section
from consult.db import db
from consult.groups.models import Group
from consult.groups.proposal_models import DECISIONS, Proposal, ProposalSection, ProposalStatus
from consult.report.models import DispositionValue

#: statuses the treatment shows: a draft is still the group's work, not yet a contribution to the concertation
SUBMITTED_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, *DECISIONS)


def proposal_disposition(status: ProposalStatus) -> DispositionValue | None:
    """The disposition a proposal's status amounts to (None while it awaits a decision)."""
    return DispositionValue(status.value) if status in DECISIONS else None


@dataclass
class ProposalRow:
    """One submitted proposal as the treatment shows it."""

    proposal: Proposal
    group_title: str
    group_slug: str
    sections: list[str]

    @property
    def disposition(self) -> DispositionValue | None:
        """Its disposition, from its workflow status."""
        return proposal_disposition(self.proposal.status)


def submitted_proposals(process_id: int) -> list[ProposalRow]:
    """Every submitted proposal of the process's groups with the sections it feeds (two queries)."""
    rows = db.session.execute(
        select(Proposal, Group.title, Group.slug)
        .join(Group, Group.id == Proposal.group_id)
        .where(Group.process_id == process_id, Proposal.status.in_(SUBMITTED_STATUSES))
        .order_by(Group.title, Proposal.id)
    ).all()
    sections: dict[int, list[str]] = {}
    if rows:
        fed = db.session.execute(
            select(ProposalSection.proposal_id, DraftVersion.number, Section.title)
            .join(Section, Section.id == ProposalSection.section_id)
            .join(DraftVersion, DraftVersion.id == Section.version_id)
            .where(ProposalSection.proposal_id.in_([proposal.id for proposal, *_rest in rows]))
            .order_by(Section.id)
        )
        for proposal_id, number, title in fed:
            sections.setdefault(proposal_id, []).append(versioned_title(number, title))
    return [ProposalRow(proposal, title, slug, sections.get(proposal.id, [])) for proposal, title, slug in rows]


def proposal_counts(process_id: int) -> tuple[int, int]:
    """(decided, submitted) proposals of the process's groups."""
    rows = db.session.execute(
        select(Proposal.status, func.count())
        .join(Group, Group.id == Proposal.group_id)
        .where(Group.process_id == process_id, Proposal.status.in_(SUBMITTED_STATUSES))
        .group_by(Proposal.status)
    )
    decided = total = 0
    for status, count in rows:
        total += count
        decided += count if status in DECISIONS else 0
    return decided, total
