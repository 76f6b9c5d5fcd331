"""Stakeholder figures come from the records: invited means an invitation was sent, active means an act recorded."""

from consult.groups.models import JoinPolicy
from consult.groups.services.membership import join_group
from consult.report.publishing.figures import stakeholders
from consult.stakeholders.models import StakeholderStatus
from consult.stakeholders.services.invitations import invite_stakeholders
from tests.factories import (
    make_comment,
    make_draft,
    make_group,
    make_process,
    make_representative,
    make_stakeholder,
    make_user,
)


def test_invited_and_active_are_counted_from_the_records_not_the_imported_status(mailbox):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    writer, joiner = make_stakeholder(process, organizer), make_stakeholder(process, organizer)
    for _ in range(2):
        make_stakeholder(process, organizer, status=StakeholderStatus.ENGAGED)
    invitations = invite_stakeholders(organizer, process, [writer, joiner]).invited
    assert len(invitations) == 2
    make_comment(make_representative(writer), sections[0], "Au nom de l'association.", stakeholder_id=writer.id)
    group = make_group(process, organizer, join_policy=JoinPolicy.OPEN)
    join_group(make_representative(joiner), group, joiner)

    figures = stakeholders(process)

    assert (figures["identified"], figures["invited"], figures["engaged"]) == (4, 2, 2)
    (associations,) = [row for row in figures["by_category"] if row["identified"]]
    assert (associations["invited"], associations["engaged"]) == (2, 2)


def test_an_imported_engaged_status_alone_is_not_an_active_part():
    organizer = make_user()
    process = make_process(organizer)
    for _ in range(2):
        make_stakeholder(process, organizer, status=StakeholderStatus.ENGAGED)
    figures = stakeholders(process)
    assert (figures["identified"], figures["invited"], figures["engaged"]) == (2, 0, 0)


def test_attending_a_meeting_is_an_active_part_and_attendance_is_counted_by_category():
    from datetime import timedelta

    from consult.groups.services.meetings import record_minutes
    from consult.report.publishing.figures import compute_report
    from tests.factories import make_meeting, make_member, make_registration

    organizer = make_user()
    process = make_process(organizer)
    group = make_group(process, organizer, join_policy=JoinPolicy.OPEN)
    meeting = make_meeting(group, organizer, starts_in=timedelta(hours=1))
    make_meeting(group, organizer, starts_in=timedelta(days=10))
    stakeholder, member = make_member(group, organizer, name="France Alzheimer Drôme")
    registration = make_registration(member, meeting)
    during = meeting.starts_at + timedelta(minutes=30)
    record_minutes(organizer, meeting, attended_ids={registration.id}, minutes_md="", publish=False, now=during)

    report = compute_report(process, now=during)

    (activity,) = report["groups"]["groups"]
    assert activity["meetings"] == 1
    assert activity["attendance"] == [{"category": stakeholder.category.value, "count": 1}]
    assert report["stakeholders"]["engaged"] == 1
