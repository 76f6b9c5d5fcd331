"""Routes: the treatment table, bulk actions, one contribution's treatment, progress."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required

from consult.errors import DomainError
from consult.groups.labels import PROPOSAL_STATUS_LABELS
from consult.http import flash_error, id_list_arg, safe_next
from consult.report import bp
from consult.report.treatment import export, listing, proposals, queries, services
from consult.report.treatment.forms import BulkForm, DispositionForm, FilterForm, ThemeChoiceForm, theme_choices
from consult.report.treatment.labels import TEMPLATE_LABELS as LABELS
from consult.report.treatment.views import load_process


def make_bulk_form(sections, themes, formdata=None):
    """The bulk action form with its choices (also the group form of the similar contributions panel)."""
    form = BulkForm(formdata=formdata) if formdata is not None else BulkForm()
    form.set_disposition_choices(sections, none_label=_l("Remove their own disposition (their theme's applies)"))
    form.theme.choices = theme_choices(themes)
    return form


def _render_list(process, bulk_form=None, selected=(), status=200):
    sections = queries.process_sections(process.id)
    themes = queries.themes_with_counts(process.id)
    filter_form = FilterForm(request.args)
    filter_form.set_choices(sections, themes, listing.territories(process.id))
    page = listing.treatment_page(process.id, filter_form.filters())
    return render_template(
        "report/treatment/list.html",
        process=process,
        filter_form=filter_form,
        bulk_form=bulk_form or make_bulk_form(sections, themes, formdata=None),
        page=page,
        progress=queries.progress(process.id, sections),
        selected=set(selected),
        L=LABELS,
    ), status


@bp.route("/concertations/<slug>/traitement")
@login_required
def treatment_list(slug):
    """List every contribution of the process with its theme and disposition, filtered and sorted."""
    return _render_list(load_process(slug))


EXPORT_FORMATS = {
    "csv": (export.treatment_csv, "text/csv; charset=utf-8"),
    "xlsx": (export.treatment_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@bp.route("/concertations/<slug>/traitement/export.csv")
@login_required
def treatment_export_csv(slug):
    """Download the table as CSV: the current filters across every page, or only the ticked contributions."""
    return _export(slug, "csv")


@bp.route("/concertations/<slug>/traitement/export.xlsx")
@login_required
def treatment_export_xlsx(slug):
    """Download the table as XLSX: the current filters across every page, or only the ticked contributions."""
    return _export(slug, "xlsx")


def _export(slug, fmt):
    process = load_process(slug)
    write, mimetype = EXPORT_FORMATS[fmt]
    filter_form = FilterForm(request.args)
    filter_form.set_choices(queries.process_sections(process.id), queries.themes_with_counts(process.id),
                            listing.territories(process.id))  # fmt: skip
    ids = id_list_arg(request.args, "ids")
    if request.args.get("selection") and not ids:
        flash(_("Tick at least one contribution to download."), "error")
        return redirect(url_for("report.treatment_list", slug=slug))
    rows = listing.treatment_rows(process.id, filter_form.filters(), ids)
    filename = f"contributions-{process.slug}.{fmt}"
    return Response(
        write(rows), mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def _selected_ids() -> list[int]:
    return id_list_arg(request.form, "ids")


@bp.route("/concertations/<slug>/traitement/lot", methods=["POST"])
@login_required
def treatment_bulk(slug):
    """Put the selected contributions in a theme, or give them a disposition with one shared reason."""
    process = load_process(slug)
    ids = _selected_ids()
    form = make_bulk_form(queries.process_sections(process.id), queries.themes_with_counts(process.id), request.form)
    if not form.validate():
        return _render_list(process, form, ids, 400)
    try:
        if form.action.data == "theme":
            theme = queries.get_theme(process.id, int(form.theme.data)) if form.theme.data else None
            count = services.assign_theme(current_user, process, ids, theme)
            flash(
                ngettext("%(num)d contribution put in the theme.", "%(num)d contributions put in the theme.", count),
                "success",
            )
        else:
            count = services.set_disposition(
                current_user, process, ids, disposition=form.disposition_value,
                reason_md=form.reason_md.data, change_section_id=form.change_section_id,
            )  # fmt: skip
            flash(
                ngettext(
                    "Disposition saved for %(num)d contribution.", "Disposition saved for %(num)d contributions.", count
                ),
                "success",
            )
    except DomainError as error:
        return _render_list(process, form, ids, flash_error(error))
    # A group form (similar contributions, a campaign) sends back to its own page.
    return redirect(safe_next(request.form.get("next"), url_for("report.treatment_list", slug=slug, **request.args)))


def _contribution_forms(process, treatment=None, formdata=None):
    sections = queries.process_sections(process.id)
    disposition_form = DispositionForm(formdata=formdata, prefix="d")
    disposition_form.set_disposition_choices(sections, none_label=_l("Remove its own disposition"))
    theme_form = ThemeChoiceForm(formdata=formdata, prefix="t")
    theme_form.theme.choices = theme_choices(queries.themes_with_counts(process.id))
    if formdata is None and treatment is not None:
        theme_form.theme.data = str(treatment.theme_id or "")
        if treatment.disposition is not None:
            disposition_form.disposition.data = treatment.disposition.value
            disposition_form.reason_md.data = treatment.reason_md
            disposition_form.change_section.data = str(treatment.change_section_id or "")
    return disposition_form, theme_form


def _render_contribution(process, contribution_id, forms=None, status=200):
    page = queries.contribution_treatment(process.id, contribution_id)
    if page is None:
        abort(404)
    disposition_form, theme_form = forms or _contribution_forms(process, page.treatment)
    sections, themes = queries.process_sections(process.id), queries.themes_with_counts(process.id)
    return render_template(
        "report/treatment/contribution.html",
        process=process,
        page=page,
        disposition_form=disposition_form,
        theme_form=theme_form,
        group_form=make_bulk_form(sections, themes, formdata=None),
        L=LABELS,
    ), status


@bp.route("/concertations/<slug>/traitement/contributions/<int:contribution_id>")
@login_required
def treatment_contribution(slug, contribution_id):
    """Show one contribution's treatment: its theme, disposition and the history of every change."""
    return _render_contribution(load_process(slug), contribution_id)


@bp.route("/concertations/<slug>/traitement/contributions/<int:contribution_id>/suite", methods=["POST"])
@login_required
def treatment_set_disposition(slug, contribution_id):
    """Give one contribution its own disposition (or remove it)."""
    process = load_process(slug)
    forms = _contribution_forms(process, formdata=request.form)
    form = forms[0]
    if not form.validate():
        return _render_contribution(process, contribution_id, forms, 400)
    try:
        services.set_disposition(
            current_user, process, [contribution_id], disposition=form.disposition_value,
            reason_md=form.reason_md.data, change_section_id=form.change_section_id,
        )  # fmt: skip
    except DomainError as error:
        return _render_contribution(process, contribution_id, forms, flash_error(error))
    flash(_("Disposition saved."), "success")
    return redirect(url_for("report.treatment_contribution", slug=slug, contribution_id=contribution_id))


@bp.route("/concertations/<slug>/traitement/contributions/<int:contribution_id>/theme", methods=["POST"])
@login_required
def treatment_set_theme(slug, contribution_id):
    """Put one contribution in a theme (or in none)."""
    process = load_process(slug)
    forms = _contribution_forms(process, formdata=request.form)
    form = forms[1]
    if not form.validate():
        return _render_contribution(process, contribution_id, forms, 400)
    theme = queries.get_theme(process.id, int(form.theme.data)) if form.theme.data else None
    try:
        services.assign_theme(current_user, process, [contribution_id], theme)
    except DomainError as error:
        return _render_contribution(process, contribution_id, forms, flash_error(error))
    flash(_("Theme saved."), "success")
    return redirect(url_for("report.treatment_contribution", slug=slug, contribution_id=contribution_id))


@bp.route("/concertations/<slug>/traitement/avancement")
@login_required
def treatment_progress(slug):
    """Show how many contributions and group proposals have a disposition, per section and overall."""
    process = load_process(slug)
    decided, submitted = proposals.proposal_counts(process.id)
    return render_template(
        "report/treatment/progress.html",
        process=process,
        progress=queries.progress(process.id),
        proposals_decided=decided,
        proposals_total=submitted,
    )


@bp.route("/concertations/<slug>/traitement/propositions")
@login_required
def treatment_proposals(slug):
    """List the working groups' submitted proposals with their status as disposition."""
    process = load_process(slug)
    return render_template(
        "report/treatment/proposals.html",
        process=process,
        rows=proposals.submitted_proposals(process.id),
        status_labels=PROPOSAL_STATUS_LABELS,
        L=LABELS,
    )
