"""Acting for an organisation in groups follows the registry's one rule: a confirmed representative of a live one."""

import pytest

from consult.groups.errors import (
    AlreadyInvited,
    AlreadyMember,
    GroupFull,
    NoPendingInvitation,
    NotAMember,
    NotEligibleFacilitator,
    NotRepresentative,
    RequestDecided,
)
from consult.groups.models import JoinPolicy, Membership
from consult.groups.services.groups import add_facilitator
from consult.groups.services.membership import (
    answer_invitation,
    decide_membership,
    invite_organisation,
    join_group,
    leave_group,
    remove_member,
)
from consult.groups.services.proposals import group_emails
from consult.processes.models import PhaseKind
from consult.stakeholders.services.registry import archive_stakeholder
from tests.factories import (
    make_group,
    make_meeting,
    make_member,
    make_process,
    make_representative,
    make_stakeholder,
    make_user,
)


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer, join_policy=JoinPolicy.OPEN)
    return process, organizer, group


def _membership(group, stakeholder):
    return Membership.query.filter_by(group_id=group.id, stakeholder_id=stakeholder.id).one()


def _url(meeting):
    group = meeting.group
    return f"/concertations/{group.process.slug}/groupes/{group.slug}/reunions/{meeting.id}"


def test_a_representative_of_an_archived_organisation_no_longer_acts_for_it(setting, login_as):
    process, organizer, group = setting
    stakeholder, user = make_member(group, organizer, name="Association archivée")
    meeting = make_meeting(group, organizer, is_public=False)
    assert login_as(user).get(_url(meeting)).status_code == 200
    assert user.email in group_emails(group)
    archive_stakeholder(organizer, process, stakeholder)
    assert login_as(user).get(_url(meeting)).status_code == 403
    assert user.email not in group_emails(group)
    with pytest.raises(NotRepresentative):
        leave_group(user, _membership(group, stakeholder))
    with pytest.raises(NotEligibleFacilitator):
        add_facilitator(organizer, group, user.email)


def test_an_archived_organisation_cannot_join_or_answer_an_invitation(setting):
    process, organizer, group = setting
    joining = make_stakeholder(process, organizer)
    joiner = make_representative(joining)
    invited = make_stakeholder(process, organizer)
    answering = make_representative(invited)
    membership = invite_organisation(organizer, make_group(process, organizer), invited)
    for stakeholder in (joining, invited):
        archive_stakeholder(organizer, process, stakeholder)
    with pytest.raises(NotRepresentative):
        join_group(joiner, group, joining)
    with pytest.raises(NotRepresentative):
        answer_invitation(answering, membership, accept=True)


def test_membership_outcomes_are_named_errors(setting):
    process, organizer, group = setting
    stakeholder, user = make_member(group, organizer)
    with pytest.raises(AlreadyMember):
        join_group(user, group, stakeholder)
    with pytest.raises(AlreadyInvited):
        invite_organisation(organizer, group, stakeholder)
    membership = _membership(group, stakeholder)
    with pytest.raises(NoPendingInvitation):
        answer_invitation(user, membership, accept=True)
    leave_group(user, membership)
    with pytest.raises(NotAMember):
        remove_member(organizer, membership, reason="Déjà partie")
    small = make_group(process, organizer, size_limit=1, join_policy=JoinPolicy.ON_REQUEST)
    make_member(small, organizer)
    waiting = make_stakeholder(process, organizer)
    request = join_group(make_representative(waiting), small, waiting)
    with pytest.raises(GroupFull):
        decide_membership(organizer, request, accept=True)
    decide_membership(organizer, request, accept=False)
    with pytest.raises(RequestDecided):
        decide_membership(organizer, request, accept=True)
