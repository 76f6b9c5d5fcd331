"""Coverage of the registry: who is identified, invited and active per category × field and per territory.

Invited and active are counted from the records, by the rule of the domain that sees them (the report:
an invitation was sent; the stakeholder contributed, joined a group, attended a meeting or proposed),
which registers it with ``set_activity_rule``; the status typed or imported in the registry plays no part.
"""

import enum
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import false, select

from consult.dates import monday_of, paris_day
from consult.db import db
from consult.processes.models import Field
from consult.stakeholders.models import Invitation, Stakeholder, StakeholderCategory


class Reach(enum.Enum):
    """How far the concertation reached a stakeholder (a stakeholder counts in each level it attained)."""

    IDENTIFIED = "identified"
    INVITED = "invited"
    ACTIVE = "active"


def set_activity_rule(app, *, invited: Callable, active: Callable):
    """Give coverage the owner rule of who was invited and who took an active part.

    Args:
        app: the application.
        invited: ``invited(process_id)`` -> a select of the ids of the stakeholders to whom an invitation was sent.
        active: ``active(process_id)`` -> a select of the ids of the stakeholders who took an active part.
    """
    app.extensions["stakeholder_activity"] = (invited, active)


def _activity_conditions(process_id):
    rule = current_app.extensions.get("stakeholder_activity")
    if rule is None:  # no domain registered a rule: nobody is known to be invited or active
        return false(), false()
    invited, active = rule
    return Stakeholder.id.in_(invited(process_id)), Stakeholder.id.in_(active(process_id))


@dataclass
class Coverage:
    """Counts by reach for each (category, field) and each territory, and the gaps among the process's fields."""

    fields: list[Field]
    cells: dict = field(default_factory=lambda: defaultdict(Counter))
    territories: dict = field(default_factory=lambda: defaultdict(Counter))
    #: (field, category) pairs of the process's fields where nobody took an active part
    gaps: list = field(default_factory=list)
    #: territories named in the registry where nobody took an active part
    territory_gaps: list = field(default_factory=list)

    def cell(self, category, field_) -> Counter:
        """The counts of one cell (``Reach`` levels as keys)."""
        return self.cells.get((category, field_), Counter())


def _reached(invited: bool, active: bool) -> list[Reach]:
    return [Reach.IDENTIFIED] + [Reach.INVITED] * bool(invited) + [Reach.ACTIVE] * bool(active)


def coverage(process) -> Coverage:
    """Compute the coverage of the process's live stakeholders (one query)."""
    invited, active = _activity_conditions(process.id)
    rows = db.session.execute(
        select(Stakeholder.category, Stakeholder.fields, Stakeholder.territory, invited, active).where(
            Stakeholder.process_id == process.id, Stakeholder.archived_at.is_(None)
        )
    ).all()
    process_fields = [Field(f) for f in process.fields]
    used = {Field(f) for _c, row_fields, *_rest in rows for f in row_fields}
    result = Coverage(fields=process_fields + [f for f in Field if f in used and f not in process_fields])
    for category, row_fields, territory, was_invited, was_active in rows:
        reached = _reached(was_invited, was_active)
        for value in row_fields:
            result.cells[(category, Field(value))].update(reached)
        result.territories[territory.strip() or ""].update(reached)
    result.gaps = [
        (f, category)
        for f in process_fields
        for category in StakeholderCategory
        if not result.cell(category, f)[Reach.ACTIVE]
    ]
    result.territory_gaps = sorted(t for t, counts in result.territories.items() if not counts[Reach.ACTIVE])
    return result


def engagement_by_week(process) -> list[tuple[date, int, int, int]]:
    """Invitations sent, accepted and declined per week (weeks start on Monday, Paris time)."""
    invitations = db.session.execute(
        select(Invitation.created_at, Invitation.used_at, Invitation.declined_at)
        .join(Stakeholder, Stakeholder.id == Invitation.stakeholder_id)
        .where(Stakeholder.process_id == process.id)
    ).all()
    weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for sent, used, declined in invitations:
        weeks[_monday(sent)][0] += 1
        if declined is not None:
            weeks[_monday(declined)][2] += 1
        elif used is not None:
            weeks[_monday(used)][1] += 1
    return [(week, *counts) for week, counts in sorted(weeks.items())]


def _monday(moment) -> date:
    return monday_of(paris_day(moment))
