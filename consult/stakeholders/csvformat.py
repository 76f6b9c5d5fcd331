"""The registry's CSV file: column names, reading what French spreadsheets produce, and writing it back.

Values are written with their French labels and read back from a label (French or English) or a code,
so an exported file imports unchanged and a hand-made one is forgiving.
"""

import csv
import difflib
import io
import re
import unicodedata

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from consult.processes.labels import FIELD_LABELS
from consult.processes.models import Field
from consult.spreadsheet import csv_bytes
from consult.stakeholders.labels import CATEGORY_LABELS, KIND_LABELS, LEVEL_LABELS, STATUS_LABELS
from consult.stakeholders.models import InvolvementLevel, StakeholderCategory, StakeholderKind, StakeholderStatus

#: column key → header written in the file (a data format, kept stable whatever the interface language)
HEADERS = {
    "name": "nom",
    "kind": "type",
    "category": "categorie",
    "fields": "domaines",
    "territory": "territoire",
    "level": "niveau",
    "influence": "influence",
    "interest": "interet",
    "status": "statut",
    "notes": "notes",
    "contact_name": "contact_nom",
    "contact_email": "contact_email",
    "contact_phone": "contact_telephone",
}
HEADER_ALIASES = {
    "nom": "name",
    "name": "name",
    "type": "kind",
    "kind": "kind",
    "categorie": "category",
    "category": "category",
    "domaines": "fields",
    "domaine": "fields",
    "fields": "fields",
    "territoire": "territory",
    "territory": "territory",
    "niveau": "level",
    "niveaudimplication": "level",
    "level": "level",
    "influence": "influence",
    "interet": "interest",
    "interest": "interest",
    "statut": "status",
    "status": "status",
    "notes": "notes",
    "contactnom": "contact_name",
    "contact": "contact_name",
    "contactname": "contact_name",
    "contactemail": "contact_email",
    "email": "contact_email",
    "courriel": "contact_email",
    "contacttelephone": "contact_phone",
    "contactphone": "contact_phone",
    "telephone": "contact_phone",
}
ENUMS = {
    "kind": (StakeholderKind, KIND_LABELS),
    "category": (StakeholderCategory, CATEGORY_LABELS),
    "level": (InvolvementLevel, LEVEL_LABELS),
    "status": (StakeholderStatus, STATUS_LABELS),
    "fields": (Field, FIELD_LABELS),
}
FILE_LOCALE = "fr"
CODED_COLUMNS = ("kind", "category", "fields", "level", "status")
FIELD_SEPARATORS = re.compile(r"[,;|/]")


def normalize(text: str) -> str:
    """Compare words without case, accents, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]", "", text)


def enum_lookup(key: str) -> dict:
    """Normalized code or label (French and English) → enum member, for one column."""
    enum_class, labels = ENUMS[key]
    lookup = {}
    for locale in ("en", FILE_LOCALE):
        with force_locale(locale):
            lookup.update({normalize(str(labels[m])): m for m in enum_class})
    lookup.update({normalize(m.value): m for m in enum_class})
    return lookup


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252 (older French spreadsheets)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """``;`` or ``,``: whichever the first non-comment lines use most (French spreadsheets write ``;``)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")][:5]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        return ";" if sample.count(";") >= sample.count(",") else ","


def read_rows(text: str):
    """Yield ``(line_number, cells)`` for each record, line numbers as a spreadsheet shows them."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    last_line = 0
    for cells in reader:
        yield last_line + 1, cells
        last_line = reader.line_num


def header_keys(cells: list[str]) -> list[str | None] | None:
    """The column key of each header cell, or None when this row is not the header (no name column)."""
    keys = [HEADER_ALIASES.get(normalize(cell)) for cell in cells]
    return keys if "name" in keys else None


def is_comment(cells: list[str]) -> bool:
    """A line whose first cell starts with ``#``: a note for the reader, such as the model's example row."""
    return bool(cells) and cells[0].lstrip().startswith("#")


def ignored_columns(cells: list[str], keys: list[str | None]) -> list[dict]:
    """The header's columns that will not be imported, each with the closest known column name if any."""
    known = list(HEADER_ALIASES)
    ignored = []
    for cell, key in zip(cells, keys, strict=False):
        if key is None and cell.strip():
            close = difflib.get_close_matches(normalize(cell), known, n=1, cutoff=0.6)
            ignored.append({"header": cell.strip(), "suggestion": HEADERS[HEADER_ALIASES[close[0]]] if close else None})
    return ignored


def closest_member(text: str, lookup: dict):
    """The enum member whose code or label is closest to ``text`` (a typo, a missing accent), or None."""
    close = difflib.get_close_matches(normalize(text), list(lookup), n=1, cutoff=0.6)
    return lookup[close[0]] if close else None


def file_label(key: str, member) -> str:
    """The label a file shows for an enum member (French, whatever the interface language)."""
    with force_locale(FILE_LOCALE):
        return str(ENUMS[key][1][member])


def allowed_labels(key: str) -> list[str]:
    """Every value a coded column accepts, as the file writes them."""
    return [file_label(key, member) for member in ENUMS[key][0]]


def to_csv(stakeholders, warning: str) -> bytes:
    """The registry as a spreadsheet-friendly CSV, with a first line about personal data."""
    with force_locale(FILE_LOCALE):
        rows = [_cells(stakeholder) for stakeholder in stakeholders]
    return csv_bytes(rows, header=list(HEADERS.values()), preamble=f"# {warning}")


def model_csv(warning: str) -> bytes:
    """The empty model: the allowed values of each coded column, then the header and an example row.

    Lines starting with ``#`` are notes: the import skips them, the example row included.
    """
    comments = _l("Lines starting with # are ignored by the import, this example too.")
    scores = _l("influence and interet: a whole number from 1 to 5.")
    with force_locale(FILE_LOCALE):
        notes = [f"# {warning}", f"# {comments}"]
        notes += [f"# {HEADERS[key]} : {' | '.join(allowed_labels(key))}" for key in CODED_COLUMNS]
        notes.append(f"# {scores}")
    return csv_bytes([_example_row()], header=list(HEADERS.values()), preamble=notes)


def _example_row() -> list:
    with force_locale(FILE_LOCALE):
        return [
            "# " + str(_l("Example: Association des aidants de la Drôme")),
            str(KIND_LABELS[StakeholderKind.ORGANISATION]),
            str(CATEGORY_LABELS[StakeholderCategory.ASSOCIATIONS]),
            f"{FIELD_LABELS[Field.AUTONOMY_ELDERLY]}, {FIELD_LABELS[Field.DISABILITY]}",
            "Valence",
            str(LEVEL_LABELS[InvolvementLevel.CONCERT]),
            4,
            5,
            str(STATUS_LABELS[StakeholderStatus.IDENTIFIED]),
            "",
            "Claire Martin",
            "contact@aidants-drome.exemple.fr",
            "04 75 00 00 00",
        ]


def _cells(stakeholder) -> list:
    return [
        stakeholder.name,
        str(KIND_LABELS[stakeholder.kind]),
        str(CATEGORY_LABELS[stakeholder.category]),
        ", ".join(str(FIELD_LABELS[Field(f)]) for f in stakeholder.fields),
        stakeholder.territory,
        str(LEVEL_LABELS[stakeholder.level]),
        stakeholder.influence,
        stakeholder.interest,
        str(STATUS_LABELS[stakeholder.status]),
        stakeholder.notes,
        stakeholder.contact_name,
        stakeholder.contact_email,
        stakeholder.contact_phone,
    ]
