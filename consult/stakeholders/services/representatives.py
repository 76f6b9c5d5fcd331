"""Requests to represent an organisation, and the organizer's decision on them."""

import logging
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from consult.audit import record
from consult.dates import paris_today
from consult.db import atomic, db, utcnow
from consult.mail import external_url, queue_mail
from consult.processes.models import ProcessRole, ProcessRoleName
from consult.stakeholders import permissions
from consult.stakeholders.errors import AlreadyRequested, CannotAskToRepresent, DecisionRecorded, NotAnOrganisation
from consult.stakeholders.models import (
    Invitation,
    Representative,
    RepresentativeStatus,
    Stakeholder,
    StakeholderKind,
    StakeholderStatus,
)
from consult.stakeholders.services.registry import check_manager

logger = logging.getLogger(__name__)


@atomic
def request_representation(user, process, stakeholder, *, today: date | None = None, now: datetime | None = None):
    """Ask to represent an organisation; the process's organizers are told and decide.

    Args:
        user: the person asking (signed in, email confirmed).
        process: the stakeholder's process.
        stakeholder: the organisation.
        today: the day in Paris (tests).
        now: the current time (tests).

    Returns:
        The representative link, in the "requested" state.

    Raises:
        CannotAskToRepresent: the person may not ask now (unconfirmed email, phase).
        NotAnOrganisation: the stakeholder is not a listed organisation.
        AlreadyRequested: the person already asked, or already represents it.
    """
    now = now or utcnow()
    if not permissions.can_ask_to_represent(user, process, today or paris_today(now)):
        raise CannotAskToRepresent(
            str(_l("Confirm your email address first; requests are open until the closing report."))
        )
    if stakeholder.kind != StakeholderKind.ORGANISATION or stakeholder.archived_at is not None:
        raise NotAnOrganisation(str(_l("Only listed organisations can be represented.")))
    existing = db.session.scalar(
        select(Representative).where(Representative.stakeholder_id == stakeholder.id, Representative.user_id == user.id)
    )
    if existing is not None and existing.status != RepresentativeStatus.DECLINED:
        raise AlreadyRequested(str(_l("You have already asked to represent this organisation.")))
    representative = existing or Representative(stakeholder_id=stakeholder.id, user_id=user.id)
    representative.status, representative.created_at = RepresentativeStatus.REQUESTED, now
    representative.decided_at = representative.decided_by_id = None
    try:
        with atomic():  # a savepoint: the same request sent twice at once fails here alone
            db.session.add(representative)
            db.session.flush()
    except IntegrityError as error:
        raise AlreadyRequested(str(_l("You have already asked to represent this organisation."))) from error
    _tell_organizers(process, stakeholder, user)
    record(user, "stakeholder.representation_requested", "stakeholder", stakeholder.id, process_id=process.id)
    logger.info("user %s asks to represent stakeholder %s", user.id, stakeholder.id)
    return representative


def _tell_organizers(process, stakeholder, user):
    organizers = db.session.scalars(
        select(ProcessRole).where(ProcessRole.process_id == process.id, ProcessRole.role == ProcessRoleName.ORGANIZER)
    )
    url = external_url("stakeholders.show", slug=process.slug, stakeholder_id=stakeholder.id)
    for role in organizers:
        queue_mail(
            role.user.email,
            "stakeholders_representation_requested",
            _l("%(name)s asks to represent %(organisation)s", name=user.display_name, organisation=stakeholder.name),
            process=process,
            stakeholder=stakeholder,
            requester=user,
            decide_url=url,
        )


@atomic
def decide_representation(actor, process, representative: Representative, *, confirm: bool, now=None):
    """Confirm or decline a person as representative of an organisation, and tell them by mail.

    A confirmed representative makes the organisation engaged.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
        DecisionRecorded: the decision is already the current state.
    """
    check_manager(actor, process)
    db.session.refresh(representative, with_for_update=True)  # lock, re-read: a repeat sees the first
    now = now or utcnow()
    wanted = RepresentativeStatus.CONFIRMED if confirm else RepresentativeStatus.DECLINED
    if representative.status == wanted:
        raise DecisionRecorded(str(_l("This decision is already recorded.")))
    before = representative.status
    representative.status, representative.decided_at, representative.decided_by_id = wanted, now, actor.id
    stakeholder = representative.stakeholder
    if confirm and stakeholder.status != StakeholderStatus.ENGAGED:
        stakeholder.status, stakeholder.updated_at = StakeholderStatus.ENGAGED, now
    queue_mail(
        representative.user.email,
        "stakeholders_representation_decided",
        _l("Your request to represent %(organisation)s", organisation=stakeholder.name),
        process=process,
        stakeholder=stakeholder,
        user=representative.user,
        confirmed=confirm,
        process_url=external_url("processes.show", slug=process.slug),
    )
    record(
        actor,
        "stakeholder.representative_" + ("confirmed" if confirm else "declined"),
        "stakeholder",
        stakeholder.id,
        process_id=process.id,
        changes={"representative": [before.value, wanted.value]},
    )
    logger.info("user %s %s representative %s", actor.id, wanted.value, representative.id)
    return representative


def drop_representation_of_deleted_account(user, **_kwargs):
    """A deleted account represents nobody; contributions keep the organisation they were made for."""
    db.session.execute(delete(Representative).where(Representative.user_id == user.id))
    db.session.execute(update(Invitation).where(Invitation.used_by_id == user.id).values(used_by_id=None))


def export_representation(user, **_kwargs):
    """The organisations the person represents or asked to, for "my data"."""
    rows = db.session.execute(
        select(Stakeholder.name, Representative.status, Representative.created_at, Representative.decided_at)
        .join(Representative, Representative.stakeholder_id == Stakeholder.id)
        .where(Representative.user_id == user.id)
        .order_by(Representative.created_at)
    )
    return "representation", [
        {
            "organisation": name,
            "status": status.value,
            "asked_at": asked.isoformat() if asked else None,
            "decided_at": decided.isoformat() if decided else None,
        }
        for name, status, asked, decided in rows
    ]
