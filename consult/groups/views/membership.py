"""Joining, invitations, decisions on requests, leaving and removal."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.dates import paris_today
from consult.db import db, utcnow
from consult.errors import DomainError
from consult.groups import bp, permissions, queries
from consult.groups.forms import DecisionForm, InviteForm, JoinForm, ReasonForm
from consult.groups.labels import MEMBERSHIP_STATUS_LABELS
from consult.groups.models import MembershipStatus
from consult.groups.services import membership as services
from consult.groups.views.groups import GROUP_URL
from consult.http import flash_error
from consult.permissions import require
from consult.stakeholders.models import Stakeholder
from consult.stakeholders.queries import represented_stakeholders, represents


def _back(slug, group_slug, endpoint="groups.show"):
    return redirect(url_for(endpoint, slug=slug, group_slug=group_slug))


@bp.route(f"{GROUP_URL}/rejoindre", methods=["POST"])
@login_required
def join(slug, group_slug):
    """Join the group, or ask to, for one of one's organisations."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.can_join_group(current_user, group, paris_today()))
    form = JoinForm()
    form.stakeholder_id.choices = [(o.id, o.name) for o in represented_stakeholders(current_user, group.process_id)]
    if not form.validate_on_submit():
        flash(_("Choose the organisation you act for."), "error")
        return _back(slug, group_slug), 400
    try:
        membership = services.join_group(
            current_user, group, db.session.get(Stakeholder, form.stakeholder_id.data), message=form.message.data or ""
        )
    except DomainError as error:
        flash_error(error)
    else:
        if membership.status == MembershipStatus.ACTIVE:
            flash(_("Your organisation is now a member of the group."), "success")
        else:
            flash(_("Your request is sent to the facilitators."), "success")
    return _back(slug, group_slug)


@bp.route(f"{GROUP_URL}/membres", methods=["GET", "POST"])
@login_required
def members(slug, group_slug):
    """Manage members: requests, invitations, removal, history; organizers invite organisations."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.is_facilitator(current_user, group))
    form = InviteForm()
    form.stakeholder_id.choices = [(s.id, s.name) for s in queries.organisations_to_invite(group)]
    if form.validate_on_submit():
        require(permissions.can_manage_groups(current_user, group.process))
        try:
            services.invite_organisation(
                current_user,
                group,
                db.session.get(Stakeholder, form.stakeholder_id.data),
                message=form.message.data or "",
            )
        except DomainError as error:
            form.stakeholder_id.errors.append(error.message)
        else:
            flash(_("The organisation is invited; its representatives are told by email."), "success")
            return _back(slug, group_slug, "groups.members")
    return render_template(
        "groups/members.html",
        process=group.process,
        group=group,
        page=queries.group_page(group, current_user, utcnow()),
        history=queries.membership_history(group),
        form=form,
        decision_form=DecisionForm(),
        reason_form=ReasonForm(),
        status_labels=MEMBERSHIP_STATUS_LABELS,
    ), (400 if form.errors else 200)


@bp.route(f"{GROUP_URL}/adhesions/<int:membership_id>/decision", methods=["POST"])
@login_required
def decide(slug, group_slug, membership_id):
    """Accept or decline a request to join."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.is_facilitator(current_user, group))
    membership = queries.get_membership_or_404(membership_id, group)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose accept or decline."), "error")
        return _back(slug, group_slug, "groups.members"), 400
    try:
        services.decide_membership(
            current_user, membership, accept=form.decision.data == "accept", message=form.message.data or ""
        )
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The decision is recorded and mailed to the organisation."), "success")
    return _back(slug, group_slug, "groups.members")


@bp.route(f"{GROUP_URL}/adhesions/<int:membership_id>/reponse", methods=["POST"])
@login_required
def answer(slug, group_slug, membership_id):
    """Accept or decline an invitation for one's organisation."""
    group = queries.get_group_or_404(slug, group_slug)
    membership = queries.get_membership_or_404(membership_id, group)
    require(represents(current_user, membership.stakeholder))
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose accept or decline."), "error")
        return _back(slug, group_slug), 400
    try:
        services.answer_invitation(current_user, membership, accept=form.decision.data == "accept")
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Your answer is recorded."), "success")
    return _back(slug, group_slug)


@bp.route(f"{GROUP_URL}/adhesions/<int:membership_id>/quitter", methods=["POST"])
@login_required
def leave(slug, group_slug, membership_id):
    """Take one's organisation out of the group."""
    group = queries.get_group_or_404(slug, group_slug)
    membership = queries.get_membership_or_404(membership_id, group)
    require(represents(current_user, membership.stakeholder))
    try:
        services.leave_group(current_user, membership)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("Your organisation has left the group."), "success")
    return _back(slug, group_slug)


@bp.route(f"{GROUP_URL}/adhesions/<int:membership_id>/retirer", methods=["POST"])
@login_required
def remove(slug, group_slug, membership_id):
    """Remove a member organisation, with a reason."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.can_manage_groups(current_user, group.process))
    membership = queries.get_membership_or_404(membership_id, group)
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(_("Give the reason for the removal."), "error")
        return _back(slug, group_slug, "groups.members"), 400
    try:
        services.remove_member(current_user, membership, reason=form.reason.data)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The organisation is removed from the group."), "success")
    return _back(slug, group_slug, "groups.members")
