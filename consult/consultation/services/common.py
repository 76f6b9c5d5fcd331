"""Rules shared by the consultation's services: the window, state changes with their counters, reply mail."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from consult.consultation.errors import ConsultationClosed, InvalidTransition, NotConfirmed, NotRepresentative
from consult.consultation.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    DraftVersion,
    Section,
    VersionState,
)
from consult.db import db
from consult.mail import external_url, queue_mail
from consult.permissions import is_confirmed
from consult.stakeholders.queries import represented_stakeholders


def check_confirmed(actor) -> None:
    """Raise NotConfirmed unless the actor is signed in with a confirmed address."""
    if not is_confirmed(actor):
        raise NotConfirmed(str(_l("Confirm your email address to take part.")))


def check_can_contribute(actor, version: DraftVersion, now: datetime) -> None:
    """Raise unless ``actor`` may contribute to ``version`` at ``now``.

    Raises:
        NotConfirmed: not signed in with a confirmed email address.
        ConsultationClosed: the version is not open (``DraftVersion.state``).
    """
    check_confirmed(actor)
    state = version.state(now)
    if state == VersionState.UPCOMING:
        raise ConsultationClosed(str(_l("The consultation has not opened yet: you can read but not take part.")))
    if state != VersionState.OPEN:
        raise ConsultationClosed(str(_l("The consultation is closed: you can read but no longer take part.")))


def lock_contribution(contribution: Contribution) -> Contribution:
    """Lock the contribution's row for this transaction and re-read its current state.

    ``FOR UPDATE`` serialises concurrent changes on PostgreSQL; on SQLite the IMMEDIATE transaction of
    ``atomic()`` already does. ``populate_existing`` replaces what the caller loaded before the lock.
    """
    query = select(Contribution).where(Contribution.id == contribution.id).with_for_update()
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def transition(contribution: Contribution, to: ContributionState, message) -> bool:
    """Move a locked contribution to ``to``, keeping counters in step; False when it already is there.

    Raises:
        InvalidTransition: the transition table does not allow it (``message`` says why).
    """
    if contribution.state == to:
        return False
    if not contribution.can_transition(to):
        raise InvalidTransition(str(message))
    set_state(contribution, to)
    return True


def bump(model, row_id: int, **deltas: int) -> None:
    """Add to counters in one UPDATE (col = col + n), safe with concurrent writers."""
    values = {name: getattr(model, name) + delta for name, delta in deltas.items() if delta}
    if values:
        statement = update(model).where(model.id == row_id).values(values)
        # No in-Python sync (it scans the session); callers refresh what they read back, commits expire the rest.
        db.session.execute(statement.execution_options(synchronize_session=False))


def set_state(contribution: Contribution, state: ContributionState) -> None:
    """Change a contribution's state and keep the section's and the parent's counters in step."""
    before = contribution.state == ContributionState.PUBLISHED
    after = state == ContributionState.PUBLISHED
    contribution.state = state
    delta = int(after) - int(before)
    if not delta:
        return
    column = "comment_count" if contribution.kind == ContributionKind.COMMENT else "amendment_count"
    bump(Section, contribution.section_id, **{column: delta})
    if contribution.parent_id is not None:
        bump(Contribution, contribution.parent_id, reply_count=delta)


def check_stakeholder(actor, process_id: int, stakeholder_id: int | None) -> int | None:
    """Return ``stakeholder_id`` if the actor may write in that organisation's name.

    Raises:
        NotRepresentative: the actor is not a confirmed representative of it.
    """
    if stakeholder_id is None:
        return None
    if stakeholder_id not in {s.id for s in represented_stakeholders(actor, process_id)}:
        raise NotRepresentative(str(_l("You are not a confirmed representative of this organisation.")))
    return stakeholder_id


def notify_reply(reply: Contribution) -> None:
    """Tell the author of the comment replied to, unless they turned notifications off."""
    if reply.parent_id is None or reply.state != ContributionState.PUBLISHED:
        return
    parent = db.session.get(Contribution, reply.parent_id)
    author = parent.author
    if author is None or not author.is_active or not author.notify_by_email or author.id == reply.author_id:
        return
    section = db.session.get(Section, reply.section_id)
    url = external_url(
        "consultation.section", slug=section.version.draft.process.slug, section_id=section.id, _anchor=f"c{parent.id}"
    )
    queue_mail(
        author.email, "consultation_reply", _l("New reply to your comment"),
        user=author, reply=reply, section=section, url=url,
    )  # fmt: skip
