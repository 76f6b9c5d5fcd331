"""The open data of a published revision: a Frictionless Data Package, as one zip.

CSV files are UTF-8 with a byte order mark and semicolons, with decimal commas, so they open
correctly in French spreadsheets; every table also comes as JSON. Nothing personal leaves: no email,
no name of a private person, no account id (organisation names only, for representatives).
"""

import json
import zipfile

from consult.report.publishing.storage import revision_file
from consult.spreadsheet import DELIMITER, LINE_END, csv_bytes
from consult.text import html_to_text, markdown_to_text

LICENCES = {
    "Licence Ouverte 2.0": {
        "name": "etalab-2.0",
        "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "title": "Licence Ouverte 2.0",
    }
}
DIALECT = {"delimiter": DELIMITER, "lineTerminator": LINE_END, "header": True}

CONTRIBUTION_FIELDS = [
    ("id", "integer", "Numéro de la contribution (propre à la concertation)"),
    ("section_id", "integer", "Numéro de la section du projet"),
    ("section", "string", "Titre de la section du projet"),
    ("kind", "string", "comment (commentaire) ou amendment (amendement)"),
    ("is_reply", "boolean", "Réponse à un autre commentaire"),
    ("date", "date", "Date de réception"),
    ("channel", "string", "Canal : online, public_meeting, letter, phone, email, other"),
    ("contributor_category", "string", "Catégorie du contributeur (déclarée)"),
    ("territory", "string", "Territoire du contributeur (déclaré)"),
    ("organisation", "string", "Organisation représentée, le cas échéant"),
    ("text", "string", "Texte de la contribution"),
    ("proposed_text", "string", "Texte proposé (amendements), en texte brut"),
    ("supports", "integer", "Nombre de soutiens"),
    ("theme", "string", "Thème"),
    ("disposition", "string", "Suite donnée : accepted, partly_accepted, rejected, out_of_scope (vide : non traitée)"),
    ("reason", "string", "Motif de la suite donnée, en texte brut"),
    ("official_response", "string", "Réponse officielle des organisateurs à la contribution, en texte brut"),
]
POSITION_FIELDS = [
    ("section_id", "integer", "Numéro de la section"),
    ("section", "string", "Titre de la section"),
    ("contributor_category", "string", "Catégorie des participants"),
    ("agree", "integer", "Positions d'accord"),
    ("mixed", "integer", "Positions mitigées"),
    ("disagree", "integer", "Positions de désaccord"),
    ("total", "integer", "Total des positions"),
]
SECTION_FIELDS = [
    ("section_id", "integer", "Numéro de la section"),
    ("title", "string", "Titre"),
    ("draft", "string", "Projet"),
    ("version", "integer", "Version du projet"),
    ("agree", "integer", "Positions d'accord"),
    ("mixed", "integer", "Positions mitigées"),
    ("disagree", "integer", "Positions de désaccord"),
    ("consensus", "number", "Indice de consensus de Leik (0 : opinions partagées, 1 : accord complet)"),
    ("contributions", "integer", "Contributions publiées"),
]
FIGURE_FIELDS = [
    ("figure", "string", "Indicateur"),
    ("dimension", "string", "Détail (catégorie, territoire, canal, semaine…)"),
    ("value", "integer", "Valeur"),
]


def contribution_table(revision) -> list[dict]:
    """One row per published contribution, without any personal data."""
    return [
        {
            "id": c["id"],
            "section_id": c["section_id"],
            "section": c["section"],
            "kind": c["kind"],
            "is_reply": c["is_reply"],
            "date": c["date"],
            "channel": c["channel"],
            "contributor_category": c["category"],
            "territory": c["territory"],
            "organisation": c["organisation"],
            "text": c["body"],
            "proposed_text": markdown_to_text(c["proposed_text"]),
            "supports": c["supports"],
            "theme": c["theme"],
            "disposition": c["disposition"] or "",
            "reason": html_to_text(c["reason_html"]),
            "official_response": html_to_text(c.get("response_html", "")),
        }
        for c in revision.contributions
    ]


def position_table(snapshot) -> list[dict]:
    """Positions aggregated per section and contributor category."""
    return [
        {
            "section_id": s["id"],
            "section": s["title"],
            "contributor_category": row["key"],
            **{v: row[v] for v in ("agree", "mixed", "disagree", "total")},
        }
        for s in snapshot["sections"]
        for row in s["by_category"]
    ]


def section_table(snapshot) -> list[dict]:
    """The sections with their positions, consensus index and number of contributions."""
    return [
        {
            "section_id": s["id"],
            "title": s["title"],
            "draft": s["draft"],
            "version": s["version"],
            **{v: s["positions"][v] for v in ("agree", "mixed", "disagree")},
            "consensus": s["consensus"]["index"] if s["consensus"] else None,
            "contributions": s["contributions"],
        }
        for s in snapshot["sections"]
    ]


def figure_table(snapshot) -> list[dict]:
    """The report's participation and treatment figures in long form."""
    part, rows = snapshot["participation"], []
    for key in (
        "participants",
        "contributions",
        "comments",
        "replies",
        "amendments",
        "offline",
        "positions",
        "supports",
    ):
        rows.append({"figure": key, "dimension": "", "value": part[key]})
    for figure, dimension in (("by_category", "category"), ("by_territory", "territory"), ("by_channel", "channel")):
        rows += [
            {"figure": f"contributions_{dimension}", "dimension": r["key"], "value": r["count"]} for r in part[figure]
        ]
    rows += [{"figure": "contributions_week", "dimension": w["week"], "value": w["count"]} for w in part["by_week"]]
    rows += [
        {"figure": "disposition", "dimension": k, "value": n}
        for k, n in snapshot["treatment"]["by_disposition"].items()
    ]
    for key in ("hidden", "withdrawn", "pending"):
        rows.append({"figure": "moderation", "dimension": key, "value": snapshot["moderation"][key]})
    for row in snapshot["stakeholders"]["by_category"]:
        for status in ("invited", "engaged"):
            rows.append({"figure": f"stakeholders_{status}", "dimension": row["category"], "value": row[status]})
    return rows


def _csv_bytes(fields, rows) -> bytes:
    return csv_bytes(
        ([_cell(row[name], kind) for name, kind, _d in fields] for row in rows),
        header=[name for name, _type, _d in fields],
    )


def _cell(value, kind):
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        return str(value).replace(".", ",")
    return value


def _schema(fields) -> dict:
    schema = []
    for name, kind, description in fields:
        field = {"name": name, "type": kind, "description": description}
        if kind == "number":
            field["decimalChar"] = ","
        schema.append(field)
    return {"fields": schema}


def _resources(tables):
    for name, title, fields, _rows in tables:
        yield {
            "name": f"{name}-csv",
            "path": f"{name}.csv",
            "title": title,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": DIALECT,
            "schema": _schema(fields),
        }
        yield {
            "name": f"{name}-json",
            "path": f"{name}.json",
            "title": title,
            "format": "json",
            "mediatype": "application/json",
            "schema": _schema(fields),
        }


def descriptor(revision, tables) -> dict:
    """The datapackage.json of the revision."""
    snapshot = revision.snapshot
    licence = snapshot["texts"]["licence"]
    return {
        "name": f"bilan-{snapshot['process']['slug']}-{revision.number}".lower(),
        "title": f"Bilan de la concertation « {snapshot['process']['title']} » (version {revision.number})",
        "description": "Contributions publiées et suite donnée, positions agrégées, sections et chiffres du bilan.",
        "created": revision.published_at.isoformat(),
        "licenses": [LICENCES.get(licence, {"name": "other", "title": licence})],
        "resources": list(_resources(tables)),
    }


def write_package(revision) -> str:
    """Write the revision's Data Package zip under REPORT_DIR.

    Returns:
        Its path relative to REPORT_DIR.
    """
    snapshot = revision.snapshot
    tables = [
        ("contributions", "Contributions et suite donnée", CONTRIBUTION_FIELDS, contribution_table(revision)),
        ("positions", "Positions par section et catégorie", POSITION_FIELDS, position_table(snapshot)),
        ("sections", "Sections du projet", SECTION_FIELDS, section_table(snapshot)),
        ("figures", "Chiffres du bilan", FIGURE_FIELDS, figure_table(snapshot)),
    ]
    relative, path = revision_file(revision, "-donnees.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor(revision, tables), ensure_ascii=False, indent=2))
        for name, _title, fields, rows in tables:
            archive.writestr(f"{name}.csv", _csv_bytes(fields, rows))
            archive.writestr(f"{name}.json", json.dumps(rows, ensure_ascii=False, indent=1))
    return relative
