"""What the report adds to the application: its block, organizer links, PDF builds, audit sentences."""

from consult.audit import add_audit_sentences
from consult.panels import add_decisions, add_organizer_link, add_panel
from consult.report import activity, audit_sentences, panels, rules
from consult.report.publishing import pdf
from consult.stakeholders.coverage import set_activity_rule
from consult.worker import add_failed_job_kind, add_worker_task


def register(app):
    """Add the report's block, links, worker task, failed jobs and activity rule (called by ``create_app``)."""
    add_panel(app, "process", 60, panels.published_report_panel)
    add_organizer_link(app, 60, panels.treatment_link)
    add_organizer_link(app, 80, panels.report_link)
    add_decisions(app, 60, panels.treatment_decisions)
    add_panel(app, "dashboard", 60, activity.activity_panel)
    add_worker_task(app, pdf.build_pending_pdfs)
    add_failed_job_kind(app, "report-pdf", list_failed=pdf.failed_pdf_builds, requeue=pdf.requeue_pdf_build)
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
    # the stakeholders' coverage counts invited and active people by the report's rule, from the records
    set_activity_rule(app, invited=rules.invited_stakeholder_ids, active=rules.active_stakeholder_ids)
