"""Report tests' data, made through the consultation's services: sections of a published draft, contributions."""

from consult.auth.models import Relation
from consult.consultation.models import Channel, ContributionKind, ContributionState
from consult.consultation.services import (
    hide_contribution,
    propose_amendment,
    publish_version,
    record_offline_contribution,
    remove_section,
    start_new_version,
    support_contribution,
    update_section,
    withdraw_contribution,
)
from consult.db import utcnow
from consult.processes.models import ModerationMode, Process
from tests import factories as f


def organizer_of(process_id: int):
    """The first organizer of the process."""
    from consult.db import db
    from consult.processes.models import ProcessRole, ProcessRoleName

    role = db.session.query(ProcessRole).filter_by(process_id=process_id, role=ProcessRoleName.ORGANIZER).first()
    return role.user


def consulted_sections(organizer, process, titles=("Analyse des besoins",)):
    """Parts with these titles (and nothing else) of a draft published now, its consultation open."""
    draft, sections = f.make_draft(organizer, process, publish=False)
    parts = [s for s in sections if s.parent_id is None]
    for section in [s for s in sections if s.parent_id is not None] + parts[len(titles) :]:
        remove_section(organizer, section)
    for part, title in zip(parts, titles, strict=False):
        update_section(organizer, part, title=title, body_md=f"Le texte de « {title} ».")
    now = utcnow()
    from datetime import timedelta

    publish_version(organizer, draft.versions[-1], opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=14))
    return parts[: len(titles)]


def next_version(organizer, section, title=None):
    """Version N+1 of the section's draft, published; returns the copy of ``section`` in it (renamed if asked)."""
    from datetime import timedelta

    from consult.consultation.models import Section
    from consult.db import db

    draft = section.version.draft
    version = start_new_version(organizer, draft)
    copy = db.session.query(Section).filter_by(version_id=version.id, previous_id=section.id).one()
    if title:
        update_section(organizer, copy, title=title, body_md=f"Le texte de « {title} ».")
    now = utcnow()
    publish_version(organizer, version, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=14))
    return copy


def contribute(
    section,
    body="Une contribution",
    *,
    author=None,
    kind=ContributionKind.COMMENT,
    state=ContributionState.PUBLISHED,
    channel=Channel.ONLINE,
    category=Relation.SERVICE_USER,
    territory="Valence",
    supports=0,
    parent=None,
    stakeholder_id=None,
    moderation_reason="Hors charte",
):
    """A contribution made as a participant (or, offline, an organizer) would, brought to ``state``."""
    process = section.version.draft.process
    organizer = organizer_of(process.id)
    if channel != Channel.ONLINE:
        return record_offline_contribution(
            organizer, section, kind=kind, channel=channel, received_on=utcnow().date(), body=body,
            proposed_text="Nouveau texte" if kind == ContributionKind.AMENDMENT else "",
            category=category, territory=territory,
        )  # fmt: skip
    author = author or f.make_user(relation=category, territory=territory)
    if state == ContributionState.PENDING:
        _set_moderation(organizer, process, ModerationMode.PRE)
    if kind == ContributionKind.AMENDMENT:
        contribution = propose_amendment(author, section, proposed_text="Nouveau texte", justification=body)
    else:
        contribution = f.make_comment(author, section, body, parent=parent, stakeholder_id=stakeholder_id)
    if state == ContributionState.PENDING:
        _set_moderation(organizer, process, ModerationMode.POST)
    elif state == ContributionState.HIDDEN:
        hide_contribution(organizer, contribution, reason=moderation_reason)
    elif state == ContributionState.WITHDRAWN:
        withdraw_contribution(author, contribution)
    for _n in range(supports):
        support_contribution(f.make_user(), contribution)
    return contribution


def _set_moderation(organizer, process: Process, mode: ModerationMode):
    from consult.processes.models import Field
    from consult.processes.services import update_process

    update_process(
        organizer, process, title=process.title, summary_md=process.summary_md,
        fields=[Field(value) for value in process.fields], territory=process.territory, slug=process.slug,
        is_published=process.is_published, moderation_mode=mode,
    )  # fmt: skip
