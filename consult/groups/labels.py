"""Translated labels of the groups domain's enums and fields."""

from flask_babel import lazy_gettext as _l

from consult.groups.meeting_models import AccessNeed, RegistrationStatus
from consult.groups.models import GroupState, JoinPolicy, MembershipStatus
from consult.groups.proposal_models import ProposalStatus

JOIN_POLICY_LABELS = {
    JoinPolicy.OPEN: _l("Open: organisations join at once"),
    JoinPolicy.ON_REQUEST: _l("On request: facilitators accept or decline"),
    JoinPolicy.ON_INVITATION: _l("On invitation by the organizers only"),
}

GROUP_STATE_LABELS = {
    GroupState.OPEN: _l("Open"),
    GroupState.CLOSED: _l("Closed"),
    GroupState.ARCHIVED: _l("Archived"),
}

MEMBERSHIP_STATUS_LABELS = {
    MembershipStatus.REQUESTED: _l("Request pending"),
    MembershipStatus.INVITED: _l("Invited"),
    MembershipStatus.ACTIVE: _l("Member"),
    MembershipStatus.DECLINED: _l("Declined"),
    MembershipStatus.LEFT: _l("Left the group"),
    MembershipStatus.REMOVED: _l("Removed"),
}

ACCESS_NEED_LABELS = {
    AccessNeed.SIGN_LANGUAGE: _l("Sign-language interpreter"),
    AccessNeed.WHEELCHAIR: _l("Wheelchair access"),
    AccessNeed.HEARING_LOOP: _l("Hearing loop"),
    AccessNeed.EASY_READ: _l("Easy-to-read documents"),
    AccessNeed.OTHER: _l("Other need"),
}

REGISTRATION_STATUS_LABELS = {
    RegistrationStatus.CONFIRMED: _l("Seat confirmed"),
    RegistrationStatus.WAITING: _l("On the waiting list"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}

PROPOSAL_STATUS_LABELS = {
    ProposalStatus.DRAFT: _l("Draft"),
    ProposalStatus.SUBMITTED: _l("Submitted"),
    ProposalStatus.UNDER_REVIEW: _l("Under review"),
    ProposalStatus.ACCEPTED: _l("Accepted"),
    ProposalStatus.PARTLY_ACCEPTED: _l("Partly accepted"),
    ProposalStatus.REJECTED: _l("Not accepted"),
    ProposalStatus.OUT_OF_SCOPE: _l("Out of scope"),
}

SHEET_FIELD_LABELS = {
    "objective": _l("Objective"),
    "description": _l("Description"),
    "pilot": _l("Pilot"),
    "partners": _l("Partners"),
    "timeline": _l("Timeline"),
    "budget": _l("Budget estimate"),
    "indicators": _l("Indicators"),
}
