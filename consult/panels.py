"""Extension points of shared pages, so each domain adds its block without editing the others.

A slot names a page: ``"process"`` (the process page, called with ``(process, user, today)``) and
``"section"`` (a draft section's page, called with ``(section, user, today)``).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    """A block of a page: a template partial and what it needs (given to it as ``data``)."""

    template: str
    context: dict = field(default_factory=dict)


_PANELS: dict[str, list[tuple[int, Callable]]] = defaultdict(list)
_ORGANIZER_LINKS: list[tuple[int, Callable]] = []


def panel(slot: str, order: int):
    """Register ``func(obj, user, today) -> Panel | None`` as a block of the ``slot`` page."""

    def decorator(func):
        _PANELS[slot].append((order, func))
        _PANELS[slot].sort(key=lambda item: item[0])
        return func

    return decorator


def organizer_link(order: int):
    """Register ``func(process) -> (label, url)`` as a link of the process's organizer tool bar."""

    def decorator(func):
        _ORGANIZER_LINKS.append((order, func))
        _ORGANIZER_LINKS.sort(key=lambda item: item[0])
        return func

    return decorator


def panels_for(slot: str, obj, user, today) -> list[Panel]:
    """The blocks every domain contributes to this page; each template includes them in order."""
    return [block for _order, func in _PANELS[slot] if (block := func(obj, user, today)) is not None]


def organizer_links_for(process) -> list[tuple[str, str]]:
    """The organizer tool bar's links from every domain."""
    return [func(process) for _order, func in _ORGANIZER_LINKS]
