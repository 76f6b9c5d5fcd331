"""The organizer's requests and decisions: compute suggestions, then accept, rename, merge or reject each.

Nothing is assigned without a decision; each decision is written once (the suggestion's row is locked and
its state checked again), kept in ``SuggestionDecision`` and in the audit log. Accepting goes through the
report's treatment services, which record the theme and its contributions' history.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.audit import record
from consult.auth.models import User
from consult.db import atomic, db
from consult.errors import NotAllowed, NotFound
from consult.processes.models import Process
from consult.report import permissions
from consult.report.models import Treatment
from consult.report.treatment import services as treatment
from consult.synthesis.errors import SuggestionDecided
from consult.synthesis.models import RunStatus, SuggestedTheme, SuggestionDecision, SuggestionStatus, SynthesisRun


def _check_may_treat(actor: User, process: Process):
    if not permissions.can_treat_contributions(actor, process):
        raise NotAllowed(str(_l("You may not treat the contributions of this concertation.")))


@atomic
def request_run(actor: User, process: Process, *, theme_count: int | None = None, full: bool = False) -> SynthesisRun:
    """Ask the worker to compute the suggestions (``theme_count`` themes, or a number it chooses).

    ``full`` asks for new suggested themes from scratch; otherwise the worker reuses the previous ones
    when few contributions are new (``compute.reusable``). A request already waiting or running is
    returned as is.
    """
    _check_may_treat(actor, process)
    db.session.scalar(select(Process.id).where(Process.id == process.id).with_for_update())
    waiting = db.session.scalar(
        select(SynthesisRun).where(
            SynthesisRun.process_id == process.id,
            SynthesisRun.status.in_([RunStatus.PENDING, RunStatus.RUNNING]),
        )
    )
    if waiting is not None:
        return waiting
    run = SynthesisRun(process_id=process.id, requested_by_id=actor.id, theme_count=theme_count, full=full)
    db.session.add(run)
    db.session.flush()
    record(actor, "synthesis.request", "process", process.id, process_id=process.id)
    return run


def _open_suggestion(process: Process, suggestion_id: int) -> SuggestedTheme:
    suggestion = db.session.scalar(
        select(SuggestedTheme)
        .where(SuggestedTheme.id == suggestion_id, SuggestedTheme.process_id == process.id)
        .with_for_update()
    )
    if suggestion is None:
        raise NotFound(str(_l("This suggested theme does not exist.")))
    if suggestion.status != SuggestionStatus.OPEN:
        raise SuggestionDecided(str(_l("This suggested theme was already decided.")))
    return suggestion


def _decide(actor, process, suggestion, action, **detail):
    db.session.add(
        SuggestionDecision(
            process_id=process.id, suggestion_id=suggestion.id, action=action, detail=detail, actor_id=actor.id
        )
    )
    record(actor, f"synthesis.{action}", "suggested_theme", suggestion.id, process_id=process.id, changes=detail)


def _clean_title(title: str | None, default: str) -> str:
    return ((title or "").strip() or default)[:120]


@atomic
def accept(actor: User, process: Process, suggestion_id: int, *, title: str | None = None):
    """Make the suggestion a theme holding its contributions that are not in a theme yet.

    Returns:
        The new theme.

    Raises:
        NotAllowed, NotFound, SuggestionDecided.
    """
    _check_may_treat(actor, process)
    suggestion = _open_suggestion(process, suggestion_id)
    title = _clean_title(title, suggestion.title)
    in_a_theme = set(
        db.session.scalars(
            select(Treatment.contribution_id).where(
                Treatment.contribution_id.in_(suggestion.members), Treatment.theme_id.is_not(None)
            )
        )
    )
    free = [c for c in suggestion.members if c not in in_a_theme]
    theme = treatment.create_theme(actor, process, title=title, description=", ".join(suggestion.terms))
    if free:
        treatment.assign_theme(actor, process, free, theme)
    suggestion.status, suggestion.theme_id, suggestion.title = SuggestionStatus.ACCEPTED, theme.id, title
    _decide(actor, process, suggestion, "accept", theme=theme.id, title=title, assigned=len(free))
    return theme


@atomic
def rename(actor: User, process: Process, suggestion_id: int, *, title: str) -> SuggestedTheme:
    """Give the suggestion a clearer title before deciding."""
    _check_may_treat(actor, process)
    suggestion = _open_suggestion(process, suggestion_id)
    before, suggestion.title = suggestion.title, _clean_title(title, suggestion.title)
    _decide(actor, process, suggestion, "rename", title=[before, suggestion.title])
    return suggestion


@atomic
def merge(actor: User, process: Process, suggestion_id: int, into_id: int) -> SuggestedTheme:
    """Put the suggestion's contributions into another open suggestion of the same computation."""
    _check_may_treat(actor, process)
    if suggestion_id == into_id:
        raise NotFound(str(_l("Choose another suggested theme to merge with.")))
    first, second = sorted([suggestion_id, into_id])  # lock in id order: two crossed merges never deadlock
    locked = {first: _open_suggestion(process, first), second: _open_suggestion(process, second)}
    suggestion, into = locked[suggestion_id], locked[into_id]
    if suggestion.run_id != into.run_id:
        raise NotFound(str(_l("Choose another suggested theme to merge with.")))
    into.members = into.members + [c for c in suggestion.members if c not in set(into.members)]
    into.terms = into.terms + [t for t in suggestion.terms if t not in into.terms][:4]
    suggestion.status, suggestion.merged_into_id = SuggestionStatus.MERGED, into.id
    _decide(actor, process, suggestion, "merge", into=into.id)
    return into


@atomic
def reject(actor: User, process: Process, suggestion_id: int) -> SuggestedTheme:
    """Set the suggestion aside: nothing is assigned."""
    _check_may_treat(actor, process)
    suggestion = _open_suggestion(process, suggestion_id)
    suggestion.status = SuggestionStatus.REJECTED
    _decide(actor, process, suggestion, "reject")
    return suggestion
