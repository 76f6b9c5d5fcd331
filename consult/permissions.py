"""Core predicates and their enforcement: who is signed in, confirmed, admin.

Each domain owns its own predicates in ``consult/<domain>/permissions.py``, built on these, so core
imports no domain. Predicates take the user first (possibly anonymous) and return a bool. Views
enforce them with ``require(...)``; templates call the same functions through the ``perm`` facade
(``consult.templating``), which gathers every domain's module with one name per permission.
"""

from flask import abort, redirect, request, url_for
from flask_login import current_user


def is_signed_in(user) -> bool:
    """Whether the user is signed in with a live account."""
    return bool(user and user.is_authenticated and user.is_active)


def is_confirmed(user) -> bool:
    """Whether the user is signed in with a confirmed email address."""
    return is_signed_in(user) and user.is_confirmed


def is_admin(user) -> bool:
    """Whether the user operates the platform."""
    return is_signed_in(user) and user.is_admin


def require(allowed: bool):
    """Stop the request unless ``allowed``: visitors go to sign-in, others get a 403 page."""
    if allowed:
        return
    if not is_signed_in(current_user):
        abort(redirect(url_for("auth.login", next=request.full_path.rstrip("?"))))
    abort(403)
