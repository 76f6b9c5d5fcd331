"""Domain errors raised by services and turned into messages by views."""


class DomainError(Exception):
    """Base of every rule violation a service reports; ``message`` is shown to the person."""

    status_code = 400

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The actor may not do this."""

    status_code = 403


class NotFound(DomainError):
    """The target does not exist or is not visible."""

    status_code = 404


class Conflict(DomainError):
    """The action clashes with the current state (already done, concurrent change…)."""

    status_code = 409


class InvalidToken(DomainError):
    """A signed link is tampered with, expired or already used."""


class WeakPassword(DomainError):
    """The password does not meet the minimum strength."""
