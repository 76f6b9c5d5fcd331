"""Extension points of the process page, so each domain adds its part without editing this one."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    """A block of the process page: a template partial and what it needs."""

    template: str
    context: dict = field(default_factory=dict)


_PANELS: list[tuple[int, Callable]] = []
_ORGANIZER_LINKS: list[tuple[int, Callable]] = []


def process_panel(order: int):
    """Register ``func(process, user, today) -> Panel | None`` as a block of the process page."""

    def decorator(func):
        _PANELS.append((order, func))
        _PANELS.sort(key=lambda item: item[0])
        return func

    return decorator


def organizer_link(order: int):
    """Register ``func(process) -> (label, url)`` as a link of the organizer tool bar."""

    def decorator(func):
        _ORGANIZER_LINKS.append((order, func))
        _ORGANIZER_LINKS.sort(key=lambda item: item[0])
        return func

    return decorator


def panels_for(process, user, today) -> list[Panel]:
    """The blocks every domain contributes to this process page."""
    return [panel for _order, func in _PANELS if (panel := func(process, user, today)) is not None]


def organizer_links_for(process) -> list[tuple[str, str]]:
    """The organizer tool bar's links from every domain."""
    return [func(process) for _order, func in _ORGANIZER_LINKS]
