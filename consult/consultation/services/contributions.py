"""What participants do on a section: comment, reply, amend, withdraw, state a position, support, flag."""

import logging
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from consult import permissions, signals
from consult.admin.models import record
from consult.auth.models import User
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
    check_stakeholder,
    notify_reply,
    set_state,
)
from consult.db import db, utcnow
from consult.errors import Conflict, NotAllowed
from consult.processes.models import ModerationMode
from consult.text import plain_to_html

logger = logging.getLogger(__name__)


def _new_contribution(actor: User, section: Section, kind: ContributionKind, stakeholder_id, **fields):
    process = section.version.draft.process
    contribution = Contribution(
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
        NotAllowed / ConsultationClosed: see ``check_can_contribute``; a stakeholder not represented.
        Conflict: empty text, or a reply to a reply or to another section's comment.
    """
    check_can_contribute(actor, section.version, now or utcnow())
    if not body.strip():
        raise Conflict(str(_l("Write your comment first.")))
    if parent is not None and (
        parent.section_id != section.id or parent.parent_id is not None or parent.kind != ContributionKind.COMMENT
    ):
        raise Conflict(str(_l("You can reply to a comment, not to a reply.")))
    contribution = _new_contribution(
        actor, section, ContributionKind.COMMENT, stakeholder_id,
        parent_id=parent.id if parent else None, body=body.strip(), body_html=plain_to_html(body.strip()),
    )  # fmt: skip
    _publish_if_post_moderated(contribution, section)
    notify_reply(contribution)
    signals.contribution_submitted.send(contribution, actor=actor)
    db.session.commit()
    logger.info("contribution %s posted by user %s", contribution.id, actor.id)
    return contribution


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
        NotAllowed / ConsultationClosed: see ``check_can_contribute``.
        Conflict: the proposed text is empty or identical to the section's.
    """
    check_can_contribute(actor, section.version, now or utcnow())
    if not proposed_text.strip() or proposed_text.strip() == section.body_md.strip():
        raise Conflict(str(_l("Change the text before proposing it.")))
    contribution = _new_contribution(
        actor, section, ContributionKind.AMENDMENT, stakeholder_id,
        proposed_text=proposed_text.strip(), justification=justification.strip(),
        body=justification.strip(), body_html=plain_to_html(justification.strip()),
    )  # fmt: skip
    _publish_if_post_moderated(contribution, section)
    signals.contribution_submitted.send(contribution, actor=actor)
    db.session.commit()
    return contribution


def withdraw_contribution(actor: User, contribution: Contribution) -> Contribution:
    """Withdraw one's own contribution; a placeholder keeps its place.

    Raises:
        NotAllowed: not the author.
        Conflict: already withdrawn or hidden.
    """
    if not permissions.can_withdraw_contribution(actor, contribution):
        raise NotAllowed(str(_l("Only its author may withdraw a contribution.")))
    if contribution.state not in (ContributionState.PUBLISHED, ContributionState.PENDING):
        raise Conflict(str(_l("This contribution can no longer be withdrawn.")))
    set_state(contribution, ContributionState.WITHDRAWN)
    record(actor, "contribution.withdraw", "contribution", contribution.id, process_id=contribution.process_id)
    db.session.commit()
    return contribution


def _position_column(value: PositionValue) -> str:
    return f"{value.value}_count"


def set_position(actor: User, section: Section, value: PositionValue | None, *, now: datetime | None = None):
    """State, change (``value``) or withdraw (``None``) one's position on a section; one per person.

    Two identical requests at once leave one row and no error: the unique constraint decides.

    Returns:
        the position, or None once withdrawn.

    Raises:
        NotAllowed / ConsultationClosed: see ``check_can_contribute``.
    """
    check_can_contribute(actor, section.version, now or utcnow())
    query = select(Position).where(Position.section_id == section.id, Position.user_id == actor.id)
    existing = db.session.scalar(query.with_for_update())
    if existing is None and value is not None:
        try:
            with db.session.begin_nested():
                position = Position(
                    process_id=section.version.draft.process_id, section_id=section.id, user_id=actor.id,
                    value=value, contributor_category=actor.relation, contributor_territory=actor.territory,
                )  # fmt: skip
                db.session.add(position)
        except IntegrityError:
            existing = db.session.scalar(query.with_for_update())  # written by a concurrent request
        else:
            bump(Section, section.id, **{_position_column(value): 1})
            db.session.commit()
            return position
    if existing is None:
        db.session.commit()
        return None
    old = existing.value
    if value is None:
        db.session.delete(existing)
        bump(Section, section.id, **{_position_column(old): -1})
        existing = None
    elif value != old:
        existing.value = value
        bump(Section, section.id, **{_position_column(old): -1, _position_column(value): 1})
    db.session.commit()
    return existing


def _check_supportable(actor: User, contribution: Contribution, now: datetime) -> None:
    check_can_contribute(actor, contribution.section.version, now)
    if contribution.state != ContributionState.PUBLISHED:
        raise Conflict(str(_l("This contribution cannot be supported.")))
    if contribution.author_id == actor.id:
        raise Conflict(str(_l("You cannot support your own contribution.")))


def support_contribution(actor: User, contribution: Contribution, *, now: datetime | None = None) -> bool:
    """Support a comment or an amendment; supporting twice changes nothing.

    Returns:
        True when a support was added, False when it already existed.

    Raises:
        NotAllowed / ConsultationClosed: see ``check_can_contribute``.
        Conflict: the contribution is not published, or is the actor's own.
    """
    _check_supportable(actor, contribution, now or utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(Support(contribution_id=contribution.id, user_id=actor.id))
    except IntegrityError:
        db.session.commit()
        return False
    bump(Contribution, contribution.id, support_count=1)
    db.session.commit()
    return True


def withdraw_support(actor: User, contribution: Contribution, *, now: datetime | None = None) -> bool:
    """Undo one's support; undoing twice changes nothing.

    Returns:
        True when a support was removed.

    Raises:
        NotAllowed / ConsultationClosed: see ``check_can_contribute``.
    """
    check_can_contribute(actor, contribution.section.version, now or utcnow())
    result = db.session.execute(
        delete(Support).where(Support.contribution_id == contribution.id, Support.user_id == actor.id)
    )
    removed = result.rowcount == 1
    if removed:
        bump(Contribution, contribution.id, support_count=-1)
    db.session.commit()
    return removed


def flag_contribution(actor: User, contribution: Contribution, *, reason: str) -> bool:
    """Report a contribution to the moderators, with a reason; once per person.

    Under post-moderation, a contribution flagged by FLAG_THRESHOLD distinct people is hidden pending review.

    Returns:
        True when the flag was recorded, False when the actor had already flagged it.

    Raises:
        NotAllowed: not signed in with a confirmed address.
        Conflict: empty reason, or the contribution is not published.
    """
    if not permissions.is_confirmed(actor):
        raise NotAllowed(str(_l("Confirm your email address to take part.")))
    if not reason.strip():
        raise Conflict(str(_l("Say why you report this contribution.")))
    if contribution.state != ContributionState.PUBLISHED:
        raise Conflict(str(_l("This contribution is not public.")))
    try:
        with db.session.begin_nested():
            db.session.add(Flag(contribution_id=contribution.id, user_id=actor.id, reason=reason.strip()))
    except IntegrityError:
        db.session.commit()
        return False
    bump(Contribution, contribution.id, flag_count=1)
    db.session.flush()
    db.session.refresh(contribution)
    process = contribution.section.version.draft.process
    threshold = current_app.config["FLAG_THRESHOLD"]
    if process.moderation_mode == ModerationMode.POST and contribution.flag_count >= threshold:
        set_state(contribution, ContributionState.HIDDEN)
        contribution.moderated_at = utcnow()
        record(None, "moderation.auto_hide", "contribution", contribution.id, process_id=process.id,
               changes={"flags": [None, contribution.flag_count]})  # fmt: skip
    signals.contribution_flagged.send(contribution, actor=actor)
    db.session.commit()
    return True
