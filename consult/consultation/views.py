"""Routes of the consultation blueprint."""

from consult.consultation import bp  # noqa: F401
