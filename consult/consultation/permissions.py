"""The consultation's own predicates, over the core ones; templates reach them through the ``perm`` façade."""

from consult.permissions import is_confirmed, is_signed_in


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
