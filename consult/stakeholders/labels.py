"""Translated labels of the stakeholder enums."""

from flask_babel import lazy_gettext as _l

from consult.stakeholders.coverage import Reach
from consult.stakeholders.models import (
    InvolvementLevel,
    RepresentativeStatus,
    StakeholderCategory,
    StakeholderKind,
    StakeholderStatus,
)

KIND_LABELS = {
    StakeholderKind.ORGANISATION: _l("Organisation"),
    StakeholderKind.PERSON: _l("Person"),
}

CATEGORY_LABELS = {
    StakeholderCategory.SERVICE_USERS: _l("Service users and their representatives"),
    StakeholderCategory.INSTITUTIONS: _l("Institutions"),
    StakeholderCategory.PROFESSIONALS: _l("Professionals and establishments"),
    StakeholderCategory.SOCIAL_PARTNERS: _l("Social partners"),
    StakeholderCategory.ASSOCIATIONS: _l("Associations and foundations"),
    StakeholderCategory.ELECTED_OFFICIALS: _l("Elected officials"),
}

#: one member of the category, for sentences such as "Disability: no … engaged"
CATEGORY_MEMBER_LABELS = {
    StakeholderCategory.SERVICE_USERS: _l("no service users' representative engaged"),
    StakeholderCategory.INSTITUTIONS: _l("no institution engaged"),
    StakeholderCategory.PROFESSIONALS: _l("no professional or establishment engaged"),
    StakeholderCategory.SOCIAL_PARTNERS: _l("no social partner engaged"),
    StakeholderCategory.ASSOCIATIONS: _l("no association or foundation engaged"),
    StakeholderCategory.ELECTED_OFFICIALS: _l("no elected official engaged"),
}

LEVEL_LABELS = {
    InvolvementLevel.INFORM: _l("Inform"),
    InvolvementLevel.CONSULT: _l("Consult"),
    InvolvementLevel.CONCERT: _l("Concert"),
    InvolvementLevel.CO_CONSTRUCT: _l("Co-construct"),
}

STATUS_LABELS = {
    StakeholderStatus.IDENTIFIED: _l("Identified"),
    StakeholderStatus.INVITED: _l("Invited"),
    StakeholderStatus.ENGAGED: _l("Engaged"),
    StakeholderStatus.DECLINED: _l("Declined to take part"),
}

#: the coverage's levels, counted from the records ("engaged" is a stakeholder who took an active part)
REACH_LABELS = {
    Reach.IDENTIFIED: _l("Identified"),
    Reach.INVITED: _l("Invited"),
    Reach.ACTIVE: _l("Engaged"),
}

REPRESENTATIVE_STATUS_LABELS = {
    RepresentativeStatus.REQUESTED: _l("Awaiting decision"),
    RepresentativeStatus.CONFIRMED: _l("Confirmed"),
    RepresentativeStatus.DECLINED: _l("Not confirmed"),
}

INVITATION_STATE_LABELS = {
    "pending": _l("Sent, not answered yet"),
    "accepted": _l("Invitation accepted"),
    "declined": _l("Invitation declined"),
    "expired": _l("Expired"),
    "replaced": _l("Replaced by a newer invitation"),
}

QUADRANT_LABELS = {
    "manage_closely": _l("Manage closely"),
    "keep_satisfied": _l("Keep satisfied"),
    "keep_informed": _l("Keep informed"),
    "monitor": _l("Monitor"),
}

QUADRANT_HINTS = {
    "manage_closely": _l("Strong influence, strong interest"),
    "keep_satisfied": _l("Strong influence, weaker interest"),
    "keep_informed": _l("Weaker influence, strong interest"),
    "monitor": _l("Weaker influence, weaker interest"),
}
