"""The rules every part of the report depends on, each defined here once.

- Which contributions need a disposition: the published ones. A contribution awaiting moderation is
  moderated first (it is not treatable yet), and a final report is refused while any awaits moderation.
- A final report waits until every consultation window of the process has closed, no contribution
  awaits moderation and every published one has a disposition (``readiness``); an interim one may be
  published at any time and says what was missing.
- Sections are listed in the draft's reading order (consultation's ``in_reading_order``), each once: a
  section copied from version to version is one ``SectionLine`` carrying the ids of every version it went
  through (``section_lines``).
- Stakeholder figures come from the records, never from the status typed or imported: invited means an
  invitation was sent (``invited_stakeholder_ids``); active means the stakeholder wrote a published
  contribution, joined a working group, attended a meeting or had a proposal submitted by one of its
  representatives (``active_stakeholder_ids``).
- The effective disposition of a contribution: its own when set, else its theme's, with the matching
  reason. The SQL expressions and ``effective_of`` (the same rule on loaded objects) sit side by side.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, union

from consult.consultation.models import Contribution, ContributionState, Draft, DraftVersion, Section, VersionState
from consult.consultation.queries import in_process_sections, in_reading_order, published_versions
from consult.db import db
from consult.groups.meeting_models import Meeting, Registration
from consult.groups.models import Group, Membership
from consult.groups.proposal_models import Proposal
from consult.report.models import DispositionValue, Theme, Treatment
from consult.stakeholders.models import Invitation, Representative, RepresentativeStatus, Stakeholder

#: the states whose contributions need a disposition
TREATABLE_STATES = (ContributionState.PUBLISHED,)

effective_disposition = func.coalesce(Treatment.disposition, Theme.disposition)
_own = Treatment.disposition.is_not(None)
effective_reason_html = case((_own, Treatment.reason_html), else_=Theme.reason_html)
effective_reason_md = case((_own, Treatment.reason_md), else_=Theme.reason_md)


def treatable(process_id: int):
    """The SQL condition on contributions that need a disposition in this process."""
    return (Contribution.process_id == process_id) & Contribution.state.in_(TREATABLE_STATES)


def is_treatable(contribution: Contribution) -> bool:
    """Whether this contribution needs a disposition (``treatable`` on a loaded object)."""
    return contribution.state in TREATABLE_STATES


def with_treatment(query):
    """Join a query over contributions to their treatment and theme (both optional)."""
    return query.outerjoin(Treatment, Treatment.contribution_id == Contribution.id).outerjoin(
        Theme, Theme.id == Treatment.theme_id
    )


def effective_of(treatment: Treatment | None) -> DispositionValue | None:
    """The effective disposition of a loaded treatment: its own, else its theme's."""
    if treatment is None:
        return None
    if treatment.disposition is not None:
        return treatment.disposition
    return treatment.theme.disposition if treatment.theme is not None else None


def untreated_count(process_id: int) -> int:
    """Treatable contributions with no disposition, neither their own nor their theme's."""
    query = with_treatment(select(func.count()).select_from(Contribution))
    return db.session.scalar(query.where(treatable(process_id), effective_disposition.is_(None)))


def awaiting_moderation_count(process_id: int) -> int:
    """Contributions of the process still awaiting moderation (to approve or hide before the final report)."""
    return db.session.scalar(
        select(func.count())
        .select_from(Contribution)
        .where(Contribution.process_id == process_id, Contribution.state == ContributionState.PENDING)
    )


def unclosed_versions(process_id: int, now: datetime) -> list[DraftVersion]:
    """Published versions of the process whose consultation window is open at ``now`` or still to come.

    Whether a window is open is the consultation's rule (``DraftVersion.state``).
    """
    return [v for v in published_versions(process_id) if v.state(now) in (VersionState.OPEN, VersionState.UPCOMING)]


@dataclass(frozen=True)
class Readiness:
    """What still stands between the process and a final report (all zero: a final report may be published)."""

    untreated: int
    awaiting_moderation: int
    open_windows: int

    @property
    def final_allowed(self) -> bool:
        """Whether a final report may be published now."""
        return not (self.untreated or self.awaiting_moderation or self.open_windows)


def readiness(process_id: int, now: datetime) -> Readiness:
    """Untreated contributions, contributions awaiting moderation and unclosed consultation windows."""
    return Readiness(
        untreated=untreated_count(process_id),
        awaiting_moderation=awaiting_moderation_count(process_id),
        open_windows=len(unclosed_versions(process_id, now)),
    )


@dataclass(frozen=True)
class SectionLine:
    """One section as the report presents it: its newest published version and every earlier one it came from."""

    section: Section
    draft: str
    #: (version number, section id) of each version the section went through, oldest first
    versions: tuple[tuple[int, int], ...]

    @property
    def ids(self) -> tuple[int, ...]:
        """The ids of the section in every version, oldest first."""
        return tuple(section_id for _number, section_id in self.versions)

    @property
    def version(self) -> int:
        """The number of the newest version holding this section."""
        return self.versions[-1][0]


def section_lines(process_id: int) -> list[SectionLine]:
    """The sections of the process's published versions, each once, in the reading order of its newest version.

    A section followed by a copy in a later published version (``previous_id``) is folded into that copy.
    Sections dropped from a later version follow the current ones of their draft.
    """
    stmt = in_process_sections(select(Section, DraftVersion.number, Draft.id, Draft.title), process_id)
    rows = db.session.execute(in_reading_order(stmt.where(DraftVersion.published_at.is_not(None)))).all()
    by_id = {section.id: (section, number) for section, number, _draft, _title in rows}
    followed = {section.previous_id for section, *_rest in rows if section.previous_id in by_id}
    lines = []
    for index, (section, number, draft_id, title) in enumerate(rows):
        if section.id in followed:
            continue
        chain, current = [], section
        while current is not None:
            chain.append((by_id[current.id][1], current.id))
            current = by_id.get(current.previous_id, (None,))[0]
        lines.append((draft_id, -number, index, SectionLine(section, title, tuple(reversed(chain)))))
    return [line for *_key, line in sorted(lines, key=lambda item: item[:3])]


def synthesis_of(line: SectionLine, syntheses: dict):
    """The synthesis a section line shows: the one written on its newest version that has one (or None)."""
    return next((syntheses[i] for i in reversed(line.ids) if i in syntheses), None)


def invited_stakeholder_ids(process_id: int):
    """A select of the ids of the process's stakeholders to whom an invitation was sent."""
    return (
        select(Invitation.stakeholder_id)
        .join(Stakeholder, Stakeholder.id == Invitation.stakeholder_id)
        .where(Stakeholder.process_id == process_id)
    )


def active_stakeholder_ids(process_id: int):
    """A select of the ids of stakeholders who took an active part, each kind of act counted from its records."""
    in_process_groups = select(Group.id).where(Group.process_id == process_id)
    contributed = select(Contribution.stakeholder_id).where(
        treatable(process_id), Contribution.stakeholder_id.is_not(None)
    )
    joined = select(Membership.stakeholder_id).where(
        Membership.group_id.in_(in_process_groups), Membership.joined_at.is_not(None)
    )
    attended = (
        select(Registration.stakeholder_id)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(Meeting.group_id.in_(in_process_groups), Registration.attended.is_(True))
        .where(Registration.stakeholder_id.is_not(None))
    )
    proposed = (
        select(Representative.stakeholder_id)
        .join(Proposal, Proposal.created_by_id == Representative.user_id)
        .join(Stakeholder, Stakeholder.id == Representative.stakeholder_id)
        .where(
            Proposal.group_id.in_(in_process_groups),
            Proposal.submitted_at.is_not(None),
            Representative.status == RepresentativeStatus.CONFIRMED,
            Stakeholder.process_id == process_id,
        )
    )
    return union(contributed, joined, attended, proposed)
