"""Services of the report: its texts, and publishing a revision (a frozen snapshot)."""

import logging
from dataclasses import asdict

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, insert, select

from consult import signals
from consult.audit import record
from consult.db import atomic_snapshot, db, utcnow
from consult.errors import NotAllowed
from consult.report import permissions
from consult.report.errors import (
    AwaitingModeration,
    ConsultationStillOpen,
    ReportInconsistent,
    UntreatedContributions,
)
from consult.report.models import ReportRevision, RevisionContributions
from consult.report.publishing import figures
from consult.report.publishing.invariants import figure_errors
from consult.report.rules import readiness

logger = logging.getLogger(__name__)


def _check_final(ready):
    if ready.open_windows:
        raise ConsultationStillOpen(
            _("The consultation is not closed yet: wait until it closes, or publish an interim report.")
        )
    if ready.awaiting_moderation:
        raise AwaitingModeration(
            ngettext(
                "%(num)d contribution awaits moderation: approve or hide it, or publish an interim report.",
                "%(num)d contributions await moderation: approve or hide them, or publish an interim report.",
                ready.awaiting_moderation,
            )
        )
    if ready.untreated:
        raise UntreatedContributions(
            ngettext(
                "%(num)d contribution has no disposition yet: treat it, or publish an interim report.",
                "%(num)d contributions have no disposition yet: treat them, or publish an interim report.",
                ready.untreated,
            )
        )


@atomic_snapshot
def publish_report(actor, process, *, interim=False, now=None):
    """Publish a new revision of the report: freeze its figures, texts and contributions as they are now.

    The open data package is written at once; the PDF is built afterwards by the worker.

    Args:
        actor: the organizer.
        process: the Process.
        interim: allow an interim report ("bilan d'étape"): published even though a consultation window is open,
            contributions await moderation or have no disposition, and saying so. Final when nothing is missing.
        now: the publication time (defaults to now).

    Returns:
        The new ReportRevision.

    Raises:
        NotAllowed: the actor may not publish this report.
        ConsultationStillOpen, AwaitingModeration, UntreatedContributions: a final report asked for too early.
        ReportInconsistent: a breakdown does not sum to its total (a bug: nothing is published).
    """
    if not permissions.can_manage_report(actor, process):
        raise NotAllowed(_("You may not publish this report."))
    now = now or utcnow()
    ready = readiness(process.id, now)
    if not interim:
        _check_final(ready)
    last = db.session.scalar(select(func.max(ReportRevision.number)).where(ReportRevision.process_id == process.id))
    revision = ReportRevision(
        process_id=process.id,
        number=(last or 0) + 1,
        is_interim=not ready.final_allowed,
        untreated_count=ready.untreated,
        published_at=now,
        published_by_id=actor.id,
        snapshot=figures.compute_report(process, now=now) | {"readiness": asdict(ready)},
    )
    contributions = figures.contribution_list(process.id)
    errors = figure_errors(revision.snapshot, contributions)
    if errors:
        logger.error("report of process %s not published, its figures do not add up: %s", process.id, errors)
        raise ReportInconsistent(
            _("The report's figures do not add up, so it was not published. Tell the administrator.")
        )
    db.session.add(revision)
    db.session.flush()
    freeze_contributions(revision, contributions)
    record(
        actor,
        "report.publish",
        "report_revision",
        revision.id,
        process_id=process.id,
        changes={"number": [None, revision.number], "untreated": [None, ready.untreated]},
    )
    from consult.report.publishing.opendata import write_package

    revision.opendata_path = write_package(revision, contributions)
    signals.report_published.send(revision, actor=actor, process=process)
    logger.info("report revision %s of process %s published", revision.number, process.id)
    return revision


def freeze_contributions(revision, contributions: list[dict]):
    """Store the revision's contributions by pages of ``RevisionContributions.PER_PAGE`` (one bulk insert)."""
    size = RevisionContributions.PER_PAGE
    pages = [
        {"revision_id": revision.id, "page": number, "rows": contributions[start : start + size]}
        for number, start in enumerate(range(0, len(contributions), size), start=1)
    ]
    if pages:
        db.session.execute(insert(RevisionContributions), pages)
