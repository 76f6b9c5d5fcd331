"""Wiring from ``create_app``: signal receivers that record events and follows, worker tasks, header count."""

from consult import signals
from consult.consultation.models import ContributionState
from consult.notifications import fanout, mailing, personal_data, queries
from consult.notifications.models import Audience, TargetType
from consult.notifications.services import add_follow, record_event
from consult.worker import add_worker_task


def _process_link(endpoint: str, process, **values) -> dict:
    return {"endpoint": endpoint, "values": {"slug": process.slug, **values}}


def _on_contribution_submitted(contribution, *, actor):
    section = contribution.section
    add_follow(actor.id, TargetType.SECTION, section.id)
    if contribution.state == ContributionState.PENDING:
        _tell_moderators("contribution_pending", contribution, actor)


def _on_contribution_flagged(contribution, *, actor):
    _tell_moderators("contribution_flagged", contribution, actor)


def _tell_moderators(kind, contribution, actor):
    process = contribution.section.version.draft.process
    record_event(
        kind,
        Audience.ORGANIZERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        actor=actor,
        title=contribution.section.title,
        **_process_link("consultation.manage", process, contribution_id=contribution.id),
    )


def _on_version_published(version, *, actor):
    draft = version.draft
    process = draft.process
    link = (
        _process_link("consultation.changes", process, draft_id=draft.id, number=version.number)
        if version.number > 1
        else _process_link("consultation.draft", process, draft_id=draft.id)
    )
    record_event(
        "version_published",
        Audience.VERSION_FOLLOWERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        actor=actor,
        title=draft.title,
        number=version.number,
        draft_id=draft.id,
        **link,
    )


def _meeting_event(kind):
    def receiver(meeting, *, actor):
        group = meeting.group
        record_event(
            kind,
            Audience.GROUP,
            TargetType.GROUP,
            group.id,
            process_id=group.process_id,
            actor=actor,
            title=meeting.title,
            group=group.title,
            **_process_link("groups.meeting", group.process, group_slug=group.slug, meeting_id=meeting.id),
        )

    receiver.__name__ = f"_on_{kind}"
    return receiver


_MEETING_RECEIVERS = {
    signals.meeting_scheduled: _meeting_event("meeting_scheduled"),
    signals.meeting_changed: _meeting_event("meeting_changed"),
    signals.meeting_cancelled: _meeting_event("meeting_cancelled"),
    signals.minutes_published: _meeting_event("minutes_published"),
}


def _on_report_published(revision, *, actor, process):
    record_event(
        "report_published",
        Audience.FOLLOWERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        actor=actor,
        title=process.title,
        **_process_link("report.revision", process, number=revision.number),
    )


def _on_membership_changed(membership, *, actor, kind):
    group = membership.group
    if kind == "joined" and actor is not None:
        add_follow(actor.id, TargetType.GROUP, group.id)
    if kind == "requested":
        record_event(
            "join_requested",
            Audience.GROUP_MANAGERS,
            TargetType.GROUP,
            group.id,
            process_id=group.process_id,
            actor=actor,
            organisation=membership.stakeholder.name,
            group=group.title,
            **_process_link("groups.members", group.process, group_slug=group.slug),
        )


def _on_meeting_registered(registration, *, actor):
    add_follow(actor.id, TargetType.GROUP, registration.meeting.group_id)


def _on_invitation_answered(invitation, *, accepted):
    stakeholder = invitation.stakeholder
    process = stakeholder.process
    record_event(
        "invitation_accepted" if accepted else "invitation_declined",
        Audience.ORGANIZERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        organisation=stakeholder.name,
        title=process.title,
        **_process_link("stakeholders.show", process, stakeholder_id=stakeholder.id),
    )


def _on_representation_requested(representative, *, actor, process):
    stakeholder = representative.stakeholder
    record_event(
        "representation_requested",
        Audience.ORGANIZERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        actor=actor,
        name=actor.display_name,
        organisation=stakeholder.name,
        **_process_link("stakeholders.show", process, stakeholder_id=stakeholder.id),
    )


def _on_proposal_submitted(proposal, *, actor):
    group = proposal.group
    record_event(
        "proposal_submitted",
        Audience.ORGANIZERS,
        TargetType.GROUP,
        group.id,
        process_id=group.process_id,
        actor=actor,
        title=proposal.title,
        group=group.title,
        **_process_link("groups.proposal", group.process, group_slug=group.slug, proposal_id=proposal.id),
    )


def _on_organizer_added(process, *, actor, user):
    record_event(
        "organizer_added",
        Audience.ORGANIZERS,
        TargetType.PROCESS,
        process.id,
        process_id=process.id,
        actor=actor,
        name=user.display_name,
        title=process.title,
        **_process_link("processes.show", process),
    )


_RECEIVERS = {
    signals.contribution_submitted: _on_contribution_submitted,
    signals.contribution_flagged: _on_contribution_flagged,
    signals.version_published: _on_version_published,
    signals.report_published: _on_report_published,
    signals.membership_changed: _on_membership_changed,
    signals.meeting_registered: _on_meeting_registered,
    signals.invitation_answered: _on_invitation_answered,
    signals.representation_requested: _on_representation_requested,
    signals.proposal_submitted: _on_proposal_submitted,
    signals.organizer_added: _on_organizer_added,
    **_MEETING_RECEIVERS,
}


def register(app):
    """Connect the receivers, add the worker tasks and the header's unread count (called by ``create_app``)."""
    for signal, receiver in _RECEIVERS.items():
        signal.connect(receiver)
    signals.personal_data_requested.connect(personal_data.export_notifications)
    signals.account_deleting.connect(personal_data.forget_notifications)
    for task in (fanout.announce_windows, fanout.expand_events, mailing.mail_immediate, mailing.build_digests):
        add_worker_task(app, task)
    app.jinja_env.globals.update(unread_notification_count=queries.unread_count, is_following=queries.is_following)
