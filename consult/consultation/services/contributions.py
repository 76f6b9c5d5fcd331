"""What participants do on a section: comment, reply, amend, withdraw, state a position, support, flag."""

import logging
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from consult import signals
from consult.audit import record
from consult.auth.models import User
from consult.consultation import permissions
from consult.consultation.errors import (
    EmptyText,
    InvalidReply,
    NotPublic,
    NotYourContribution,
    UnchangedAmendment,
)
from consult.consultation.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    Flag,
    Position,
    PositionValue,
    Section,
    Support,
)
from consult.consultation.services.common import (
    bump,
    check_can_contribute,
    check_confirmed,
    check_stakeholder,
    lock_contribution,
    notify_reply,
    set_state,
    transition,
)
from consult.db import atomic, db, utcnow
from consult.processes.models import ModerationMode
from consult.text import plain_to_html

logger = logging.getLogger(__name__)


def _new_contribution(actor: User, section: Section, kind: ContributionKind, stakeholder_id, now, **fields):
    process = section.version.draft.process
    contribution = Contribution(
        created_at=now,
        process_id=process.id,
        section_id=section.id,
        kind=kind,
        author_id=actor.id,
        contributor_category=actor.relation,
        contributor_territory=actor.territory,
        stakeholder_id=check_stakeholder(actor, process.id, stakeholder_id),
        state=ContributionState.PENDING,
        **fields,
    )
    db.session.add(contribution)
    db.session.flush()
    return contribution


def _publish_if_post_moderated(contribution: Contribution, section: Section) -> None:
    if section.version.draft.process.moderation_mode == ModerationMode.POST:
        set_state(contribution, ContributionState.PUBLISHED)


@atomic
def post_comment(
    actor: User,
    section: Section,
    *,
    body: str,
    parent: Contribution | None = None,
    stakeholder_id: int | None = None,
    now: datetime | None = None,
) -> Contribution:
    """Comment on a section, or reply to a comment (one level only).

    Published at once under post-moderation, held for approval under pre-moderation.

    Raises:
        NotConfirmed / ConsultationClosed: see ``check_can_contribute``.
        NotRepresentative: ``stakeholder_id`` names an organisation the actor does not represent.
        EmptyText: nothing written.
        InvalidReply: a reply to a reply or to another section's comment.
    """
    now = now or utcnow()
    check_can_contribute(actor, section.version, now)
    if not body.strip():
        raise EmptyText(str(_l("Write your comment first.")))
    if parent is not None and (
        parent.section_id != section.id or parent.parent_id is not None or parent.kind != ContributionKind.COMMENT
    ):
        raise InvalidReply(str(_l("You can reply to a comment, not to a reply.")))
    contribution = _new_contribution(
        actor, section, ContributionKind.COMMENT, stakeholder_id, now,
        parent_id=parent.id if parent else None, body=body.strip(), body_html=plain_to_html(body.strip()),
    )  # fmt: skip
    _publish_if_post_moderated(contribution, section)
    notify_reply(contribution)
    signals.contribution_submitted.send(contribution, actor=actor)
    logger.info("contribution %s posted by user %s", contribution.id, actor.id)
    return contribution


@atomic
def propose_amendment(
    actor: User,
    section: Section,
    *,
    proposed_text: str,
    justification: str,
    stakeholder_id: int | None = None,
    now: datetime | None = None,
) -> Contribution:
    """Propose a replacement of the section's text, with a short justification.

    Raises:
        NotConfirmed / ConsultationClosed: see ``check_can_contribute``.
        NotRepresentative: see ``post_comment``.
        UnchangedAmendment: the proposed text is empty or identical to the section's.
    """
    now = now or utcnow()
    check_can_contribute(actor, section.version, now)
    if not proposed_text.strip() or proposed_text.strip() == section.body_md.strip():
        raise UnchangedAmendment(str(_l("Change the text before proposing it.")))
    contribution = _new_contribution(
        actor, section, ContributionKind.AMENDMENT, stakeholder_id, now,
        proposed_text=proposed_text.strip(), justification=justification.strip(),
        body=justification.strip(), body_html=plain_to_html(justification.strip()),
    )  # fmt: skip
    _publish_if_post_moderated(contribution, section)
    signals.contribution_submitted.send(contribution, actor=actor)
    return contribution


@atomic
def withdraw_contribution(actor: User, contribution: Contribution) -> Contribution:
    """Withdraw one's own contribution; a placeholder keeps its place. A repeat changes nothing.

    Returns:
        the contribution, as now stored.

    Raises:
        NotYourContribution: not the author.
        InvalidTransition: hidden by the moderators meanwhile.
    """
    if not permissions.is_contribution_author(actor, contribution):
        raise NotYourContribution(str(_l("Only its author may withdraw a contribution.")))
    contribution = lock_contribution(contribution)
    if transition(contribution, ContributionState.WITHDRAWN, _l("This contribution can no longer be withdrawn.")):
        record(actor, "contribution.withdraw", "contribution", contribution.id, process_id=contribution.process_id)
        logger.info("contribution %s withdrawn by user %s", contribution.id, actor.id)
    return contribution


def _position_column(value: PositionValue) -> str:
    return f"{value.value}_count"


@atomic
def set_position(actor: User, section: Section, value: PositionValue | None, *, now: datetime | None = None):
    """State, change (``value``) or withdraw (``None``) one's position on a section; one per person.

    Requests at once are serialised (row lock on PostgreSQL, IMMEDIATE transaction on SQLite); two first
    positions at once leave one row and no error: the unique constraint decides. Counters change in SQL.

    Returns:
        the position, or None once withdrawn.

    Raises:
        NotConfirmed / ConsultationClosed: see ``check_can_contribute``.
    """
    now = now or utcnow()
    check_can_contribute(actor, section.version, now)
    query = (
        select(Position)
        .where(Position.section_id == section.id, Position.user_id == actor.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    existing = db.session.scalar(query)
    if existing is None and value is not None:
        try:
            with atomic():
                position = Position(
                    process_id=section.version.draft.process_id, section_id=section.id, user_id=actor.id,
                    value=value, contributor_category=actor.relation, contributor_territory=actor.territory,
                    created_at=now,
                )  # fmt: skip
                db.session.add(position)
                db.session.flush()
        except IntegrityError:
            existing = db.session.scalar(query)  # written by a concurrent request
        else:
            bump(Section, section.id, **{_position_column(value): 1})
            return position
    if existing is None:
        return None
    old = existing.value
    if value is None:
        db.session.delete(existing)
        bump(Section, section.id, **{_position_column(old): -1})
        existing = None
    elif value != old:
        existing.value = value
        bump(Section, section.id, **{_position_column(old): -1, _position_column(value): 1})
    return existing


def _check_supportable(actor: User, contribution: Contribution, now: datetime) -> None:
    check_can_contribute(actor, contribution.section.version, now)
    if contribution.state != ContributionState.PUBLISHED:
        raise NotPublic(str(_l("This contribution cannot be supported.")))
    if permissions.is_contribution_author(actor, contribution):
        raise NotYourContribution(str(_l("You cannot support your own contribution.")))


@atomic
def support_contribution(actor: User, contribution: Contribution, *, now: datetime | None = None) -> bool:
    """Support a comment or an amendment; supporting twice changes nothing.

    Returns:
        True when a support was added, False when it already existed.

    Raises:
        NotConfirmed / ConsultationClosed: see ``check_can_contribute``.
        NotPublic: the contribution is not published.
        NotYourContribution: it is the actor's own.
    """
    now = now or utcnow()
    _check_supportable(actor, contribution, now)
    try:
        with atomic():
            db.session.add(
                Support(
                    process_id=contribution.process_id,
                    contribution_id=contribution.id,
                    user_id=actor.id,
                    contributor_category=actor.relation,
                    created_at=now,
                )
            )
            db.session.flush()
    except IntegrityError:
        return False
    bump(Contribution, contribution.id, support_count=1)
    return True


@atomic
def withdraw_support(actor: User, contribution: Contribution, *, now: datetime | None = None) -> bool:
    """Undo one's support; undoing twice changes nothing.

    Returns:
        True when a support was removed.

    Raises:
        NotConfirmed / ConsultationClosed: see ``check_can_contribute``.
    """
    check_can_contribute(actor, contribution.section.version, now or utcnow())
    result = db.session.execute(
        delete(Support).where(Support.contribution_id == contribution.id, Support.user_id == actor.id)
    )
    removed = result.rowcount == 1
    if removed:
        bump(Contribution, contribution.id, support_count=-1)
    return removed


@atomic
def flag_contribution(actor: User, contribution: Contribution, *, reason: str) -> bool:
    """Report a contribution to the moderators, with a reason; once per person.

    Under post-moderation, a contribution flagged by FLAG_THRESHOLD distinct people is hidden pending review,
    once: flags are serialised on the contribution's row.

    Returns:
        True when the flag was recorded, False when the actor had already flagged it.

    Raises:
        NotConfirmed: not signed in with a confirmed address.
        NotYourContribution: one's own contribution.
        EmptyText: no reason.
        NotPublic: the contribution is not (or no longer) published.
    """
    check_confirmed(actor)
    if permissions.is_contribution_author(actor, contribution):
        raise NotYourContribution(str(_l("You cannot report your own contribution.")))
    if not reason.strip():
        raise EmptyText(str(_l("Say why you report this contribution.")))
    contribution = lock_contribution(contribution)
    if not permissions.can_flag_contribution(actor, contribution):
        raise NotPublic(str(_l("This contribution is not public.")))
    try:
        with atomic():
            db.session.add(Flag(contribution_id=contribution.id, user_id=actor.id, reason=reason.strip()))
            db.session.flush()
    except IntegrityError:
        return False
    contribution.flag_count += 1  # the row is locked: no concurrent change to lose
    _hide_if_flagged_enough(contribution)
    signals.contribution_flagged.send(contribution, actor=actor)
    return True


def _hide_if_flagged_enough(contribution: Contribution) -> None:
    process = contribution.section.version.draft.process
    threshold = current_app.config["FLAG_THRESHOLD"]
    if process.moderation_mode != ModerationMode.POST or contribution.flag_count < threshold:
        return
    if transition(contribution, ContributionState.HIDDEN, _l("This contribution is not public.")):
        contribution.moderated_at = utcnow()
        record(None, "moderation.auto_hide", "contribution", contribution.id, process_id=process.id,
               changes={"flags": [None, contribution.flag_count]})  # fmt: skip
