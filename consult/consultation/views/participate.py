"""What signed-in participants post: comments, replies, amendments, positions, supports, flags, withdrawals.

Position and support routes also answer JSON (``Accept: application/json``) for the small script that
updates the page without reload; CSRF is checked the same way.
"""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.consultation import bp, permissions, queries, services
from consult.consultation.errors import InvalidPosition
from consult.consultation.forms import AmendmentForm, CommentForm, FlagForm
from consult.consultation.labels import support_noun
from consult.consultation.models import ContributionState, PositionValue
from consult.consultation.views.read import author_choices, render_section
from consult.db import db
from consult.errors import DomainError
from consult.extensions import limit_contributions
from consult.http import flash_error, id_arg, wants_json
from consult.permissions import is_confirmed, require
from consult.processes.queries import get_process_or_404


def _load_section(slug, section_id):
    return queries.get_process_and_section_or_404(slug, section_id, current_user)


def _load_contribution(slug, contribution_id):
    process = get_process_or_404(slug, with_phases=False)
    contribution = queries.get_contribution_or_404(process, contribution_id)
    queries.check_section_visible(process, contribution.section, current_user)  # loaded with the contribution
    return process, contribution


def _section_url(contribution, anchor=None):
    process_slug = contribution.section.version.draft.process.slug
    return url_for("consultation.section", slug=process_slug, section_id=contribution.section_id,
                   _anchor=anchor or f"c{contribution.parent_id or contribution.id}")  # fmt: skip


def _stakeholder(form) -> int | None:
    return int(form.author_as.data) if form.author_as.data else None


def _posted_message(contribution) -> str:
    if contribution.state == ContributionState.PENDING:
        return _("Thank you. Your contribution will be published once a moderator has approved it.")
    return _("Thank you, your contribution is published.")


@bp.route("/concertations/<slug>/sections/<int:section_id>/commentaires", methods=["POST"])
@login_required
@limit_contributions
def comment(slug, section_id):
    """Post a comment, or a reply to a comment (``parent_id``)."""
    process, section = _load_section(slug, section_id)
    require(is_confirmed(current_user))
    form = CommentForm()
    form.author_as.choices = author_choices(process, current_user)
    parent_id = id_arg(request.form, "parent_id")
    parent = queries.get_contribution_or_404(process, parent_id) if parent_id else None
    if not form.validate_on_submit():
        if parent is not None:
            return render_section(process, section, reply_form=(parent.id, form), status=400)
        return render_section(process, section, comment_form=form, status=400)
    try:
        contribution = services.post_comment(
            current_user, section, body=form.body.data, parent=parent, stakeholder_id=_stakeholder(form)
        )
    except DomainError as error:
        flash_error(error)
        return redirect(url_for("consultation.section", slug=slug, section_id=section.id))
    flash(_posted_message(contribution), "success")
    return redirect(_section_url(contribution))


@bp.route("/concertations/<slug>/sections/<int:section_id>/amendements", methods=["POST"])
@login_required
@limit_contributions
def amend(slug, section_id):
    """Propose an amendment to a section."""
    process, section = _load_section(slug, section_id)
    require(is_confirmed(current_user))
    form = AmendmentForm()
    form.author_as.choices = author_choices(process, current_user)
    if not form.validate_on_submit():
        return render_section(process, section, amendment_form=form, status=400)
    try:
        contribution = services.propose_amendment(
            current_user,
            section,
            proposed_text=form.proposed_text.data,
            justification=form.justification.data,
            stakeholder_id=_stakeholder(form),
        )
    except DomainError as error:
        form.proposed_text.errors.append(error.message)
        return render_section(process, section, amendment_form=form, status=error.status_code)
    flash(_posted_message(contribution), "success")
    return redirect(_section_url(contribution))


def _answer(ok_message, back, payload=None, error=None):
    """Redirect with a flash (plain forms) or answer JSON (the script)."""
    if wants_json():
        if error is not None:
            return jsonify(ok=False, message=error.message), error.status_code
        return jsonify(ok=True, message=ok_message, **(payload or {}))
    if error is not None:
        flash_error(error)
    else:
        flash(ok_message, "success")
    return redirect(back)


@bp.route("/concertations/<slug>/sections/<int:section_id>/position", methods=["POST"])
@login_required
@limit_contributions
def position(slug, section_id):
    """State, change or withdraw (``value=withdraw``) one's position on a section."""
    process, section = _load_section(slug, section_id)
    require(is_confirmed(current_user))
    raw = request.form.get("value", "")
    back = url_for("consultation.section", slug=slug, section_id=section.id, _anchor="positions")
    if raw != "withdraw" and raw not in {v.value for v in PositionValue}:
        return _answer("", back, error=InvalidPosition(_("Choose agree, mixed or disagree.")))
    value = None if raw == "withdraw" else PositionValue(raw)
    try:
        services.set_position(current_user, section, value)
    except DomainError as error:
        return _answer("", back, error=error)
    columns = [f"{v.value}_count" for v in PositionValue]
    db.session.refresh(section, columns)  # the counters only: the UPDATE changed them in SQL
    counts = {v.value: getattr(section, column) for v, column in zip(PositionValue, columns, strict=True)}
    message = _("Your position is withdrawn.") if value is None else _("Your position is saved.")
    return _answer(message, back, {"counts": counts, "position": raw if value else None})


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/soutien", methods=["POST"])
@login_required
@limit_contributions
def support(slug, contribution_id):
    """Support a contribution, or undo one's support (``action=undo``)."""
    _process, contribution = _load_contribution(slug, contribution_id)
    require(is_confirmed(current_user))
    undo = request.form.get("action") == "undo"
    try:
        if undo:
            services.withdraw_support(current_user, contribution)
        else:
            services.support_contribution(current_user, contribution)
    except DomainError as error:
        return _answer("", _section_url(contribution), error=error)
    db.session.refresh(contribution, ["support_count"])  # changed in SQL by the service
    message = _("Your support is withdrawn.") if undo else _("Thank you for your support.")
    count = contribution.support_count
    payload = {"count": count, "noun": support_noun(count), "supported": not undo}
    return _answer(message, _section_url(contribution, f"c{contribution.id}"), payload)


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/retirer", methods=["POST"])
@login_required
def withdraw(slug, contribution_id):
    """Withdraw one's own contribution; a placeholder keeps its place."""
    _process, contribution = _load_contribution(slug, contribution_id)
    require(permissions.is_contribution_author(current_user, contribution))
    try:
        services.withdraw_contribution(current_user, contribution)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Your contribution is withdrawn."), "success")
    return redirect(_section_url(contribution))


@bp.route("/concertations/<slug>/contributions/<int:contribution_id>/signaler", methods=["GET", "POST"])
@login_required
@limit_contributions
def flag(slug, contribution_id):
    """Report a contribution to the moderators, with a reason."""
    process, contribution = _load_contribution(slug, contribution_id)
    # A report sent while the contribution was being hidden is answered by the service (flash), not a 403.
    require(is_confirmed(current_user) if request.method == "POST"
            else permissions.can_flag_contribution(current_user, contribution))  # fmt: skip
    form = FlagForm()
    if form.validate_on_submit():
        try:
            added = services.flag_contribution(current_user, contribution, reason=form.reason.data)
        except DomainError as error:
            flash_error(error)
        else:
            flash(_("Thank you, the moderators will look at it.") if added else _("You already reported it."),
                  "success")  # fmt: skip
        return redirect(_section_url(contribution))
    return render_template(
        "consultation/flag.html", process=process, contribution=contribution, form=form
    ), 400 if form.errors else 200
