"""Named errors of the closing report's services; each carries its French message."""

from consult.errors import Conflict, DomainError


class ReasonRequired(DomainError):
    """A disposition was given without saying why."""


class NotTreatable(Conflict):
    """A contribution that needs no disposition yet (awaiting moderation) or at all (hidden, withdrawn)."""


class NotLaterVersion(Conflict):
    """The changed section is not a later version of the contributions' section."""


class UntreatedContributions(Conflict):
    """A final report asked for while published contributions still have no disposition."""


class AwaitingModeration(Conflict):
    """A final report asked for while contributions still await moderation."""


class ConsultationStillOpen(Conflict):
    """A final report asked for while a consultation window of the process is open."""


class ReportInconsistent(Conflict):
    """The computed figures break an invariant (a breakdown not summing to its total): nothing is published."""
