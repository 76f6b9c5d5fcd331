"""Named errors of the synthesis assistant."""

from consult.errors import Conflict


class SuggestionDecided(Conflict):
    """The suggested theme was already accepted, merged or rejected."""


class NotEnoughContributions(Conflict):
    """Too few contributions to suggest anything."""
