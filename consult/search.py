"""Search and sorting that ignore case, accents and ligatures, the same way on every database.

Each searchable model keeps a *folded* copy of its text in a column (``fold`` below), updated in
the same flush as the text itself; a search folds the typed words the same way and compares with
``LIKE``. SQLite's ``lower()`` knows only ASCII and PostgreSQL's depends on the server's locale, so
folding in Python is what makes both databases agree (and the folded name is also the sort key:
"Fédération" before "France", "Œuvre" among the O).
"""

import unicodedata

from sqlalchemy import event

# Letters that no Unicode decomposition splits, and typographic apostrophes typed by word processors.
_EXPANSIONS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "’": "'", "ʼ": "'", "‘": "'"})


def fold(text: str | None) -> str:
    """Return ``text`` case-folded, without accents, with ligatures expanded and control characters dropped."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and (c >= " " or c in "\t\n"))
    return kept.translate(_EXPANSIONS)


def contains_pattern(words: str) -> str:
    """A ``LIKE`` pattern (a backslash escapes) matching folded text that contains ``words``."""
    folded = fold(words).strip()
    return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def keep_folded(model, column: str, *sources: str):
    """Keep ``model.column`` equal to the folded text of ``sources`` (joined by a line break) on every flush.

    Bulk ``insert()`` statements skip this: they must fill the column with ``fold`` themselves.
    """

    def refresh(_mapper, _connection, target):
        setattr(target, column, fold("\n".join(getattr(target, source) or "" for source in sources)))

    event.listen(model, "before_insert", refresh)
    event.listen(model, "before_update", refresh)
