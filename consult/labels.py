"""Translated labels of the enums shown in the interface."""

from flask_babel import lazy_gettext as _l

from consult.auth.models import Relation
from consult.processes.models import Field, PhaseKind

RELATION_LABELS = {
    Relation.SERVICE_USER: _l("Service user"),
    Relation.FAMILY_CAREGIVER: _l("Family caregiver"),
    Relation.PROFESSIONAL: _l("Professional of the field"),
    Relation.ASSOCIATION_MEMBER: _l("Member of an association"),
    Relation.ELECTED_OFFICIAL: _l("Elected official"),
    Relation.OTHER: _l("Other"),
}

FIELD_LABELS = {
    Field.AUTONOMY_ELDERLY: _l("Autonomy and elderly people"),
    Field.DISABILITY: _l("Disability"),
    Field.CHILDHOOD_FAMILY: _l("Childhood and family"),
    Field.INTEGRATION: _l("Social integration"),
    Field.HOUSING: _l("Housing"),
    Field.HEALTH: _l("Health"),
    Field.OTHER: _l("Other"),
}

PHASE_LABELS = {
    PhaseKind.IDENTIFICATION: _l("Identification of stakeholders"),
    PhaseKind.DIAGNOSTIC: _l("Shared diagnostic"),
    PhaseKind.OBJECTIVES: _l("Objectives"),
    PhaseKind.WORKING_GROUPS: _l("Working groups"),
    PhaseKind.CONSULTATION: _l("Public consultation"),
    PhaseKind.REPORT: _l("Closing report"),
}
