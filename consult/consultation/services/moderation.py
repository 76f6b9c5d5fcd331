"""What organizers do with contributions: approve, hide, restore, answer."""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from consult.audit import record
from consult.auth.models import User
from consult.consultation import permissions
from consult.consultation.errors import EmptyText, InvalidTransition, NotOrganizer, NotPublic
from consult.consultation.models import (
    Contribution,
    ContributionState,
    Flag,
    OfficialResponse,
)
from consult.consultation.services.common import lock_contribution, notify_reply, transition
from consult.db import atomic, db, utcnow
from consult.mail import external_url, queue_mail
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)


def _require_moderator(actor: User, contribution: Contribution):
    process = contribution.section.version.draft.process
    if not permissions.can_moderate(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may moderate it.")))
    return process


def _clear_flags(contribution: Contribution) -> None:
    db.session.execute(update(Flag).where(Flag.contribution_id == contribution.id).values(reviewed=True))
    contribution.flag_count = 0


def _contribution_url(contribution: Contribution) -> str:
    process = contribution.section.version.draft.process
    anchor = f"c{contribution.parent_id or contribution.id}"
    return external_url("consultation.section", slug=process.slug, section_id=contribution.section_id, _anchor=anchor)


@atomic
def approve_contribution(actor: User, contribution: Contribution) -> Contribution:
    """Publish a contribution held for approval, or keep a flagged one published; a repeat changes nothing.

    Raises:
        NotOrganizer: the actor does not moderate this process.
        InvalidTransition: the contribution is hidden or withdrawn.
    """
    process = _require_moderator(actor, contribution)
    contribution = lock_contribution(contribution)
    before = contribution.state
    if before not in (ContributionState.PENDING, ContributionState.PUBLISHED):
        raise InvalidTransition(str(_l("This contribution does not await a decision.")))
    published = transition(
        contribution, ContributionState.PUBLISHED, _l("This contribution does not await a decision.")
    )
    if not published and not contribution.flag_count:
        return contribution  # already published and reviewed: a repeat
    _clear_flags(contribution)
    contribution.moderated_at = utcnow()
    record(actor, "moderation.approve", "contribution", contribution.id, process_id=process.id,
           changes={"state": [before.value, "published"]})  # fmt: skip
    if before == ContributionState.PENDING:
        notify_reply(contribution)
    return contribution


@atomic
def hide_contribution(actor: User, contribution: Contribution, *, reason: str) -> Contribution:
    """Hide a contribution with a reason; it keeps its place as a placeholder and its author is told once by mail.

    Hiding a hidden contribution again changes only its reason (audited, no new mail).

    Raises:
        NotOrganizer: the actor does not moderate this process.
        EmptyText: no reason.
        InvalidTransition: the contribution was withdrawn by its author.
    """
    process = _require_moderator(actor, contribution)
    if not reason.strip():
        raise EmptyText(str(_l("Give the reason for hiding this contribution.")))
    contribution = lock_contribution(contribution)
    before = contribution.state.value
    if not transition(contribution, ContributionState.HIDDEN, _l("This contribution was withdrawn by its author.")):
        _change_hiding_reason(actor, contribution, reason.strip())
        return contribution
    _clear_flags(contribution)
    contribution.moderation_reason = reason.strip()
    contribution.moderated_at = utcnow()
    record(actor, "moderation.hide", "contribution", contribution.id, process_id=process.id,
           reason=reason.strip(), changes={"state": [before, "hidden"]})  # fmt: skip
    author = contribution.author
    if author is not None and author.is_active:
        queue_mail(
            author.email, "consultation_moderated", _l("Your contribution was hidden by the moderators"),
            user=author, contribution=contribution, reason=reason.strip(), url=_contribution_url(contribution),
        )  # fmt: skip
    logger.info("contribution %s hidden by user %s", contribution.id, actor.id)
    return contribution


def _change_hiding_reason(actor: User, contribution: Contribution, reason: str) -> None:
    if reason == contribution.moderation_reason:
        return
    record(actor, "moderation.reason", "contribution", contribution.id, process_id=contribution.process_id,
           reason=reason, changes={"reason": [contribution.moderation_reason, reason]})  # fmt: skip
    contribution.moderation_reason = reason


@atomic
def restore_contribution(actor: User, contribution: Contribution) -> Contribution:
    """Publish again a hidden contribution; a repeat changes nothing.

    Raises:
        NotOrganizer: the actor does not moderate this process.
        InvalidTransition: the contribution is pending or withdrawn.
    """
    process = _require_moderator(actor, contribution)
    contribution = lock_contribution(contribution)
    if contribution.state != ContributionState.HIDDEN:
        if contribution.state == ContributionState.PUBLISHED:
            return contribution
        raise InvalidTransition(str(_l("This contribution is not hidden.")))
    transition(contribution, ContributionState.PUBLISHED, _l("This contribution is not hidden."))
    _clear_flags(contribution)
    contribution.moderation_reason = ""
    contribution.moderated_at = utcnow()
    record(actor, "moderation.restore", "contribution", contribution.id, process_id=process.id,
           changes={"state": ["hidden", "published"]})  # fmt: skip
    return contribution


@atomic
def respond_to_contribution(actor: User, contribution: Contribution, *, body: str) -> OfficialResponse:
    """Write (or rewrite) the organizers' official response (Markdown) to a contribution; its author is told once.

    Raises:
        NotOrganizer: the actor may not respond in this process.
        EmptyText: empty text.
        NotPublic: the contribution is not published.
    """
    process = contribution.section.version.draft.process
    if not permissions.can_respond(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may answer officially.")))
    if not body.strip():
        raise EmptyText(str(_l("Write the response first.")))
    contribution = lock_contribution(contribution)
    if contribution.state != ContributionState.PUBLISHED:
        raise NotPublic(str(_l("Only published contributions can be answered.")))
    response = contribution.response
    is_new = response is None
    if is_new:
        response = OfficialResponse(contribution_id=contribution.id)
        db.session.add(response)
    response.author_id, response.body, response.body_html = actor.id, body.strip(), markdown_to_html(body.strip())
    record(actor, "consultation.respond", "contribution", contribution.id, process_id=process.id)
    author = contribution.author
    if is_new and author is not None and author.is_active and author.notify_by_email:
        queue_mail(
            author.email, "consultation_response", _l("The organizers answered your contribution"),
            user=author, contribution=contribution, response=response, url=_contribution_url(contribution),
        )  # fmt: skip
    return response
