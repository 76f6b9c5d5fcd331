"""The processes' decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from sqlalchemy import select

from consult.auth.models import User
from consult.db import db
from consult.processes.labels import MODERATION_MODE_LABELS
from consult.processes.models import ModerationMode


def load_users(ids) -> dict:
    """The accounts named by a page of the log."""
    return {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}


def _person(entry, user) -> str:
    return user.display_name if user is not None else _("account no. %(id)s", id=entry.target_id)


def _moderation_mode(entry) -> str:
    after = (entry.changes.get("moderation_mode") or [None, None])[1]
    return str(MODERATION_MODE_LABELS[ModerationMode(after)]) if after else "–"


SENTENCES = {
    "process.create": lambda who, e, t: _("%(who)s created the concertation", who=who),
    "process.moderation_mode": lambda who, e, t: _(
        "%(who)s set the moderation to: %(mode)s", who=who, mode=_moderation_mode(e)
    ),
    "role.grant": lambda who, e, t: _("%(who)s made %(person)s an organizer", who=who, person=_person(e, t)),
    "role.revoke": lambda who, e, t: _("%(who)s removed %(person)s from the organizers", who=who, person=_person(e, t)),
}

TARGETS = {"user": load_users}
