"""Small helpers shared by the views of every domain."""

import re
from urllib.parse import urlsplit

from flask import abort, flash, request
from werkzeug.routing import IntegerConverter, UnicodeConverter

#: the largest id or page number accepted: PostgreSQL's ``integer``
MAX_INT = 2**31 - 1
_UNSAFE_IN_PATH = re.compile(r"[\x00-\x1f\x7f\\]")


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that matches only ids the database can hold: a larger one is a 404, not a 500."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_INT)
        super().__init__(url_map, *args, **kwargs)


class PrintableConverter(UnicodeConverter):
    """The default ``<…>`` converter, without control characters (PostgreSQL refuses NUL in text)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]", 1)


def register_converters(app):
    """Make ``int`` and the default converter bounded for every route; call before adding routes."""
    app.url_map.converters.update(int=BoundedIntConverter, default=PrintableConverter, string=PrintableConverter)


def bounded_int(value) -> int | None:
    """``value`` as an id the database can hold (1 to MAX_INT), else None."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_INT:
        return None
    return int(text)


def id_arg(values, name: str) -> int | None:
    """The id posted or asked for as ``name``: None when absent or empty, 404 when it cannot exist."""
    value = values.get(name, "")
    if not value:
        return None
    return bounded_int(value) or abort(404)


def id_list_arg(values, name: str) -> list[int]:
    """The ids given as several ``name`` values, leaving out those that cannot exist."""
    return [number for number in map(bounded_int, values.getlist(name)) if number is not None]


def page_arg(name: str = "page") -> int:
    """The page number asked for in the query string: 1 when absent or unreadable, 404 past MAX_INT."""
    value = request.args.get(name, "")
    number = bounded_int(value)
    if number is None and value.isascii() and value.isdigit() and int(value) > MAX_INT:
        abort(404)
    return number or 1


def safe_next(target: str | None, default: str) -> str:
    """Return ``target`` if it is a path on this site, else ``default`` (no open redirects).

    Control characters (a CR/LF would split the Location header) and backslashes (which browsers
    read as slashes, making a backslash path another site) are refused.
    """
    if not target or _UNSAFE_IN_PATH.search(target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def wants_json() -> bool:
    """Whether the client asked for JSON (the small scripts that enhance forms)."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def flash_error(error) -> int:
    """Flash a domain error's message and return its HTTP status."""
    flash(error.message, "error")
    return error.status_code


def form_status(form) -> int:
    """400 when a submitted form has errors, so tests and tools can tell; 200 otherwise."""
    return 400 if form.errors else 200
