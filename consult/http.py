"""Small helpers shared by the views of every domain."""

from urllib.parse import urlsplit

from flask import flash, request


def safe_next(target: str | None, default: str) -> str:
    """Return ``target`` if it is a path on this site, else ``default`` (no open redirects)."""
    if not target:
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
