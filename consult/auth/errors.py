"""Named errors of the account operations."""

from consult.errors import Conflict, InvalidToken, NotAllowed


class TermsNotAccepted(NotAllowed):
    """The terms of use were not accepted at sign-up."""


class WrongPassword(NotAllowed):
    """The current password given to confirm a sensitive change is wrong."""


class EmailTaken(Conflict):
    """Another account already uses this address."""


class LinkInvalid(InvalidToken):
    """A signed link is tampered with, unknown, or for an address no longer in use (message "invalid")."""

    def __init__(self, message: str = "invalid"):
        super().__init__(message)


class LinkExpired(InvalidToken):
    """A signed link is older than it may be (message "expired")."""

    def __init__(self, message: str = "expired"):
        super().__init__(message)
