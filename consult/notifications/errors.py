"""Named errors of the notifications domain."""

from consult.errors import NotFound


class TargetNotFound(NotFound):
    """What the person wants to follow does not exist or is not visible to them."""
