"""The administrators' decisions in plain French, for the audit log (registered from create_app)."""

from flask_babel import gettext as _


def _person(entry, user) -> str:
    return user.display_name if user is not None else _("account no. %(id)s", id=entry.target_id)


def _admin_role(who, entry, user) -> str:
    if ((entry.changes or {}).get("is_admin") or [None, False])[1]:
        return _("%(who)s made %(person)s an administrator", who=who, person=_person(entry, user))
    return _("%(who)s removed the administrator rights of %(person)s", who=who, person=_person(entry, user))


SENTENCES = {
    "role.admin": _admin_role,
    "mail.requeue": lambda who, e, t: _(
        "%(who)s sent again mail no. %(id)s, which had failed", who=who, id=e.target_id
    ),
    "job.requeue": lambda who, e, t: _("%(who)s started again a failed task (%(kind)s)", who=who, kind=e.target_type),
}

#: "user" targets are loaded by the processes' sentences
TARGETS: dict = {}
