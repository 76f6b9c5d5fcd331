"""Routes: syntheses (per section and overall) and the report's legal frame and next steps."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.http import form_status
from consult.report import bp
from consult.report.treatment import queries, texts
from consult.report.treatment.forms import ClosingTextsForm, SynthesisForm
from consult.report.treatment.views import load_process_for_texts


@bp.route("/concertations/<slug>/traitement/syntheses")
@login_required
def synthesis_list(slug):
    """List the sections with their synthesis, and the overall synthesis."""
    process = load_process_for_texts(slug)
    return render_template(
        "report/treatment/syntheses.html",
        process=process,
        rows=queries.synthesis_rows(process.id),
        overall=queries.syntheses_of(process.id).get(None),
    )


def _edit_synthesis(slug, section_id):
    process = load_process_for_texts(slug)
    label = None
    if section_id is not None:
        section = queries.section_in_process(process.id, section_id)
        if section is None:
            abort(404)
        label = section.title
    synthesis = queries.syntheses_of(process.id).get(section_id)
    form = SynthesisForm(obj=synthesis)
    if form.validate_on_submit():
        texts.save_synthesis(current_user, process, section_id, body_md=form.body_md.data)
        flash(_("Synthesis saved."), "success")
        return redirect(url_for("report.synthesis_list", slug=slug))
    return render_template(
        "report/treatment/synthesis.html", process=process, form=form, section_label=label, synthesis=synthesis
    ), form_status(form)


@bp.route("/concertations/<slug>/traitement/syntheses/generale", methods=["GET", "POST"])
@login_required
def synthesis_overall(slug):
    """Write the overall synthesis of the concertation."""
    return _edit_synthesis(slug, None)


@bp.route("/concertations/<slug>/traitement/syntheses/sections/<int:section_id>", methods=["GET", "POST"])
@login_required
def synthesis_section(slug, section_id):
    """Write the synthesis of one section."""
    return _edit_synthesis(slug, section_id)


@bp.route("/concertations/<slug>/traitement/textes", methods=["GET", "POST"])
@login_required
def closing_texts(slug):
    """Write the report's closing texts (foreword, legal frame, next steps, conclusion), licence and settings."""
    process = load_process_for_texts(slug)
    form = ClosingTextsForm(obj=texts.closing_report_of(process))
    if form.validate_on_submit():
        texts.save_closing_texts(
            current_user,
            process,
            licence=form.licence.data or "",
            include_empty_sections=form.include_empty_sections.data,
            **{f"{name}_md": form[f"{name}_md"].data for name in texts.CLOSING_TEXTS},
        )
        flash(_("Texts of the report saved."), "success")
        return redirect(url_for("report.closing_texts", slug=slug))
    return render_template("report/treatment/texts.html", process=process, form=form), form_status(form)
