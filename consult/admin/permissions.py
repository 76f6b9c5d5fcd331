"""Who may administer the platform's accounts."""

from consult.permissions import is_admin


def can_manage_users(user) -> bool:
    """Only admins manage users and roles across processes."""
    return is_admin(user)
