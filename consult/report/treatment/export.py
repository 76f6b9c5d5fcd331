"""The treatment table as a spreadsheet: CSV in French conventions (consult.spreadsheet) or XLSX (openpyxl)."""

import io

from flask_babel import gettext as _
from openpyxl import Workbook

from consult.auth.labels import RELATION_LABELS
from consult.consultation.models import ContributionKind
from consult.dates import paris_day
from consult.report.treatment.labels import TEMPLATE_LABELS as LABELS
from consult.spreadsheet import csv_bytes, guard_formula


def header() -> list[str]:
    """The column names, in French."""
    return [
        _("No."), _("Section"), _("Type"), _("Channel"), _("Category"), _("Organisation"), _("Territory"),
        _("Text"), _("Supports"), _("Theme"), _("Disposition"), _("State"), _("Written or received on"),
    ]  # fmt: skip


def _kind(contribution) -> str:
    if contribution.kind == ContributionKind.AMENDMENT:
        return "amendment"
    return "reply" if contribution.parent_id is not None else "comment"


def cells(row) -> list:
    """One row of the table as spreadsheet cells (a date stays a date, counts stay numbers)."""
    c = row.contribution
    disposition = str(LABELS["disposition"][row.disposition]) if row.disposition else _("None yet")
    return [
        c.id,
        row.section_label,
        str(LABELS["kind"][_kind(c)]),
        str(LABELS["channel"][c.channel]),
        str(RELATION_LABELS[c.contributor_category]) if c.contributor_category else _("Not stated"),
        row.organisation or "",
        c.contributor_territory or "",
        c.proposed_text or c.body,
        c.support_count,
        row.theme_title or "",
        disposition,
        str(LABELS["state"][c.state]),
        c.received_on or paris_day(c.created_at),
    ]


def treatment_csv(rows) -> bytes:
    """The rows as CSV for French spreadsheets (dates as dd/mm/yyyy)."""

    def formatted(row):
        values = cells(row)
        values[-1] = values[-1].strftime("%d/%m/%Y")
        return values

    return csv_bytes((formatted(row) for row in rows), header=header())


def treatment_xlsx(rows) -> bytes:
    """The rows as an XLSX workbook, every text cell guarded against formulas."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Contributions")[:31]
    sheet.append(header())
    for row in rows:
        sheet.append([guard_formula(cell) for cell in cells(row)])
    for cell in sheet["M"][1:]:
        cell.number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
