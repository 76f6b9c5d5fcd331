"""Organizers' moderation: the queue, decisions on a contribution, official responses."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.consultation import bp, permissions, queries, services
from consult.consultation.forms import HideForm, ResponseForm
from consult.consultation.labels import KIND_LABELS, STATE_LABELS
from consult.consultation.views.read import LABELS, position_labels
from consult.errors import DomainError
from consult.http import flash_error, page_arg
from consult.permissions import require
from consult.processes.labels import MODERATION_MODE_LABELS
from consult.processes.queries import get_process_or_404


@bp.route("/concertations/<slug>/moderation")
@login_required
def queue(slug):
    """The contributions awaiting approval or flagged (``?vue=attente|signalees``)."""
    process = get_process_or_404(slug)
    require(permissions.can_moderate(current_user, process))
    view = queries.opening_tab(process, {"signalees": "flagged", "attente": "pending"}.get(request.args.get("vue")))
    page = queries.moderation_queue(process, view, page_arg(), current_app.config["PAGE_SIZE"])
    return render_template(
        "consultation/queue.html",
        process=process,
        page=page,
        view=view,
        kinds=KIND_LABELS,
        states=STATE_LABELS,
        moderation_label=MODERATION_MODE_LABELS[process.moderation_mode],
    )


def _load(slug, contribution_id, check):
    process = get_process_or_404(slug)
    require(check(current_user, process))
    return process, queries.get_contribution_or_404(process, contribution_id)


def _manage_page(process, contribution, *, hide_form=None, response_form=None, status=200):
    flags = queries.contribution_flags(contribution)
    response = contribution.response
    return render_template(
        "consultation/manage.html",
        process=process,
        contribution=contribution,
        flags=flags,
        hide_form=hide_form or HideForm(formdata=None),
        response_form=response_form or ResponseForm(formdata=None, body=response.body if response else ""),
        clabels=LABELS,
        position_labels=position_labels(),
        kinds=KIND_LABELS,
        can_moderate=permissions.can_moderate(current_user, process),
        can_respond=permissions.can_respond(current_user, process),
    ), status


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/gerer")
@login_required
def manage(slug, contribution_id):
    """One contribution for organizers: flags, moderation decisions and the official response."""
    process = get_process_or_404(slug)
    require(permissions.can_moderate(current_user, process) or permissions.can_respond(current_user, process))
    return _manage_page(process, queries.get_contribution_or_404(process, contribution_id))


def _manage_url(contribution):
    return url_for(
        "consultation.manage", slug=contribution.section.version.draft.process.slug, contribution_id=contribution.id
    )


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/approuver", methods=["POST"])
@login_required
def approve(slug, contribution_id):
    """Publish a held contribution, or keep a flagged one."""
    _process, contribution = _load(slug, contribution_id, permissions.can_moderate)
    try:
        services.approve_contribution(current_user, contribution)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The contribution is published."), "success")
    return redirect(request.form.get("back") == "queue" and url_for("consultation.queue", slug=slug)
                    or _manage_url(contribution))  # fmt: skip


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/masquer", methods=["POST"])
@login_required
def hide(slug, contribution_id):
    """Hide a contribution with a reason (shown in its place and sent to its author)."""
    process, contribution = _load(slug, contribution_id, permissions.can_moderate)
    form = HideForm()
    if not form.validate_on_submit():
        return _manage_page(process, contribution, hide_form=form, status=400)
    try:
        services.hide_contribution(current_user, contribution, reason=form.reason.data)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The contribution is hidden; its author is told why."), "success")
    return redirect(_manage_url(contribution))


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/retablir", methods=["POST"])
@login_required
def restore(slug, contribution_id):
    """Publish again a hidden contribution."""
    _process, contribution = _load(slug, contribution_id, permissions.can_moderate)
    try:
        services.restore_contribution(current_user, contribution)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The contribution is published again."), "success")
    return redirect(_manage_url(contribution))


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/reponse", methods=["POST"])
@login_required
def respond(slug, contribution_id):
    """Write the organizers' official response to a contribution."""
    process, contribution = _load(slug, contribution_id, permissions.can_respond)
    form = ResponseForm()
    if not form.validate_on_submit():
        return _manage_page(process, contribution, response_form=form, status=400)
    try:
        services.respond_to_contribution(current_user, contribution, body=form.body.data)
    except DomainError as error:
        flash_error(error)
        return redirect(_manage_url(contribution))
    flash(_("The response is published."), "success")
    return redirect(url_for("consultation.section", slug=slug, section_id=contribution.section_id,
                            _anchor=f"c{contribution.id}"))  # fmt: skip
