"""Group list, group page, creation and editing, facilitators, calendar feed."""

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.dates import paris_today
from consult.db import utcnow
from consult.errors import DomainError
from consult.groups import bp, permissions, queries
from consult.groups.forms import FacilitatorForm, GroupForm, JoinForm
from consult.groups.ics import calendar_of
from consult.groups.labels import GROUP_STATE_LABELS, JOIN_POLICY_LABELS
from consult.groups.models import GroupState, JoinPolicy
from consult.groups.services import groups as services
from consult.groups.services.meeting_mail import meeting_url
from consult.http import flash_error, form_status
from consult.permissions import require
from consult.processes.queries import get_process_or_404

GROUP_URL = "/concertations/<slug>/groupes/<group_slug>"


def _group_form(process, **kwargs) -> GroupForm:
    form = GroupForm(**kwargs)
    form.section_ids.choices = [(s.id, s.title) for s in queries.process_sections(process.id)]
    return form


def _group_fields(form: GroupForm) -> dict:
    return {
        "title": form.title.data,
        "mandate_md": form.mandate_md.data,
        "fields": form.fields.data or [],
        "join_policy": form.join_policy.enum_value,
        "size_limit": form.size_limit.data,
        "section_ids": form.section_ids.data or [],
    }


@bp.route("/concertations/<slug>/groupes")
def index(slug):
    """List the working groups of a concertation."""
    process = get_process_or_404(slug)
    return render_template(
        "groups/index.html", process=process, groups=queries.groups_of_process(process), labels=GROUP_STATE_LABELS
    )


@bp.route("/concertations/<slug>/groupes/nouveau", methods=["GET", "POST"])
@login_required
def create(slug):
    """Open a working group."""
    process = get_process_or_404(slug)
    require(permissions.can_manage_groups(current_user, process))
    form = _group_form(process, data={"join_policy": JoinPolicy.ON_REQUEST, "state": GroupState.OPEN})
    if form.validate_on_submit():
        group = services.create_group(current_user, process, **_group_fields(form))
        flash(_("The group is open."), "success")
        return redirect(url_for("groups.show", slug=process.slug, group_slug=group.slug))
    return render_template("groups/edit.html", process=process, group=None, form=form), form_status(form)


@bp.route(GROUP_URL)
def show(slug, group_slug):
    """Show a group: mandate, members, meetings, minutes, documents, proposals."""
    group = queries.get_group_or_404(slug, group_slug)
    now = utcnow()
    page = queries.group_page(group, current_user, now)
    join_form = JoinForm()
    join_form.stakeholder_id.choices = [(o.id, o.name) for o in page.my_organisations]
    return render_template(
        "groups/show.html",
        process=group.process,
        group=group,
        page=page,
        now=now,
        today=paris_today(now),
        join_form=join_form,
        policy_labels=JOIN_POLICY_LABELS,
        state_labels=GROUP_STATE_LABELS,
    )


@bp.route(f"{GROUP_URL}/modifier", methods=["GET", "POST"])
@login_required
def edit(slug, group_slug):
    """Edit a group's description, policy, limit and state."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.can_manage_groups(current_user, group.process))
    form = _group_form(group.process, obj=group)
    if not form.is_submitted():
        form.section_ids.data = [s.id for s in queries.group_page(group, current_user, utcnow()).sections]
    if form.validate_on_submit():
        try:
            services.update_group(current_user, group, state=form.state.enum_value, **_group_fields(form))
        except DomainError as error:
            form.size_limit.errors.append(error.message)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("groups.show", slug=slug, group_slug=group.slug))
    return render_template("groups/edit.html", process=group.process, group=group, form=form), form_status(form)


@bp.route(f"{GROUP_URL}/animation", methods=["GET", "POST"])
@login_required
def facilitators(slug, group_slug):
    """List and designate the group's facilitators."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.can_manage_groups(current_user, group.process))
    form = FacilitatorForm()
    if form.validate_on_submit():
        try:
            services.add_facilitator(current_user, group, form.email.data)
        except DomainError as error:
            form.email.errors.append(error.message)
        else:
            flash(_("The facilitator is added."), "success")
            return redirect(url_for("groups.facilitators", slug=slug, group_slug=group_slug))
    page = queries.group_page(group, current_user, utcnow())
    return render_template(
        "groups/facilitators.html", process=group.process, group=group, page=page, form=form
    ), form_status(form)


@bp.route(f"{GROUP_URL}/animation/<int:user_id>/retirer", methods=["POST"])
@login_required
def remove_facilitator(slug, group_slug, user_id):
    """Withdraw a facilitator."""
    group = queries.get_group_or_404(slug, group_slug)
    require(permissions.can_manage_groups(current_user, group.process))
    try:
        services.remove_facilitator(current_user, group, user_id)
    except DomainError as error:
        flash_error(error)
    else:
        flash(_("The facilitator is withdrawn."), "success")
    return redirect(url_for("groups.facilitators", slug=slug, group_slug=group_slug))


@bp.route(f"{GROUP_URL}/calendrier.ics")
def calendar(slug, group_slug):
    """The group's calendar feed: the meetings the viewer may see."""
    group = queries.get_group_or_404(slug, group_slug)
    meetings, video_for = queries.calendar_feed(group, current_user, utcnow())
    urls = {m.id: meeting_url(m) for m in meetings}
    body = calendar_of(meetings, name=group.title, urls=urls, video_for=video_for)
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": "inline; filename=groupe.ics"})
