"""What the groups hold about a person, for "my data": meetings registered for, attended, or noted at by name.

Walk-ins (people without an account noted at a meeting) are data about them, not about the facilitator who
typed them: they never go into the recorder's export. An account gets the entries noted under its own
display name, each with only its own meeting and organisation, never the other people noted with it.
"""

from sqlalchemy import select, update

from consult.db import db
from consult.groups.meeting_models import Meeting, Registration
from consult.search import fold


def export_registrations(user, **_kwargs):
    """The person's meeting registrations with their accessibility needs and attendance."""
    rows = db.session.execute(
        select(
            Meeting.title, Meeting.starts_at, Registration.status, Registration.needs, Registration.needs_other,
            Registration.attended,
        )
        .join(Registration.meeting)
        .where(Registration.user_id == user.id)
        .order_by(Meeting.starts_at)
    )  # fmt: skip
    return "meeting_registrations", [
        {
            "meeting": title,
            "starts_at": starts_at.isoformat(),
            "status": status.value,
            "accessibility_needs": needs,
            "other_need": other,
            "attended": attended,
        }
        for title, starts_at, status, needs, other, attended in rows
    ]


def export_walk_ins(user, **_kwargs):
    """The meetings where a facilitator noted someone of the person's display name who came without registering."""
    name = fold(user.display_name).strip()
    if not name:
        return None
    rows = db.session.execute(
        select(Meeting.title, Meeting.starts_at, Meeting.walk_ins).order_by(Meeting.starts_at)
    )  # only meetings with minutes hold walk-ins; a full read is fine for a rare export
    noted = [
        {"meeting": title, "starts_at": starts_at.isoformat(), "organisation": walk_in.get("organisation", "")}
        for title, starts_at, walk_ins in rows
        for walk_in in walk_ins or []
        if fold(walk_in.get("name")).strip() == name
    ]
    return ("meeting_attendance_noted_by_name", noted) if noted else None


def scrub_registrations(user, **_kwargs):
    """Attendance stays in the minutes' counts; needs are health-related and go with the account."""
    db.session.execute(update(Registration).where(Registration.user_id == user.id).values(needs=[], needs_other=""))
