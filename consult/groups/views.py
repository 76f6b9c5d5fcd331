"""Routes of the groups blueprint."""

from consult.groups import bp  # noqa: F401
