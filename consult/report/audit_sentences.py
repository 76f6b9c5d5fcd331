"""The report's decisions in plain French, for the audit log (registered from hooks)."""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from consult.db import db
from consult.report.labels import DISPOSITION_BY_VALUE
from consult.report.models import Theme


def load_themes(ids) -> dict:
    """The themes named by a page of the log."""
    return {theme.id: theme for theme in db.session.scalars(select(Theme).where(Theme.id.in_(ids)))}


def _change(entry, key, side=1, default=None):
    return ((entry.changes or {}).get(key) or [default, default])[side]


def _theme(entry, theme) -> str:
    if theme is None:
        return _("theme no. %(id)s", id=entry.target_id)
    return _("the theme “%(title)s”", title=theme.title)


def _disposition(entry) -> str:
    return str(DISPOSITION_BY_VALUE.get(_change(entry, "disposition") or "untreated", "–"))


def _assigned(who, entry, theme) -> str:
    count = len(_contribution_ids(entry))
    if entry.target_id is None:
        return ngettext(
            "%(who)s took %(num)d contribution out of its theme",
            "%(who)s took %(num)d contributions out of their themes",
            count,
            who=who,
        )
    return ngettext(
        "%(who)s put %(num)d contribution in %(theme)s",
        "%(who)s put %(num)d contributions in %(theme)s",
        count,
        who=who,
        theme=_theme(entry, theme),
    )


def _contribution_ids(entry) -> list:
    return (entry.changes or {}).get("contributions") or []


SENTENCES = {
    "report.disposition": lambda who, e, t: ngettext(
        "%(who)s gave the disposition “%(disposition)s” to %(num)d contribution",
        "%(who)s gave the disposition “%(disposition)s” to %(num)d contributions",
        len(_contribution_ids(e)),
        who=who,
        disposition=_disposition(e),
    ),
    "report.theme_assign": lambda who, e, t: _assigned(who, e, t),
    "report.theme_create": lambda who, e, t: _("%(who)s created %(theme)s", who=who, theme=_theme(e, t)),
    "report.theme_update": lambda who, e, t: _("%(who)s changed %(theme)s", who=who, theme=_theme(e, t)),
    "report.theme_delete": lambda who, e, t: _(
        "%(who)s deleted the theme “%(title)s”", who=who, title=_change(e, "title", side=0, default="–")
    ),
    "report.theme_disposition": lambda who, e, t: _(
        "%(who)s gave the disposition “%(disposition)s” to %(theme)s",
        who=who,
        disposition=_disposition(e),
        theme=_theme(e, t),
    ),
    "report.synthesis": lambda who, e, t: _("%(who)s saved a synthesis of the report", who=who),
    "report.texts": lambda who, e, t: _("%(who)s saved the foreword and the conclusion of the report", who=who),
    "report.publish": lambda who, e, t: _(
        "%(who)s published version %(number)s of the report", who=who, number=_change(e, "number", default="–")
    ),
}

TARGETS = {"theme": load_themes}
