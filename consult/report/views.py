"""Routes of the report blueprint."""

from consult.report import bp  # noqa: F401
