"""Reads of the treatment pages: progress, themes, sections, history.

The rules they apply (which contributions need a disposition, the effective disposition) are
``consult.report.rules``.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from consult.auth.models import User
from consult.consultation.labels import versioned_title
from consult.consultation.models import ChangeLink, Contribution, ContributionState, Draft, DraftVersion, Section
from consult.consultation.queries import in_process_sections, in_reading_order
from consult.db import db
from consult.report.models import DispositionChange, Synthesis, Theme, Treatment
from consult.report.rules import effective_disposition, section_lines, synthesis_of, with_treatment

# --- progress -----------------------------------------------------------------


@dataclass
class SectionProgress:
    """Treated over total contributions awaiting a disposition in one section."""

    section_id: int
    label: str
    treated: int = 0
    total: int = 0

    @property
    def untreated(self) -> int:
        """How many still have no disposition."""
        return self.total - self.treated


@dataclass
class Progress:
    """How far the treatment of a process's contributions has gone."""

    sections: list[SectionProgress]
    treated: int = 0
    total: int = 0
    hidden: int = 0
    #: contributions awaiting moderation: moderated first, then treated
    pending: int = 0
    #: (moderation reason, count) of contributions hidden by moderation
    hidden_reasons: list[tuple[str, int]] = field(default_factory=list)
    withdrawn: int = 0

    @property
    def untreated(self) -> int:
        """Published contributions that still have no disposition."""
        return self.total - self.treated


def progress(process_id: int, sections: list[tuple[Section, str]] | None = None) -> Progress:
    """Treated / total per section and overall; pending, hidden and withdrawn contributions counted apart.

    Three queries whatever the number of contributions (two when ``process_sections`` is given).
    """
    if sections is None:
        sections = process_sections(process_id)
    sections = {s.id: SectionProgress(s.id, label) for s, label in sections}
    treated = effective_disposition.is_not(None)
    query = with_treatment(
        select(Contribution.section_id, Contribution.state, treated.label("treated"), func.count()).select_from(
            Contribution
        )
    )
    query = query.where(Contribution.process_id == process_id).group_by(
        Contribution.section_id, Contribution.state, treated
    )
    result = Progress(sections=list(sections.values()))
    for section_id, state, is_treated, count in db.session.execute(query):
        if state == ContributionState.HIDDEN:
            result.hidden += count
        elif state == ContributionState.WITHDRAWN:
            result.withdrawn += count
        elif state == ContributionState.PENDING:
            result.pending += count
        else:
            row = sections[section_id]
            row.total += count
            row.treated += count if is_treated else 0
            result.total += count
            result.treated += count if is_treated else 0
    result.hidden_reasons = list(
        db.session.execute(
            select(Contribution.moderation_reason, func.count())
            .where(Contribution.process_id == process_id, Contribution.state == ContributionState.HIDDEN)
            .group_by(Contribution.moderation_reason)
            .order_by(func.count().desc(), Contribution.moderation_reason)
        ).all()
    )
    result.sections = [row for row in result.sections if row.total]
    return result


# --- sections, themes, contribution page ------------------------------------------


def process_sections(process_id: int) -> list[tuple[Section, str]]:
    """Every section of every draft version of the process, with a label naming its version."""
    rows = db.session.execute(
        in_reading_order(in_process_sections(select(Section, DraftVersion.number, Draft.title), process_id))
    )
    return [(section, versioned_title(number, section.title)) for section, number, _title in rows]


def section_in_process(process_id: int, section_id: int) -> Section | None:
    """The section if it belongs to a draft of this process."""
    return db.session.scalar(in_process_sections(select(Section), process_id).where(Section.id == section_id))


def earlier_section_ids(section: Section) -> set[int]:
    """Ids of the sections ``section`` descends from, version after version (its ``previous`` chain)."""
    ids, current = set(), section.previous
    while current is not None and current.id not in ids:
        ids.add(current.id)
        current = current.previous
    return ids


def themes_with_counts(process_id: int) -> list[tuple[Theme, int]]:
    """The process's themes by title, each with how many contributions it holds."""
    counts = (
        select(Treatment.theme_id, func.count().label("n"))
        .where(Treatment.theme_id.is_not(None))
        .group_by(Treatment.theme_id)
    ).subquery()
    rows = db.session.execute(
        select(Theme, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.theme_id == Theme.id)
        .where(Theme.process_id == process_id)
        .order_by(Theme.title)
    )
    return [(theme, count) for theme, count in rows]


def get_theme(process_id: int, theme_id: int) -> Theme | None:
    """The theme if it belongs to the process."""
    return db.session.scalar(select(Theme).where(Theme.id == theme_id, Theme.process_id == process_id))


@dataclass
class ContributionTreatment:
    """Everything the treatment page of one contribution shows."""

    contribution: Contribution
    section_label: str
    treatment: Treatment | None
    theme: Theme | None
    history: list[tuple[DispositionChange, str | None, str | None]]
    change_sections: list[str]


def contribution_treatment(process_id: int, contribution_id: int) -> ContributionTreatment | None:
    """A contribution of the process with its treatment, theme, history and linked changes."""
    row = db.session.execute(
        with_treatment(
            select(Contribution, Treatment, Theme, DraftVersion.number, Section.title)
            .select_from(Contribution)
            .join(Section, Section.id == Contribution.section_id)
            .join(DraftVersion, DraftVersion.id == Section.version_id)
        ).where(Contribution.id == contribution_id, Contribution.process_id == process_id)
    ).first()
    if row is None:
        return None
    contribution, treatment, theme, number, title = row
    via = aliased(Theme)
    history = db.session.execute(
        select(DispositionChange, User.display_name, via.title)
        .outerjoin(User, User.id == DispositionChange.actor_id)
        .outerjoin(via, via.id == DispositionChange.via_theme_id)
        .where(DispositionChange.target_type == "contribution", DispositionChange.target_id == contribution_id)
        .order_by(DispositionChange.created_at.desc(), DispositionChange.id.desc())
    ).all()
    changes = db.session.execute(
        select(DraftVersion.number, Section.title)
        .join(DraftVersion, DraftVersion.id == Section.version_id)
        .where(Section.id.in_(_change_link_sections(contribution_id)))
        .order_by(DraftVersion.number, Section.id)
    ).all()
    return ContributionTreatment(
        contribution=contribution,
        section_label=versioned_title(number, title),
        treatment=treatment,
        theme=theme,
        history=[tuple(r) for r in history],
        change_sections=[versioned_title(n, t) for n, t in changes],
    )


def _change_link_sections(contribution_id: int):
    return select(ChangeLink.section_id).where(ChangeLink.contribution_id == contribution_id)


@dataclass(frozen=True)
class SynthesisRow:
    """One line of the synthesis screen: a section (every version it went through), what it received, its synthesis."""

    section: Section
    #: the first and the newest version the section went through
    versions: tuple[int, int]
    contributions: int
    positions: int
    synthesis: Synthesis | None


def synthesis_rows(process_id: int) -> list[SynthesisRow]:
    """Each section once, in reading order, with its published contributions and positions over all its versions."""
    lines = section_lines(process_id)
    ids = [i for line in lines for i in line.ids]
    counts = {
        section_id: (contributions, positions)
        for section_id, contributions, positions in db.session.execute(
            select(
                Section.id,
                Section.comment_count + Section.amendment_count,
                Section.agree_count + Section.mixed_count + Section.disagree_count,
            ).where(Section.id.in_(ids))
        )
    }
    syntheses = syntheses_of(process_id)
    return [
        SynthesisRow(
            section=line.section,
            versions=(line.versions[0][0], line.version),
            contributions=sum(counts[i][0] for i in line.ids),
            positions=sum(counts[i][1] for i in line.ids),
            synthesis=synthesis_of(line, syntheses),
        )
        for line in lines
    ]


def syntheses_of(process_id: int) -> dict[int | None, Synthesis]:
    """The process's syntheses by section id (None for the overall one)."""
    rows = db.session.scalars(select(Synthesis).where(Synthesis.process_id == process_id))
    return {s.section_id: s for s in rows}


def theme_history(theme_id: int) -> list[tuple[DispositionChange, str | None]]:
    """The changes of a theme's disposition, newest first, with the name of who made them."""
    return [
        tuple(row)
        for row in db.session.execute(
            select(DispositionChange, User.display_name)
            .outerjoin(User, User.id == DispositionChange.actor_id)
            .where(DispositionChange.target_type == "theme", DispositionChange.target_id == theme_id)
            .order_by(DispositionChange.created_at.desc(), DispositionChange.id.desc())
        )
    ]
