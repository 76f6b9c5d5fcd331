"""Administration operations."""

import logging

from flask_babel import lazy_gettext as _l

from consult.admin import permissions
from consult.admin.errors import NotAdmin, OwnAdminRole
from consult.audit import record
from consult.auth.models import User
from consult.auth.services import create_confirmed_user, find_user_by_email
from consult.db import atomic, db

logger = logging.getLogger(__name__)


@atomic
def set_admin(actor: User, user: User, is_admin: bool) -> User:
    """Grant or withdraw the admin role.

    Raises:
        NotAdmin: the actor is not an admin.
        OwnAdminRole: an admin tried to withdraw their own role (someone must remain).
    """
    if not permissions.can_manage_users(actor):
        raise NotAdmin(str(_l("Only administrators manage roles.")))
    db.session.refresh(user, with_for_update=True)  # lock, re-read: a repeat sees the first
    if user.id == actor.id and not is_admin:
        raise OwnAdminRole(str(_l("You cannot withdraw your own administrator role.")))
    if user.is_admin != is_admin:
        record(actor, "role.admin", "user", user.id, changes={"is_admin": [user.is_admin, is_admin]})
        user.is_admin = is_admin
        logger.info("user %s admin=%s by user %s", user.id, is_admin, actor.id)
    return user


@atomic
def bootstrap_admin(email: str, display_name: str, password: str, **profile) -> User:
    """Make the account of this address an administrator, creating it confirmed if needed (CLI, demo).

    No administrator is needed to do this: it is how the first one is made, from the server.

    Raises:
        WeakPassword: a new account's password is too weak.
    """
    user = find_user_by_email(email) or create_confirmed_user(email, display_name, password, **profile)
    if not user.is_admin:
        record(None, "role.admin", "user", user.id, changes={"is_admin": [False, True]})
        user.is_admin = True
        logger.info("user %s made administrator from the server", user.id)
    return user
