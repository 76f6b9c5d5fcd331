"""Contributions received offline: one at a time from a section, or all those of a public meeting at once."""

import secrets

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from consult.consultation import bp, permissions, queries, services
from consult.consultation.errors import AlreadyRecorded, OfflineBatchRejected
from consult.consultation.forms import BATCH_ROWS, OfflineForm, OfflineMeetingForm
from consult.consultation.labels import CHANNEL_LABELS
from consult.errors import DomainError
from consult.http import form_status
from consult.permissions import require
from consult.processes.queries import get_process_or_404
from consult.stakeholders.queries import RegistryFilters, registry_all
from consult.uploads import RejectedFile, send_upload


def _attachment(field) -> "services.Attachment | None":
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return services.Attachment(upload.filename, upload.read())


def _add_error(field, message: str) -> None:
    # a skipped blank row was never validated: its errors are still WTForms' initial empty tuple
    field.errors = [*field.errors, message]


def _chosen(items, value):
    return next((item for item in items if str(item.id) == value), None)


@bp.route("/concertations/<slug>/sections/<int:section_id>/hors-ligne", methods=["GET", "POST"])
@login_required
def offline(slug, section_id):
    """Enter a contribution received at a meeting, by letter, phone or mail."""
    process = get_process_or_404(slug)
    require(permissions.can_record_offline(current_user, process))
    section = queries.get_section_or_404(process, section_id, current_user)
    form = OfflineForm()
    organisations = registry_all(process, RegistryFilters())
    form.set_organisations(organisations)
    if form.validate_on_submit():
        try:
            contribution = services.record_offline_contribution(
                current_user,
                section,
                kind=form.kind.enum_value,
                channel=form.channel.enum_value,
                received_on=form.received_on.data,
                body=form.body.data,
                proposed_text=form.proposed_text.data or "",
                category=form.category.enum_value,
                territory=form.territory.data or "",
                stakeholder=_chosen(organisations, form.organisation.data),
                attachment=_attachment(form.document),
            )
        except RejectedFile as error:
            form.document.errors.append(error.message)
        except DomainError as error:
            form.body.errors.append(error.message)
        else:
            flash(_("The contribution is recorded and published."), "success")
            return redirect(url_for("consultation.section", slug=slug, section_id=section.id,
                                    _anchor=f"c{contribution.id}"))  # fmt: skip
    return render_template(
        "consultation/offline.html", process=process, section=section, form=form, channels=CHANNEL_LABELS
    ), form_status(form)


def _entries(form, sections, organisations) -> tuple[list[int], list]:
    """The filled rows as service entries, with each one's row index (for its error)."""
    filled = form.filled_rows()
    entries = [
        services.OfflineEntry(
            section=_chosen(sections, row.section.data),
            kind=row.kind.enum_value,
            body=row.body.data or "",
            proposed_text=row.proposed_text.data or "",
            category=row.category.enum_value,
            stakeholder=_chosen(organisations, row.organisation.data),
        )  # fmt: skip
        for _index, row in filled
    ]
    return [index for index, _row in filled], entries


def _record_meeting(process, form, sections, organisations):
    """Call the service; on refusal put each message beside its row and return None."""
    indexes, entries = _entries(form, sections, organisations)
    try:
        return services.record_offline_meeting(
            current_user, process, received_on=form.received_on.data, place=form.place.data, entries=entries,
            attachment=_attachment(form.document), submission_key=form.submission_key.data or "",
        )  # fmt: skip
    except AlreadyRecorded:
        raise
    except OfflineBatchRejected as error:
        for position, message in error.row_errors.items():
            _add_error(form.rows[indexes[position]].form.body, message)
        if error.file_error:
            _add_error(form.document, error.file_error)
        if error.message:
            _add_error(form.rows[0].form.body, error.message)
    except DomainError as error:
        _add_error(form.received_on, error.message)
    return None


@bp.route("/concertations/<slug>/hors-ligne/reunion", methods=["GET", "POST"])
@login_required
def offline_meeting(slug):
    """Enter every contribution heard at one public meeting, all or nothing."""
    process = get_process_or_404(slug)
    require(permissions.can_record_offline(current_user, process))
    form = OfflineMeetingForm()
    sections, organisations = queries.sections_in_reading_order(process.id), registry_all(process, RegistryFilters())
    if not form.submission_key.data:
        form.submission_key.data = secrets.token_urlsafe(24)
    if "more_rows" in request.form:  # more blank rows, keeping everything typed; nothing is saved
        form.add_blank_rows(BATCH_ROWS)
    form.set_choices(sections, organisations)
    if "more_rows" not in request.form and form.validate_on_submit():
        try:
            recorded = _record_meeting(process, form, sections, organisations)
        except AlreadyRecorded as error:
            flash(error.message, "info")
            return redirect(url_for("consultation.queue", slug=slug))
        if recorded is not None:
            flash(ngettext("%(num)d contribution is recorded and published.",
                           "%(num)d contributions are recorded and published.", len(recorded)), "success")  # fmt: skip
            return redirect(url_for("consultation.offline_meeting", slug=slug))
    status = 400 if form.is_submitted() and form.has_errors() else 200
    return render_template("consultation/offline_meeting.html", process=process, form=form), status


@bp.route("/concertations/<slug>/hors-ligne/documents/<int:source_id>")
@login_required
def offline_document(slug, source_id):
    """Download the scanned letter or notes of offline contributions (organizers only: it may hold names)."""
    process = get_process_or_404(slug)
    require(permissions.can_record_offline(current_user, process))
    source = queries.get_offline_source_or_404(process, source_id)
    return send_upload(source.stored_name, content_type=source.content_type, filename=source.filename)
