"""Administration operations."""

import logging

from flask_babel import lazy_gettext as _l

from consult.admin import permissions
from consult.audit import record
from consult.auth.models import User
from consult.db import db
from consult.errors import Conflict, NotAllowed

logger = logging.getLogger(__name__)


def set_admin(actor: User, user: User, is_admin: bool) -> User:
    """Grant or withdraw the admin role.

    Raises:
        NotAllowed: the actor is not an admin.
        Conflict: an admin tried to withdraw their own role (someone must remain).
    """
    if not permissions.can_manage_users(actor):
        raise NotAllowed(str(_l("Only administrators manage roles.")))
    if user.id == actor.id and not is_admin:
        raise Conflict(str(_l("You cannot withdraw your own administrator role.")))
    if user.is_admin != is_admin:
        record(actor, "role.admin", "user", user.id, changes={"is_admin": [user.is_admin, is_admin]})
        user.is_admin = is_admin
        db.session.commit()
        logger.info("user %s admin=%s by user %s", user.id, is_admin, actor.id)
    return user
