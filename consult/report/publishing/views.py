"""Routes: publishing."""

from consult.report import bp  # noqa: F401
