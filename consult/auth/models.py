"""The user account."""

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.db import created_at, db, int_pk, str_enum
from consult.search import keep_folded


class Relation(enum.Enum):
    """How a person relates to the field; optional, used for participation statistics."""

    SERVICE_USER = "service_user"
    FAMILY_CAREGIVER = "family_caregiver"
    PROFESSIONAL = "professional"
    ASSOCIATION_MEMBER = "association_member"
    ELECTED_OFFICIAL = "elected_official"
    OTHER = "other"


def new_session_token() -> str:
    """A random identifier for sessions; rotating it signs the user out everywhere."""
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    """A person with an account: participant, organizer of some processes, or admin."""

    __tablename__ = "users"

    id: Mapped[int_pk]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    #: name and address folded for the administrators' search (consult.search), kept on every flush
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    #: the id Flask-Login keeps in the session and remember cookie; changes on password change
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    email_confirmed_at: Mapped[datetime | None]
    #: a new address waiting for confirmation before it replaces ``email``
    pending_email: Mapped[str | None] = mapped_column(String(254))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    relation: Mapped[Relation | None] = mapped_column(str_enum(Relation, "relation"))
    territory: Mapped[str | None] = mapped_column(String(120))
    notify_by_email: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    terms_accepted_at: Mapped[datetime | None]
    created_at: Mapped[created_at]
    last_login_at: Mapped[datetime | None]
    #: set when the account is deleted; the row stays, anonymized, so contributions keep an author
    deleted_at: Mapped[datetime | None]

    def get_id(self):
        """Return the session token, not the primary key, so sessions can be revoked."""
        return self.session_token

    @property
    def is_confirmed(self) -> bool:
        """Whether the email address has been confirmed."""
        return self.email_confirmed_at is not None

    @property
    def is_active(self) -> bool:
        """Deleted accounts cannot sign in."""
        return self.deleted_at is None

    def __repr__(self):
        return f"<User {self.id} {self.email!r}>"


keep_folded(User, "search_text", "display_name", "email")
