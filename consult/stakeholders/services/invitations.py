"""Invitations: a signed, expiring, single-use link that makes its follower a representative."""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from consult.audit import record
from consult.auth.tokens import make_token, read_token
from consult.db import atomic, db, utcnow
from consult.mail import external_url, queue_mail
from consult.stakeholders.errors import InvitationExpired, InvitationInvalid, InvitationUsed
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


@atomic
def invite_stakeholders(actor, process, stakeholders, *, now: datetime | None = None) -> tuple[list, list]:
    """Mail each stakeholder's contact a personal invitation link; their status becomes "invited".

    Stakeholders that are archived, engaged already or without contact email are skipped.

    Args:
        actor: the organizer.
        process: the process of the stakeholders.
        stakeholders: those to invite.
        now: the current time (tests, demo).

    Returns:
        ``(invitations, skipped)``: the new invitations (each with its link's ``token``, for the demo and tests)
        and the stakeholders left out.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
    """
    check_manager(actor, process)
    now = now or utcnow()
    invited, skipped = [], []
    for stakeholder in stakeholders:
        if stakeholder.process_id != process.id or not can_be_invited(stakeholder):
            skipped.append(stakeholder)
            continue
        invited.append(_invite(actor, process, stakeholder, now))
    if invited:
        record(
            actor,
            "stakeholder.invite",
            "process",
            process.id,
            process_id=process.id,
            changes={"stakeholders": [None, [i.stakeholder_id for i in invited]]},
        )
    logger.info("user %s invited %d stakeholders of process %s", actor.id, len(invited), process.id)
    return invited, skipped


def _invite(actor, process, stakeholder, now):
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
    queue_mail(
        stakeholder.contact_email,
        "stakeholders_invitation",
        _l("Invitation to take part in “%(title)s”", title=process.title),
        process=process,
        stakeholder=stakeholder,
        inviter=actor,
        invitation_url=external_url("stakeholders.invitation", token=token),
        expires_at=invitation.expires_at,
    )
    invitation.token = token  # not stored: only its digest is
    return invitation


def invitation_for_token(token: str, *, now: datetime | None = None) -> Invitation:
    """The live invitation a link carries.

    Raises:
        InvitationInvalid, InvitationExpired, InvitationUsed: tampered or unknown, expired, or already answered.
    """
    now = now or utcnow()
    data = read_token(PURPOSE, token, int(_max_age().total_seconds()))
    invitation = db.session.get(Invitation, data.get("i")) if isinstance(data, dict) else None
    if invitation is None or not secrets.compare_digest(invitation.token_hash, _digest(str(data.get("s", "")))):
        raise InvitationInvalid
    if invitation.used_at is not None:
        raise InvitationUsed
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
    logger.info("invitation %s declined for stakeholder %s", invitation.id, stakeholder.id)
    return invitation
