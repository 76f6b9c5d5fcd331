"""Group proposals (action sheets): write, edit without overwriting, submit, decide, link to changes."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.dates import paris_today
from consult.errors import DomainError
from consult.groups import bp, permissions, queries
from consult.groups.errors import EditConflict
from consult.groups.forms import LinkChangeForm, ProposalDecisionForm, ProposalForm
from consult.groups.labels import PROPOSAL_STATUS_LABELS, SHEET_FIELD_LABELS
from consult.groups.proposal_models import Proposal, ProposalStatus
from consult.groups.services import proposals as services
from consult.groups.views.groups import GROUP_URL
from consult.http import flash_error, form_status
from consult.permissions import require

PROPOSAL_URL = f"{GROUP_URL}/propositions/<int:proposal_id>"


def _load(slug, group_slug, proposal_id):
    group = queries.get_group_or_404(slug, group_slug)
    proposal = queries.get_in_group_or_404(Proposal, proposal_id, group)
    require(permissions.can_view_proposal(current_user, proposal))
    return group, proposal


def _form(group, **kwargs) -> ProposalForm:
    form = ProposalForm(**kwargs)
    form.section_ids.choices = [(s.id, s.title) for s in queries.process_sections(group.process_id)]
    return form


def _to_proposal(group, proposal):
    return redirect(url_for("groups.proposal", slug=group.process.slug, group_slug=group.slug, proposal_id=proposal.id))


def _render_form(group, proposal, form, current=None, status=None):
    return render_template(
        "groups/proposal_edit.html",
        process=group.process,
        group=group,
        proposal=proposal,
        form=form,
        current=current,
        field_labels=SHEET_FIELD_LABELS,
    ), (status or form_status(form))


@bp.route(f"{GROUP_URL}/propositions/nouvelle", methods=["GET", "POST"])
@login_required
def new_proposal(slug, group_slug):
    """Start an action sheet."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.can_write_proposal(current_user, group, paris_today()))
    form = _form(group)
    if form.validate_on_submit():
        proposal = services.create_proposal(
            current_user, group, title=form.title.data, sheet=form.sheet, section_ids=form.section_ids.data or []
        )
        flash(_("The action sheet is saved as a draft."), "success")
        return _to_proposal(group, proposal)
    return _render_form(group, None, form)


@bp.route(PROPOSAL_URL)
def proposal(slug, group_slug, proposal_id):
    """Show an action sheet with its status, sections and the organizer's reason."""
    group, proposal = _load(slug, group_slug, proposal_id)
    fed, changed = queries.proposal_sections(proposal)
    decision_form = ProposalDecisionForm()
    link_form = LinkChangeForm()
    link_form.section_id.choices = [(s.id, s.title) for s in queries.process_sections(group.process_id)]
    return render_template(
        "groups/proposal.html",
        process=group.process,
        group=group,
        proposal=proposal,
        fed=fed,
        changed=changed,
        today=paris_today(),
        decision_form=decision_form,
        link_form=link_form,
        status_labels=PROPOSAL_STATUS_LABELS,
        field_labels=SHEET_FIELD_LABELS,
    )


@bp.route(f"{PROPOSAL_URL}/modifier", methods=["GET", "POST"])
@login_required
def edit_proposal(slug, group_slug, proposal_id):
    """Edit a draft sheet; a save based on an older version is refused with the other's changes shown."""
    group, proposal = _load(slug, group_slug, proposal_id)
    require(permissions.can_edit_proposal(current_user, proposal, paris_today()))
    form = _form(group, obj=proposal)
    if not form.is_submitted():
        form.version.data = proposal.version
        form.section_ids.data = [s.id for s in queries.proposal_sections(proposal)[0]]
    if form.validate_on_submit():
        try:
            services.update_proposal(
                current_user,
                proposal,
                expected_version=int(form.version.data or 0),
                title=form.title.data,
                sheet=form.sheet,
                section_ids=form.section_ids.data or [],
            )
        except EditConflict as conflict:
            flash(conflict.message, "error")
            form.version.data = conflict.current.version
            return _render_form(group, proposal, form, current=conflict.current, status=409)
        flash(_("Changes saved."), "success")
        return _to_proposal(group, proposal)
    return _render_form(group, proposal, form)


@bp.route(f"{PROPOSAL_URL}/soumettre", methods=["POST"])
@login_required
def submit_proposal(slug, group_slug, proposal_id):
    """Submit a draft sheet in the group's name."""
    group, proposal = _load(slug, group_slug, proposal_id)
    require(permissions.can_submit_proposal(current_user, proposal))
    services.submit_proposal(current_user, proposal)
    flash(_("The action sheet is submitted in the group's name."), "success")
    return _to_proposal(group, proposal)


@bp.route(f"{PROPOSAL_URL}/decision", methods=["POST"])
@login_required
def decide_proposal(slug, group_slug, proposal_id):
    """Put a sheet under review or decide on it, with a reason."""
    group, proposal = _load(slug, group_slug, proposal_id)
    require(permissions.can_decide_proposal(current_user, proposal))
    form = ProposalDecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose a status."), "error")
        return _to_proposal(group, proposal), 400
    try:
        services.decide_proposal(
            current_user, proposal, status=ProposalStatus(form.status.data), reason=form.reason.data or ""
        )
    except DomainError as error:
        return _to_proposal(group, proposal), flash_error(error)
    flash(_("The decision is recorded and mailed to the group."), "success")
    return _to_proposal(group, proposal)


@bp.route(f"{PROPOSAL_URL}/modifications", methods=["POST"])
@login_required
def link_change(slug, group_slug, proposal_id):
    """Link the sheet to a section that changed because of it."""
    group, proposal = _load(slug, group_slug, proposal_id)
    require(permissions.can_decide_proposal(current_user, proposal))
    form = LinkChangeForm()
    form.section_id.choices = [(s.id, s.title) for s in queries.process_sections(group.process_id)]
    if not form.validate_on_submit():
        flash(_("Choose a section."), "error")
        return _to_proposal(group, proposal), 400
    try:
        services.link_proposal_change(current_user, proposal, form.section_id.data)
    except DomainError as error:
        return _to_proposal(group, proposal), flash_error(error)
    flash(_("The change is linked to this action sheet."), "success")
    return _to_proposal(group, proposal)
