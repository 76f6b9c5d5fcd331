"""Public pages: a draft version, a section with its contributions, and what changed between versions."""

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from consult.consultation import bp, permissions, queries
from consult.consultation.forms import AmendmentForm, CommentForm, LinkForm
from consult.consultation.labels import CHANNEL_LABELS, POSITION_LABELS, STATE_LABELS
from consult.consultation.models import PositionValue
from consult.dates import paris_today
from consult.db import read_only, utcnow
from consult.http import page_arg
from consult.panels import panels_for
from consult.stakeholders.queries import represented_stakeholders

LABELS = {"position": POSITION_LABELS, "channel": CHANNEL_LABELS, "state": STATE_LABELS}


def position_labels() -> dict:
    """The position labels translated once for the request (the draft page shows them per section)."""
    return {value: str(label) for value, label in POSITION_LABELS.items()}


@bp.route("/concertations/<slug>/projets/<int:draft_id>")
@read_only
def draft(slug, draft_id):
    """Read a version of a draft (the latest published one unless ``?version=N``), section by section."""
    process, draft = queries.get_process_and_draft_or_404(slug, draft_id, current_user)
    version = queries.pick_version(draft, request.args.get("version", type=int), current_user)
    return render_template(
        "consultation/draft.html",
        process=process,
        draft=draft,
        version=version,
        outline=queries.reading_outline(version),
        window=version.state(utcnow()),
        position_labels=position_labels(),
        can_manage=permissions.can_manage_drafts(current_user, process),
    )


def author_choices(process, user) -> list[tuple[str, str]]:
    """The "published in the name of" choices for the user."""
    choices = [("", _("In my own name"))]
    for stakeholder in represented_stakeholders(user, process.id):
        choices.append((str(stakeholder.id), _("In the name of %(name)s", name=stakeholder.name)))
    return choices


def _section_forms(section, choices, comment_form, amendment_form, reply_form) -> dict:
    forms = {
        "comment": comment_form or CommentForm(formdata=None),
        "amendment": amendment_form or AmendmentForm(formdata=None, proposed_text=section.body_md),
        "reply": reply_form,
    }
    for form in (forms["comment"], forms["amendment"]):
        form.author_as.choices = choices or form.author_as.choices
    return forms


def render_section(process, section, *, comment_form=None, amendment_form=None, reply_form=None, status=200):
    """Render a section's page; POST views call it again with their invalid form."""
    # the user, out of its proxy once: the page asks about them some twenty times, each through the proxy
    user = current_user._get_current_object()
    now = utcnow()
    moderator = permissions.can_moderate(user, process)
    sort = queries.SORTS.get(request.args.get("tri"), "supported")
    page = queries.section_contributions(
        section,
        user,
        sort=sort,
        page=page_arg(),
        per_page=current_app.config["PAGE_SIZE"],
        moderator=moderator,
    )
    shown = [*page.items, *(r for group in page.replies.values() for r in group)]
    can_contribute = permissions.can_contribute(user, section.version, now)
    window = section.version.state(now)
    choices = author_choices(process, user) if can_contribute else []
    # the forms show only to those who may contribute; building them costs a visitor's request a millisecond
    forms = _section_forms(section, choices, comment_form, amendment_form, reply_form) if can_contribute else {}
    return render_template(
        "consultation/section.html",
        process=process,
        section=section,
        version=section.version,
        page=page,
        sort=sort,
        replies=page.replies,
        supported=queries.supported_ids(user, [c.id for c in shown]),
        my_position=queries.user_position(user, section),
        diffs=queries.amendment_diffs(section, page.items),
        window=window,
        # only a closed version points to the current one: the versions are not loaded otherwise
        current_version=section.version.draft.latest_published if window == "closed" else None,
        can_contribute=can_contribute,
        moderator=moderator,
        can_respond=permissions.can_respond(user, process),
        can_record_offline=permissions.can_record_offline(user, process),
        forms=forms,
        author_choices=choices,
        positions=list(PositionValue),
        clabels=LABELS,
        position_labels=position_labels(),
        panels=panels_for("section", section, user, paris_today(now)),
    ), status


@bp.route("/concertations/<slug>/sections/<int:section_id>")
@read_only
def section(slug, section_id):
    """A section: its text, positions, comments, amendments and replies, sorted and paginated."""
    return render_section(*queries.get_process_and_section_or_404(slug, section_id, current_user))


@bp.route("/concertations/<slug>/projets/<int:draft_id>/versions/<int:number>/changements")
def changes(slug, draft_id, number):
    """What changed in version ``number`` since the previous one, with the contributions that led to it."""
    process, draft = queries.get_process_and_draft_or_404(slug, draft_id, current_user)
    version = queries.pick_version(draft, number, current_user)
    rows, removed = queries.version_changes(version)
    can_manage = permissions.can_manage_drafts(current_user, process)
    today = paris_today()
    for row in rows:
        row["panels"] = panels_for("section", row["section"], current_user, today)
        row["linkable"] = queries.linkable_contributions(row["section"]) if can_manage else []
    return render_template(
        "consultation/changes.html",
        process=process,
        draft=draft,
        version=version,
        rows=rows,
        removed=removed,
        can_manage=can_manage,
        link_form=LinkForm(formdata=None),
    )
