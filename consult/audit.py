"""The audit log: who did what, when and why. Core, so that every domain records its decisions."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk


class AuditEntry(db.Model):
    """One recorded decision (moderation, role change, disposition…)."""

    __tablename__ = "audit_entries"

    id: Mapped[int_pk]
    created_at: Mapped[created_at]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    #: dotted verb, e.g. "moderation.hide" or "role.grant"
    action: Mapped[str] = mapped_column(String(80))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    #: {"field": [before, after]} for the fields the action changed
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<AuditEntry {self.action} {self.target_type}:{self.target_id}>"


def record(actor, action: str, target_type: str, target_id: int | None, *, process_id=None, reason="", changes=None):
    """Add an audit entry to the session (the caller's transaction commits it)."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target_type,
        target_id=target_id,
        process_id=process_id,
        reason=reason,
        changes=changes or {},
    )
    db.session.add(entry)
    return entry


# Plain-French sentences of the log. Each domain registers, from its hooks, one sentence builder per action
# and one loader per target type; the log's pages load each page's targets in one query per type.


@dataclass
class _Sentences:
    builders: dict[str, Callable] = field(default_factory=dict)
    loaders: dict[str, Callable] = field(default_factory=dict)


def _sentences(app) -> _Sentences:
    return app.extensions.setdefault("audit_sentences", _Sentences())


def add_audit_sentences(app, builders: dict[str, Callable], loaders: dict[str, Callable]):
    """Describe each action with ``builders[action](who, entry, target) -> str``.

    ``loaders[target_type](ids) -> {id: object}`` loads the targets of a page of the log at once;
    ``target`` is None when the object no longer exists.
    """
    registry = _sentences(app)
    registry.builders.update(builders)
    registry.loaders.update(loaders)


def describe_entries(entries) -> list[tuple[AuditEntry, str]]:
    """Each entry with its sentence, e.g. "Sophie Lemaire a masqué le commentaire de Pierre L. (motif : …)"."""
    registry = _sentences(current_app)
    targets = _load_targets(registry, entries)
    described = []
    for entry in entries:
        who = entry.actor.display_name if entry.actor else str(_l("The platform"))
        target = targets.get((entry.target_type, entry.target_id))
        build = registry.builders.get(entry.action, _fallback)
        sentence = build(who, entry, target)
        if entry.reason:
            sentence = _("%(sentence)s (reason: %(reason)s)", sentence=sentence, reason=entry.reason)
        described.append((entry, sentence))
    return described


def _load_targets(registry: _Sentences, entries) -> dict:
    ids_by_type = defaultdict(set)
    for entry in entries:
        if entry.target_id is not None and entry.target_type in registry.loaders:
            ids_by_type[entry.target_type].add(entry.target_id)
    return {
        (target_type, target_id): target
        for target_type, ids in ids_by_type.items()
        for target_id, target in registry.loaders[target_type](sorted(ids)).items()
    }


def _fallback(who, entry, target) -> str:
    sentence = _("%(who)s recorded “%(action)s” on %(type)s no. %(id)s", who=who, action=entry.action,
                 type=entry.target_type, id=entry.target_id or "–")  # fmt: skip
    for key, (before, after) in (entry.changes or {}).items():
        sentence += _(", %(field)s: %(before)s → %(after)s", field=key, before=before or "–", after=after or "–")
    return sentence
