"""Group proposals (action sheets): write together without overwriting, submit, decide, link to changes."""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm.exc import StaleDataError

from consult import signals
from consult.audit import record
from consult.auth.models import User
from consult.consultation.models import Section
from consult.consultation.services.common import bump
from consult.db import atomic, db, utcnow
from consult.groups import permissions
from consult.groups.errors import (
    EditConflict,
    InvalidProposalStep,
    NotFacilitator,
    NotGroupMember,
    NotOrganizer,
    ProposalLocked,
    ReasonRequired,
    SectionNotInDraft,
)
from consult.groups.labels import PROPOSAL_STATUS_LABELS
from consult.groups.models import Facilitator, Group, Membership, MembershipStatus
from consult.groups.proposal_models import (
    DECISIONS,
    SHEET_FIELDS,
    Proposal,
    ProposalChange,
    ProposalSection,
    ProposalStatus,
)
from consult.groups.services.groups import sections_of_process
from consult.mail import external_url, queue_mail
from consult.stakeholders.queries import confirmed_representatives
from consult.text import plain_to_html

logger = logging.getLogger(__name__)


def _apply(proposal: Proposal, actor, title: str, sheet: dict):
    proposal.title = title.strip()
    for name in SHEET_FIELDS:
        setattr(proposal, name, (sheet.get(name) or "").strip())
    proposal.rendered = {name: plain_to_html(getattr(proposal, name)) for name in SHEET_FIELDS}
    proposal.updated_by_id = actor.id


def _set_sections(proposal: Proposal, section_ids):
    """Make the sheet feed exactly these sections (those of its process), counting the links on each section."""
    linked = ProposalSection.proposal_id == proposal.id
    before = set(db.session.scalars(select(ProposalSection.section_id).where(linked)))
    after = set(sections_of_process(proposal.group.process_id, section_ids))
    if before - after:
        db.session.execute(delete(ProposalSection).where(linked, ProposalSection.section_id.in_(before - after)))
    for section_id in sorted(after - before):
        db.session.add(ProposalSection(proposal_id=proposal.id, section_id=section_id))
    for section_id in before ^ after:
        bump(Section, section_id, sheet_link_count=1 if section_id in after else -1)


@atomic
def create_proposal(actor, group: Group, *, title: str, sheet: dict, section_ids=(), today=None) -> Proposal:
    """Start an action sheet in a group.

    Args:
        actor: a member or facilitator of the group.
        group: the group.
        title: the sheet's title.
        sheet: {field: text} for the fields of SHEET_FIELDS.
        section_ids: the draft sections the sheet feeds.
        today: the day (Paris) used for the phase check.

    Returns:
        The draft sheet.

    Raises:
        NotAllowed: the actor may not write in this group now.
    """
    from consult.dates import paris_today

    if not permissions.can_write_proposal(actor, group, today or paris_today()):
        raise NotGroupMember()
    proposal = Proposal(group=group, created_by_id=actor.id, status=ProposalStatus.DRAFT)
    _apply(proposal, actor, title, sheet)
    db.session.add(proposal)
    db.session.flush()
    _set_sections(proposal, section_ids)
    record(actor, "proposal.create", "proposal", proposal.id, process_id=group.process_id)
    logger.info("proposal %s created in group %s by user %s", proposal.id, group.id, actor.id)
    return proposal


@atomic
def update_proposal(
    actor, proposal: Proposal, *, expected_version: int, title: str, sheet: dict, section_ids=(), today=None
) -> Proposal:
    """Save a draft sheet, unless someone saved it since ``expected_version`` was read.

    Raises:
        NotAllowed: the actor may not edit it (not a member, or no longer a draft).
        EditConflict: the sheet changed meanwhile; nothing is overwritten.
    """
    from consult.dates import paris_today

    if not permissions.can_edit_proposal(actor, proposal, today or paris_today()):
        raise ProposalLocked()
    if proposal.version != expected_version:
        raise EditConflict(proposal)
    _apply(proposal, actor, title, sheet)
    try:
        with atomic():
            db.session.flush()  # the version counter makes this UPDATE … WHERE version = expected
    except StaleDataError:
        db.session.refresh(proposal)
        raise EditConflict(proposal) from None
    _set_sections(proposal, section_ids)
    logger.info("proposal %s saved by user %s (version %s)", proposal.id, actor.id, proposal.version)
    return proposal


@atomic
def submit_proposal(actor, proposal: Proposal, *, now=None) -> Proposal:
    """Submit a draft sheet in the group's name.

    Raises:
        NotAllowed: the actor does not facilitate the group, or the sheet is not a draft.
    """
    if not permissions.can_submit_proposal(actor, proposal):
        raise NotFacilitator(_l("Only a facilitator may submit a draft action sheet."))
    proposal.status, proposal.submitted_at = ProposalStatus.SUBMITTED, now or utcnow()
    record(actor, "proposal.submit", "proposal", proposal.id, process_id=proposal.group.process_id)
    signals.proposal_submitted.send(proposal, actor=actor)
    _mail_group(proposal, _l("An action sheet of your group is submitted"))
    return proposal


@atomic
def decide_proposal(actor, proposal: Proposal, *, status: ProposalStatus, reason: str, now=None) -> Proposal:
    """Put a submitted sheet under review or decide on it, with a reason mailed to the group.

    Raises:
        NotAllowed: the actor does not organize the process, or the sheet is still a draft.
        InvalidProposalStep: a move back to draft or submitted.
        ReasonRequired: a decision without a reason.
    """
    if not permissions.can_decide_proposal(actor, proposal):
        raise NotOrganizer(_l("Only the organizers may decide on a submitted action sheet."))
    if status not in (ProposalStatus.UNDER_REVIEW, *DECISIONS):
        raise InvalidProposalStep()
    if status in DECISIONS and not reason.strip():
        raise ReasonRequired()
    before = proposal.status
    proposal.status = status
    proposal.decision_reason, proposal.decision_reason_html = reason.strip(), plain_to_html(reason)
    proposal.decided_at = (now or utcnow()) if status in DECISIONS else None
    record(
        actor,
        "proposal.decide",
        "proposal",
        proposal.id,
        process_id=proposal.group.process_id,
        reason=reason,
        changes={"status": [before.value, status.value]},
    )
    _mail_group(proposal, _l("News of an action sheet of your group"))
    return proposal


@atomic
def link_proposal_change(actor, proposal: Proposal, section_id: int) -> ProposalChange:
    """Record that a section of a draft version changed because of this sheet.

    Raises:
        NotAllowed: the actor does not organize the process, or the sheet is a draft.
        NotFound: the section is not in this process's drafts.
    """
    if not permissions.can_decide_proposal(actor, proposal):
        raise NotOrganizer(_l("Only the organizers may link an action sheet to a change."))
    if not sections_of_process(proposal.group.process_id, [section_id]):
        raise SectionNotInDraft()
    link = db.session.scalar(
        select(ProposalChange).where(ProposalChange.proposal_id == proposal.id, ProposalChange.section_id == section_id)
    )
    if link is None:
        link = ProposalChange(proposal_id=proposal.id, section_id=section_id, created_by_id=actor.id)
        db.session.add(link)
        bump(Section, section_id, sheet_link_count=1)
        record(actor, "proposal.link_change", "section", section_id, process_id=proposal.group.process_id)
    return link


def group_emails(group: Group) -> list[str]:
    """The addresses of the group's facilitators and of the representatives of its member organisations."""
    representatives = confirmed_representatives().subquery()
    members = (
        select(User.email)
        .join(representatives, representatives.c.user_id == User.id)
        .join(Membership, Membership.stakeholder_id == representatives.c.stakeholder_id)
        .where(
            Membership.group_id == group.id,
            Membership.status == MembershipStatus.ACTIVE,
            User.deleted_at.is_(None),
        )
    )
    facilitators = (
        select(User.email)
        .join(Facilitator, Facilitator.user_id == User.id)
        .where(Facilitator.group_id == group.id, User.deleted_at.is_(None))
    )
    return sorted(set(db.session.scalars(members)) | set(db.session.scalars(facilitators)))


def _mail_group(proposal: Proposal, subject):
    group = proposal.group
    url = external_url("groups.proposal", slug=group.process.slug, group_slug=group.slug, proposal_id=proposal.id)
    for email in group_emails(group):
        queue_mail(
            email,
            "groups_proposal_news",
            subject,
            proposal=proposal,
            group=group,
            url=url,
            status_label=PROPOSAL_STATUS_LABELS[proposal.status],
        )
