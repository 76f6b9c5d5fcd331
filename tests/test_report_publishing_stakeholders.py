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
    invitations, _skipped = invite_stakeholders(organizer, process, [writer, joiner])
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
