"""Who may read, contribute to, moderate and answer a consultation."""

from consult.permissions import is_confirmed, is_signed_in
from consult.processes.permissions import can_view_process, has_right


def can_manage_drafts(user, process) -> bool:
    """Organizers write and publish the drafts of their process."""
    return has_right(user, process, "manage_drafts")


def can_view_version(user, process, version) -> bool:
    """Published versions are public with their process; unpublished ones are seen by organizers."""
    if not can_view_process(user, process):
        return False
    return version.published_at is not None or can_manage_drafts(user, process)


def can_contribute(user, version, now) -> bool:
    """Signed-in people with a confirmed email, while the version is open (``DraftVersion.state``)."""
    return is_confirmed(user) and version.is_open(now)


def is_contribution_author(user, contribution) -> bool:
    """Whether the user wrote this contribution online (offline ones have no author account)."""
    return is_signed_in(user) and contribution.author_id == user.id


def can_withdraw_contribution(user, contribution) -> bool:
    """Its author may withdraw a contribution while its state allows it (pending or published)."""
    return is_contribution_author(user, contribution) and contribution.can_transition("withdrawn")


def can_flag_contribution(user, contribution) -> bool:
    """Confirmed participants may report a published contribution, except their own."""
    return (
        is_confirmed(user)
        and not is_contribution_author(user, contribution)
        and contribution.state.value == "published"
    )


def can_moderate(user, process) -> bool:
    """Organizers of the process and admins."""
    return has_right(user, process, "moderate")


def can_respond(user, process) -> bool:
    """Organizers answer contributions officially."""
    return has_right(user, process, "respond")


def can_record_offline(user, process) -> bool:
    """Organizers enter contributions received at meetings, by letter or phone."""
    return has_right(user, process, "record_offline")
