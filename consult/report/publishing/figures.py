"""The report's figures and texts, computed from the data as one JSON-ready dict (the snapshot).

Every figure comes from a GROUP BY query of ``queries``: computing the whole report costs a constant
number of SQL queries, whatever the number of contributions.
"""

from collections import Counter, defaultdict

from flask import current_app

from consult.auth.models import Relation
from consult.consultation.models import Channel, ContributionKind, ContributionState, Position, PositionValue
from consult.dates import monday_of, mondays, paris_day
from consult.db import utcnow
from consult.report.models import DispositionValue
from consult.report.publishing import queries
from consult.report.publishing.groups import proposals_by_section, working_groups
from consult.report.rules import section_lines, synthesis_of
from consult.stakeholders.models import StakeholderCategory
from consult.text import markdown_to_html

POSITIONS = [v.value for v in PositionValue]
DISPOSITIONS = [v.value for v in DispositionValue]
UNKNOWN = "unknown"
UNTREATED = "untreated"
#: thresholds of the consensus labels (see the methodology annex)
STRONG_CONSENSUS = 0.7
MODERATE_CONSENSUS = 0.4


def compute_report(process, *, now=None) -> dict:
    """Compute every figure and gather every text of the process's report.

    Args:
        process: the Process.
        now: the time the figures are computed (defaults to now).

    Returns:
        A dict of plain JSON values (the snapshot a revision freezes).
    """
    pid = process.id
    texts = queries.closing_report(pid)
    themes = {t.id: t for t in queries.themes(pid)}
    dispositions = disposition_rows(pid)
    positions = queries.positions_by(pid, Position.contributor_category)
    now = now or utcnow()
    groups = working_groups(pid, now)
    syntheses = queries.syntheses(pid)
    overall = syntheses.get(None)
    lines = section_lines(pid)
    head_of = {i: line.section.id for line in lines for i in line.ids}
    include_empty = bool(texts and texts.include_empty_sections)
    return {
        "computed_at": now.isoformat(),
        "process": {
            "title": process.title,
            "slug": process.slug,
            "territory": process.territory,
            "summary_html": process.summary_html,
            "fields": list(process.fields or []),
        },
        "method": {"consensus_min_positions": current_app.config["CONSENSUS_MIN_POSITIONS"]},
        "texts": {
            "foreword_html": texts.foreword_html if texts else "",
            "conclusion_html": texts.conclusion_html if texts else "",
            "legal_frame_html": texts.legal_frame_html if texts else "",
            "next_steps_html": texts.next_steps_html if texts else "",
            "licence": texts.licence if texts else "Licence Ouverte 2.0",
            "overall_synthesis_html": overall.body_html if overall else "",
        },
        "phases": [
            {
                "kind": p.kind.value,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat(),
                "description": p.description,
            }
            for p in queries.phases(pid)
        ],
        "participation": participation(pid, positions),
        "stakeholders": stakeholders(process),
        "versions": consulted_versions(pid),
        "sections": sections(
            pid, lines, syntheses, positions, dispositions, proposals_by_section(groups), include_empty=include_empty
        ),
        "treatment": treatment(themes, [(head_of.get(s, s), *rest) for s, *rest in dispositions]),
        "moderation": moderation(pid),
        "groups": groups,
    }


def consulted_versions(pid) -> list[dict]:
    """Each published version with its consultation window (which text was consulted when)."""
    return [
        {
            "draft": title,
            "number": version.number,
            "opens_at": paris_day(version.opens_at).isoformat() if version.opens_at else None,
            "closes_at": paris_day(version.closes_at).isoformat() if version.closes_at else None,
        }
        for version, title in queries.consulted_versions(pid)
    ]


def _sorted_counts(counter: Counter, order=None) -> list[dict]:
    keys = [k for k in (order or []) if k in counter] + sorted(k for k in counter if k not in (order or []))
    return [{"key": k, "count": counter[k]} for k in keys]


def disposition_rows(pid) -> list[tuple]:
    """(section_id, theme_id, effective disposition value or "untreated", n) of the published contributions."""
    return [
        (section_id, theme_id, disposition.value if disposition else UNTREATED, n)
        for section_id, theme_id, disposition, n in queries.disposition_counts(pid)
    ]


def participation(pid, position_rows) -> dict:
    """Participants, contributions, positions and supports, by category, territory, channel and week."""
    kinds, channels, categories = Counter(), Counter(), Counter()
    replies = 0
    for kind, is_reply, channel, category, n in queries.contribution_counts(pid):
        kinds[kind.value] += n
        replies += n if is_reply else 0
        channels[channel.value] += n
        categories[category.value if category else UNKNOWN] += n
    territories = Counter({(t or UNKNOWN): n for t, n in queries.contributions_by_territory(pid)})
    positions = sum(n for *_rest, n in position_rows)
    positions_by_category = Counter()
    for _section, _value, category, n in position_rows:
        positions_by_category[category.value if category else UNKNOWN] += n
    supports_by_category = Counter({(c.value if c else UNKNOWN): n for c, n in queries.supports_by_category(pid)})
    category_order = [r.value for r in Relation] + [UNKNOWN]
    return {
        "participants": queries.participant_count(pid),
        "contributions": sum(kinds.values()),
        "comments": kinds[ContributionKind.COMMENT.value] - replies,
        "replies": replies,
        "amendments": kinds[ContributionKind.AMENDMENT.value],
        "offline": sum(n for c, n in channels.items() if c != Channel.ONLINE.value),
        "positions": positions,
        "supports": sum(supports_by_category.values()),
        "by_category": _sorted_counts(categories, category_order),
        "positions_by_category": _sorted_counts(positions_by_category, category_order),
        "supports_by_category": _sorted_counts(supports_by_category, category_order),
        "by_territory": sorted(_sorted_counts(territories), key=lambda row: (-row["count"], row["key"])),
        "by_channel": _sorted_counts(channels, [c.value for c in Channel]),
        "by_week": by_week(queries.contributions_by_day(pid)),
    }


def by_week(days) -> list[dict]:
    """Sum daily counts into weeks starting on Monday, with the empty weeks in between."""
    weeks = Counter()
    for day, n in days:
        weeks[monday_of(day)] += n
    if not weeks:
        return []
    return [{"week": monday.isoformat(), "count": weeks[monday]} for monday in mondays(min(weeks), max(weeks))]


def stakeholders(process) -> dict:
    """Stakeholders identified, invited and active per category (from the records), and the coverage gaps."""
    from consult.stakeholders.coverage import coverage

    pid = process.id
    covered = coverage(process)
    counted = {row[0]: (row[1], row[2] or 0, row[3] or 0) for row in queries.stakeholder_counts(pid)}
    rows = []
    for category in StakeholderCategory:
        identified, invited, active = counted.get(category, (0, 0, 0))
        rows.append({"category": category.value, "identified": identified, "invited": invited, "engaged": active})
    return {
        "by_category": rows,
        "identified": sum(r["identified"] for r in rows),
        "invited": sum(r["invited"] for r in rows),
        "engaged": sum(r["engaged"] for r in rows),
        "gaps": [{"field": f.value, "category": c.value} for f, c in covered.gaps],
        "territory_gaps": [t for t in covered.territory_gaps if t],
        "contributing_organisations": queries.contributing_organisations(pid),
    }


def consensus(counts: dict, *, min_positions: int) -> dict | None:
    """Leik's ordinal consensus on agree < mixed < disagree: 1 = everyone on one answer, 0 = split in two.

    Below ``min_positions`` positions the index is given but no wording: too few people to speak of agreement.

    Returns:
        {"index": 0..1 rounded to 2 places, "positions": how many, "level": strong|moderate|divided or None
        below the minimum, "leaning": the most chosen value}, or None without positions.
    """
    total = sum(counts.get(v, 0) for v in POSITIONS)
    if not total:
        return None
    cumulative, dispersion = 0, 0.0
    for value in POSITIONS[:-1]:
        cumulative += counts.get(value, 0)
        share = cumulative / total
        dispersion += min(share, 1 - share)
    index = round(1 - dispersion * 2 / (len(POSITIONS) - 1), 2)
    level = "strong" if index >= STRONG_CONSENSUS else "moderate" if index >= MODERATE_CONSENSUS else "divided"
    leaning = max(POSITIONS, key=lambda v: (counts.get(v, 0), -POSITIONS.index(v)))
    return {"index": index, "positions": total, "level": level if total >= min_positions else None, "leaning": leaning}


def _position_block(counts: dict) -> dict:
    total = sum(counts.get(v, 0) for v in POSITIONS)
    block = {v: counts.get(v, 0) for v in POSITIONS}
    block["total"] = total
    block["shares"] = {v: round(100 * counts.get(v, 0) / total, 1) if total else 0.0 for v in POSITIONS}
    return block


def _split(rows) -> dict:
    """{section_id: {key: {value: n}}} from (section_id, value, key, n) rows."""
    result = defaultdict(lambda: defaultdict(Counter))
    for section_id, value, key, n in rows:
        key = key.value if hasattr(key, "value") else (key or UNKNOWN)
        result[section_id][key][value.value] += n
    return result


def _contribution_brief(contribution, org_name, org_kind, response_html) -> dict:
    from consult.stakeholders.models import StakeholderKind

    return {
        "id": contribution.id,
        "kind": contribution.kind.value,
        "body_html": contribution.body_html,
        "proposed_text": contribution.proposed_text or "",
        "proposed_html": markdown_to_html(contribution.proposed_text) if contribution.proposed_text else "",
        "response_html": response_html or "",
        "supports": contribution.support_count,
        "category": contribution.contributor_category.value if contribution.contributor_category else UNKNOWN,
        "organisation": org_name if org_kind == StakeholderKind.ORGANISATION else "",
    }


def _per_section(rows) -> dict:
    """{section_id: Counter} of the first and last columns of (section_id, …, n) rows, keyed by the middle value."""
    result = defaultdict(Counter)
    for section_id, value, *_rest, n in rows:
        result[section_id][value.value if hasattr(value, "value") else value] += n
    return result


def _merged(splits: dict, ids) -> list[dict]:
    merged = defaultdict(Counter)
    for section_id in ids:
        for key, counts in splits[section_id].items():
            merged[key].update(counts)
    return [dict(_position_block(c), key=k) for k, c in sorted(merged.items())]


def _top(briefs: dict, ids, kind: str) -> list[dict]:
    chosen = [c for section_id in ids for c in briefs[section_id] if c["kind"] == kind]
    return sorted(chosen, key=lambda c: (-c["supports"], c["id"]))[: queries.TOP_SUPPORTED]


def _versions(line, positions: dict, dispositions: dict) -> list[dict]:
    """What each version of a section received (only when it went through several)."""
    if len(line.versions) < 2:
        return []
    return [
        {
            "number": number,
            "positions": _position_block(positions[section_id]),
            "contributions": sum(dispositions[section_id].values()),
        }
        for number, section_id in line.versions
    ]


def _received_something(entry: dict) -> bool:
    return bool(entry["contributions"] or entry["positions"]["total"] or entry["proposals"] or entry["synthesis_html"])


def _kept(entries: list[dict], parents: dict, include_empty: bool) -> list[dict]:
    """Leave out the sections that received nothing (a part stays when one of its sections is kept)."""
    if include_empty:
        return entries
    kept = {e["id"] for e in entries if _received_something(e)}
    kept |= {parents[i] for i in kept if parents[i] is not None}
    return [e for e in entries if e["id"] in kept]


def sections(pid, lines, syntheses, position_rows, disposition_rows, proposals, *, include_empty=False) -> list[dict]:
    """Each section once (every version it went through): positions, splits, consensus, top contributions.

    Sections that received nothing (no contribution, position, proposal or synthesis) are left out unless
    ``include_empty``.
    """
    by_category = _split(position_rows)
    by_territory = _split(queries.positions_by(pid, Position.contributor_territory))
    positions = _per_section(position_rows)
    dispositions = _per_section([(s, d, n) for s, _theme, d, n in disposition_rows])
    briefs = defaultdict(list)
    all_ids = [i for line in lines for i in line.ids]
    version_of = {i: number for line in lines for number, i in line.versions if len(line.versions) > 1}
    for contribution, org_name, org_kind, response_html in queries.top_supported(pid, all_ids):
        brief = _contribution_brief(contribution, org_name, org_kind, response_html)
        brief["version"] = version_of.get(contribution.section_id)
        briefs[contribution.section_id].append(brief)
    min_positions = current_app.config["CONSENSUS_MIN_POSITIONS"]
    entries, parents = [], {}
    for line in lines:
        totals = sum((positions[i] for i in line.ids), Counter())
        synthesis = synthesis_of(line, syntheses)
        parents[line.section.id] = line.section.parent_id
        entries.append(
            {
                "id": line.section.id,
                "ids": list(line.ids),
                "title": line.section.title,
                "is_part": line.section.is_part,
                "draft": line.draft,
                "version": line.version,
                "versions": _versions(line, positions, dispositions),
                "positions": _position_block(totals),
                "consensus": consensus(totals, min_positions=min_positions),
                "by_category": _merged(by_category, line.ids),
                "by_territory": _merged(by_territory, line.ids),
                "top_comments": _top(briefs, line.ids, ContributionKind.COMMENT.value),
                "top_amendments": _top(briefs, line.ids, ContributionKind.AMENDMENT.value),
                "synthesis_html": synthesis.body_html if synthesis else "",
                "proposals": [p for i in line.ids for p in proposals.get(i, [])],
                "dispositions": dict(sum((dispositions[i] for i in line.ids), Counter())),
                "contributions": sum(sum(dispositions[i].values()) for i in line.ids),
            }
        )
    return _kept(entries, parents, include_empty)


def treatment(themes, disposition_rows) -> dict:
    """Dispositions overall and per section and theme, with the themes' own dispositions and reasons."""
    totals, groups = Counter(), defaultdict(Counter)
    for section_id, theme_id, key, n in disposition_rows:
        totals[key] += n
        groups[(section_id, theme_id)][key] += n
    total = sum(totals.values())
    return {
        "total": total,
        "treated": total - totals[UNTREATED],
        "untreated": totals[UNTREATED],
        "by_disposition": {k: totals[k] for k in [*DISPOSITIONS, UNTREATED]},
        "themes": [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "disposition": t.disposition.value if t.disposition else None,
                "reason_html": t.reason_html,
            }
            for t in themes.values()
        ],
        "groups": [
            {"section_id": s, "theme_id": t, "counts": dict(c)}
            for (s, t), c in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or 0))
        ],
    }


def moderation(pid) -> dict:
    """How many contributions are not shown, by state, and the moderation reasons given (never the content)."""
    states, reasons = Counter(), Counter()
    for state, reason, n in queries.moderation_counts(pid):
        states[state.value] += n
        if state == ContributionState.HIDDEN:
            reasons[(reason or "").strip() or UNKNOWN] += n
    return {
        "hidden": states[ContributionState.HIDDEN.value],
        "withdrawn": states[ContributionState.WITHDRAWN.value],
        "pending": states[ContributionState.PENDING.value],
        "reasons": [{"reason": r, "count": n} for r, n in reasons.most_common()],
    }


def contribution_list(pid, **page) -> list[dict]:
    """Every published contribution with its section, theme, disposition and reason (no personal data)."""
    rows = []
    for row in queries.contribution_rows(pid, **page):
        (cid, section_id, kind, parent_id, received_on, created_at, channel, category, territory, body, body_html,
         proposed_text, supports, section_title, theme_id, theme_title, disposition, reason_html, reason_md, org,
         response_html) = row  # fmt: skip
        rows.append(
            {
                "id": cid,
                "section_id": section_id,
                "section": section_title,
                "kind": kind.value,
                "is_reply": parent_id is not None,
                "date": (received_on or paris_day(created_at)).isoformat(),
                "channel": channel.value,
                "category": category.value if category else UNKNOWN,
                "territory": territory or "",
                "organisation": org or "",
                "body": body,
                "body_html": body_html,
                "proposed_text": proposed_text or "",
                "proposed_html": markdown_to_html(proposed_text) if proposed_text else "",
                "supports": supports,
                "theme_id": theme_id,
                "theme": theme_title or "",
                "disposition": disposition.value if disposition else None,
                "reason_md": reason_md or "",
                "reason_html": reason_html or "",
                "response_html": response_html or "",
            }
        )
    return rows
