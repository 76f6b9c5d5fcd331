"""Every CSV file the platform writes: French spreadsheet conventions, and cells that cannot run.

French spreadsheets open a file best as UTF-8 with a byte order mark, ``;`` between cells and CRLF
line ends. A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run
as a formula (``=HYPERLINK(…)`` sends the reader's data away), so such cells are written with a
leading apostrophe; ``unguard_formula`` undoes it when a file comes back.
"""

import csv
import io
import re

DELIMITER = ";"
LINE_END = "\r\n"
#: a cell starting with one of these is run as a formula by spreadsheets
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_START)
#: a phone number such as +33 4 75 00 00 00 computes nothing: left as typed
PHONE_LIKE = re.compile(r"^\+[0-9 ().-]+$")


def guard_formula(value):
    """Neutralise text a spreadsheet would run as a formula; other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PHONE_LIKE.match(value):
        return "'" + value
    return value


def unguard_formula(value: str) -> str:
    """Undo ``guard_formula`` when reading a file back."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def csv_bytes(rows, *, header=None, preamble=None) -> bytes:
    """A CSV file as French spreadsheets read it, every text cell guarded against formulas.

    Args:
        rows: an iterable of rows, each a list of cells (str, int, or None for an empty cell).
        header: the column names, written first.
        preamble: a line, or a list of lines, written before the header (comments for the reader, starting with ``#``).

    Returns:
        The file's bytes: UTF-8 with a byte order mark, ``;`` between cells, CRLF line ends.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator=LINE_END)
    for line in [preamble] if isinstance(preamble, str) else preamble or []:
        writer.writerow([line])
    if header is not None:
        writer.writerow(header)
    writer.writerows(map(_guarded, rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _guarded(row) -> list:
    """A row's cells, None as empty and text guarded.

    ``guard_formula`` is only called on the few cells that start like a formula: a call per cell costs
    seconds over the million cells of a large export.
    """
    return [
        "" if cell is None else guard_formula(cell) if isinstance(cell, str) and cell[:1] in _FORMULA_FIRST else cell
        for cell in row
    ]
