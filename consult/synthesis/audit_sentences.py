"""The synthesis assistant's decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from consult.db import db
from consult.synthesis.models import SuggestedTheme


def load_suggestions(ids) -> dict:
    """The suggested themes named by a page of the log."""
    return {s.id: s for s in db.session.scalars(select(SuggestedTheme).where(SuggestedTheme.id.in_(ids)))}


def _suggestion(entry, suggestion) -> str:
    if suggestion is None:
        return _("suggested theme no. %(id)s", id=entry.target_id)
    return _("the suggested theme “%(title)s”", title=suggestion.title)


def _accepted(who, entry, suggestion) -> str:
    return ngettext(
        "%(who)s accepted %(what)s as a theme of %(num)d contribution",
        "%(who)s accepted %(what)s as a theme of %(num)d contributions",
        (entry.changes or {}).get("assigned") or 0,
        who=who,
        what=_suggestion(entry, suggestion),
    )


SENTENCES = {
    "synthesis.request": lambda who, e, t: _("%(who)s asked the assistant for suggested themes", who=who),
    "synthesis.accept": _accepted,
    "synthesis.rename": lambda who, e, t: _("%(who)s renamed %(what)s", who=who, what=_suggestion(e, t)),
    "synthesis.merge": lambda who, e, t: _(
        "%(who)s merged %(what)s into another suggestion", who=who, what=_suggestion(e, t)
    ),
    "synthesis.reject": lambda who, e, t: _("%(who)s set aside %(what)s", who=who, what=_suggestion(e, t)),
}

TARGETS = {"suggested_theme": load_suggestions}
