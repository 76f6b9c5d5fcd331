"""The organizers' texts of the closing report: syntheses (per section and overall), legal frame, next steps."""

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.audit import record
from consult.auth.models import User
from consult.db import atomic, db, utcnow
from consult.errors import NotAllowed
from consult.processes.models import Process
from consult.report import permissions
from consult.report.models import ClosingReport, Synthesis
from consult.report.treatment.services import checked_section
from consult.text import markdown_to_html

logger = logging.getLogger(__name__)


def _check_may_write(actor: User, process: Process):
    if not permissions.can_write_report_texts(actor, process):
        raise NotAllowed(str(_l("You may not write the report of this concertation.")))


@atomic
def save_synthesis(actor: User, process: Process, section_id: int | None, *, body_md: str, now=None) -> Synthesis:
    """Write the synthesis of one section (or, with ``section_id=None``, of the whole concertation).

    Args:
        actor: the organizer writing.
        process: the process.
        section_id: a section of one of the process's drafts, or None for the overall synthesis.
        body_md: the synthesis in Markdown, rendered to safe HTML now.
        now: the time of the change.

    Returns:
        The saved synthesis.

    Raises:
        NotAllowed: the actor may not write this process's report.
        NotFound: the section is not of this process.
    """
    _check_may_write(actor, process)
    checked_section(process, section_id)
    same_section = Synthesis.section_id.is_(None) if section_id is None else Synthesis.section_id == section_id
    synthesis = db.session.scalar(select(Synthesis).where(Synthesis.process_id == process.id, same_section))
    if synthesis is None:
        synthesis = Synthesis(process_id=process.id, section_id=section_id)
        db.session.add(synthesis)
    synthesis.body_md = (body_md or "").strip()
    synthesis.body_html = markdown_to_html(synthesis.body_md)
    synthesis.updated_by_id, synthesis.updated_at = actor.id, now or utcnow()
    db.session.flush()
    record(actor, "report.synthesis", "synthesis", synthesis.id, process_id=process.id)
    logger.info("synthesis of section %s of process %s saved by user %s", section_id, process.id, actor.id)
    return synthesis


def closing_report_of(process: Process) -> ClosingReport | None:
    """The process's report texts, if written."""
    return db.session.scalar(select(ClosingReport).where(ClosingReport.process_id == process.id))


#: the organizers' closing texts, each written in Markdown and stored rendered
CLOSING_TEXTS = ("foreword", "legal_frame", "next_steps", "conclusion")
DEFAULT_LICENCE = "Licence Ouverte 2.0"


@atomic
def save_closing_texts(
    actor: User, process: Process, *, licence: str | None = None, include_empty_sections: bool = False, **texts_md
) -> ClosingReport:
    """Write the closing texts of the report (the one place they are edited), its licence and its empty-section setting.

    Args:
        actor: the organizer writing.
        process: the process.
        licence: the licence of the open data (unchanged when None; the default licence when blank).
        include_empty_sections: print the sections that received nothing.
        texts_md: ``foreword_md``, ``legal_frame_md``, ``next_steps_md``, ``conclusion_md`` in Markdown, rendered to
            safe HTML now; a text not given is left as it is.

    Returns:
        The ClosingReport.

    Raises:
        NotAllowed: the actor may not write this process's report.
    """
    _check_may_write(actor, process)
    report = closing_report_of(process)
    if report is None:
        report = ClosingReport(process_id=process.id, licence=DEFAULT_LICENCE)
        db.session.add(report)
    for name in CLOSING_TEXTS:
        if f"{name}_md" in texts_md:
            body = (texts_md[f"{name}_md"] or "").strip()
            setattr(report, f"{name}_md", body)
            setattr(report, f"{name}_html", markdown_to_html(body))
    if licence is not None:
        report.licence = licence.strip() or DEFAULT_LICENCE
    report.include_empty_sections = bool(include_empty_sections)
    db.session.flush()
    record(actor, "report.texts", "closing_report", report.id, process_id=process.id)
    logger.info("report texts of process %s saved by user %s", process.id, actor.id)
    return report
