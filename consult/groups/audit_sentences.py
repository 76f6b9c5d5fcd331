"""The groups' decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from consult.db import db
from consult.groups.labels import PROPOSAL_STATUS_LABELS
from consult.groups.meeting_models import Document, Meeting
from consult.groups.models import Group, Membership
from consult.groups.proposal_models import Proposal, ProposalStatus


def _loader(model):
    def load(ids) -> dict:
        return {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids)))}

    load.__doc__ = f"The {model.__tablename__} named by a page of the log."
    return load


def load_memberships(ids) -> dict:
    """The memberships named by a page of the log, with their group and organisation."""
    query = select(Membership).options(joinedload(Membership.group), joinedload(Membership.stakeholder))
    return {m.id: m for m in db.session.scalars(query.where(Membership.id.in_(ids)))}


def _membership(sentence):
    """A builder naming the organisation and the group of a membership (or only its number, if gone)."""

    def build(who, entry, membership) -> str:
        if membership is None:
            org, group = _("an organisation"), _("a working group")
        else:
            org, group = _("“%(name)s”", name=membership.stakeholder.name), _group(entry, membership.group)
        return sentence(who=who, org=org, group=group)

    return build


def _meeting(entry, meeting) -> str:
    if meeting is None:
        return _("meeting no. %(id)s", id=entry.target_id)
    return _("the meeting “%(title)s”", title=meeting.title)


def _group(entry, group) -> str:
    if group is None:
        return _("working group no. %(id)s", id=entry.target_id)
    return _("the working group “%(title)s”", title=group.title)


def _person(entry, user) -> str:
    return user.display_name if user is not None else _("account no. %(id)s", id=entry.target_id)


def _sheet(entry, proposal) -> str:
    if proposal is None:
        return _("action sheet no. %(id)s", id=entry.target_id)
    return _("the action sheet “%(title)s”", title=proposal.title)


def _document(entry, document) -> str:
    title = document.title if document is not None else ((entry.changes or {}).get("title") or [None])[0]
    return _("the document “%(title)s”", title=title) if title else _("document no. %(id)s", id=entry.target_id)


def _status(entry) -> str:
    after = ((entry.changes or {}).get("status") or [None, None])[1]
    return str(PROPOSAL_STATUS_LABELS[ProposalStatus(after)]) if after else "–"


SENTENCES = {
    "meeting.create": lambda who, e, t: _("%(who)s scheduled %(what)s", who=who, what=_meeting(e, t)),
    "meeting.update": lambda who, e, t: _("%(who)s changed %(what)s", who=who, what=_meeting(e, t)),
    "meeting.cancel": lambda who, e, t: _("%(who)s cancelled %(what)s", who=who, what=_meeting(e, t)),
    "meeting.minutes": lambda who, e, t: _("%(who)s filed the minutes of %(what)s", who=who, what=_meeting(e, t)),
    "group.create": lambda who, e, t: _("%(who)s created %(what)s", who=who, what=_group(e, t)),
    "group.update": lambda who, e, t: _("%(who)s changed the settings of %(what)s", who=who, what=_group(e, t)),
    "group.facilitator_add": lambda who, e, t: _(
        "%(who)s made %(person)s a facilitator of a working group", who=who, person=_person(e, t)
    ),
    "group.facilitator_remove": lambda who, e, t: _(
        "%(who)s removed %(person)s from the facilitators of a working group", who=who, person=_person(e, t)
    ),
    "proposal.create": lambda who, e, t: _("%(who)s started %(what)s", who=who, what=_sheet(e, t)),
    "proposal.submit": lambda who, e, t: _("%(who)s submitted %(what)s", who=who, what=_sheet(e, t)),
    "proposal.decide": lambda who, e, t: _(
        "%(who)s decided on %(what)s: %(status)s", who=who, what=_sheet(e, t), status=_status(e)
    ),
    "proposal.link_change": lambda who, e, t: _("%(who)s linked an action sheet to a change of the draft", who=who),
    "membership.join": _membership(lambda **k: _("%(who)s had %(org)s join %(group)s", **k)),
    "membership.request": _membership(lambda **k: _("%(who)s asked for %(org)s to join %(group)s", **k)),
    "membership.accept": _membership(lambda **k: _("%(who)s accepted %(org)s into %(group)s", **k)),
    "membership.decline": _membership(lambda **k: _("%(who)s declined the request of %(org)s to join %(group)s", **k)),
    "membership.invite": _membership(lambda **k: _("%(who)s invited %(org)s to join %(group)s", **k)),
    "membership.decline_invitation": _membership(
        lambda **k: _("%(who)s declined for %(org)s the invitation to join %(group)s", **k)
    ),
    "membership.leave": _membership(lambda **k: _("%(who)s took %(org)s out of %(group)s", **k)),
    "membership.remove": _membership(lambda **k: _("%(who)s removed %(org)s from %(group)s", **k)),
    "document.add": lambda who, e, t: _("%(who)s added %(what)s", who=who, what=_document(e, t)),
    "document.delete": lambda who, e, t: _("%(who)s removed %(what)s", who=who, what=_document(e, t)),
}

TARGETS = {
    "meeting": _loader(Meeting),
    "group": _loader(Group),
    "proposal": _loader(Proposal),
    "document": _loader(Document),
    "membership": load_memberships,
}
