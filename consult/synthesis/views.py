"""Routes of the assistant: its page on the treatment, a computation request, decisions, similar contributions."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from consult.errors import DomainError
from consult.http import flash_error
from consult.report.treatment import queries as treatment_queries
from consult.report.treatment.views import load_process
from consult.report.treatment.views.contributions import make_bulk_form
from consult.synthesis import bp, labels, queries, services
from consult.synthesis.forms import DecisionForm, RunForm

ACTIONS = {
    "accept": lambda user, process, sid, form: services.accept(user, process, sid, title=form.title.data),
    "rename": lambda user, process, sid, form: services.rename(user, process, sid, title=form.title.data or ""),
    "merge": lambda user, process, sid, form: services.merge(user, process, sid, int(form.into.data or 0)),
    "reject": lambda user, process, sid, form: services.reject(user, process, sid),
}
DONE = {
    "accept": _l("The suggested theme became a theme."),
    "rename": _l("The suggested theme was renamed."),
    "merge": _l("The suggested themes were merged."),
    "reject": _l("The suggested theme was set aside."),
}


@bp.route("/concertations/<slug>/traitement/assistant")
@login_required
def assistant(slug):
    """The assistant: computation state, suggested themes, campaigns, hints, key terms, opinion groups, history."""
    process = load_process(slug)
    run = queries.latest_done_run(process.id)
    found = queries.suggestions(run.id) if run else []
    campaign_list = queries.campaigns(run.id) if run else []
    shown_ids = {i for s in found for i in s.representatives} | {c.members[0] for c in campaign_list}
    return render_template(
        "synthesis/assistant.html",
        process=process,
        latest=queries.latest_run(process.id),
        run=run,
        suggestions=found,
        in_theme=queries.already_in_theme({i for s in found for i in s.members}),
        campaigns=campaign_list,
        texts=queries.texts(shown_ids),
        hints=queries.theme_hints(run.id) if run else [],
        section_titles=queries.section_titles(run.section_terms) if run else {},
        section_titles_all=queries.section_titles(v["section"] for v in run.opinions.get("sections", []))
        if run
        else {},
        categories=labels.CATEGORY_LABELS,
        status_labels=labels.STATUS_LABELS,
        action_labels=labels.ACTION_LABELS,
        decisions=queries.decisions(process.id),
        run_form=RunForm(),
        decision_form=DecisionForm(formdata=None),
    )


@bp.route("/concertations/<slug>/traitement/assistant/calculer", methods=["POST"])
@login_required
def request_run(slug):
    """Ask the worker for a new computation (a request already waiting is kept)."""
    process = load_process(slug)
    form = RunForm()
    if form.validate_on_submit():
        services.request_run(current_user, process, theme_count=form.theme_count.data, full=form.full.data)
        flash(_("The computation is requested; this page shows its progress."), "success")
    elif form.theme_count.errors:
        flash(_("The number of themes must be between 2 and 40."), "error")
    else:
        flash(_("The form has expired or is invalid; please try again."), "error")
    return redirect(url_for("synthesis.assistant", slug=slug))


@bp.route("/concertations/<slug>/traitement/assistant/suggestions/<int:suggestion_id>/<action>", methods=["POST"])
@login_required
def decide(slug, suggestion_id, action):
    """Accept, rename, merge or reject one suggested theme."""
    process = load_process(slug)
    if action not in ACTIONS:
        abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("The form has expired or is invalid; please try again."), "error")
        return redirect(url_for("synthesis.assistant", slug=slug), 303)
    try:
        ACTIONS[action](current_user, process, suggestion_id, form)
    except DomainError as error:
        flash_error(error)
        return redirect(url_for("synthesis.assistant", slug=slug, _anchor=f"suggestion-{suggestion_id}"), 303)
    flash(str(DONE[action]), "success")
    return redirect(url_for("synthesis.assistant", slug=slug, _anchor=f"suggestion-{suggestion_id}"))


@bp.route("/concertations/<slug>/traitement/assistant/contributions/<int:contribution_id>")
@login_required
def similar(slug, contribution_id):
    """The contributions that say nearly the same thing as one contribution, with their similarity."""
    process = load_process(slug)
    contribution = queries.texts([contribution_id]).get(contribution_id)
    if contribution is None or contribution.process_id != process.id:
        abort(404)
    return render_template(
        "synthesis/similar.html",
        process=process,
        contribution=contribution,
        similar=queries.similar_to(process.id, contribution_id),
        group_form=make_bulk_form(
            treatment_queries.process_sections(process.id), treatment_queries.themes_with_counts(process.id), None
        ),
    )
