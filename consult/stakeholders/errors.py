"""Named errors of the stakeholder registry, invitations and representatives."""

from consult.errors import Conflict, DomainError, InvalidToken, NotAllowed


class NotRegistryManager(NotAllowed):
    """The actor does not manage this process's stakeholders."""


class CannotAskToRepresent(NotAllowed):
    """The person may not ask to represent an organisation now (unconfirmed address, phase)."""


class NotAnOrganisation(NotAllowed):
    """Only listed (not archived) organisations can be represented."""


class AlreadyRequested(Conflict):
    """The person already asked to represent this organisation, or already represents it."""


class DecisionRecorded(Conflict):
    """The decision on a representative is already the current state."""


class AlreadyArchived(Conflict):
    """The stakeholder is already archived."""


class NotArchived(Conflict):
    """Contacts are erased only once the stakeholder is archived."""


class RegistryChanged(Conflict):
    """A stakeholder the import preview updates was archived or deleted since."""


class ProcessNotPublished(Conflict):
    """Inviting to a concertation nobody can see yet needs the organizer's explicit confirmation."""


class ImportRefused(DomainError):
    """The import file cannot be read as a registry (too large, too many rows, no category column)."""


class InvitationInvalid(InvalidToken):
    """An invitation link is tampered with or unknown (message "invalid")."""

    def __init__(self, message: str = "invalid"):
        super().__init__(message)


class InvitationUsed(InvalidToken):
    """An invitation was already accepted or declined (message "used")."""

    def __init__(self, message: str = "used"):
        super().__init__(message)


class InvitationExpired(InvalidToken):
    """An invitation is past its age, or its stakeholder is archived (message "expired")."""

    def __init__(self, message: str = "expired"):
        super().__init__(message)


class InvitationReplaced(InvalidToken):
    """A newer invitation to the same stakeholder revoked this link (message "replaced")."""

    def __init__(self, message: str = "replaced"):
        super().__init__(message)
