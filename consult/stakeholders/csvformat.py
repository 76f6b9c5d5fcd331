"""The registry's CSV file: column names, reading what French spreadsheets produce, and writing it back.

Values are written with their French labels and read back from a label (French or English) or a code,
so an exported file imports unchanged and a hand-made one is forgiving.
"""

import csv
import io
import re
import unicodedata

from flask_babel import force_locale

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


def to_csv(stakeholders, warning: str) -> bytes:
    """The registry as a spreadsheet-friendly CSV, with a first line about personal data."""
    with force_locale(FILE_LOCALE):
        rows = [_cells(stakeholder) for stakeholder in stakeholders]
    return csv_bytes(rows, header=list(HEADERS.values()), preamble=f"# {warning}")


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
