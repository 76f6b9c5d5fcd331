"""Organizers' pages for drafts: create, write and order sections, publish, new versions, links to changes."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.consultation import bp, permissions, queries, services
from consult.consultation.forms import DraftForm, LinkForm, PublishForm, SectionForm
from consult.dates import from_paris
from consult.errors import DomainError
from consult.http import flash_error, form_status
from consult.permissions import require
from consult.processes.queries import get_process_or_404


def _load_draft(slug, draft_id):
    process = get_process_or_404(slug)
    require(permissions.can_manage_drafts(current_user, process))
    return process, queries.get_draft_or_404(process, draft_id)


def _load_section(slug, section_id):
    process = get_process_or_404(slug)
    require(permissions.can_manage_drafts(current_user, process))
    return process, queries.get_section_or_404(process, section_id, current_user)


def _editor_url(draft):
    return url_for("consultation.editor", slug=draft.process.slug, draft_id=draft.id)


def _place_choices(version, current=None) -> list[tuple[str, str]]:
    parts = [part for part, _children in queries.version_outline(version) if current is None or part.id != current.id]
    return [("", _("A new part"))] + [(str(p.id), _("Inside “%(title)s”", title=p.title)) for p in parts]


@bp.route("/concertations/<slug>/projets/nouveau", methods=["GET", "POST"])
@login_required
def new_draft(slug):
    """Start a draft from the five-part skeleton of a schema."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_drafts(current_user, process))
    form = DraftForm()
    if form.validate_on_submit():
        draft = services.create_draft(current_user, process, title=form.title.data)
        flash(_("The draft is created with the five parts of a schema. Write its sections."), "success")
        return redirect(_editor_url(draft))
    return render_template("consultation/new_draft.html", process=process, form=form), form_status(form)


def _editor(process, draft, *, section_form=None, publish_form=None, status=200):
    version = draft.versions[-1]
    section_form = section_form or SectionForm(formdata=None)
    section_form.parent_id.choices = _place_choices(version)
    return render_template(
        "consultation/editor.html",
        process=process,
        draft=draft,
        version=version,
        outline=queries.version_outline(version),
        section_form=section_form,
        publish_form=publish_form or PublishForm(formdata=None),
    ), status


@bp.route("/concertations/<slug>/projets/<int:draft_id>/edition")
@login_required
def editor(slug, draft_id):
    """Edit the latest version of a draft (or start a new one once it is published)."""
    process, draft = _load_draft(slug, draft_id)
    return _editor(process, draft)


@bp.route("/concertations/<slug>/projets/<int:draft_id>/sections", methods=["POST"])
@login_required
def add_section(slug, draft_id):
    """Add a part or a section at the end of the latest version."""
    process, draft = _load_draft(slug, draft_id)
    version = draft.versions[-1]
    form = SectionForm()
    form.parent_id.choices = _place_choices(version)
    if not form.validate_on_submit():
        return _editor(process, draft, section_form=form, status=400)
    try:
        services.add_section(
            current_user,
            version,
            title=form.title.data,
            body_md=form.body_md.data,
            easy_read_md=form.easy_read_md.data or "",
            parent_id=int(form.parent_id.data) if form.parent_id.data else None,
        )
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Section added."), "success")
    return redirect(_editor_url(draft))


@bp.route("/concertations/<slug>/sections/<int:section_id>/modifier", methods=["GET", "POST"])
@login_required
def edit_section(slug, section_id):
    """Edit a section of an unpublished version."""
    process, section = _load_section(slug, section_id)
    form = SectionForm(obj=section)
    del form.parent_id
    if form.validate_on_submit():
        try:
            services.update_section(
                current_user,
                section,
                title=form.title.data,
                body_md=form.body_md.data,
                easy_read_md=form.easy_read_md.data or "",
            )
        except DomainError as error:
            flash_error(error)
        else:
            flash(_("Section saved."), "success")
        return redirect(_editor_url(section.version.draft))
    return render_template("consultation/edit_section.html", process=process, section=section, form=form), form_status(
        form
    )


@bp.route("/concertations/<slug>/sections/<int:section_id>/deplacer", methods=["POST"])
@login_required
def move_section(slug, section_id):
    """Move a section up or down among its siblings (``direction=up|down``)."""
    _process, section = _load_section(slug, section_id)
    try:
        services.move_section(current_user, section, step=-1 if request.form.get("direction") == "up" else 1)
    except DomainError as error:
        flash_error(error)
    return redirect(_editor_url(section.version.draft) + f"#s{section.id}")


@bp.route("/concertations/<slug>/sections/<int:section_id>/supprimer", methods=["POST"])
@login_required
def remove_section(slug, section_id):
    """Remove a section from an unpublished version."""
    _process, section = _load_section(slug, section_id)
    draft = section.version.draft
    try:
        services.remove_section(current_user, section)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Section removed."), "success")
    return redirect(_editor_url(draft))


@bp.route("/concertations/<slug>/projets/<int:draft_id>/publier", methods=["POST"])
@login_required
def publish(slug, draft_id):
    """Publish the latest version with its consultation window (Paris time)."""
    process, draft = _load_draft(slug, draft_id)
    form = PublishForm()
    if not form.validate_on_submit():
        return _editor(process, draft, publish_form=form, status=400)
    try:
        services.publish_version(
            current_user,
            draft.versions[-1],
            opens_at=from_paris(form.opens_at.data),
            closes_at=from_paris(form.closes_at.data),
        )
    except DomainError as error:
        form.closes_at.errors.append(error.message)
        return _editor(process, draft, publish_form=form, status=error.status_code)
    flash(_("The version is published."), "success")
    return redirect(url_for("consultation.draft", slug=slug, draft_id=draft.id))


@bp.route("/concertations/<slug>/projets/<int:draft_id>/nouvelle-version", methods=["POST"])
@login_required
def new_version(slug, draft_id):
    """Start version N+1 as a copy of the published version N."""
    _process, draft = _load_draft(slug, draft_id)
    try:
        version = services.start_new_version(current_user, draft)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Version %(n)s is ready for editing.", n=version.number), "success")
    return redirect(_editor_url(draft))


@bp.route("/concertations/<slug>/sections/<int:section_id>/liens", methods=["POST"])
@login_required
def link_change(slug, section_id):
    """Link (or, with ``action=remove``, unlink) a contribution to the change of a section."""
    process, section = _load_section(slug, section_id)
    form = LinkForm()
    version = section.version
    back = url_for("consultation.changes", slug=slug, draft_id=version.draft_id, number=version.number,
                   _anchor=f"s{section.id}")  # fmt: skip
    if not form.validate_on_submit():
        flash(_("Choose a contribution."), "error")
        return redirect(back)
    contribution = queries.get_contribution_or_404(process, form.contribution_id.data)
    try:
        if request.form.get("action") == "remove":
            services.unlink_contribution_from_change(current_user, section, contribution.id)
        else:
            services.link_contribution_to_change(current_user, section, contribution)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Saved."), "success")
    return redirect(back)
