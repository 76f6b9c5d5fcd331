"""Named errors of the administration operations."""

from consult.errors import Conflict, NotAllowed


class NotAdmin(NotAllowed):
    """Only administrators manage roles."""


class OwnAdminRole(Conflict):
    """An administrator may not withdraw their own administrator role."""
