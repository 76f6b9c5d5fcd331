"""What the report's templates need from a snapshot: its charts and labelled views of its figures."""

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


def groups_by_section(snapshot: dict) -> list[dict]:
    """The disposition groups (section x theme) with their section and theme, in reading order."""
    sections = {s["id"]: s for s in snapshot["sections"]}
    themes = {t["id"]: t for t in snapshot["treatment"]["themes"]}
    result = []
    for group in snapshot["treatment"]["groups"]:
        section = sections.get(group["section_id"], {"id": group["section_id"], "title": "?"})
        result.append({"section": section, "theme": themes.get(group["theme_id"]), "counts": group["counts"]})
    return result


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
        "groups": groups_by_section(snapshot),
        "L": LABELS,
        "label": label,
        "percent": percent,
        "number": number,
    }


#: the printed annex stops here; the web report and the open data carry every contribution
PRINTED_ANNEX_LIMIT = 300


def printed_annex(contributions: list[dict], *, limit: int = PRINTED_ANNEX_LIMIT) -> list[dict]:
    """The contributions a printed report carries: those the organizers answered, most supported first, in order.

    Every contribution stays in the web report (paginated) and in the open data; the printed document says so.
    """
    answered = [c for c in contributions if c.get("response_html")]
    kept = {c["id"] for c in sorted(answered, key=lambda c: (-c["supports"], c["id"]))[:limit]}
    return [c for c in contributions if c["id"] in kept]


def printed_context(revision) -> dict:
    """What the printed and the editable documents need besides the snapshot: the annex and where the rest is."""
    from consult.mail import external_url

    process = revision.snapshot["process"]
    return {
        "contributions": printed_annex(revision.contributions),
        "annex_total": len(revision.contributions),
        "complete_list_url": external_url(
            "report.revision_contributions", slug=process["slug"], number=revision.number
        ),
        **template_context(revision.snapshot),
    }
