"""Documents: upload by facilitators, permission-checked download."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.db import utcnow
from consult.errors import DomainError
from consult.groups import bp, permissions, queries
from consult.groups.forms import DocumentForm
from consult.groups.meeting_models import Document, Meeting
from consult.groups.services import documents as services
from consult.groups.views.groups import GROUP_URL
from consult.permissions import require
from consult.uploads import send_upload


def _document_form(group, page) -> DocumentForm:
    form = DocumentForm()
    form.meeting_id.choices = [(0, _("The whole group"))] + [(m.id, m.title) for m in page.upcoming + page.past]
    return form


@bp.route(f"{GROUP_URL}/documents", methods=["GET", "POST"])
@login_required
def documents(slug, group_slug):
    """Attach a document to the group or one of its meetings."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.is_facilitator(current_user, group))
    page = queries.group_page(group, current_user, utcnow())
    form = _document_form(group, page)
    if form.validate_on_submit():
        upload = form.file.data
        meeting = queries.get_in_group_or_404(Meeting, form.meeting_id.data, group) if form.meeting_id.data else None
        try:
            services.attach_document(
                current_user,
                group,
                title=form.title.data,
                filename=upload.filename or "",
                data=upload.read(),
                meeting=meeting,
                is_public=form.is_public.data,
            )
        except DomainError as error:
            form.file.errors.append(error.message)
        else:
            flash(_("The document is added."), "success")
            return redirect(url_for("groups.show", slug=slug, group_slug=group_slug))
    status = 400 if form.errors else 200
    return render_template("groups/documents.html", process=group.process, group=group, form=form), status


@bp.route(f"{GROUP_URL}/documents/<int:document_id>")
def download(slug, group_slug, document_id):
    """Download a document, as an attachment, if the viewer may see it."""
    group = queries.get_group_or_404(slug, group_slug)
    document = queries.get_in_group_or_404(Document, document_id, group)
    require(permissions.can_view_document(current_user, document, group))
    return send_upload(document.stored_name, content_type=document.content_type, filename=document.filename)


@bp.route(f"{GROUP_URL}/documents/<int:document_id>/supprimer", methods=["POST"])
@login_required
def delete_document(slug, group_slug, document_id):
    """Remove a document."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.is_facilitator(current_user, group))
    document = queries.get_in_group_or_404(Document, document_id, group)
    services.delete_document(current_user, group, document)
    flash(_("The document is removed."), "success")
    return redirect(url_for("groups.show", slug=slug, group_slug=group_slug))
