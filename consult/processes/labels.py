"""Translated labels of the processes' enums: fields of social action, phases, moderation modes."""

from flask_babel import lazy_gettext as _l

from consult.processes.models import Field, ModerationMode, PhaseKind

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

MODERATION_MODE_LABELS = {
    ModerationMode.POST: _l("Post-moderation: contributions are published at once"),
    ModerationMode.PRE: _l("Pre-moderation: contributions are held until approved"),
}

#: the label of the moderation field of the process edit form
MODERATION_MODE_FIELD_LABEL = _l("Moderation of contributions")
