"""The PDF of a published revision: tagged (PDF/UA), in French, with bookmarks and page numbers.

Built by the worker after publication (WeasyPrint can take seconds on a large report) and stored
under REPORT_DIR; the revision page says "being built" until then.
"""

import logging
from datetime import timedelta
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from consult.claims import claim, worker_identity
from consult.db import atomic, db, utcnow
from consult.processes.models import Process
from consult.report.models import ReportRevision
from consult.report.publishing.presentation import printed_context
from consult.report.publishing.storage import revision_file
from consult.worker import FailedJob

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
            contributions_url=None,
            **printed_context(revision),
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
        with atomic():
            revision.pdf_error = str(error)[:500] or error.__class__.__name__
        return ""
    relative, path = revision_file(revision, ".pdf")
    path.write_bytes(data)
    with atomic():
        revision.pdf_path, revision.pdf_built_at, revision.pdf_error = relative, now or utcnow(), ""
    logger.info("PDF of report revision %s built (%s bytes)", revision.id, len(data))
    return relative


#: a PDF build not finished within this time is taken over by another worker (its worker died)
PDF_LEASE = timedelta(minutes=15)


def build_pending_pdfs(now):
    """Worker task: claim one published revision that has no PDF yet, and build it (one per pass)."""
    claimed = claim(
        ReportRevision,
        ReportRevision.pdf_path.is_(None),
        ReportRevision.pdf_error == "",
        worker=worker_identity(),
        lease=PDF_LEASE,
        now=now,
    )
    for revision_id in claimed:
        build_pdf(db.session.get(ReportRevision, revision_id), now=now)


def failed_pdf_builds() -> list[FailedJob]:
    """PDF builds that failed, for the admins' page of failed jobs."""
    rows = db.session.execute(
        select(ReportRevision, Process.title)
        .join(Process, Process.id == ReportRevision.process_id)
        .where(ReportRevision.pdf_error != "")
        .order_by(ReportRevision.id)
    )
    return [
        FailedJob(
            "report-pdf",
            rev.id,
            _("PDF of the report of %(process)s, revision %(number)s", process=title, number=rev.number),
            rev.pdf_error,
            rev.published_at,
        )
        for rev, title in rows
    ]


@atomic
def requeue_pdf_build(revision_id: int) -> bool:
    """Let the worker try a failed PDF build again."""
    retried = update(ReportRevision).where(ReportRevision.id == revision_id, ReportRevision.pdf_error != "")
    return db.session.execute(retried.values(pdf_error="", claimed_by=None, claimed_until=None)).rowcount == 1
