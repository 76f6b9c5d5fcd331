"""Registrations for meetings: a seat while there is one, else the waiting list; promotion on cancellation."""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from consult import signals
from consult.db import atomic, db, utcnow
from consult.groups import permissions
from consult.groups.errors import AlreadyRegistered, NotYourRegistration, RegistrationsClosed
from consult.groups.meeting_models import AccessNeed, Meeting, MeetingState, Registration, RegistrationStatus
from consult.groups.services.meeting_mail import mail_registrant

logger = logging.getLogger(__name__)


def lock_meeting(meeting: Meeting) -> Meeting:
    """Lock the meeting row (PostgreSQL: SELECT … FOR UPDATE) and re-read it, so changes are made one at a time."""
    return db.session.scalar(
        select(Meeting).where(Meeting.id == meeting.id).with_for_update().execution_options(populate_existing=True)
    )


def active_registrations(meeting: Meeting) -> list[Registration]:
    """The meeting's seated and waiting registrations, first come first."""
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.meeting_id == meeting.id, Registration.status != RegistrationStatus.CANCELLED)
            .order_by(Registration.created_at, Registration.id)
        )
    )


def _take_seat(meeting: Meeting) -> bool:
    """Take a seat in SQL; the CHECK constraint is the last guard against going over capacity."""
    try:
        with atomic():
            taken = db.session.execute(
                update(Meeting)
                .where(Meeting.id == meeting.id, Meeting.seats_taken < Meeting.capacity)
                .values(seats_taken=Meeting.seats_taken + 1)
            ).rowcount
    except IntegrityError:
        return False
    return bool(taken)


def _member_organisation(user, meeting: Meeting) -> int | None:
    member_of = permissions.group_standing(user, meeting.group)[0]
    return min(member_of) if member_of else None


def _fresh_registration(actor, meeting: Meeting, needs, needs_other: str, now) -> Registration:
    """A new registration row, or the person's cancelled one made live again."""
    registration = db.session.scalar(
        select(Registration).where(Registration.meeting_id == meeting.id, Registration.user_id == actor.id)
    )
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise AlreadyRegistered()
    if registration is None:
        registration = Registration(meeting_id=meeting.id, user_id=actor.id, status=RegistrationStatus.WAITING)
        db.session.add(registration)
    registration.needs = [need.value for need in needs]
    registration.needs_other = needs_other.strip() if AccessNeed.OTHER in needs else ""
    registration.stakeholder_id = _member_organisation(actor, meeting)
    registration.cancelled_at, registration.attended, registration.created_at = None, False, now
    return registration


@atomic
def register_for_meeting(
    actor, meeting: Meeting, *, needs: list[AccessNeed], needs_other: str = "", now=None
) -> Registration:
    """Register for a meeting: a seat if one is left, else a place on the waiting list.

    Args:
        actor: a confirmed user (a member of the group for a group meeting).
        meeting: the meeting.
        needs: the accessibility needs to prepare the room.
        needs_other: details of another need.
        now: the time of registration.

    Returns:
        The registration, confirmed or waiting.

    Raises:
        MeetingCancelled, MeetingStarted: the meeting is cancelled, has started or is over.
        RegistrationsClosed: the deadline is past, the phase does not allow it, or the actor may not attend.
        AlreadyRegistered: the actor is already registered.
    """
    now = now or utcnow()
    meeting = lock_meeting(meeting)
    meeting.require_state(now, MeetingState.UPCOMING)
    if not permissions.can_register_meeting(actor, meeting, now):
        raise RegistrationsClosed()
    registration = _fresh_registration(actor, meeting, needs, needs_other, now)
    try:
        with atomic():
            db.session.flush()  # the unique (meeting, user) constraint catches a double submission
    except IntegrityError:
        raise AlreadyRegistered() from None
    seated = _take_seat(meeting)
    registration.status = RegistrationStatus.CONFIRMED if seated else RegistrationStatus.WAITING
    registration.seated_at = now if seated else None
    registration.user, registration.meeting = actor, meeting
    signals.meeting_registered.send(registration, actor=actor)
    if seated:
        mail_registrant(registration, "groups_registered", _l("Your seat at a meeting"), method="REQUEST")
    else:
        mail_registrant(registration, "groups_waiting", _l("You are on the waiting list of a meeting"))
    logger.info("user %s registered for meeting %s (%s)", actor.id, meeting.id, registration.status.value)
    return registration


@atomic
def cancel_registration(actor, registration: Registration, *, now=None) -> Registration:
    """Give up one's seat or place before the meeting starts; the first person waiting gets the seat by mail.

    Cancelling a registration already cancelled changes nothing (a double submission).

    Raises:
        NotYourRegistration: the registration is someone else's.
        MeetingCancelled, MeetingStarted: the meeting is cancelled, has started or is over.
    """
    now = now or utcnow()
    meeting = lock_meeting(registration.meeting)
    db.session.refresh(registration)
    if not permissions.can_cancel_registration(actor, registration, now):
        if registration.user_id != actor.id:
            raise NotYourRegistration()
        meeting.require_state(now, MeetingState.UPCOMING)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    had_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
    if had_seat:
        db.session.execute(update(Meeting).where(Meeting.id == meeting.id).values(seats_taken=Meeting.seats_taken - 1))
        db.session.flush()
        promote_waiting(meeting, now=now)
    logger.info("user %s cancelled registration %s", actor.id, registration.id)
    return registration


@atomic
def promote_waiting(meeting: Meeting, *, now=None) -> list[Registration]:
    """Give free seats to the people waiting, first come first served, and mail them."""
    db.session.refresh(meeting)
    waiting = db.session.scalars(
        select(Registration)
        .where(Registration.meeting_id == meeting.id, Registration.status == RegistrationStatus.WAITING)
        .order_by(Registration.created_at, Registration.id)
        .limit(max(meeting.seats_left, 0))
    ).all()
    promoted = []
    for registration in waiting:
        if not _take_seat(meeting):
            break
        registration.status, registration.seated_at = RegistrationStatus.CONFIRMED, now or utcnow()
        mail_registrant(registration, "groups_promoted", _l("A seat is free for you at a meeting"), method="REQUEST")
        promoted.append(registration)
    return promoted
