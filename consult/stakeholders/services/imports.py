"""CSV import with a stored preview, applied in one transaction; export of the (filtered) registry."""

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select

from consult.audit import record
from consult.db import atomic, db, utcnow
from consult.search import fold
from consult.spreadsheet import unguard_formula
from consult.stakeholders.csvformat import ENUMS, decode, header_keys, ignored_columns, is_comment, read_rows, to_csv
from consult.stakeholders.errors import ImportRefused, RegistryChanged
from consult.stakeholders.models import ImportPreview, Stakeholder
from consult.stakeholders.queries import IMPORT_ACTIONS
from consult.stakeholders.services.registry import EDITABLE, apply_values, check_manager
from consult.stakeholders.services.rows import RowChecker

logger = logging.getLogger(__name__)
MAX_IMPORT_ROWS = 10_000
ENUM_COLUMNS = {"kind", "category", "level", "status"}


@dataclass
class ImportResult:
    """What an import did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@atomic
def preview_import(actor, process, data: bytes, *, filename: str = "", now: datetime | None = None) -> ImportPreview:
    """Check a CSV file row by row and keep the outcome until the organizer confirms it.

    Each row is marked ``create``, ``update`` (an existing stakeholder matched by contact email or name),
    ``unchanged`` or ``rejected`` with its line number and reasons. Nothing is imported yet.

    Args:
        actor: the organizer.
        process: the process whose registry receives the file.
        data: the file's bytes (UTF-8 with or without BOM, or Windows-1252; ``;`` or ``,``).
        filename: shown on the preview.
        now: the current time (tests).

    Returns:
        The stored preview.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
        ImportRefused: the file has no header with "nom" and "categorie" columns, or is too large or too long.
    """
    check_manager(actor, process)
    if len(data) > max_import_bytes():
        raise ImportRefused(
            str(_l("The file is larger than %(n)d MB: split it.", n=current_app.config["MAX_UPLOAD_MB"]))
        )
    records = list(read_rows(decode(data)))
    header, keys, body = _split_header(records)
    if len(body) > MAX_IMPORT_ROWS:
        raise ImportRefused(str(_l("The file has more than %(n)d rows: split it.", n=MAX_IMPORT_ROWS)))
    matcher = _Matcher(process)
    checker = RowChecker()
    rows = [_preview_row(line, dict(zip(keys, cells, strict=False)), checker, matcher) for line, cells in body]
    db.session.execute(
        delete(ImportPreview).where(ImportPreview.process_id == process.id, ImportPreview.created_by_id == actor.id)
    )
    preview = ImportPreview(
        process_id=process.id,
        created_by_id=actor.id,
        filename=filename[:255],
        rows=rows,
        ignored_columns=ignored_columns(header, keys),
        created_at=now or utcnow(),
    )
    db.session.add(preview)
    logger.info("import preview %s of %d rows for process %s by user %s", preview.id, len(rows), process.id, actor.id)
    return preview


def max_import_bytes() -> int:
    """The size limit of an imported file (MAX_UPLOAD_MB)."""
    return current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024


def _split_header(records):
    """The header's cells, their column keys and the data rows after it (comment and empty lines skipped)."""
    for index, (_line, cells) in enumerate(records):
        keys = header_keys(cells)
        if keys is not None:
            body = [
                (line, row) for line, row in records[index + 1 :] if any(c.strip() for c in row) and not is_comment(row)
            ]
            if "category" not in keys:
                raise ImportRefused(str(_l("The file has no “categorie” column.")))
            return cells, keys, body
    raise ImportRefused(
        str(_l("No header line found: the file needs at least the columns “nom” and “categorie” (see the model)."))
    )


class _Matcher:
    """Finds the existing stakeholder a row updates, and rows that repeat an earlier one."""

    def __init__(self, process):
        existing = db.session.scalars(
            select(Stakeholder).where(Stakeholder.process_id == process.id, Stakeholder.archived_at.is_(None))
        ).all()
        self.by_email = {s.contact_email.casefold(): s for s in existing if s.contact_email}
        self.by_name = {s.name.casefold(): s for s in existing}
        self.seen: dict[str, int] = {}

    def match(self, values) -> Stakeholder | None:
        """The stakeholder with the row's contact email, else with its name."""
        email = values.get("contact_email", "").casefold()
        return (email and self.by_email.get(email)) or self.by_name.get(values.get("name", "").casefold())

    def repeated(self, line, values) -> int | None:
        """The line of an earlier row with the same name or email, and remember this one."""
        marks = [f"n:{values.get('name', '').casefold()}"]
        if values.get("contact_email"):
            marks.append(f"e:{values['contact_email'].casefold()}")
        earlier = next((self.seen[m] for m in marks if m in self.seen), None)
        for mark in marks:
            self.seen.setdefault(mark, line)
        return earlier


def _preview_row(line, cells, checker, matcher) -> dict:
    cells.pop(None, None)
    cells = {key: unguard_formula(value) for key, value in cells.items()}
    values, errors = checker.check(cells)
    earlier = matcher.repeated(line, values) if values.get("name") else None
    if earlier is not None:
        errors.append(str(_l("Duplicate of line %(line)d.", line=earlier)))
    row = {"line": line, "name": cells.get("name", ""), "errors": errors, "target_id": None, "values": {}}
    if errors:
        return {**row, "action": "rejected"}
    row["values"] = {k: (v.value if k in ENUM_COLUMNS else v) for k, v in values.items()}
    target = matcher.match(values)
    if target is None:
        return {**row, "action": "create"}
    same = all(_stored(target, k) == v for k, v in row["values"].items())
    return {**row, "action": "unchanged" if same else "update", "target_id": target.id}


def _stored(stakeholder, key):
    value = getattr(stakeholder, key)
    return value.value if key in ENUM_COLUMNS else value


@atomic
def apply_import(actor, process, preview: ImportPreview, *, now: datetime | None = None) -> ImportResult:
    """Import exactly the previewed rows, all in one transaction; rejected rows are left out.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
        RegistryChanged: a stakeholder the preview updates was archived or deleted since: preview again.
    """
    check_manager(actor, process)
    now = now or utcnow()
    actions = Counter(row["action"] for row in preview.rows)
    result = ImportResult(**{_RESULT_FIELD[action]: actions[action] for action in IMPORT_ACTIONS})
    targets = _targets(process, preview)
    for row in preview.rows:
        if row["action"] == "update":
            apply_values(targets[row["target_id"]], _typed(row["values"]), now=now)
    new_rows = [
        {"process_id": process.id, "created_at": now, "updated_at": now, "fields": [], **_typed(row["values"])}
        for row in preview.rows
        if row["action"] == "create"
    ]
    for values in new_rows:
        values["search_name"] = fold(values["name"])  # a bulk insert runs no flush hook
    if new_rows:
        # one multi-row INSERT: thousands of new stakeholders without the unit of work's per-object cost
        db.session.execute(insert(Stakeholder), new_rows)
    db.session.delete(preview)
    record(
        actor,
        "stakeholder.import",
        "process",
        process.id,
        process_id=process.id,
        changes={k: [0, v] for k, v in vars(result).items()},
    )
    logger.info("import into process %s by user %s: %s", process.id, actor.id, result)
    return result


_RESULT_FIELD = {"create": "created", "update": "updated", "unchanged": "unchanged", "rejected": "rejected"}


def _targets(process, preview) -> dict[int, Stakeholder]:
    wanted = {row["target_id"] for row in preview.rows if row["action"] == "update"}
    found = {
        s.id: s
        for s in db.session.scalars(
            select(Stakeholder).where(
                Stakeholder.process_id == process.id, Stakeholder.archived_at.is_(None), Stakeholder.id.in_(wanted)
            )
        )
    }
    if wanted - found.keys():
        raise RegistryChanged(str(_l("The registry changed since the preview: send the file again.")))
    return found


def _typed(values: dict) -> dict:
    return {k: (ENUMS[k][0](v) if k in ENUM_COLUMNS else v) for k, v in values.items() if k in EDITABLE}


@atomic
def export_registry(actor, process, stakeholders, *, warning: str) -> bytes:
    """The given stakeholders as CSV; the export of personal data is written to the audit log.

    Raises:
        NotRegistryManager: the actor does not manage this registry.
    """
    check_manager(actor, process)
    data = to_csv(stakeholders, warning)
    record(
        actor,
        "stakeholder.export",
        "process",
        process.id,
        process_id=process.id,
        changes={"rows": [0, len(stakeholders)]},
    )
    return data
