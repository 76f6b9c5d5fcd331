"""What the assistant adds to the application: its worker task, the organizer link, report blocks, audit sentences."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from consult.audit import add_audit_sentences
from consult.panels import Panel, add_organizer_link, add_panel
from consult.report.publishing.queries import latest_revision
from consult.synthesis import audit_sentences, compute, queries
from consult.worker import add_worker_task


def assistant_link(process):
    """The assistant's page, for organizers."""
    return _l("Synthesis assistant"), url_for("synthesis.assistant", slug=process.slug)


def opinion_groups_panel(process, user, today):
    """The opinion groups, shown to everyone once the report is published."""
    run = queries.latest_done_run(process.id)
    if run is None or not run.opinions.get("groups") or latest_revision(process.id) is None:
        return None
    return Panel(
        "synthesis/_opinion_panel.html",
        {"opinions": run.opinions, "titles": queries.section_titles(s["section"] for s in run.opinions["sections"])},
    )


def register(app):
    """Add the worker task, the organizer link, the published opinion groups and the report's template helpers."""
    add_worker_task(app, compute.run_pending)
    add_organizer_link(app, 65, assistant_link)
    add_panel(app, "process", 65, opinion_groups_panel)
    app.add_template_global(queries.similar_to, "synthesis_similar")
    app.add_template_global(queries.campaign_totals, "synthesis_campaign_totals")
    app.add_template_global(queries.were_suggestions_used, "synthesis_used")
    add_audit_sentences(app, audit_sentences.SENTENCES, audit_sentences.TARGETS)
