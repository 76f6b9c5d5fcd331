"""What the report's templates need from a snapshot: its charts and labelled views of its figures."""

from collections import defaultdict

from flask import current_app
from flask_babel import gettext as _

from consult.report.publishing.charts import bar_chart, line_chart
from consult.report.publishing.formats import day, number, percent, short_day
from consult.report.publishing.labels import CATEGORY_LABELS, CHANNEL_LABELS, POSITION_LABELS, label


def charts(snapshot: dict) -> dict:
    """The report's charts, keyed by name; a chart is left out when it has nothing to show."""
    part = snapshot["participation"]
    result = {}
    if part["by_week"]:
        weeks = part["by_week"]
        result["weeks"] = line_chart(
            "weeks",
            _("Contributions per week"),
            _(
                "Line chart of the number of contributions received each week, from %(first)s to %(last)s; "
                "the table below gives every value.",
                first=day(weeks[0]["week"]),
                last=day(weeks[-1]["week"]),
            ),
            [short_day(w["week"]) for w in weeks],
            [w["count"] for w in weeks],
            name=_("Contributions"),
        )
    if part["by_category"]:
        rows = part["by_category"]
        result["categories"] = bar_chart(
            "categories",
            _("Contributions by contributor category"),
            _(
                "Bar chart of the number of contributions by category of contributor; "
                "the table below gives every value."
            ),
            [label(CATEGORY_LABELS, r["key"]) for r in rows],
            [(_("Contributions"), [r["count"] for r in rows])],
            horizontal=True,
        )
    if part["by_channel"]:
        rows = part["by_channel"]
        result["channels"] = bar_chart(
            "channels",
            _("Contributions by channel"),
            _("Bar chart of the number of contributions by channel; the table below gives every value."),
            [label(CHANNEL_LABELS, r["key"]) for r in rows],
            [(_("Contributions"), [r["count"] for r in rows])],
            horizontal=True,
        )
    positioned = [s for s in snapshot["sections"] if s["positions"]["total"]]
    if positioned:
        result["positions"] = bar_chart(
            "positions",
            _("Positions per section (share in %)"),
            _(
                "Stacked bar chart of the shares of agree, mixed and disagree positions for each section; "
                "the table below gives every value."
            ),
            [s["title"] for s in positioned],
            [
                (POSITION_LABELS[v], [s["positions"]["shares"][v] for s in positioned])
                for v in ("agree", "mixed", "disagree")
            ],
            stacked=True,
            horizontal=True,
            percent_axis=True,
        )
    return result


def dispositions_by_section(snapshot: dict) -> list[dict]:
    """Per section, in reading order, each theme's contributions by disposition: one small table a section."""
    themes = {t["id"]: t for t in snapshot["treatment"]["themes"]}
    sections = snapshot["sections"]
    rank = {s["id"]: n for n, s in enumerate(sections)}
    titles = {s["id"]: s["title"] for s in sections}
    rows = defaultdict(list)
    for group in snapshot["treatment"]["groups"]:
        rows[group["section_id"]].append({"theme": themes.get(group["theme_id"]), "counts": group["counts"]})
    ordered = sorted(rows, key=lambda section_id: (rank.get(section_id, len(rank)), section_id))
    return [{"id": i, "title": titles.get(i, "?"), "rows": rows[i]} for i in ordered]


def disposition_keys(snapshot: dict) -> list[str]:
    """The dispositions the report's tables show: those given at least once."""
    return [key for key, n in snapshot["treatment"]["by_disposition"].items() if n]


def chart_rows(snapshot: dict) -> dict:
    """The data tables that go with the charts: [label, value…] rows."""
    part = snapshot["participation"]
    return {
        "weeks": [[day(w["week"]), w["count"]] for w in part["by_week"]],
        "categories": [[label(CATEGORY_LABELS, r["key"]), r["count"]] for r in part["by_category"]],
        "channels": [[label(CHANNEL_LABELS, r["key"]), r["count"]] for r in part["by_channel"]],
        "positions": [
            [
                s["title"],
                *(_count_and_share(s["positions"], v) for v in ("agree", "mixed", "disagree")),
            ]
            for s in snapshot["sections"]
            if s["positions"]["total"]
        ],
    }


def _count_and_share(block: dict, value: str) -> str:
    return f"{block[value]} ({percent(block['shares'][value])})"


def template_context(snapshot: dict) -> dict:
    """Everything the report's body template needs besides the snapshot."""
    from consult.report.publishing.labels import LABELS

    return {
        "s": snapshot,
        "charts": charts(snapshot),
        "rows": chart_rows(snapshot),
        "dispositions": dispositions_by_section(snapshot),
        "disposition_keys": disposition_keys(snapshot),
        "L": LABELS,
        "label": label,
        "percent": percent,
        "number": number,
    }


def reading_groups(rows: list[dict], section_of=None) -> list[dict]:
    """Contributions already in reading order, grouped as they come: by section, then by theme.

    ``section_of`` maps a contribution to its section line ({"id", "title"}); by default its own section.
    Consecutive grouping keeps the order the rows were given in (Jinja's groupby would sort by id).
    """
    groups = []
    for row in rows:
        section = section_of(row) if section_of else {"id": row["section_id"], "title": row["section"]}
        if not groups or groups[-1]["id"] != section["id"]:
            groups.append({"id": section["id"], "title": section["title"], "themes": []})
        themes = groups[-1]["themes"]
        if not themes or themes[-1]["title"] != row["theme"]:
            themes.append({"title": row["theme"], "items": []})
        themes[-1]["items"].append(row)
    return groups


def printed_annex(snapshot: dict, contributions: list[dict], *, per_section: int) -> list[dict]:
    """The contributions a printed report carries: those the organizers answered, at most ``per_section`` a section.

    Sections follow the report's reading order (each section once, every version folded in, as in the
    snapshot); a section keeps its most supported answered contributions, shown by theme, and says how many
    more the web report and the open data carry (``left_out``). The annex stays a few pages at any size.
    """
    lines = snapshot["sections"]
    line_of = {i: line for line in lines for i in line.get("ids", [line["id"]])}
    rank = {line["id"]: n for n, line in enumerate(lines)}

    def section_of(row):
        line = line_of.get(row["section_id"])
        return line or {"id": row["section_id"], "title": row["section"]}

    answered = defaultdict(list)
    for index, row in enumerate(contributions):
        if row.get("response_html"):
            answered[section_of(row)["id"]].append((index, row))
    groups = []
    for section_id in sorted(answered, key=lambda i: (rank.get(i, len(rank)), answered[i][0][0])):
        rows = answered[section_id]
        kept = sorted(rows, key=lambda item: (-item[1]["supports"], item[0]))[:per_section]
        # the kept rows back in the annex's order: by theme (no theme last), then as listed
        kept.sort(key=lambda item: (not item[1]["theme"], item[1]["theme"], item[0]))
        group = reading_groups([row for _index, row in kept], section_of)[0]
        groups.append(group | {"left_out": len(rows) - len(kept)})
    return groups


def printed_context(revision) -> dict:
    """What the printed and the editable documents need besides the snapshot: the annex and where the rest is."""
    from consult.mail import external_url

    process = revision.snapshot["process"]
    contributions = revision.contributions
    annex = printed_annex(
        revision.snapshot, contributions, per_section=current_app.config["REPORT_PRINTED_ANSWERS_PER_SECTION"]
    )
    return {
        "contributions": annex,
        "annex_shown": sum(len(t["items"]) for group in annex for t in group["themes"]),
        "annex_total": len(contributions),
        "complete_list_url": external_url(
            "report.revision_contributions", slug=process["slug"], number=revision.number
        ),
        **template_context(revision.snapshot),
    }
