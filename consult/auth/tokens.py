"""Signed, expiring links for email confirmation and password reset."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from consult.auth.errors import LinkExpired, LinkInvalid


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"concertation.{purpose}")


def make_token(purpose: str, payload: dict) -> str:
    """Sign ``payload`` for ``purpose``."""
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int) -> dict:
    """Return the payload of a valid token.

    Raises:
        InvalidToken: with ``expired`` set when only the age is wrong.
    """
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise LinkExpired from error
    except BadSignature as error:
        raise LinkInvalid from error


def fingerprint(value: str) -> str:
    """A short digest that changes when ``value`` changes (single-use reset links)."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]
