"""The registry: list with filters, detail, create, edit, archive, erase contacts, public-list setting."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.db import utcnow
from consult.errors import DomainError
from consult.http import flash_error, form_status
from consult.stakeholders import bp, queries
from consult.stakeholders.forms import PublicListForm, StakeholderForm
from consult.stakeholders.services import invitations, registry
from consult.stakeholders.views.common import filters_from, managed_process, page_number


@bp.route("/concertations/<slug>/parties-prenantes")
@login_required
def index(slug):
    """List the registry, filtered and searched."""
    process = managed_process(slug)
    form, filters = filters_from(request.args, process)
    page = queries.registry_page(process, filters, page_number(), current_app.config["PAGE_SIZE"])
    return render_template(
        "stakeholders/index.html",
        process=process,
        form=form,
        filters=filters,
        page=page,
        stakeholders=page.items,
        requests=queries.pending_requests(process),
        public_form=PublicListForm(public_list=queries.public_list_allowed(process)),
    )


@bp.route("/concertations/<slug>/parties-prenantes/nouvelle", methods=["GET", "POST"])
@login_required
def create(slug):
    """Add a stakeholder to the registry."""
    process = managed_process(slug)
    form = StakeholderForm()
    if form.validate_on_submit():
        stakeholder = registry.create_stakeholder(current_user, process, values=form.values)
        flash(_("“%(name)s” is added to the registry.", name=stakeholder.name), "success")
        return redirect(url_for("stakeholders.show", slug=slug, stakeholder_id=stakeholder.id))
    return render_template("stakeholders/edit.html", process=process, form=form, stakeholder=None), form_status(form)


@bp.route("/concertations/<slug>/parties-prenantes/<int:stakeholder_id>")
@login_required
def show(slug, stakeholder_id):
    """Show a stakeholder with its contacts, representatives and invitations."""
    process = managed_process(slug)
    stakeholder = queries.get_stakeholder_or_404(process, stakeholder_id)
    now = utcnow()
    return render_template(
        "stakeholders/show.html",
        process=process,
        stakeholder=stakeholder,
        now=now,
        waiting=invitations.pending_invitation(stakeholder, now) is not None,
        **queries.stakeholder_page(stakeholder),
    )


@bp.route("/concertations/<slug>/parties-prenantes/<int:stakeholder_id>/modifier", methods=["GET", "POST"])
@login_required
def edit(slug, stakeholder_id):
    """Edit a stakeholder."""
    process = managed_process(slug)
    stakeholder = queries.get_stakeholder_or_404(process, stakeholder_id)
    form = StakeholderForm(obj=stakeholder)
    if form.validate_on_submit():
        registry.update_stakeholder(current_user, process, stakeholder, values=form.values)
        flash(_("Changes saved."), "success")
        return redirect(url_for("stakeholders.show", slug=slug, stakeholder_id=stakeholder.id))
    return render_template("stakeholders/edit.html", process=process, form=form, stakeholder=stakeholder), form_status(
        form
    )


@bp.route("/concertations/<slug>/parties-prenantes/<int:stakeholder_id>/archiver", methods=["POST"])
@login_required
def archive(slug, stakeholder_id):
    """Archive a stakeholder."""
    process = managed_process(slug)
    stakeholder = queries.get_stakeholder_or_404(process, stakeholder_id)
    try:
        registry.archive_stakeholder(current_user, process, stakeholder)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("“%(name)s” is archived.", name=stakeholder.name), "success")
    return redirect(url_for("stakeholders.show", slug=slug, stakeholder_id=stakeholder_id))


@bp.route("/concertations/<slug>/parties-prenantes/<int:stakeholder_id>/effacer-contacts", methods=["POST"])
@login_required
def erase_contacts(slug, stakeholder_id):
    """Erase an archived stakeholder's contact details."""
    process = managed_process(slug)
    stakeholder = queries.get_stakeholder_or_404(process, stakeholder_id)
    try:
        registry.erase_contacts(current_user, process, stakeholder)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The contact details are erased."), "success")
    return redirect(url_for("stakeholders.show", slug=slug, stakeholder_id=stakeholder_id))


@bp.route("/concertations/<slug>/parties-prenantes/liste-publique", methods=["POST"])
@login_required
def public_list(slug):
    """Show or hide the engaged organisations on the concertation page."""
    process = managed_process(slug)
    form = PublicListForm()
    if form.validate_on_submit():
        registry.set_public_list(current_user, process, public_list=form.public_list.data)
        flash(_("Setting saved."), "success")
    return redirect(url_for("stakeholders.index", slug=slug))
