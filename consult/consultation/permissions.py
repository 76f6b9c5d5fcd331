"""Who may read, contribute to, moderate and answer a consultation."""

from consult.permissions import is_confirmed, is_signed_in
from consult.processes.permissions import can_view_process, has_right


def version_is_open(version, now) -> bool:
    """Whether a published version's consultation window includes ``now`` (opens inclusive, closes exclusive)."""
    return (
        version.published_at is not None
        and version.opens_at is not None
        and version.closes_at is not None
        and version.opens_at <= now < version.closes_at
    )


def can_manage_drafts(user, process) -> bool:
    """Organizers write and publish the drafts of their process."""
    return has_right(user, process, "manage_drafts")


def can_view_version(user, process, version) -> bool:
    """Published versions are public with their process; unpublished ones are seen by organizers."""
    if not can_view_process(user, process):
        return False
    return version.published_at is not None or can_manage_drafts(user, process)


def can_contribute(user, version, now) -> bool:
    """Signed-in people with a confirmed email, while the version's window is open."""
    return is_confirmed(user) and version_is_open(version, now)


def can_withdraw_contribution(user, contribution) -> bool:
    """Only its author, online, may withdraw a contribution."""
    return is_signed_in(user) and contribution.author_id == user.id


def can_moderate(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "moderate")


def can_respond(user, process) -> bool:
    """Organizers answer contributions officially."""
    return has_right(user, process, "respond")


def can_record_offline(user, process) -> bool:
    """Organizers enter contributions received at meetings, by letter or phone."""
    return has_right(user, process, "record_offline")
