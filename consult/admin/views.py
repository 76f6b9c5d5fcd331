"""Administration pages and the per-process audit log."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.admin import bp, failed_work_views, permissions, queries, services  # noqa: F401 - its routes
from consult.audit import describe_entries
from consult.auth.models import User
from consult.db import db
from consult.errors import DomainError
from consult.http import flash_error, page_arg
from consult.permissions import require
from consult.processes.permissions import can_view_audit_log
from consult.processes.queries import get_process_or_404


@bp.route("/admin/utilisateurs")
@login_required
def users():
    """List accounts."""
    require(permissions.can_manage_users(current_user))
    search = request.args.get("q", "")
    page = queries.users_page(search, page_arg(), current_app.config["PAGE_SIZE"])
    return render_template("admin/users.html", page=page, search=search)


@bp.route("/admin/utilisateurs/<int:user_id>/admin", methods=["POST"])
@login_required
def toggle_admin(user_id):
    """Grant or withdraw the administrator role."""
    require(permissions.can_manage_users(current_user))
    user = db.session.get(User, user_id) or abort(404)
    try:
        services.set_admin(current_user, user, request.form.get("is_admin") == "1")
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Role saved for %(name)s.", name=user.display_name), "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/admin/journal")
@login_required
def audit_log():
    """Read the platform's audit log."""
    require(permissions.can_manage_users(current_user))
    page = queries.audit_page(page_arg(), current_app.config["PAGE_SIZE"])
    return render_template("admin/audit_log.html", page=page, entries=describe_entries(page.items), process=None)


@bp.route("/concertations/<slug>/journal")
@login_required
def process_audit_log(slug):
    """Read the audit log of one concertation."""
    process = get_process_or_404(slug)
    require(can_view_audit_log(current_user, process))
    page = queries.audit_page(page_arg(), current_app.config["PAGE_SIZE"], process.id)
    return render_template("admin/audit_log.html", page=page, entries=describe_entries(page.items), process=process)
