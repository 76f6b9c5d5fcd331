"""Who may follow and read notifications."""

from consult.permissions import is_signed_in


def can_follow(user) -> bool:
    """Any signed-in person may follow what they can see (the target's visibility is checked on it)."""
    return is_signed_in(user)


def can_read_notifications(user) -> bool:
    """Each signed-in person reads their own notifications."""
    return is_signed_in(user)
