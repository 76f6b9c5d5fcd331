"""The open data of a published revision: a Frictionless Data Package, as one zip.

Tables and fields are in ``opendata_tables``. CSV files are UTF-8 with a byte order mark and semicolons,
with decimal commas, so they open correctly in French spreadsheets; every table also comes as JSON.
Nothing personal leaves: no email, no name of a private person, no account id (organisation names only,
for representatives).
"""

import json
import zipfile

from flask_babel import force_locale

from consult.report.publishing.opendata_tables import (
    CONTRIBUTION_FIELDS,
    POSITION_FIELDS,
    SECTION_FIELDS,
    contribution_table,
    figure_tables,
    position_table,
    section_table,
)
from consult.report.publishing.storage import revision_file
from consult.spreadsheet import DELIMITER, LINE_END, csv_bytes

LICENCES = {
    "Licence Ouverte 2.0": {
        "name": "etalab-2.0",
        "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "title": "Licence Ouverte 2.0",
    }
}
DIALECT = {"delimiter": DELIMITER, "lineTerminator": LINE_END, "header": True}


def _csv_bytes(fields, rows) -> bytes:
    names = [name for name, *_rest in fields]
    # only booleans and numbers are written differently from their value: the other cells are taken as they are
    converted = [(i, kind) for i, (_name, kind, *_rest) in enumerate(fields) if kind in ("boolean", "number")]

    def cells(row):
        values = [row[name] for name in names]
        for i, kind in converted:
            values[i] = _cell(values[i], kind)
        return values

    return csv_bytes(map(cells, rows), header=names)


#: one encoder for every row (``json.dumps`` with an option builds a new one per call)
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _json_lines(rows) -> str:
    return "[\n" + ",\n".join(map(_ROW_ENCODER.encode, rows)) + "\n]"


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
    for name, kind, title, description in fields:
        field = {"name": name, "type": kind, "title": title, "description": description}
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
        "description": (
            "Contributions publiées et suite donnée, positions agrégées, sections et chiffres du bilan (un tableau "
            "par ventilation). Chaque colonne codée a sa colonne « _label » en clair, en français."
        ),
        "created": revision.published_at.isoformat(),
        "licenses": [LICENCES.get(licence, {"name": "other", "title": licence})],
        "resources": list(_resources(tables)),
    }


def write_package(revision, contributions: list[dict]) -> str:
    """Write the revision's Data Package zip under REPORT_DIR (``contributions``: its frozen list).

    Returns:
        Its path relative to REPORT_DIR.
    """
    snapshot = revision.snapshot
    with force_locale("fr"):
        tables = [
            ("contributions", "Contributions et suite donnée", CONTRIBUTION_FIELDS, contribution_table(contributions)),
            ("positions", "Positions par section et catégorie", POSITION_FIELDS, position_table(snapshot)),
            ("sections", "Sections du projet", SECTION_FIELDS, section_table(snapshot)),
            *figure_tables(snapshot),
        ]
    relative, path = revision_file(revision, "-donnees.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor(revision, tables), ensure_ascii=False, indent=2))
        for name, _title, fields, rows in tables:
            archive.writestr(f"{name}.csv", _csv_bytes(fields, rows))
            # one row a line, written by the C encoder (an indent would switch to the pure-Python one)
            archive.writestr(f"{name}.json", _json_lines(rows))
    return relative
