"""Coverage of the registry: who is identified, invited, engaged per category × field and per territory."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from consult.dates import to_paris
from consult.db import db
from consult.processes.models import Field
from consult.stakeholders.models import Invitation, Stakeholder, StakeholderCategory, StakeholderStatus


@dataclass
class Coverage:
    """Counts by status for each (category, field) and each territory, and the gaps among the process's fields."""

    fields: list[Field]
    cells: dict = field(default_factory=lambda: defaultdict(Counter))
    territories: dict = field(default_factory=lambda: defaultdict(Counter))
    #: (field, category) pairs of the process's fields where nobody is engaged
    gaps: list = field(default_factory=list)
    #: territories named in the registry where nobody is engaged
    territory_gaps: list = field(default_factory=list)

    def cell(self, category, field_) -> Counter:
        """The counts of one cell (statuses as keys)."""
        return self.cells.get((category, field_), Counter())


def coverage(process) -> Coverage:
    """Compute the coverage of the process's live stakeholders (one query)."""
    rows = db.session.execute(
        select(Stakeholder.category, Stakeholder.fields, Stakeholder.status, Stakeholder.territory).where(
            Stakeholder.process_id == process.id, Stakeholder.archived_at.is_(None)
        )
    ).all()
    process_fields = [Field(f) for f in process.fields]
    used = {Field(f) for _c, row_fields, _s, _t in rows for f in row_fields}
    result = Coverage(fields=process_fields + [f for f in Field if f in used and f not in process_fields])
    for category, row_fields, status, territory in rows:
        for value in row_fields:
            result.cells[(category, Field(value))][status] += 1
        result.territories[territory.strip() or ""][status] += 1
    result.gaps = [
        (f, category)
        for f in process_fields
        for category in StakeholderCategory
        if not result.cell(category, f)[StakeholderStatus.ENGAGED]
    ]
    result.territory_gaps = sorted(
        t for t, counts in result.territories.items() if not counts[StakeholderStatus.ENGAGED]
    )
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
    day = to_paris(moment).date()
    return day - timedelta(days=day.weekday())
