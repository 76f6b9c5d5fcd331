"""Routes: themes (list, create, edit, disposition, delete)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required

from consult.errors import DomainError
from consult.http import flash_error, form_status
from consult.report import bp
from consult.report.treatment import queries, services
from consult.report.treatment.forms import DispositionForm, ThemeForm
from consult.report.treatment.labels import TEMPLATE_LABELS as LABELS
from consult.report.treatment.views import load_process


def _load_theme(process, theme_id):
    theme = queries.get_theme(process.id, theme_id)
    if theme is None:
        abort(404)
    return theme


@bp.route("/concertations/<slug>/traitement/themes", methods=["GET", "POST"])
@login_required
def theme_list(slug):
    """List the themes with their number of contributions, and create one."""
    process = load_process(slug)
    form = ThemeForm()
    if form.validate_on_submit():
        theme = services.create_theme(current_user, process, title=form.title.data, description=form.description.data)
        flash(_("Theme « %(title)s » created.", title=theme.title), "success")
        return redirect(url_for("report.theme_list", slug=slug))
    return render_template(
        "report/treatment/themes.html",
        process=process,
        themes=queries.themes_with_counts(process.id),
        form=form,
        L=LABELS,
    ), form_status(form)


def _render_theme(process, theme, *, form=None, disposition_form=None, status=200):
    if disposition_form is None:
        disposition_form = DispositionForm(formdata=None, prefix="d")
        disposition_form.disposition.data = theme.disposition.value if theme.disposition else ""
        disposition_form.reason_md.data = theme.reason_md
        disposition_form.change_section.data = str(theme.change_section_id or "")
        disposition_form.set_disposition_choices(
            queries.process_sections(process.id), none_label=_l("Remove the theme's disposition")
        )
    return render_template(
        "report/treatment/theme.html",
        process=process,
        theme=theme,
        form=form or ThemeForm(formdata=None, obj=theme),
        disposition_form=disposition_form,
        history=queries.theme_history(theme.id),
        L=LABELS,
    ), status


@bp.route("/concertations/<slug>/traitement/themes/<int:theme_id>", methods=["GET", "POST"])
@login_required
def theme_edit(slug, theme_id):
    """Rename or describe a theme; the page also sets its disposition."""
    process = load_process(slug)
    theme = _load_theme(process, theme_id)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        services.update_theme(current_user, process, theme, title=form.title.data, description=form.description.data)
        flash(_("Changes saved."), "success")
        return redirect(url_for("report.theme_edit", slug=slug, theme_id=theme.id))
    return _render_theme(process, theme, form=form, status=form_status(form))


@bp.route("/concertations/<slug>/traitement/themes/<int:theme_id>/suite", methods=["POST"])
@login_required
def theme_set_disposition(slug, theme_id):
    """Set a theme's disposition: its contributions without their own take it."""
    process = load_process(slug)
    theme = _load_theme(process, theme_id)
    form = DispositionForm(prefix="d")
    form.set_disposition_choices(queries.process_sections(process.id), none_label=_l("Remove the theme's disposition"))
    if not form.validate():
        return _render_theme(process, theme, disposition_form=form, status=400)
    try:
        count = services.set_theme_disposition(
            current_user, process, theme, disposition=form.disposition_value,
            reason_md=form.reason_md.data, change_section_id=form.change_section_id,
        )  # fmt: skip
    except DomainError as error:
        return _render_theme(process, theme, disposition_form=form, status=flash_error(error))
    flash(
        ngettext(
            "Disposition of the theme saved; it applies to %(num)d contribution.",
            "Disposition of the theme saved; it applies to %(num)d contributions.",
            count,
        ),
        "success",
    )
    return redirect(url_for("report.theme_edit", slug=slug, theme_id=theme.id))


@bp.route("/concertations/<slug>/traitement/themes/<int:theme_id>/supprimer", methods=["POST"])
@login_required
def theme_delete(slug, theme_id):
    """Delete a theme; its contributions stay, without theme."""
    process = load_process(slug)
    theme = _load_theme(process, theme_id)
    if not request.form.get("confirm"):
        flash(_("Tick the box to confirm the deletion."), "error")
        return redirect(url_for("report.theme_edit", slug=slug, theme_id=theme.id))
    title = theme.title
    services.delete_theme(current_user, process, theme)
    flash(_("Theme « %(title)s » deleted.", title=title), "success")
    return redirect(url_for("report.theme_list", slug=slug))
