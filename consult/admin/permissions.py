"""Who may administer the platform's accounts."""

from consult.permissions import is_admin


def can_manage_users(user) -> bool:
    """Only admins manage users and roles across processes."""
    return is_admin(user)


def can_retry_failed_work(user) -> bool:
    """Only admins see failed mail and jobs (addresses of everyone) and put them back in the queue."""
    return is_admin(user)
