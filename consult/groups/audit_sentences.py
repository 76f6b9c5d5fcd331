"""The groups' decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from sqlalchemy import select

from consult.db import db
from consult.groups.meeting_models import Meeting


def load_meetings(ids) -> dict:
    """The meetings named by a page of the log."""
    return {meeting.id: meeting for meeting in db.session.scalars(select(Meeting).where(Meeting.id.in_(ids)))}


def _meeting(entry, meeting) -> str:
    if meeting is None:
        return _("meeting no. %(id)s", id=entry.target_id)
    return _("the meeting “%(title)s”", title=meeting.title)


SENTENCES = {
    "meeting.create": lambda who, e, t: _("%(who)s scheduled %(what)s", who=who, what=_meeting(e, t)),
    "meeting.update": lambda who, e, t: _("%(who)s changed %(what)s", who=who, what=_meeting(e, t)),
    "meeting.cancel": lambda who, e, t: _("%(who)s cancelled %(what)s", who=who, what=_meeting(e, t)),
    "meeting.minutes": lambda who, e, t: _("%(who)s filed the minutes of %(what)s", who=who, what=_meeting(e, t)),
}

TARGETS = {"meeting": load_meetings}
