"""The PDF of a published revision: tagged (PDF/UA), in French, with bookmarks and page numbers.

Built by the worker after publication (WeasyPrint can take seconds on a large report) and stored
under REPORT_DIR; the revision page says "being built" until then.
"""

import logging
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import select

from consult.db import db, utcnow
from consult.report.models import ReportRevision
from consult.report.publishing.presentation import template_context
from consult.report.publishing.storage import revision_file

logger = logging.getLogger(__name__)
PRINT_CSS = Path(__file__).with_name("print.css")
#: the PDF/UA variant of WeasyPrint: tags the structure, sets the language and the title
PDF_VARIANT = "pdf/ua-1"


def render_pdf(revision) -> bytes:
    """The PDF bytes of a revision, from its frozen snapshot and contributions."""
    from weasyprint import CSS, HTML

    with force_locale("fr"):
        html = render_template(
            "report/publishing/pdf.html",
            revision=revision,
            print_mode=True,
            contributions=revision.contributions,
            contributions_url=None,
            **template_context(revision.snapshot),
        )
    document = HTML(string=html, base_url=str(PRINT_CSS.parent))
    return document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))], pdf_variant=PDF_VARIANT)


def build_pdf(revision, *, now=None) -> str:
    """Build and store the revision's PDF; record the failure on the revision if it fails.

    Returns:
        The PDF's path relative to REPORT_DIR ("" on failure).
    """
    try:
        data = render_pdf(revision)
    except Exception as error:  # WeasyPrint errors are many; the organizer sees the message
        logger.exception("PDF of report revision %s failed", revision.id)
        revision.pdf_error = str(error)[:500] or error.__class__.__name__
        db.session.commit()
        return ""
    relative, path = revision_file(revision, ".pdf")
    path.write_bytes(data)
    revision.pdf_path, revision.pdf_built_at, revision.pdf_error = relative, now or utcnow(), ""
    db.session.commit()
    logger.info("PDF of report revision %s built (%s bytes)", revision.id, len(data))
    return relative


def build_pending_pdfs(now):
    """Worker task: build the PDF of every published revision that has none yet."""
    pending = db.session.scalars(
        select(ReportRevision).where(ReportRevision.pdf_path.is_(None), ReportRevision.pdf_error == "")
    ).all()
    for revision in pending:
        build_pdf(revision, now=now)
