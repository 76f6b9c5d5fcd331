"""Meetings: schedule, change, cancel (with updated invitations), minutes and attendance, reminders."""

import logging
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from consult import signals
from consult.audit import record
from consult.dates import paris_day
from consult.db import atomic, db, utcnow
from consult.groups import permissions
from consult.groups.errors import CapacityBelowSeats, InvalidMeetingTimes, NotFacilitator
from consult.groups.meeting_models import Meeting, MeetingState, RegistrationStatus
from consult.groups.models import Group
from consult.groups.services.meeting_mail import mail_registrant
from consult.groups.services.registrations import active_registrations, lock_meeting, promote_waiting
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)
MEETING_FIELDS = ("title", "is_public", "starts_at", "ends_at", "place", "address", "video_url", "capacity")


def _check_facilitator(actor, group: Group):
    if not permissions.is_facilitator(actor, group):
        raise NotFacilitator()


def _check_times(starts_at, ends_at, deadline):
    if ends_at <= starts_at:
        raise InvalidMeetingTimes()
    if deadline is not None and deadline > starts_at:
        raise InvalidMeetingTimes(_l("Registrations must close before the meeting starts."))


@atomic
def create_meeting(actor, group: Group, *, agenda_md: str, registration_deadline=None, **fields) -> Meeting:
    """Schedule a meeting of the group.

    Args:
        actor: a facilitator of the group.
        group: the group.
        agenda_md: the agenda in Markdown.
        registration_deadline: when registrations close (UTC), or None for the start.
        fields: title, is_public, starts_at, ends_at (aware), place, address, video_url, capacity.

    Returns:
        The meeting.

    Raises:
        NotAllowed: the actor does not facilitate the group.
        InvalidMeetingTimes: the times are inconsistent.
    """
    _check_facilitator(actor, group)
    _check_times(fields["starts_at"], fields["ends_at"], registration_deadline)
    meeting = Meeting(
        group=group,
        agenda_md=agenda_md,
        agenda_html=markdown_to_html(agenda_md),
        registration_deadline=registration_deadline,
        **{name: fields[name] for name in MEETING_FIELDS},
    )
    db.session.add(meeting)
    db.session.flush()
    record(actor, "meeting.create", "meeting", meeting.id, process_id=group.process_id)
    signals.meeting_scheduled.send(meeting, actor=actor)
    logger.info("meeting %s created in group %s by user %s", meeting.id, group.id, actor.id)
    return meeting


@atomic
def update_meeting(
    actor, meeting: Meeting, *, agenda_md: str, registration_deadline=None, now=None, **fields
) -> Meeting:
    """Change a meeting; registrants get an updated invitation (its SEQUENCE increased).

    Raises:
        NotAllowed: the actor does not facilitate the group.
        MeetingCancelled, MeetingOver: the meeting can no longer change.
        InvalidMeetingTimes: the times are inconsistent.
        CapacityBelowSeats: the capacity is below the seats taken.
    """
    now = now or utcnow()
    _check_facilitator(actor, meeting.group)
    meeting = lock_meeting(meeting)
    meeting.require_state(now, MeetingState.UPCOMING, MeetingState.UNDER_WAY)
    _check_times(fields["starts_at"], fields["ends_at"], registration_deadline)
    if fields["capacity"] < meeting.seats_taken:
        raise CapacityBelowSeats()
    changes = {
        name: [str(getattr(meeting, name)), str(fields[name])]
        for name in MEETING_FIELDS
        if getattr(meeting, name) != fields[name]
    }
    for name in MEETING_FIELDS:
        setattr(meeting, name, fields[name])
    meeting.agenda_md, meeting.agenda_html = agenda_md, markdown_to_html(agenda_md)
    meeting.registration_deadline = registration_deadline
    meeting.sequence += 1
    if meeting.starts_at > now:
        meeting.reminder_sent_at = None
    db.session.flush()
    if meeting.state(now) == MeetingState.UPCOMING:  # no seat is offered for a meeting already under way
        promote_waiting(meeting, now=now)
    for registration in active_registrations(meeting):
        if registration.status == RegistrationStatus.CONFIRMED:
            mail_registrant(registration, "groups_meeting_changed", _l("A meeting has changed"), method="REQUEST")
    record(actor, "meeting.update", "meeting", meeting.id, process_id=meeting.group.process_id, changes=changes)
    signals.meeting_changed.send(meeting, actor=actor)
    logger.info("meeting %s changed by user %s (sequence %s)", meeting.id, actor.id, meeting.sequence)
    return meeting


@atomic
def cancel_meeting(actor, meeting: Meeting, *, reason: str = "", now=None) -> Meeting:
    """Cancel a meeting that has not started; registrants get a cancellation (METHOD:CANCEL).

    Raises:
        NotAllowed: the actor does not facilitate the group.
        MeetingCancelled: the meeting is already cancelled.
        MeetingStarted: the meeting has started or is over.
    """
    now = now or utcnow()
    _check_facilitator(actor, meeting.group)
    meeting = lock_meeting(meeting)
    meeting.require_state(now, MeetingState.UPCOMING)
    meeting.cancelled_at = now
    meeting.sequence += 1
    for registration in active_registrations(meeting):
        mail_registrant(
            registration, "groups_meeting_cancelled", _l("A meeting is cancelled"), method="CANCEL", reason=reason
        )
    record(actor, "meeting.cancel", "meeting", meeting.id, process_id=meeting.group.process_id, reason=reason)
    signals.meeting_cancelled.send(meeting, actor=actor)
    logger.info("meeting %s cancelled by user %s", meeting.id, actor.id)
    return meeting


@atomic
def record_minutes(
    actor,
    meeting: Meeting,
    *,
    attended_ids: set[int],
    minutes_md: str,
    publish: bool,
    walk_ins: list[dict] | None = None,
    now=None,
):
    """Record who came and the minutes, once the meeting has started; publishing tells every registrant once.

    Args:
        actor: a facilitator of the group.
        meeting: the meeting.
        attended_ids: the registrations of the people who came.
        minutes_md: the minutes, in Markdown.
        publish: publish the minutes (registrants are told once).
        walk_ins: the people who came without registering (``{"name", "organisation"}``); None keeps those noted.
        now: the current time (tests).

    Raises:
        NotAllowed: the actor does not facilitate the group.
        MeetingCancelled: the meeting was cancelled.
        MeetingNotStarted: the meeting has not started yet.
    """
    now = now or utcnow()
    _check_facilitator(actor, meeting.group)
    meeting = lock_meeting(meeting)
    meeting.require_state(now, MeetingState.UNDER_WAY, MeetingState.OVER)
    registrations = active_registrations(meeting)
    for registration in registrations:
        registration.attended = registration.id in attended_ids
    if walk_ins is not None:
        meeting.walk_ins = [{"name": w["name"], "organisation": w.get("organisation", "")} for w in walk_ins]
    meeting.minutes_md, meeting.minutes_html = minutes_md, markdown_to_html(minutes_md)
    if publish and meeting.minutes_published_at is None:
        meeting.minutes_published_at = now
        signals.minutes_published.send(meeting, actor=actor)
        for registration in registrations:
            if registration.status == RegistrationStatus.CONFIRMED:
                mail_registrant(registration, "groups_minutes_published", _l("The minutes of a meeting are online"))
    record(actor, "meeting.minutes", "meeting", meeting.id, process_id=meeting.group.process_id)
    return meeting


def send_meeting_reminders(now):
    """Mail each seated registrant once, from the day before a meeting (Paris time) until it starts."""
    upcoming = db.session.scalars(
        select(Meeting).where(
            Meeting.cancelled_at.is_(None),
            Meeting.reminder_sent_at.is_(None),
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(days=2),
        )
    ).all()
    for meeting in upcoming:
        if paris_day(meeting.starts_at) - paris_day(now) <= timedelta(days=1):
            _remind(meeting, now)


@atomic
def _remind(meeting: Meeting, now):
    """Claim the meeting's reminder in SQL, so two workers never both send it, and mail the seated registrants."""
    claimed = db.session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.reminder_sent_at.is_(None)).values(reminder_sent_at=now)
    ).rowcount
    if claimed:
        for registration in active_registrations(meeting):
            if registration.status == RegistrationStatus.CONFIRMED:
                mail_registrant(registration, "groups_meeting_reminder", _l("Reminder: a meeting tomorrow"))
