"""Routes: follow buttons, the notifications page, preferences, and the unsubscribe link of every mail."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.errors import DomainError, InvalidToken
from consult.extensions import csrf
from consult.http import flash_error, form_status, page_arg, safe_next
from consult.notifications import bp, queries, services
from consult.notifications.forms import preferences_form
from consult.notifications.kinds import KINDS
from consult.notifications.mailing import read_unsubscribe_token
from consult.notifications.models import TargetType
from consult.notifications.permissions import can_follow, can_read_notifications
from consult.permissions import require


def _target_type_or_404(value: str) -> TargetType:
    try:
        return TargetType(value)
    except ValueError:
        abort(404)


def _back():
    return redirect(safe_next(request.form.get("next"), url_for("notifications.index")))


@bp.route("/suivre/<target_type>/<int:target_id>", methods=["POST"])
def follow(target_type, target_id):
    """Follow a concertation, a draft section or a working group."""
    require(can_follow(current_user))
    try:
        services.follow(current_user, _target_type_or_404(target_type), target_id)
    except DomainError as error:
        abort(flash_error(error))
    flash(_("You follow this page. Its news will appear in your notifications."), "success")
    return _back()


@bp.route("/suivre/<target_type>/<int:target_id>/arreter", methods=["POST"])
def unfollow(target_type, target_id):
    """Stop following something."""
    require(can_follow(current_user))
    services.unfollow(current_user, _target_type_or_404(target_type), target_id)
    flash(_("You no longer follow this page."), "success")
    return _back()


@bp.route("/notifications")
def index():
    """List the person's notifications, newest first, and what they follow."""
    require(can_read_notifications(current_user))
    page = page_arg()
    items, has_more = queries.notification_page(current_user, page)
    return render_template(
        "notifications/index.html",
        items=items,
        page=page,
        has_more=has_more,
        followed=queries.followed_targets(current_user),
    )


@bp.route("/notifications/<int:notification_id>", endpoint="open")
def open_notification(notification_id):
    """Open a notification: mark it read, then go to what it is about."""
    require(can_read_notifications(current_user))
    notification = services.open_notification(current_user, notification_id)
    if notification is None:
        abort(404)
    return redirect(queries.event_path(notification.event.payload))


@bp.route("/notifications/tout-lu", methods=["POST"])
def mark_all_read():
    """Mark every notification read."""
    require(can_read_notifications(current_user))
    services.mark_all_read(current_user)
    flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/profil/notifications", methods=["GET", "POST"])
def preferences():
    """Choose, for each kind of notification, when it arrives by mail."""
    require(can_read_notifications(current_user))
    form = preferences_form(services.effective_preferences(current_user.id))
    if form.validate_on_submit():
        services.set_preferences(current_user, form.choices())
        flash(_("Your choices are saved."), "success")
        return redirect(url_for("notifications.preferences"))
    return render_template("notifications/preferences.html", form=form, kinds=KINDS), form_status(form)


@bp.route("/notifications/desabonnement/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the proof; mail clients post here in one click (RFC 8058)
def unsubscribe(token):
    """Stop one kind of notification mail, or a digest, from the link of a mail, without signing in."""
    try:
        user_id, kind, period = read_unsubscribe_token(token)
    except InvalidToken:
        return render_template("notifications/unsubscribe.html", invalid=True), 400
    if request.method == "GET":
        return render_template("notifications/unsubscribe.html", kind=KINDS.get(kind), period=period, done=False)
    stopped = services.unsubscribe(user_id, kind=kind, period=period)
    return render_template(
        "notifications/unsubscribe.html", kind=KINDS.get(kind), period=period, done=True, stopped=stopped
    )
