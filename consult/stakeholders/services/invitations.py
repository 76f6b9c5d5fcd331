"""Invitations: a signed, expiring, single-use link that makes its follower a representative."""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta
from typing import NamedTuple

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from consult import signals
from consult.audit import record
from consult.auth.tokens import make_token, read_token
from consult.db import atomic, db, utcnow
from consult.mail import external_url, queue_mail
from consult.stakeholders.errors import (
    InvitationExpired,
    InvitationInvalid,
    InvitationReplaced,
    InvitationUsed,
    ProcessNotPublished,
)
from consult.stakeholders.models import (
    Invitation,
    Representative,
    RepresentativeStatus,
    Stakeholder,
    StakeholderStatus,
)
from consult.stakeholders.services.registry import check_manager

logger = logging.getLogger(__name__)
PURPOSE = "invitation"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _max_age() -> timedelta:
    return timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"])


def can_be_invited(stakeholder: Stakeholder) -> bool:
    """A live stakeholder with a contact email that is not engaged yet."""
    return (
        stakeholder.archived_at is None
        and bool(stakeholder.contact_email)
        and stakeholder.status != StakeholderStatus.ENGAGED
    )


class Sending(NamedTuple):
    """What one sending did: the new invitations, those left alone because a live link is out, those skipped."""

    invited: list
    already_invited: list
    skipped: list


def pending_invitation(stakeholder: Stakeholder, now: datetime) -> Invitation | None:
    """The stakeholder's live link: the latest invitation, neither answered nor expired."""
    latest = _latest_invitation(stakeholder.id)
    return latest if latest is not None and latest.state(now) == "pending" else None


def _latest_invitation(stakeholder_id: int) -> Invitation | None:
    # One valid link per stakeholder: a newer invitation revokes every older one.
    return db.session.scalar(
        select(Invitation).where(Invitation.stakeholder_id == stakeholder_id).order_by(Invitation.id.desc()).limit(1)
    )


def _check_published(process, unpublished_ok: bool):
    if not process.is_published and not unpublished_ok:
        raise ProcessNotPublished(
            str(_l("This concertation is not published: invited people could not see it before it is."))
        )


def _locked(stakeholders) -> list[Stakeholder]:
    """Re-read the stakeholders under a row lock, so two sendings at once cannot both mail the same one."""
    ids = [s.id for s in stakeholders]
    if not ids:
        return []
    rows = db.session.scalars(
        select(Stakeholder).where(Stakeholder.id.in_(ids)).order_by(Stakeholder.id).with_for_update()
    )
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


@atomic
def invite_stakeholders(
    actor, process, stakeholders, *, unpublished_ok: bool = False, now: datetime | None = None
) -> Sending:
    """Mail each stakeholder's contact a personal invitation link; their status becomes "invited".

    Stakeholders that are archived, engaged already or without contact email are skipped; those whose
    link is still live are left alone (a reminder is `remind_stakeholders`).

    Args:
        actor: the organizer.
        process: the process of the stakeholders.
        stakeholders: those to invite.
        unpublished_ok: the organizer confirmed inviting to a concertation nobody can see yet.
        now: the current time (tests, demo).

    Returns:
        A `Sending`: the new invitations (each with its link's ``token``, for the demo and tests), the
        stakeholders invited already and those left out.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
        ProcessNotPublished: the concertation is not published and ``unpublished_ok`` is not set.
    """
    check_manager(actor, process)
    _check_published(process, unpublished_ok)
    now = now or utcnow()
    sending = Sending([], [], [])
    for stakeholder in _locked(stakeholders):
        if stakeholder.process_id != process.id or not can_be_invited(stakeholder):
            sending.skipped.append(stakeholder)
        elif pending_invitation(stakeholder, now) is not None:
            sending.already_invited.append(stakeholder)
        else:
            sending.invited.append(_invite(actor, process, stakeholder, now))
    _record_sending(actor, process, "stakeholder.invite", sending.invited)
    logger.info("user %s invited %d stakeholders of process %s", actor.id, len(sending.invited), process.id)
    return sending


@atomic
def remind_stakeholders(actor, process, stakeholders, *, now: datetime | None = None) -> Sending:
    """Send a reminder with a new link to each stakeholder whose invitation is still unanswered.

    The new link revokes the old one. Stakeholders without a live invitation are skipped.

    Returns:
        A `Sending` whose ``invited`` holds the new invitations and ``skipped`` the stakeholders left out.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
    """
    check_manager(actor, process)
    now = now or utcnow()
    sending = Sending([], [], [])
    for stakeholder in _locked(stakeholders):
        live = stakeholder.process_id == process.id and can_be_invited(stakeholder)
        if live and pending_invitation(stakeholder, now) is not None:
            sending.invited.append(_invite(actor, process, stakeholder, now, reminder=True))
        else:
            sending.skipped.append(stakeholder)
    _record_sending(actor, process, "stakeholder.remind", sending.invited)
    logger.info("user %s reminded %d stakeholders of process %s", actor.id, len(sending.invited), process.id)
    return sending


def _record_sending(actor, process, action, invited):
    if invited:
        record(
            actor,
            action,
            "process",
            process.id,
            process_id=process.id,
            changes={"stakeholders": [None, [i.stakeholder_id for i in invited]]},
        )


def _invite(actor, process, stakeholder, now, *, reminder=False):
    secret = secrets.token_urlsafe(24)
    invitation = Invitation(
        stakeholder_id=stakeholder.id,
        email=stakeholder.contact_email,
        token_hash=_digest(secret),
        sent_by_id=actor.id,
        created_at=now,
        expires_at=now + _max_age(),
    )
    db.session.add(invitation)
    db.session.flush()
    if stakeholder.status in (StakeholderStatus.IDENTIFIED, StakeholderStatus.DECLINED):
        stakeholder.status = StakeholderStatus.INVITED
        stakeholder.updated_at = now
    token = make_token(PURPOSE, {"i": invitation.id, "s": secret})
    subject = (
        _l("Reminder: invitation to take part in “%(title)s”", title=process.title)
        if reminder
        else _l("Invitation to take part in “%(title)s”", title=process.title)
    )
    queue_mail(
        stakeholder.contact_email,
        "stakeholders_invitation",
        subject,
        process=process,
        stakeholder=stakeholder,
        inviter=actor,
        reminder=reminder,
        invitation_url=external_url("stakeholders.invitation", token=token),
        expires_at=invitation.expires_at,
    )
    invitation.token = token  # not stored: only its digest is
    return invitation


def invitation_for_token(token: str, *, now: datetime | None = None) -> Invitation:
    """The live invitation a link carries.

    Raises:
        InvitationInvalid, InvitationExpired, InvitationUsed, InvitationReplaced: tampered or unknown, expired,
            already answered, or revoked by a newer invitation.
    """
    now = now or utcnow()
    data = read_token(PURPOSE, token, int(_max_age().total_seconds()))
    invitation = db.session.get(Invitation, data.get("i")) if isinstance(data, dict) else None
    if invitation is None or not secrets.compare_digest(invitation.token_hash, _digest(str(data.get("s", "")))):
        raise InvitationInvalid
    if invitation.used_at is not None:
        raise InvitationUsed
    if _latest_invitation(invitation.stakeholder_id).id != invitation.id:
        raise InvitationReplaced
    if now >= invitation.expires_at or invitation.stakeholder.archived_at is not None:
        raise InvitationExpired
    return invitation


def _claim(invitation: Invitation, now: datetime, **values):
    """Mark the invitation used, atomically: of two people following the link at once, one wins."""
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise InvitationUsed
    db.session.refresh(invitation)


@atomic
def accept_invitation(user, token: str, *, now: datetime | None = None) -> Representative:
    """Make the signed-in user a confirmed representative of the invited organisation, which becomes engaged.

    Raises:
        InvitationInvalid, InvitationExpired, InvitationUsed: the link is tampered, expired or used.
    """
    now = now or utcnow()
    invitation = invitation_for_token(token, now=now)
    _claim(invitation, now, used_by_id=user.id)
    stakeholder = invitation.stakeholder
    representative = db.session.scalar(
        select(Representative).where(Representative.stakeholder_id == stakeholder.id, Representative.user_id == user.id)
    )
    if representative is None:
        representative = Representative(stakeholder_id=stakeholder.id, user_id=user.id)
        db.session.add(representative)
    representative.status = RepresentativeStatus.CONFIRMED
    representative.decided_at, representative.decided_by_id = now, invitation.sent_by_id
    stakeholder.status, stakeholder.updated_at = StakeholderStatus.ENGAGED, now
    db.session.flush()
    record(
        user,
        "stakeholder.invitation_accepted",
        "stakeholder",
        stakeholder.id,
        process_id=stakeholder.process_id,
        changes={"status": [None, StakeholderStatus.ENGAGED.value]},
    )
    signals.invitation_answered.send(invitation, accepted=True)
    logger.info("user %s accepted invitation %s for stakeholder %s", user.id, invitation.id, stakeholder.id)
    return representative


@atomic
def decline_invitation(token: str, *, now: datetime | None = None) -> Invitation:
    """Record that the invited organisation will not take part; the link stops working.

    Raises:
        InvitationInvalid, InvitationExpired, InvitationUsed: the link is tampered, expired or used.
    """
    now = now or utcnow()
    invitation = invitation_for_token(token, now=now)
    _claim(invitation, now, declined_at=now)
    stakeholder = invitation.stakeholder
    if stakeholder.status != StakeholderStatus.ENGAGED:
        stakeholder.status, stakeholder.updated_at = StakeholderStatus.DECLINED, now
    record(
        None,
        "stakeholder.invitation_declined",
        "stakeholder",
        stakeholder.id,
        process_id=stakeholder.process_id,
        changes={"status": [None, stakeholder.status.value]},
    )
    signals.invitation_answered.send(invitation, accepted=False)
    logger.info("invitation %s declined for stakeholder %s", invitation.id, stakeholder.id)
    return invitation
