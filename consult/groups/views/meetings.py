"""Meetings: schedule, show, change, cancel, register, invitation file, attendance and minutes."""

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.dates import from_paris, to_paris
from consult.db import utcnow
from consult.errors import DomainError
from consult.groups import bp, permissions, queries
from consult.groups.forms import (
    CancelForm,
    MeetingForm,
    MinutesForm,
    RegistrationForm,
    parse_walk_ins,
    walk_in_text,
)
from consult.groups.ics import calendar_of
from consult.groups.labels import ACCESS_NEED_LABELS, REGISTRATION_STATUS_LABELS
from consult.groups.meeting_models import AccessNeed, Meeting, Registration, RegistrationStatus
from consult.groups.services import meetings as services
from consult.groups.services import registrations
from consult.groups.services.meeting_mail import meeting_url
from consult.groups.views.groups import GROUP_URL
from consult.http import flash_error, form_status
from consult.permissions import require

MEETING_URL = f"{GROUP_URL}/reunions/<int:meeting_id>"


def _meeting_fields(form: MeetingForm) -> dict:
    deadline = form.registration_deadline.data
    return {
        "title": form.title.data,
        "is_public": form.is_public.data,
        "starts_at": from_paris(form.starts_at.data),
        "ends_at": from_paris(form.ends_at.data),
        "place": form.place.data or "",
        "address": form.address.data or "",
        "video_url": form.video_url.data or "",
        "agenda_md": form.agenda_md.data or "",
        "capacity": form.capacity.data,
        "registration_deadline": from_paris(deadline) if deadline else None,
    }


def load_meeting(slug, group_slug, meeting_id):
    """The group and its meeting, if the viewer may see it (else 404, sign-in or 403)."""
    group = queries.get_group_or_404(slug, group_slug)
    meeting = queries.get_in_group_or_404(Meeting, meeting_id, group)
    require(permissions.can_view_meeting(current_user, meeting))
    return group, meeting


def _to_meeting(meeting):
    group = meeting.group
    return redirect(url_for("groups.meeting", slug=group.process.slug, group_slug=group.slug, meeting_id=meeting.id))


@bp.route(f"{GROUP_URL}/reunions/nouvelle", methods=["GET", "POST"])
@login_required
def new_meeting(slug, group_slug):
    """Schedule a meeting."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.is_facilitator(current_user, group))
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(current_user, group, **_meeting_fields(form))
        except DomainError as error:
            form.ends_at.errors.append(error.message)
        else:
            flash(_("The meeting is scheduled."), "success")
            return _to_meeting(meeting)
    return render_template(
        "groups/meeting_edit.html", process=group.process, group=group, meeting=None, form=form
    ), form_status(form)


@bp.route(MEETING_URL)
def meeting(slug, group_slug, meeting_id):
    """Show a meeting: time, place, agenda, registration, documents, attendance and minutes."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    facilitator = permissions.is_facilitator(current_user, group)
    page = queries.meeting_page(
        meeting, current_user, facilitator=facilitator, inside=permissions.can_see_group_inside(current_user, group)
    )
    return render_template(
        "groups/meeting.html",
        process=group.process,
        group=group,
        meeting=meeting,
        page=page,
        now=utcnow(),
        facilitator=facilitator,
        registration_form=RegistrationForm(),
        cancel_form=CancelForm(),
        need_labels=ACCESS_NEED_LABELS,
        needs=list(AccessNeed),
        status_labels=REGISTRATION_STATUS_LABELS,
    )


@bp.route(f"{MEETING_URL}/modifier", methods=["GET", "POST"])
@login_required
def edit_meeting(slug, group_slug, meeting_id):
    """Change a meeting; registrants get an updated invitation."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    require(permissions.can_edit_meeting(current_user, meeting, utcnow()))
    form = MeetingForm(obj=meeting)
    if not form.is_submitted():
        form.starts_at.data = to_paris(meeting.starts_at).replace(tzinfo=None)
        form.ends_at.data = to_paris(meeting.ends_at).replace(tzinfo=None)
        deadline = meeting.registration_deadline
        form.registration_deadline.data = to_paris(deadline).replace(tzinfo=None) if deadline else None
    if form.validate_on_submit():
        try:
            services.update_meeting(current_user, meeting, **_meeting_fields(form))
        except DomainError as error:
            form.ends_at.errors.append(error.message)
        else:
            flash(_("The meeting is changed; registrants get an updated invitation."), "success")
            return _to_meeting(meeting)
    return render_template(
        "groups/meeting_edit.html", process=group.process, group=group, meeting=meeting, form=form
    ), form_status(form)


@bp.route(f"{MEETING_URL}/annuler", methods=["POST"])
@login_required
def cancel_meeting(slug, group_slug, meeting_id):
    """Cancel a meeting; registrants are told."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    require(permissions.can_cancel_meeting(current_user, meeting, utcnow()))
    form = CancelForm()
    if form.validate_on_submit():
        try:
            services.cancel_meeting(current_user, meeting, reason=form.reason.data or "")
        except DomainError as error:
            flash_error(error)
        else:
            flash(_("The meeting is cancelled; registrants are told by email."), "success")
    return _to_meeting(meeting)


@bp.route(f"{MEETING_URL}/inscription", methods=["POST"])
@login_required
def register(slug, group_slug, meeting_id):
    """Register for a meeting (a seat, or the waiting list when it is full)."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    require(permissions.can_register_meeting(current_user, meeting, utcnow()))
    form = RegistrationForm()
    if not form.validate_on_submit():
        flash(_("Please check the form."), "error")
        return _to_meeting(meeting), 400
    try:
        registration = registrations.register_for_meeting(
            current_user, meeting, needs=form.need_values, needs_other=form.needs_other.data or ""
        )
    except DomainError as error:
        flash_error(error)
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            flash(_("Your seat is booked. The invitation is in your mailbox."), "success")
        else:
            flash(_("The meeting is full: you are on the waiting list. We will write if a seat frees up."), "success")
    return _to_meeting(meeting)


@bp.route(f"{MEETING_URL}/inscription/annuler", methods=["POST"])
@login_required
def unregister(slug, group_slug, meeting_id):
    """Cancel one's registration (a repeat changes nothing)."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    mine = queries.my_registration(meeting, current_user, include_cancelled=True)
    if mine is None:
        flash(_("You are not registered for this meeting."), "error")
        return _to_meeting(meeting), 404
    require(permissions.can_cancel_registration(current_user, mine, utcnow()))
    try:
        registrations.cancel_registration(current_user, mine)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Your registration is cancelled."), "success")
    return _to_meeting(meeting)


@bp.route(f"{MEETING_URL}/invitation.ics")
def meeting_ics(slug, group_slug, meeting_id):
    """The meeting as an iCalendar file, with what its page shows this person (the video link or not)."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    mine = queries.my_registration(meeting, current_user)
    video_for = {meeting.id} if permissions.can_see_video_link(current_user, meeting, mine) else set()
    body = calendar_of([meeting], urls={meeting.id: meeting_url(meeting)}, video_for=video_for)
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": "attachment; filename=reunion.ics"})


@bp.route(f"{MEETING_URL}/compte-rendu", methods=["GET", "POST"])
@login_required
def minutes(slug, group_slug, meeting_id):
    """Record attendance and write (and publish) the minutes, once the meeting has started."""
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    require(permissions.can_record_minutes(current_user, meeting, utcnow()))
    page = queries.meeting_page(meeting, current_user, facilitator=True, inside=True)
    form = MinutesForm(obj=meeting)
    form.attended.choices = [(r.id, _attendee_label(r)) for r in page.registrations]
    if not form.is_submitted():
        form.attended.data = [r.id for r in page.registrations if r.attended]
        form.publish.data = meeting.minutes_published_at is not None
        form.walk_ins.data = walk_in_text(meeting.walk_ins or [])
    if form.validate_on_submit():
        try:
            services.record_minutes(
                current_user,
                meeting,
                attended_ids=set(form.attended.data or []),
                minutes_md=form.minutes_md.data or "",
                publish=form.publish.data,
                walk_ins=parse_walk_ins(form.walk_ins.data),
            )
        except DomainError as error:
            form.minutes_md.errors.append(error.message)
        else:
            flash(_("Attendance and minutes saved."), "success")
            return _to_meeting(meeting)
    return render_template(
        "groups/minutes.html", process=group.process, group=group, meeting=meeting, form=form
    ), form_status(form)


def _attendee_label(registration: Registration) -> str:
    organisation = registration.stakeholder.name if registration.stakeholder else _("in a personal capacity")
    return f"{registration.user.display_name} ({organisation})"
