"""The admins' page of failed mail and jobs, with a retry button on each."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.admin import bp, permissions
from consult.admin.failed_work import retry_failed_job, retry_failed_mail
from consult.errors import NotFound
from consult.mail import failed_mails
from consult.permissions import require
from consult.worker import failed_jobs


@bp.route("/admin/envois-en-echec")
@login_required
def failed_work():
    """List the mail and background jobs that failed for good."""
    require(permissions.can_retry_failed_work(current_user))
    return render_template("admin/failed_work.html", mails=failed_mails(), jobs=failed_jobs())


@bp.route("/admin/envois-en-echec/courriels/<int:mail_id>", methods=["POST"])
@login_required
def retry_mail(mail_id):
    """Put a failed mail back in the queue."""
    require(permissions.can_retry_failed_work(current_user))
    if retry_failed_mail(current_user, mail_id):
        flash(_("The mail is back in the queue: the worker will send it shortly."), "success")
    return redirect(url_for("admin.failed_work"))


@bp.route("/admin/envois-en-echec/travaux/<kind>/<int:key>", methods=["POST"])
@login_required
def retry_job(kind, key):
    """Put a failed background job back in the queue."""
    require(permissions.can_retry_failed_work(current_user))
    try:
        retried = retry_failed_job(current_user, kind, key)
    except NotFound:
        abort(404)
    if retried:
        flash(_("The job is back in the queue: the worker will run it shortly."), "success")
    return redirect(url_for("admin.failed_work"))
