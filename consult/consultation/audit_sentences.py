"""The consultation's decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from consult.consultation.models import Contribution, ContributionKind, Draft, DraftVersion
from consult.db import db


def load_contributions(ids) -> dict:
    """The contributions named by a page of the log, with their authors and organisations."""
    query = (
        select(Contribution)
        .options(joinedload(Contribution.author), joinedload(Contribution.stakeholder))
        .where(Contribution.id.in_(ids))
    )
    return {contribution.id: contribution for contribution in db.session.scalars(query)}


def load_draft_versions(ids) -> dict:
    """The draft versions named by a page of the log, with their drafts."""
    query = select(DraftVersion).options(joinedload(DraftVersion.draft)).where(DraftVersion.id.in_(ids))
    return {version.id: version for version in db.session.scalars(query)}


def load_drafts(ids) -> dict:
    """The drafts named by a page of the log."""
    return {draft.id: draft for draft in db.session.scalars(select(Draft).where(Draft.id.in_(ids)))}


def _contribution(entry, contribution) -> str:
    """Name the contribution: "le commentaire de Pierre L.", "l’amendement de l’APF", "la contribution n° 12"."""
    if contribution is None:
        return _("contribution no. %(id)s", id=entry.target_id)
    author = _author(contribution)
    if contribution.kind == ContributionKind.AMENDMENT:
        return _("the amendment of %(author)s", author=author)
    return _("the comment of %(author)s", author=author)


def _author(contribution) -> str:
    if contribution.stakeholder is not None:
        return contribution.stakeholder.name
    if contribution.author is not None:
        return contribution.author.display_name
    return _("an offline contributor")


def _version(entry, version) -> str:
    if version is None:
        return _("draft version no. %(id)s", id=entry.target_id)
    return _("version %(number)s of “%(title)s”", number=version.number, title=version.draft.title)


SENTENCES = {
    "moderation.hide": lambda who, e, t: _("%(who)s hid %(what)s", who=who, what=_contribution(e, t)),
    "moderation.restore": lambda who, e, t: _("%(who)s published again %(what)s", who=who, what=_contribution(e, t)),
    "moderation.approve": lambda who, e, t: _("%(who)s approved %(what)s", who=who, what=_contribution(e, t)),
    "moderation.reason": lambda who, e, t: _(
        "%(who)s changed why %(what)s is hidden", who=who, what=_contribution(e, t)
    ),
    "consultation.respond": lambda who, e, t: _(
        "%(who)s answered %(what)s officially", who=who, what=_contribution(e, t)
    ),
    "consultation.offline": lambda who, e, t: _(
        "%(who)s entered %(what)s received offline", who=who, what=_contribution(e, t)
    ),
    "contribution.withdraw": lambda who, e, t: _("%(who)s withdrew %(what)s", who=who, what=_contribution(e, t)),
    "draft.create": lambda who, e, t: _(
        "%(who)s created the draft “%(title)s”", who=who, title=t.title if t else e.target_id
    ),
    "draft.publish": lambda who, e, t: _("%(who)s published %(what)s", who=who, what=_version(e, t)),
    "draft.new_version": lambda who, e, t: _("%(who)s prepared %(what)s", who=who, what=_version(e, t)),
    "draft.close_version": lambda who, e, t: _("%(who)s closed %(what)s", who=who, what=_version(e, t)),
    "draft.link_change": lambda who, e, t: _("%(who)s linked a contribution to a change of the draft", who=who),
    "draft.unlink_change": lambda who, e, t: _("%(who)s unlinked a contribution from a change of the draft", who=who),
    "moderation.auto_hide": lambda who, e, t: ngettext(
        "%(who)s hid %(what)s automatically after %(num)d flag",
        "%(who)s hid %(what)s automatically after %(num)d flags",
        ((e.changes or {}).get("flags") or [None, 0])[1] or 0,
        who=who,
        what=_contribution(e, t),
    ),
}

TARGETS = {"contribution": load_contributions, "draft_version": load_draft_versions, "draft": load_drafts}
