"""Each kind of notification once: its label, its default delivery and its sentence (``labels beside the enum``)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from consult.notifications.models import Delivery


@dataclass(frozen=True)
class Kind:
    """A kind of notification: ``sentence`` is formatted with the event's payload."""

    label: object
    sentence: object
    default: Delivery


# Followed activity goes to the daily digest; what is addressed to a person (a decision to take) goes at once.
KINDS: dict[str, Kind] = {
    "consultation_opened": Kind(
        _l("A consultation opens"), _l("The consultation on “%(title)s” is open."), Delivery.DAILY
    ),
    "consultation_closing": Kind(
        _l("A consultation closes soon"),
        _l("The consultation on “%(title)s” closes in less than 3 days."),
        Delivery.DAILY,
    ),
    "consultation_closed": Kind(
        _l("A consultation closes"), _l("The consultation on “%(title)s” is closed."), Delivery.DAILY
    ),
    "version_published": Kind(
        _l("A new version of a draft"), _l("Version %(number)s of “%(title)s” is published."), Delivery.DAILY
    ),
    "meeting_scheduled": Kind(
        _l("A meeting is scheduled"), _l("A meeting of “%(group)s” is scheduled: %(title)s."), Delivery.DAILY
    ),
    "meeting_changed": Kind(
        _l("A meeting changes"), _l("A meeting of “%(group)s” has changed: %(title)s."), Delivery.DAILY
    ),
    "meeting_cancelled": Kind(
        _l("A meeting is cancelled"), _l("A meeting of “%(group)s” is cancelled: %(title)s."), Delivery.DAILY
    ),
    "minutes_published": Kind(
        _l("Minutes are published"), _l("The minutes of “%(title)s” (%(group)s) are online."), Delivery.DAILY
    ),
    "report_published": Kind(
        _l("A closing report is published"), _l("The report of “%(title)s” is published."), Delivery.DAILY
    ),
    "join_requested": Kind(
        _l("A request to join a group"), _l("%(organisation)s asks to join “%(group)s”."), Delivery.IMMEDIATE
    ),
    "contribution_pending": Kind(
        _l("A contribution awaits moderation"),
        _l("A contribution on “%(title)s” awaits moderation."),
        Delivery.IMMEDIATE,
    ),
    "contribution_flagged": Kind(
        _l("A contribution is reported"), _l("A contribution on “%(title)s” has been reported."), Delivery.IMMEDIATE
    ),
    "invitation_accepted": Kind(
        _l("An invitation is accepted"),
        _l("%(organisation)s accepted the invitation to “%(title)s”."),
        Delivery.IMMEDIATE,
    ),
    "invitation_declined": Kind(
        _l("An invitation is declined"),
        _l("%(organisation)s declined the invitation to “%(title)s”."),
        Delivery.IMMEDIATE,
    ),
    # The organizers already receive a mail for each request: shown here, not mailed again by default.
    "representation_requested": Kind(
        _l("A request to represent an organisation"),
        _l("%(name)s asks to represent %(organisation)s."),
        Delivery.NEVER,
    ),
    "proposal_submitted": Kind(
        _l("An action sheet is submitted"),
        _l("“%(group)s” submitted the action sheet “%(title)s”."),
        Delivery.IMMEDIATE,
    ),
    "organizer_added": Kind(
        _l("A new organizer"), _l("%(name)s is now an organizer of “%(title)s”."), Delivery.IMMEDIATE
    ),
}

DELIVERY_LABELS = {
    Delivery.IMMEDIATE: _l("At once"),
    Delivery.DAILY: _l("Once a day (summary)"),
    Delivery.WEEKLY: _l("Once a week (summary)"),
    Delivery.NEVER: _l("Never by mail"),
}


def sentence(kind: str, payload: dict) -> str:
    """The notification in one French sentence."""
    return str(KINDS[kind].sentence) % payload
