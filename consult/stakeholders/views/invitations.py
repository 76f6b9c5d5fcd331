"""Invitations (sending, following the link) and representatives (asking, deciding)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.dates import paris_today
from consult.errors import DomainError, InvalidToken
from consult.http import flash_error
from consult.permissions import require
from consult.processes.permissions import can_view_process
from consult.processes.queries import get_process_or_404
from consult.stakeholders import bp, permissions, queries
from consult.stakeholders.errors import ProcessNotPublished
from consult.stakeholders.services import invitations, representatives
from consult.stakeholders.views.common import filters_from, managed_process, sending_message

INVALID_STATUS = {"invalid": 404, "expired": 410, "used": 410, "replaced": 410}


@bp.route(
    "/concertations/<slug>/parties-prenantes/<int:stakeholder_id>/<any(inviter, relancer):verb>", methods=["POST"]
)
@login_required
def invite(slug, stakeholder_id, verb):
    """Invite one stakeholder by mail, or remind them with a new link."""
    process = managed_process(slug)
    stakeholder = queries.get_stakeholder_or_404(process, stakeholder_id)
    back = url_for("stakeholders.show", slug=slug, stakeholder_id=stakeholder_id)
    return _send(process, [stakeholder], verb, back)


@bp.route("/concertations/<slug>/parties-prenantes/<any(inviter, relancer):verb>", methods=["POST"])
@login_required
def invite_selection(slug, verb):
    """Invite every stakeholder of the filtered list, or remind those who have not answered."""
    process = managed_process(slug)
    _form, filters = filters_from(request.form, process)
    back = url_for("stakeholders.index", slug=slug, **filters.as_args())
    return _send(process, queries.registry_all(process, filters), verb, back)


def _send(process, stakeholders, verb, back):
    """Send invitations or reminders; an unpublished concertation asks the organizer to confirm first."""
    try:
        if verb == "relancer":
            sending = invitations.remind_stakeholders(current_user, process, stakeholders)
        else:
            confirmed = request.form.get("confirm_unpublished") == "y"
            sending = invitations.invite_stakeholders(current_user, process, stakeholders, unpublished_ok=confirmed)
    except ProcessNotPublished:
        fields = [(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"]
        return render_template("stakeholders/invite_unpublished.html", process=process, fields=fields, back=back)
    flash(sending_message(sending, reminder=verb == "relancer"), "success" if sending.invited else "error")
    return redirect(back)


def _invalid(error: InvalidToken):
    reason = error.message if error.message in INVALID_STATUS else "invalid"
    return render_template("stakeholders/invitation_invalid.html", reason=reason), INVALID_STATUS[reason]


@bp.route("/invitations/<token>")
def invitation(token):
    """Show an invitation: sign in or sign up, then accept; or decline."""
    try:
        found = invitations.invitation_for_token(token)
    except InvalidToken as error:
        return _invalid(error)
    return render_template("stakeholders/invitation.html", invitation=found, token=token)


@bp.route("/invitations/<token>/accepter", methods=["POST"])
@login_required
def accept_invitation(token):
    """Accept an invitation: the signed-in person becomes the organisation's representative."""
    try:
        representative = invitations.accept_invitation(current_user, token)
    except InvalidToken as error:
        return _invalid(error)
    stakeholder = representative.stakeholder
    if not can_view_process(current_user, stakeholder.process):
        flash(
            _(
                "You now represent %(name)s. Thank you! The concertation is not published yet: "
                "you will find it on this page once the organizers publish it.",
                name=stakeholder.name,
            ),
            "success",
        )
        return redirect(url_for("processes.home"))
    flash(_("You now represent %(name)s in this concertation. Thank you!", name=stakeholder.name), "success")
    return redirect(url_for("processes.show", slug=stakeholder.process.slug))


@bp.route("/invitations/<token>/decliner", methods=["POST"])
def decline_invitation(token):
    """Decline an invitation on the organisation's behalf."""
    try:
        invitations.decline_invitation(token)
    except InvalidToken as error:
        return _invalid(error)
    flash(_("Your answer is recorded: the organizers will not invite you again for now. Thank you."), "success")
    return redirect(url_for("processes.home"))


@bp.route(
    "/concertations/<slug>/representants/<int:representative_id>/<any(confirmer, refuser):decision>", methods=["POST"]
)
@login_required
def decide(slug, representative_id, decision):
    """Confirm or decline a person as an organisation's representative."""
    process = managed_process(slug)
    representative = queries.get_representative_or_404(process, representative_id)
    try:
        representatives.decide_representation(current_user, process, representative, confirm=decision == "confirmer")
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Decision recorded; %(name)s is told by mail.", name=representative.user.display_name), "success")
    if request.form.get("back") == "index":
        return redirect(url_for("stakeholders.index", slug=slug))
    return redirect(url_for("stakeholders.show", slug=slug, stakeholder_id=representative.stakeholder_id))


def _listing_process(slug):
    process = get_process_or_404(slug)
    if not permissions.can_view_organisations(current_user, process, queries.public_list_allowed(process)):
        abort(404)
    return process


@bp.route("/concertations/<slug>/organisations")
@login_required
def organisations(slug):
    """List the organisations of the concertation, each with a button to ask to represent it."""
    process = _listing_process(slug)
    listed, mine = queries.listed_organisations(process, current_user)
    return render_template(
        "stakeholders/organisations.html",
        process=process,
        organisations=listed,
        mine=mine,
        may_ask=permissions.can_ask_to_represent(current_user, process, paris_today()),
    )


@bp.route("/concertations/<slug>/organisations/<int:stakeholder_id>/representer", methods=["POST"])
@login_required
def ask_to_represent(slug, stakeholder_id):
    """Ask to represent an organisation."""
    process = _listing_process(slug)
    stakeholder = queries.get_stakeholder_or_404(process, stakeholder_id)
    require(permissions.can_ask_to_represent(current_user, process, paris_today()))
    try:
        representatives.request_representation(current_user, process, stakeholder)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Your request is sent. The organizers will confirm it; you will receive a mail."), "success")
    return redirect(url_for("stakeholders.organisations", slug=slug))
