"""iCalendar invitations and feeds of meetings (Europe/Paris time zone, stable UID, growing SEQUENCE)."""

from icalendar import Calendar, Event

from consult.dates import PARIS, to_paris
from consult.db import utcnow

PRODID = "-//Concertation//Groupes de travail//FR"


def meeting_event(meeting, url: str = "", *, cancelled: bool = False, show_video: bool = False) -> Event:
    """One VEVENT for a meeting, with times in Europe/Paris; the video link only when ``show_video``."""
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", to_paris(meeting.starts_at))
    event.add("dtend", to_paris(meeting.ends_at))
    event.add("summary", meeting.title)
    video_url = meeting.video_url if show_video else ""
    location = ", ".join(part for part in (meeting.place, meeting.address) if part) or video_url
    if location:
        event.add("location", location)
    description = "\n".join(part for part in (meeting.agenda_md, video_url, url) if part)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if cancelled or meeting.cancelled_at else "CONFIRMED")
    return event


def calendar_of(
    meetings, *, method: str | None = None, name: str = "", urls: dict | None = None, video_for=frozenset()
) -> bytes:
    """A VCALENDAR holding these meetings and the Europe/Paris VTIMEZONE.

    Args:
        meetings: the meetings to include.
        method: "REQUEST" or "CANCEL" for a mailed invitation; None for a feed.
        name: the calendar's display name, for feeds.
        urls: {meeting id: page URL}.
        video_for: ids of the meetings whose video link the reader may see (none by default).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(PARIS))
    for meeting in meetings:
        url = (urls or {}).get(meeting.id, "")
        event = meeting_event(meeting, url, cancelled=method == "CANCEL", show_video=meeting.id in video_for)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_attachment(meeting, url: str, *, method: str = "REQUEST", show_video: bool = False) -> dict:
    """The .ics attachment of a mailed invitation (queue_mail keeps textual data)."""
    video_for = {meeting.id} if show_video else set()
    data = calendar_of([meeting], method=method, urls={meeting.id: url}, video_for=video_for).decode()
    return {
        "filename": "invitation.ics" if method == "REQUEST" else "annulation.ics",
        "content_type": f"text/calendar; method={method}; charset=utf-8",
        "data": data,
    }
