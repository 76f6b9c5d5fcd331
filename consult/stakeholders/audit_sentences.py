"""The registry's decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from consult.db import db
from consult.stakeholders.models import Stakeholder


def load_stakeholders(ids) -> dict:
    """The organisations named by a page of the log."""
    return {s.id: s for s in db.session.scalars(select(Stakeholder).where(Stakeholder.id.in_(ids)))}


def _organisation(entry, stakeholder) -> str:
    if stakeholder is None:
        return _("organisation no. %(id)s", id=entry.target_id)
    return _("“%(name)s”", name=stakeholder.name)


def _after(entry, key, default=0):
    return ((entry.changes or {}).get(key) or [None, default])[1]


def _invited(entry) -> int:
    return len(_after(entry, "stakeholders", []) or [])


def _imported(who, entry) -> str:
    created, updated = _after(entry, "created"), _after(entry, "updated")
    return _(
        "%(who)s imported a file into the registry: %(created)s, %(updated)s",
        who=who,
        created=ngettext("%(num)d organisation added", "%(num)d organisations added", created),
        updated=ngettext("%(num)d updated", "%(num)d updated", updated),
    )


def _public_list(who, entry) -> str:
    if _after(entry, "public_list", False):
        return _("%(who)s published the list of the organisations taking part", who=who)
    return _("%(who)s withdrew the public list of the organisations taking part", who=who)


SENTENCES = {
    "stakeholder.create": lambda who, e, t: _(
        "%(who)s added %(org)s to the registry", who=who, org=_organisation(e, t)
    ),
    "stakeholder.update": lambda who, e, t: _(
        "%(who)s updated %(org)s in the registry", who=who, org=_organisation(e, t)
    ),
    "stakeholder.archive": lambda who, e, t: _("%(who)s archived %(org)s", who=who, org=_organisation(e, t)),
    "stakeholder.erase_contacts": lambda who, e, t: _(
        "%(who)s erased the contact details of %(org)s", who=who, org=_organisation(e, t)
    ),
    "stakeholder.export": lambda who, e, t: ngettext(
        "%(who)s exported %(num)d organisation of the registry",
        "%(who)s exported %(num)d organisations of the registry",
        _after(e, "rows"),
        who=who,
    ),
    "stakeholder.import": lambda who, e, t: _imported(who, e),
    "stakeholder.public_list": lambda who, e, t: _public_list(who, e),
    "stakeholder.invite": lambda who, e, t: ngettext(
        "%(who)s invited %(num)d organisation", "%(who)s invited %(num)d organisations", _invited(e), who=who
    ),
    "stakeholder.remind": lambda who, e, t: ngettext(
        "%(who)s sent a reminder to %(num)d organisation",
        "%(who)s sent a reminder to %(num)d organisations",
        _invited(e),
        who=who,
    ),
    "stakeholder.invitation_accepted": lambda who, e, t: _(
        "%(who)s accepted the invitation of %(org)s", who=who, org=_organisation(e, t)
    ),
    "stakeholder.invitation_declined": lambda who, e, t: _(
        "The invitation of %(org)s was declined", org=_organisation(e, t)
    ),
    "stakeholder.representation_requested": lambda who, e, t: _(
        "%(who)s asked to represent %(org)s", who=who, org=_organisation(e, t)
    ),
    "stakeholder.representative_confirmed": lambda who, e, t: _(
        "%(who)s confirmed a representative of %(org)s", who=who, org=_organisation(e, t)
    ),
    "stakeholder.representative_declined": lambda who, e, t: _(
        "%(who)s declined a request to represent %(org)s", who=who, org=_organisation(e, t)
    ),
}

TARGETS = {"stakeholder": load_stakeholders}
