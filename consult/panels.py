"""Extension points of shared pages, so each domain adds its block without editing the others.

A slot names a page: ``"process"`` (the process page, called with ``(process, user, today)``) and
``"section"`` (a draft section's page, called with ``(section, user, today)``), ``"dashboard"`` (the
organizers' dashboard of a process, called like ``"process"``). Each domain's
``hooks.register(app)`` adds its blocks and links to the app; the pages read them back here.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app


@dataclass
class Panel:
    """A block of a page: a template partial and what it needs (given to it as ``data``)."""

    template: str
    context: dict = field(default_factory=dict)


@dataclass
class _Registry:
    panels: dict[str, list[tuple[int, Callable]]] = field(default_factory=lambda: defaultdict(list))
    organizer_links: list[tuple[int, Callable]] = field(default_factory=list)
    decisions: list[tuple[int, Callable]] = field(default_factory=list)


@dataclass
class Decision:
    """Something organizers must decide now, on the dashboard: how many, and where to decide it."""

    label: str
    count: int
    url: str


def _registry(app) -> _Registry:
    return app.extensions.setdefault("panels", _Registry())


def add_panel(app, slot: str, order: int, func: Callable):
    """Show ``func(obj, user, today) -> Panel | None`` as a block of the ``slot`` page, blocks sorted by ``order``."""
    blocks = _registry(app).panels[slot]
    blocks.append((order, func))
    blocks.sort(key=lambda item: item[0])


def add_organizer_link(app, order: int, func: Callable):
    """Show ``func(process) -> (label, url)`` as a link of the process's organizer tool bar, sorted by ``order``."""
    links = _registry(app).organizer_links
    links.append((order, func))
    links.sort(key=lambda item: item[0])


def panels_for(slot: str, obj, user, today) -> list[Panel]:
    """The blocks every domain contributes to this page; each template includes them in order."""
    blocks = _registry(current_app).panels[slot]
    return [block for _order, func in blocks if (block := func(obj, user, today)) is not None]


def organizer_links_for(process) -> list[tuple[str, str]]:
    """The organizer tool bar's links from every domain."""
    return [func(process) for _order, func in _registry(current_app).organizer_links]


def add_decisions(app, order: int, func: Callable):
    """Show ``func(process, now) -> list[Decision]`` on the organizers' dashboard, sorted by ``order``."""
    items = _registry(app).decisions
    items.append((order, func))
    items.sort(key=lambda item: item[0])


def decisions_for(process, now) -> list[Decision]:
    """What every domain has waiting for a decision on this process."""
    return [decision for _order, func in _registry(current_app).decisions for decision in func(process, now)]
