"""Account operations: sign-up, confirmation, authentication, reset, profile, personal data."""

import logging
from contextlib import suppress
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from zxcvbn import zxcvbn

from consult import signals
from consult.auth.errors import EmailTaken, LinkInvalid, TermsNotAccepted, WrongPassword
from consult.auth.models import Relation, User, new_session_token
from consult.auth.tokens import fingerprint, make_token, read_token
from consult.db import atomic, db, utcnow
from consult.errors import WeakPassword
from consult.mail import external_url, queue_mail

logger = logging.getLogger(__name__)
_HASHERS = {"default": PasswordHasher(), "fast": PasswordHasher.from_parameters(profiles.CHEAPEST)}


def _hasher() -> PasswordHasher:
    # The test suite uses the cheapest parameters so hundreds of accounts cost milliseconds.
    return _HASHERS[current_app.config.get("PASSWORD_HASHER", "default")]


def normalize_email(email: str) -> str:
    """Compare addresses without case or surrounding spaces."""
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    """Hash with Argon2id."""
    return _hasher().hash(password)


def password_matches(user: User, password: str) -> bool:
    """Check a password against the user's hash, rehashing if parameters changed."""
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return True


def check_password_strength(password: str, *, user_inputs=()):
    """Raise WeakPassword unless long enough and not guessable (zxcvbn score)."""
    config = current_app.config
    if len(password) < config["PASSWORD_MIN_LENGTH"]:
        raise WeakPassword(str(_l("Use at least %(n)s characters.", n=config["PASSWORD_MIN_LENGTH"])))
    if zxcvbn(password[:100], user_inputs=[i for i in user_inputs if i])["score"] < config["PASSWORD_MIN_SCORE"]:
        raise WeakPassword(
            str(_l("This password is too easy to guess. Try a short sentence of several unrelated words."))
        )


def find_user_by_email(email: str) -> User | None:
    """The live or deleted account with this address, if any."""
    return db.session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def user_by_session_token(token: str) -> User | None:
    """The live account whose session token this is."""
    user = db.session.scalar(select(User).where(User.session_token == token))
    return user if user is not None and user.is_active else None


@atomic
def sign_up(
    email: str,
    display_name: str,
    password: str,
    *,
    accepted_terms: bool,
    relation: Relation | None = None,
    territory: str | None = None,
    next_path: str | None = None,
    now: datetime | None = None,
) -> User | None:
    """Create an account and queue its confirmation mail.

    When the address already has an account, nothing is created and its owner is told by mail,
    so the page shown is the same either way. ``next_path`` (a path on this site, such as an
    invitation) rides on the mail's links so the person comes back to it after signing in.

    Returns:
        The new user, or None when the address was taken.

    Raises:
        WeakPassword: the password is too short or too guessable.
        TermsNotAccepted: the terms of use were not accepted.
    """
    if not accepted_terms:
        raise TermsNotAccepted(str(_l("You must accept the terms of use.")))
    email = normalize_email(email)
    check_password_strength(password, user_inputs=(email, display_name))
    existing = find_user_by_email(email)
    if existing is not None:
        queue_mail(
            email,
            "auth_account_exists",
            _l("Someone tried to create an account with your address"),
            user=existing,
            login_url=external_url("auth.login", **_next_arg(next_path)),
            reset_url=external_url("auth.forgot_password"),
        )
        return None
    user = User(
        email=email,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        relation=relation,
        territory=(territory or "").strip() or None,
        terms_accepted_at=now or utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    _queue_confirmation(user, email, next_path)
    logger.info("account %s created", user.id)
    return user


def _next_arg(next_path: str | None) -> dict:
    return {"next": next_path} if next_path else {}


def _queue_confirmation(user: User, address: str, next_path: str | None = None):
    token = make_token("confirm", {"uid": user.id, "email": address})
    queue_mail(
        address,
        "auth_confirm_email",
        _l("Confirm your email address"),
        user=user,
        confirm_url=external_url("auth.confirm_email", token=token, **_next_arg(next_path)),
    )


@atomic
def resend_confirmation(user: User):
    """Queue a new confirmation link for the address waiting to be confirmed."""
    _queue_confirmation(user, user.pending_email or user.email)


@atomic
def confirm_email(token: str, now: datetime | None = None) -> User:
    """Confirm the address a token was issued for, switching to it if it was a pending change.

    Raises:
        LinkInvalid, LinkExpired: tampered, expired, or for an address no longer in use.
    """
    data = read_token("confirm", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.is_active:
        raise LinkInvalid
    address = data.get("email")
    if address == user.pending_email:
        if find_user_by_email(address) is not None:
            raise LinkInvalid
        user.email, user.pending_email = address, None
    elif address != user.email:
        raise LinkInvalid
    user.email_confirmed_at = user.email_confirmed_at or now or utcnow()
    logger.info("account %s confirmed %s", user.id, address)
    return user


@atomic
def authenticate(email: str, password: str, now: datetime | None = None) -> User | None:
    """Return the live account matching these credentials, or None."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        _spend_a_verification(password)
        return None
    if not password_matches(user, password):
        return None
    user.last_login_at = now or utcnow()
    return user


def _spend_a_verification(password: str):
    """Verify against a dummy hash, so unknown addresses cost exactly the work of known ones."""
    with suppress(VerificationError):
        _hasher().verify(_dummy_hash(current_app.config.get("PASSWORD_HASHER", "default")), password)


@cache
def _dummy_hash(profile: str) -> str:
    # Made once per hashing profile, so an unknown address costs one verification, like a known one.
    return _HASHERS[profile].hash("not-a-real-password")


@atomic
def request_password_reset(email: str):
    """Queue a reset link if the address has a live account; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    token = make_token("reset", {"uid": user.id, "pw": fingerprint(user.password_hash)})
    queue_mail(
        user.email,
        "auth_reset_password",
        _l("Reset your password"),
        user=user,
        reset_url=external_url("auth.reset_password", token=token),
    )


def user_for_reset_token(token: str) -> User:
    """The user a reset link belongs to.

    Raises:
        LinkInvalid, LinkExpired: tampered, expired, or already used (the password has changed since).
    """
    data = read_token("reset", token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.is_active or data.get("pw") != fingerprint(user.password_hash):
        raise LinkInvalid
    return user


@atomic
def reset_password(token: str, new_password: str, now: datetime | None = None) -> User:
    """Set a new password from a reset link; following the link also proves the address."""
    user = user_for_reset_token(token)
    check_password_strength(new_password, user_inputs=(user.email, user.display_name))
    _set_password(user, new_password)
    user.email_confirmed_at = user.email_confirmed_at or now or utcnow()
    return user


def _set_password(user: User, password: str):
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()


@atomic
def change_password(user: User, current: str, new: str):
    """Change the password after checking the current one; other sessions are signed out.

    Raises:
        WrongPassword: the current password is wrong.
        WeakPassword: the new one is too weak.
    """
    if not password_matches(user, current):
        raise WrongPassword(str(_l("Your current password is not correct.")))
    check_password_strength(new, user_inputs=(user.email, user.display_name))
    _set_password(user, new)


@atomic
def update_profile(user: User, *, display_name: str, relation, territory, notify_by_email: bool):
    """Save the profile fields."""
    user.display_name = display_name.strip()
    user.relation = relation
    user.territory = (territory or "").strip() or None
    user.notify_by_email = notify_by_email


@atomic
def request_email_change(user: User, new_email: str, password: str):
    """Send a confirmation link to the new address; the change happens when it is followed.

    Raises:
        WrongPassword: wrong password.
    """
    if not password_matches(user, password):
        raise WrongPassword(str(_l("Your current password is not correct.")))
    new_email = normalize_email(new_email)
    if new_email == user.email:
        return
    user.pending_email = new_email
    if find_user_by_email(new_email) is None:
        _queue_confirmation(user, new_email)


def export_personal_data(user: User) -> dict:
    """Everything the platform holds about the user, by domain."""
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "relation": user.relation.value if user.relation else None,
            "territory": user.territory,
            "notify_by_email": user.notify_by_email,
            "created_at": user.created_at.isoformat() if user.created_at else None,
            "email_confirmed_at": user.email_confirmed_at.isoformat() if user.email_confirmed_at else None,
            "terms_accepted_at": user.terms_accepted_at.isoformat() if user.terms_accepted_at else None,
            "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
        }
    }
    for _receiver, part in signals.personal_data_requested.send(user):
        if part:
            name, content = part
            data[name] = content
    return data


@atomic
def delete_account(user: User, password: str, now: datetime | None = None):
    """Anonymize the account: it can no longer sign in, its contributions stay without a name.

    Raises:
        WrongPassword: wrong password.
    """
    if not password_matches(user, password):
        raise WrongPassword(str(_l("Your current password is not correct.")))
    signals.account_deleting.send(user)
    user.email = f"deleted-{user.id}@invalid.invalid"
    user.display_name = "—"
    user.pending_email = None
    user.relation = None
    user.territory = None
    user.is_admin = False
    user.notify_by_email = False
    user.password_hash = "!"  # noqa: S105 - matches no password
    user.session_token = new_session_token()
    user.deleted_at = now or utcnow()
    logger.info("account %s deleted and anonymized", user.id)


@atomic
def create_confirmed_user(email: str, display_name: str, password: str, **profile) -> User:
    """Create an already-confirmed account (CLI, demo, invitations by an organizer).

    Raises:
        WeakPassword: the password is too weak.
        EmailTaken: another account already uses this address.
    """
    check_password_strength(password, user_inputs=(email, display_name))
    if find_user_by_email(email) is not None:
        raise EmailTaken(str(_l("Another account already uses this address.")))
    now = utcnow()
    user = User(
        email=normalize_email(email),
        display_name=display_name,
        password_hash=hash_password(password),
        email_confirmed_at=now,
        terms_accepted_at=now,
        **profile,
    )
    db.session.add(user)
    return user
