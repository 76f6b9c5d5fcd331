"""Translated labels of the consultation's enums."""

import re

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from consult.consultation.models import Channel, ContributionKind, ContributionState, PositionValue

POSITION_LABELS = {
    PositionValue.AGREE: _l("Agree"),
    PositionValue.MIXED: _l("Mixed"),
    PositionValue.DISAGREE: _l("Disagree"),
}

CHANNEL_LABELS = {
    Channel.ONLINE: _l("Online"),
    Channel.PUBLIC_MEETING: _l("Public meeting"),
    Channel.LETTER: _l("Letter"),
    Channel.PHONE: _l("Phone call"),
    Channel.EMAIL: _l("Email"),
    Channel.OTHER: _l("Other channel"),
}

KIND_LABELS = {
    ContributionKind.COMMENT: _l("Comment"),
    ContributionKind.AMENDMENT: _l("Amendment"),
}

STATE_LABELS = {
    ContributionState.PENDING: _l("Awaiting moderation"),
    ContributionState.PUBLISHED: _l("Published"),
    ContributionState.HIDDEN: _l("Hidden by moderation"),
    ContributionState.WITHDRAWN: _l("Withdrawn by its author"),
}


def support_noun(count: int) -> str:
    """The word after a number of supports, singular or plural as the language wants ("0 soutien")."""
    return ngettext("support", "supports", count)


_OWN_NUMBER = re.compile(r"^\s*(\d+|[IVXLC]+|[A-Z])([.)]|\s*[-–])\s")


def self_numbered(title: str) -> bool:
    """Whether a section title starts with its own number ("1. Analyse", "II) Moyens", "A – Objectifs")."""
    return bool(_OWN_NUMBER.match(title or ""))


def versioned_title(number: int, title: str) -> str:
    """A section's title with the version it belongs to, as organizers' lists and pickers show it: "v2 · …"."""
    return f"v{number} · {title}"
