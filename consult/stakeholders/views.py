"""Routes of the stakeholders blueprint."""

from consult.stakeholders import bp  # noqa: F401
