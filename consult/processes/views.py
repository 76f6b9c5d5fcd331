"""Home page, process pages, and their editing by organizers."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.dates import paris_today
from consult.db import utcnow
from consult.errors import DomainError
from consult.http import flash_error, form_status
from consult.panels import decisions_for, organizer_links_for, panels_for
from consult.permissions import require
from consult.processes import bp, permissions, queries, services
from consult.processes.forms import OrganizerForm, PhaseForm, ProcessForm
from consult.processes.labels import PHASE_LABELS
from consult.processes.models import PhaseKind


@bp.route("/")
def home():
    """List the concertations, each with its current phase."""
    return render_template(
        "processes/home.html", processes=queries.visible_processes(current_user), today=paris_today()
    )


@bp.route("/concertations/nouvelle", methods=["GET", "POST"])
@login_required
def create():
    """Create a concertation."""
    require(permissions.can_create_process(current_user))
    form = ProcessForm()
    if form.validate_on_submit():
        process = services.create_process(current_user, **form.description())
        flash(_("The concertation is created. Now set the dates of its phases."), "success")
        return redirect(url_for("processes.phases", slug=process.slug))
    return render_template("processes/edit.html", form=form, process=None), form_status(form)


@bp.route("/concertations/<slug>")
def show(slug):
    """Show a concertation: its summary and where it stands on its timeline."""
    process = queries.get_process_or_404(slug)
    today = paris_today()
    return render_template(
        "processes/show.html",
        process=process,
        today=today,
        panels=panels_for("process", process, current_user, today),
        organizer_links=organizer_links_for(process) if permissions.can_edit_process(current_user, process) else [],
    )


@bp.route("/concertations/<slug>/tableau-de-bord")
@login_required
def dashboard(slug):
    """Show the organizers what awaits a decision now and how participation goes."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_view_dashboard(current_user, process))
    return render_template(
        "processes/dashboard.html",
        process=process,
        decisions=decisions_for(process, utcnow()),
        panels=panels_for("dashboard", process, current_user, paris_today()),
    )


@bp.route("/concertations/<slug>/modifier", methods=["GET", "POST"])
@login_required
def edit(slug):
    """Edit a concertation's description."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_edit_process(current_user, process))
    form = ProcessForm(obj=process)
    if form.validate_on_submit():
        services.update_process(current_user, process, **form.description())
        flash(_("Changes saved."), "success")
        return redirect(url_for("processes.show", slug=process.slug))
    return render_template("processes/edit.html", form=form, process=process), form_status(form)


def _phase_forms(process, **submitted):
    by_kind = {p.kind: p for p in process.phases}
    return [
        (kind, submitted.get(kind.value) or PhaseForm(formdata=None, obj=by_kind.get(kind), prefix=kind.value))
        for kind in PhaseKind
    ]


@bp.route("/concertations/<slug>/phases")
@login_required
def phases(slug):
    """Show the calendar editor."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_edit_process(current_user, process))
    return render_template(
        "processes/phases.html", process=process, forms=_phase_forms(process), phase_labels=PHASE_LABELS
    )


@bp.route("/concertations/<slug>/phases/<kind>", methods=["POST"])
@login_required
def save_phase(slug, kind):
    """Save the dates of one phase."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_edit_process(current_user, process))
    phase_kind = _phase_kind_or_404(kind)
    form = PhaseForm(prefix=kind)
    status = 400
    if form.validate_on_submit():
        try:
            services.set_phase(
                current_user,
                process,
                phase_kind,
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                description=form.description.data or "",
            )
        except DomainError as error:
            form.ends_on.errors.append(error.message)
        else:
            flash(_("Phase “%(phase)s” saved.", phase=PHASE_LABELS[phase_kind]), "success")
            return redirect(url_for("processes.phases", slug=process.slug))
    forms = _phase_forms(process, **{kind: form})
    return render_template("processes/phases.html", process=process, forms=forms, phase_labels=PHASE_LABELS), status


@bp.route("/concertations/<slug>/phases/<kind>/retirer", methods=["POST"])
@login_required
def remove_phase(slug, kind):
    """Take a phase out of the calendar."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_edit_process(current_user, process))
    services.remove_phase(current_user, process, _phase_kind_or_404(kind))
    flash(_("Phase removed from the calendar."), "success")
    return redirect(url_for("processes.phases", slug=process.slug))


def _phase_kind_or_404(value):
    try:
        return PhaseKind(value)
    except ValueError:
        abort(404)


@bp.route("/concertations/<slug>/organisateurs", methods=["GET", "POST"])
@login_required
def organizers(slug):
    """List and add the organizers of a concertation."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_edit_process(current_user, process))
    form = OrganizerForm()
    if form.validate_on_submit():
        try:
            user = services.add_organizer(current_user, process, form.email.data)
        except DomainError as error:
            form.email.errors.append(error.message)
        else:
            flash(_("%(name)s now organizes this concertation.", name=user.display_name), "success")
            return redirect(url_for("processes.organizers", slug=process.slug))
    roles = queries.organizers_of(process)
    return render_template("processes/organizers.html", process=process, form=form, roles=roles), form_status(form)


@bp.route("/concertations/<slug>/organisateurs/<int:user_id>/retirer", methods=["POST"])
@login_required
def remove_organizer(slug, user_id):
    """Withdraw an organizer."""
    process = queries.get_process_or_404(slug)
    require(permissions.can_edit_process(current_user, process))
    try:
        services.remove_organizer(current_user, process, user_id)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Organizer withdrawn."), "success")
    return redirect(url_for("processes.organizers", slug=process.slug))


@bp.route("/accessibilite")
def accessibility():
    """The accessibility statement."""
    return render_template("processes/accessibility.html")


@bp.route("/conditions-d-utilisation")
def terms():
    """Terms of use and personal data."""
    return render_template("processes/terms.html")
