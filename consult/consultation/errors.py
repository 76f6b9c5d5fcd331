"""The consultation's named rule violations; each carries the French message shown to the person."""

from consult.errors import Conflict, DomainError, NotAllowed


class NotConfirmed(NotAllowed):
    """The actor is not signed in with a confirmed email address."""


class ConsultationClosed(NotAllowed):
    """The version's consultation window does not include now (not open yet, or closed)."""


class NotOrganizer(NotAllowed):
    """The actor does not organize (edit, moderate, answer for) this process."""


class NotYourContribution(NotAllowed):
    """Only its author may do this with a contribution (or, for flags and supports, anyone but its author)."""


class NotRepresentative(NotAllowed):
    """The actor is not a confirmed representative of the organisation named."""


class InvalidPosition(DomainError):
    """A position must be agree, mixed or disagree (or ``withdraw`` to take it back)."""


class InvalidTransition(Conflict):
    """The contribution's current state does not allow this change (see ``CONTRIBUTION_TRANSITIONS``)."""


class NotPublic(Conflict):
    """The contribution is not published, so it cannot be supported, reported or answered."""


class EmptyText(Conflict):
    """A required text (comment, reason, response…) is empty."""


class InvalidReply(Conflict):
    """A reply must answer a top-level comment of the same section."""


class UnchangedAmendment(Conflict):
    """An amendment must change the section's text."""


class InvalidOfflineEntry(Conflict):
    """An offline contribution needs a channel other than online and a date of receipt not in the future."""


class OfflineBatchRejected(Conflict):
    """Some rows of a batch of offline contributions (or its document) are invalid: nothing was recorded.

    ``row_errors`` maps the row's index to its message, ``file_error`` says why the document is refused,
    ``message`` is about the whole batch (no row at all).
    """

    def __init__(self, message: str = "", row_errors: dict[int, str] | None = None, file_error: str = ""):
        super().__init__(message)
        self.row_errors = row_errors or {}
        self.file_error = file_error


class AlreadyRecorded(Conflict):
    """The form was already submitted: its offline contributions are recorded once."""


class VersionPublished(Conflict):
    """A published version can no longer be edited."""


class VersionNotPublished(Conflict):
    """A new version starts from a published one."""


class InvalidWindow(Conflict):
    """A version cannot be published without sections or with a window that closes before it opens."""


class InvalidPlacement(Conflict):
    """Sections can only be placed inside a part of the same version."""


class UnrelatedContribution(Conflict):
    """A change can only be linked to a contribution on an earlier version of the same section."""
