"""Routes: the draft report (organizers, live figures), publishing, and the published revisions (public)."""

import io

from flask import abort, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.db import utcnow
from consult.errors import DomainError
from consult.http import flash_error, page_arg, wants_json
from consult.permissions import require
from consult.processes.queries import get_process_or_404
from consult.report import bp, permissions
from consult.report.models import RevisionContributions
from consult.report.publishing import figures, queries
from consult.report.publishing.docx import render_docx
from consult.report.publishing.formats import day
from consult.report.publishing.forms import PublishForm
from consult.report.publishing.presentation import reading_groups, template_context
from consult.report.publishing.snapshot import services
from consult.report.publishing.storage import absolute
from consult.report.rules import readiness

#: the listings' page size, the pages in which a revision's contributions are stored
PER_PAGE = RevisionContributions.PER_PAGE
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.app_template_filter("report_date")
def _report_date(iso):
    return day(iso)


@bp.route("/concertations/<slug>/bilan")
def public_report(slug):
    """The latest published revision of the report; organizers without one go to the draft."""
    process = get_process_or_404(slug)
    revisions = queries.revisions(process.id)
    if not revisions:
        if permissions.can_manage_report(current_user, process):
            return redirect(url_for("report.draft_report", slug=slug))
        abort(404)
    return redirect(url_for("report.revision", slug=slug, number=revisions[0].number))


@bp.route("/concertations/<slug>/bilan/versions/<int:number>")
def revision(slug, number):
    """One published revision, as frozen on its day."""
    process = get_process_or_404(slug)
    rev = queries.get_revision_or_404(process.id, number)
    if wants_json():
        return jsonify(rev.snapshot)
    return render_template(
        "report/publishing/report.html",
        process=process,
        revision=rev,
        revisions=queries.revisions(process.id),
        can_manage=permissions.can_manage_report(current_user, process),
        draft=False,
        print_mode=False,
        contributions=None,
        contributions_url=url_for("report.revision_contributions", slug=slug, number=number),
        **template_context(rev.snapshot),
    )


@bp.route("/concertations/<slug>/bilan/versions/<int:number>/contributions")
def revision_contributions(slug, number):
    """Every contribution of a published revision with its disposition, grouped by section and theme."""
    process = get_process_or_404(slug)
    rev = queries.get_revision_or_404(process.id, number)
    page = page_arg()
    rows = queries.frozen_contributions_page(rev.id, page)
    return _contributions_page(process, rows, rev.snapshot["participation"]["contributions"], page, rev)


@bp.route("/concertations/<slug>/bilan/versions/<int:number>/bilan.pdf")
def revision_pdf(slug, number):
    """The revision's PDF, once the worker has built it."""
    process = get_process_or_404(slug)
    rev = queries.get_revision_or_404(process.id, number)
    if not rev.pdf_path:
        abort(404)
    name = f"bilan-{process.slug}-v{rev.number}.pdf"
    return send_file(absolute(rev.pdf_path), mimetype="application/pdf", download_name=name)


@bp.route("/concertations/<slug>/bilan/versions/<int:number>/bilan.docx")
@login_required
def revision_docx(slug, number):
    """The revision as an editable Word document, for the organizers who rework it before its adoption."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_report(current_user, process))
    rev = queries.get_revision_or_404(process.id, number)
    name = f"bilan-{process.slug}-v{rev.number}.docx"
    return send_file(io.BytesIO(render_docx(rev)), mimetype=DOCX_MIMETYPE, as_attachment=True, download_name=name)


@bp.route("/concertations/<slug>/bilan/versions/<int:number>/donnees.zip")
def revision_data(slug, number):
    """The revision's open data, as a Frictionless Data Package zip."""
    process = get_process_or_404(slug)
    rev = queries.get_revision_or_404(process.id, number)
    if not rev.opendata_path:
        abort(404)
    name = f"bilan-{process.slug}-v{rev.number}-donnees.zip"
    return send_file(absolute(rev.opendata_path), mimetype="application/zip", as_attachment=True, download_name=name)


@bp.route("/concertations/<slug>/bilan/brouillon")
@login_required
def draft_report(slug):
    """The report as it would be published now (live figures), with the publish form."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_report(current_user, process))
    if wants_json():
        return jsonify(figures.compute_report(process))
    return _draft_page(process, PublishForm())


def _draft_page(process, form, status=200):
    snapshot = figures.compute_report(process)
    return render_template(
        "report/publishing/report.html",
        process=process,
        revision=None,
        revisions=queries.revisions(process.id),
        draft=True,
        ready=readiness(process.id, utcnow()),
        form=form,
        print_mode=False,
        contributions=None,
        contributions_url=url_for("report.draft_contributions", slug=process.slug),
        **template_context(snapshot),
    ), status


@bp.route("/concertations/<slug>/bilan/brouillon/contributions")
@login_required
def draft_contributions(slug):
    """Every contribution with its current disposition (organizers)."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_report(current_user, process))
    page = page_arg()
    rows = figures.contribution_list(process.id, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    total = queries.published_count(process.id)
    return _contributions_page(process, rows, total, page, None)


def _contributions_page(process, rows, total, page, rev):
    from consult.report.publishing.labels import LABELS, label

    return render_template(
        "report/publishing/contributions.html",
        process=process,
        revision=rev,
        contributions=reading_groups(rows),
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        L=LABELS,
        label=label,
    )


@bp.route("/concertations/<slug>/bilan/textes", methods=["GET", "POST"])
@login_required
def report_texts(slug):
    """Send the organizers to the one screen where the report's texts are written (this one was merged into it)."""
    process = get_process_or_404(slug)
    require(permissions.can_write_report_texts(current_user, process))
    return redirect(url_for("report.closing_texts", slug=slug))


@bp.route("/concertations/<slug>/bilan/publier", methods=["POST"])
@login_required
def publish_report(slug):
    """Publish a new revision of the report (refused with untreated contributions unless interim)."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_report(current_user, process))
    form = PublishForm()
    if not form.validate_on_submit():
        return _draft_page(process, form, 400)
    try:
        rev = services.publish_report(current_user, process, interim=form.interim.data)
    except DomainError as error:
        flash_error(error)
        return _draft_page(process, form, error.status_code)
    flash(_("Version %(n)s of the report is published. Its PDF is being built.", n=rev.number), "success")
    return redirect(url_for("report.revision", slug=slug, number=rev.number))
