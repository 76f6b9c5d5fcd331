"""Routes: treatment."""

from consult.report import bp  # noqa: F401
