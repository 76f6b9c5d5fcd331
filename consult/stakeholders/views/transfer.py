"""CSV import (upload, preview, confirm) and export of the registry."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.errors import DomainError
from consult.http import flash_error
from consult.stakeholders import bp, queries
from consult.stakeholders.csvformat import HEADERS, model_csv
from consult.stakeholders.forms import ImportForm
from consult.stakeholders.services import imports
from consult.stakeholders.views.common import filters_from, managed_process


def personal_data_warning() -> str:
    """The first line of every exported file."""
    return _(
        "Personal data: this file holds the contact details of people. Keep it for the concertation only, "
        "do not pass it on, delete it when done."
    )


@bp.route("/concertations/<slug>/parties-prenantes/importer", methods=["GET", "POST"])
@login_required
def import_file(slug):
    """Send a CSV file to check before importing it."""
    process = managed_process(slug)
    form = ImportForm()
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            data = upload.read(imports.max_import_bytes() + 1)
            preview = imports.preview_import(current_user, process, data, filename=upload.filename or "")
        except DomainError as error:
            form.file.errors.append(error.message)
        else:
            return redirect(url_for("stakeholders.import_preview", slug=slug, preview_id=preview.id))
    return render_template("stakeholders/import.html", process=process, form=form), status


@bp.route("/concertations/<slug>/parties-prenantes/importer/<int:preview_id>")
@login_required
def import_preview(slug, preview_id):
    """Show, row by row, what the import will do."""
    process = managed_process(slug)
    preview = queries.get_preview_or_404(process, preview_id, current_user)
    return render_template(
        "stakeholders/import_preview.html",
        process=process,
        preview=preview,
        known_columns=list(HEADERS.values()),
        **queries.preview_summary(preview),
    )


@bp.route("/concertations/<slug>/parties-prenantes/importer/<int:preview_id>/confirmer", methods=["POST"])
@login_required
def import_confirm(slug, preview_id):
    """Import the previewed rows."""
    process = managed_process(slug)
    preview = queries.get_preview_or_404(process, preview_id, current_user)
    try:
        result = imports.apply_import(current_user, process, preview)
    except DomainError as error:
        flash_error(error)
        return redirect(url_for("stakeholders.import_file", slug=slug))
    flash(
        _(
            "Import done: %(created)d added, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected rows.",
            **vars(result),
        ),
        "success",
    )
    return redirect(url_for("stakeholders.index", slug=slug))


def _csv_response(data: bytes, filename: str) -> Response:
    return Response(
        data,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@bp.route("/concertations/<slug>/parties-prenantes/export.csv")
@login_required
def export(slug):
    """Download the (filtered) registry as CSV."""
    process = managed_process(slug)
    _form, filters = filters_from(request.args, process)
    stakeholders = queries.registry_all(process, filters)
    data = imports.export_registry(current_user, process, stakeholders, warning=personal_data_warning())
    return _csv_response(data, f"parties-prenantes-{process.slug}.csv")


@bp.route("/concertations/<slug>/parties-prenantes/modele.csv")
@login_required
def import_model(slug):
    """Download an empty file with the expected columns."""
    managed_process(slug)
    return _csv_response(model_csv(personal_data_warning()), "modele-parties-prenantes.csv")
