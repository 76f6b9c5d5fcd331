"""Translated labels of the accounts' enums."""

from flask_babel import lazy_gettext as _l

from consult.auth.models import Relation

RELATION_LABELS = {
    Relation.SERVICE_USER: _l("Service user"),
    Relation.FAMILY_CAREGIVER: _l("Family caregiver"),
    Relation.PROFESSIONAL: _l("Professional of the field"),
    Relation.ASSOCIATION_MEMBER: _l("Member of an association"),
    Relation.ELECTED_OFFICIAL: _l("Elected official"),
    Relation.OTHER: _l("Other"),
}
