"""Whether each person of an audience may still see what an event is about, asked when the worker fans it out.

Followers were recorded while the object was visible to them; by the time the worker runs, the concertation
may be unpublished, or a meeting may belong to a group the follower is not in. The answer comes from the
domains' own permission predicates, never restated here.
"""

from collections.abc import Callable

from flask_login import AnonymousUserMixin

from consult.db import db
from consult.groups.meeting_models import Meeting
from consult.groups.permissions import can_view_meeting, forget_group_standing
from consult.processes.models import Process
from consult.processes.permissions import can_view_process, forget_roles


def _checks(event) -> list[Callable]:
    """One predicate per object the event shows: its concertation, and its meeting if it names one."""
    process = db.session.get(Process, event.process_id)
    checks = [lambda user: process is not None and can_view_process(user, process)]
    meeting_id = (event.payload.get("values") or {}).get("meeting_id") if event.payload else None
    meeting = db.session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is not None:
        checks.append(lambda user: can_view_meeting(user, meeting))
    return checks


def audience_filter(event) -> Callable | None:
    """Who keeps the event: None when anyone may see its object, else ``keep(user) -> bool`` per person.

    With None the fan-out stays one INSERT … SELECT per batch; a predicate costs a check per person, which
    only events about non-public objects (small audiences: organizers, a group's members) pay.
    """
    checks = _checks(event)
    if all(check(AnonymousUserMixin()) for check in checks):
        return None
    forget_roles()  # roles and memberships as they are now, not as a long-lived worker context cached them
    forget_group_standing()
    return lambda user: all(check(user) for check in checks)
