"""The consultation's part of "my data", and what account deletion changes here."""

from sqlalchemy import select, update

from consult.consultation.models import Contribution, Flag, Position, Support
from consult.db import db


def export_consultation(user, **_kwargs):
    """The person's contributions, positions, supports and flags, for "my data"."""
    contributions = db.session.scalars(select(Contribution).where(Contribution.author_id == user.id))
    positions = db.session.scalars(select(Position).where(Position.user_id == user.id))
    supports = db.session.scalars(select(Support.contribution_id).where(Support.user_id == user.id))
    flags = db.session.scalars(select(Flag).where(Flag.user_id == user.id))
    return "consultation", {
        "contributions": [
            {"id": c.id, "section_id": c.section_id, "kind": c.kind.value, "parent_id": c.parent_id,
             "state": c.state.value, "body": c.body, "proposed_text": c.proposed_text,
             "stakeholder_id": c.stakeholder_id, "created_at": c.created_at.isoformat()}
            for c in contributions
        ],
        "positions": [{"section_id": p.section_id, "value": p.value.value} for p in positions],
        "supports": list(supports),
        "flags": [{"contribution_id": f.contribution_id, "reason": f.reason} for f in flags],
    }  # fmt: skip


def unlink_flags(user, **_kwargs):
    """Unlink the deleted person from the flags they raised."""
    # Contributions, positions and supports stay (they count), shown without a name; reports lose their author.
    db.session.execute(update(Flag).where(Flag.user_id == user.id).values(user_id=None))
