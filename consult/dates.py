"""Time zones: everything is stored in UTC and entered and shown in Europe/Paris."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from consult.db import utcnow

PARIS = ZoneInfo("Europe/Paris")


def paris_today(now: datetime | None = None) -> date:
    """Today's date in Europe/Paris."""
    return (now or utcnow()).astimezone(PARIS).date()


def to_paris(moment: datetime) -> datetime:
    """A UTC timestamp as Paris local time."""
    return moment.astimezone(PARIS)


def from_paris(local: datetime) -> datetime:
    """A naive Paris wall-clock time (as a form gives it) as an aware datetime."""
    return local.replace(tzinfo=PARIS) if local.tzinfo is None else local
