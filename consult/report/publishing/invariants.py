"""What must hold between the report's figures before a revision is frozen, and the kept counters' recount.

Every breakdown sums to its total, the listed contributions are the counted ones (each once), and the
supports shown per contribution (kept counters) add up to the supports counted from their rows.
"""

from collections import Counter

from sqlalchemy import func, select

from consult.consultation.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    Position,
    Section,
    Support,
)
from consult.consultation.queries import in_process_sections
from consult.db import db
from consult.groups.proposal_models import ProposalChange, ProposalSection


def _total(rows) -> int:
    return sum(row["count"] for row in rows)


def figure_errors(snapshot: dict, contributions: list[dict]) -> list[str]:
    """The broken invariants of a computed report (empty when its figures add up)."""
    part, treatment, sections = snapshot["participation"], snapshot["treatment"], snapshot["sections"]
    n = part["contributions"]
    expected = {
        "contributions by category": (_total(part["by_category"]), n),
        "contributions by territory": (_total(part["by_territory"]), n),
        "contributions by channel": (_total(part["by_channel"]), n),
        "contributions by week": (sum(w["count"] for w in part["by_week"]), n),
        "comments, replies and amendments": (part["comments"] + part["replies"] + part["amendments"], n),
        "contributions by section": (sum(s["contributions"] for s in sections), n),
        "contributions by disposition": (sum(treatment["by_disposition"].values()), n),
        "treated and untreated": (treatment["treated"] + treatment["untreated"], treatment["total"]),
        "contributions by section and theme": (sum(sum(g["counts"].values()) for g in treatment["groups"]), n),
        "positions by category": (_total(part["positions_by_category"]), part["positions"]),
        "positions by section": (sum(s["positions"]["total"] for s in sections), part["positions"]),
        "supports by category": (_total(part["supports_by_category"]), part["supports"]),
        "supports shown per contribution": (sum(c["supports"] for c in contributions), part["supports"]),
        "contributions listed": (len(contributions), n),
    }
    errors = [f"{name}: {got} ≠ {want}" for name, (got, want) in expected.items() if got != want]
    for section in sections:
        for split in ("by_category", "by_territory"):
            got = sum(row["total"] for row in section[split])
            if got != section["positions"]["total"]:
                errors.append(f"positions of section {section['id']} {split}: {got} ≠ {section['positions']['total']}")
    repeated = [cid for cid, times in Counter(c["id"] for c in contributions).items() if times > 1]
    if repeated:
        errors.append(f"contributions listed more than once: {repeated[:10]}")
    return errors


def counter_mismatches(process_id: int) -> list[tuple[str, int, int, int]]:
    """(counter, row id, kept, recounted) for every kept counter of the process that differs from its recount."""
    mismatches = []
    supports = (
        select(Contribution.id, Contribution.support_count, func.count(Support.id))
        .outerjoin(Support, Support.contribution_id == Contribution.id)
        .where(Contribution.process_id == process_id)
        .group_by(Contribution.id, Contribution.support_count)
    )
    mismatches += [("support_count", i, kept, n) for i, kept, n in db.session.execute(supports) if kept != n]
    positions = Counter()
    for section_id, value, n in db.session.execute(
        select(Position.section_id, Position.value, func.count())
        .where(Position.process_id == process_id)
        .group_by(Position.section_id, Position.value)
    ):
        positions[(section_id, f"{value.value}_count")] = n
    published = Counter()
    for section_id, kind, n in db.session.execute(
        select(Contribution.section_id, Contribution.kind, func.count())
        .where(Contribution.process_id == process_id, Contribution.state == ContributionState.PUBLISHED)
        .group_by(Contribution.section_id, Contribution.kind)
    ):
        column = "comment_count" if kind == ContributionKind.COMMENT else "amendment_count"
        published[(section_id, column)] = n
    links = _sheet_links(process_id)
    sections = in_process_sections(select(Section), process_id)
    for section in db.session.scalars(sections):
        if section.sheet_link_count != links[section.id]:
            mismatches.append(("sheet_link_count", section.id, section.sheet_link_count, links[section.id]))
        for column in ("agree_count", "mixed_count", "disagree_count"):
            if getattr(section, column) != positions[(section.id, column)]:
                mismatches.append((column, section.id, getattr(section, column), positions[(section.id, column)]))
        for column in ("comment_count", "amendment_count"):
            if getattr(section, column) != published[(section.id, column)]:
                mismatches.append((column, section.id, getattr(section, column), published[(section.id, column)]))
    return mismatches


def _sheet_links(process_id: int) -> Counter:
    """Links of action sheets per section of the process (the sections a sheet feeds, those it changed)."""
    links = Counter()
    for model in (ProposalSection, ProposalChange):
        linked = select(model.section_id, func.count()).select_from(Section).join(model, model.section_id == Section.id)
        links.update(dict(db.session.execute(in_process_sections(linked, process_id).group_by(model.section_id)).all()))
    return links
