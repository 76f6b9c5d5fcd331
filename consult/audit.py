"""The audit log: who did what, when and why. Core, so that every domain records its decisions."""

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
