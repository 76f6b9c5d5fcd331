"""Named errors of the process operations."""

from consult.errors import Conflict, NotAllowed, NotFound


class CannotCreateProcess(NotAllowed):
    """The actor may not create a concertation."""


class NotOrganizer(NotAllowed):
    """The actor does not organize this process."""


class PhaseEndsBeforeStart(Conflict):
    """A phase's end date is before its start."""


class NoAccountWithEmail(NotFound):
    """No live account uses the address given for a new organizer."""


class NotAnOrganizer(NotFound):
    """The person to withdraw does not organize this process."""


class LastOrganizer(Conflict):
    """A process keeps at least one organizer."""
