"""The stakeholder registry of a process and the representatives of its organisations."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk, str_enum, utcnow
from consult.search import keep_folded


class StakeholderKind(enum.Enum):
    """An organisation or an individual."""

    ORGANISATION = "organisation"
    PERSON = "person"


class StakeholderCategory(enum.Enum):
    """The families of stakeholders the law and practice name."""

    SERVICE_USERS = "service_users"  # service users and their representatives
    INSTITUTIONS = "institutions"
    PROFESSIONALS = "professionals"  # professionals and establishments
    SOCIAL_PARTNERS = "social_partners"
    ASSOCIATIONS = "associations"  # associations and foundations
    ELECTED_OFFICIALS = "elected_officials"


class InvolvementLevel(enum.Enum):
    """The level of involvement sought, from least to most."""

    INFORM = "inform"
    CONSULT = "consult"
    CONCERT = "concert"
    CO_CONSTRUCT = "co_construct"


class StakeholderStatus(enum.Enum):
    """Where the relationship with the stakeholder stands."""

    IDENTIFIED = "identified"
    INVITED = "invited"
    ENGAGED = "engaged"
    DECLINED = "declined"


class RepresentativeStatus(enum.Enum):
    """A person's link to an organisation: asked for, confirmed by an organizer, or declined."""

    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class Stakeholder(db.Model):
    """A person or organisation concerned by a process; contact details are personal data."""

    __tablename__ = "stakeholders"
    __table_args__ = (
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence_range"),
        CheckConstraint("interest BETWEEN 1 AND 5", name="interest_range"),
    )

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: the name folded for search and sorting (consult.search), kept on every flush
    search_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    kind: Mapped[StakeholderKind] = mapped_column(str_enum(StakeholderKind, "stakeholder_kind"))
    category: Mapped[StakeholderCategory] = mapped_column(str_enum(StakeholderCategory, "stakeholder_category"))
    #: values of consult.processes.models.Field
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    territory: Mapped[str] = mapped_column(String(120), default="")
    level: Mapped[InvolvementLevel] = mapped_column(str_enum(InvolvementLevel, "involvement_level"))
    influence: Mapped[int] = mapped_column(default=3)
    interest: Mapped[int] = mapped_column(default=3)
    status: Mapped[StakeholderStatus] = mapped_column(
        str_enum(StakeholderStatus, "stakeholder_status"), default=StakeholderStatus.IDENTIFIED
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    archived_at: Mapped[datetime | None]
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    process: Mapped["Process"] = relationship()  # noqa: F821
    representatives: Mapped[list["Representative"]] = relationship(
        back_populates="stakeholder", cascade="all, delete-orphan", lazy="raise_on_sql"
    )

    def __repr__(self):
        return f"<Stakeholder {self.id} {self.name!r}>"


keep_folded(Stakeholder, "search_name", "name")


class Representative(db.Model):
    """A user acting for a stakeholder organisation once an organizer has confirmed it."""

    __tablename__ = "representatives"
    __table_args__ = (UniqueConstraint("stakeholder_id", "user_id"),)

    id: Mapped[int_pk]
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[RepresentativeStatus] = mapped_column(str_enum(RepresentativeStatus, "representative_status"))
    created_at: Mapped[created_at]
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    stakeholder: Mapped[Stakeholder] = relationship(back_populates="representatives")
    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821

    def __repr__(self):
        return f"<Representative user={self.user_id} of stakeholder={self.stakeholder_id} {self.status.value}>"


class Invitation(db.Model):
    """A signed, expiring, single-use link inviting a stakeholder's contact to represent it.

    Only a digest of the link's secret is stored, so the table cannot be used to forge links.
    """

    __tablename__ = "stakeholder_invitations"

    id: Mapped[int_pk]
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    #: sha256 of the random secret carried by the signed link
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]
    expires_at: Mapped[datetime]
    #: set when the link is followed to the end (accepted or declined): it then stops working
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    declined_at: Mapped[datetime | None]

    stakeholder: Mapped[Stakeholder] = relationship()

    def state(self, now: datetime, *, replaced: bool = False) -> str:
        """'accepted', 'declined', 'expired', 'replaced' (a newer one was sent: pass ``replaced``) or 'pending'."""
        if self.declined_at is not None:
            return "declined"
        if self.used_at is not None:
            return "accepted"
        if now >= self.expires_at:
            return "expired"
        return "replaced" if replaced else "pending"

    def __repr__(self):
        return f"<Invitation {self.id} stakeholder={self.stakeholder_id} used={self.used_at is not None}>"


class StakeholderSettings(db.Model):
    """Per-process choices about the registry (absent row: defaults)."""

    __tablename__ = "stakeholder_settings"

    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True)
    #: show engaged organisations (names and categories) on the process page, and let people ask to represent them
    public_list: Mapped[bool] = mapped_column(default=False, server_default="0")

    def __repr__(self):
        return f"<StakeholderSettings process={self.process_id} public_list={self.public_list}>"


class ImportPreview(db.Model):
    """A checked CSV file waiting for the organizer's confirmation; the import applies exactly these rows."""

    __tablename__ = "stakeholder_import_previews"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[created_at]
    filename: Mapped[str] = mapped_column(String(255), default="")
    #: [{"line", "action" (create/update/unchanged/rejected), "target_id", "values", "errors", "name"}]
    rows: Mapped[list] = mapped_column(JSON, default=list)
    #: [{"header": the file's column name, "suggestion": the closest known column or null}]: not imported
    ignored_columns: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    def __repr__(self):
        return f"<ImportPreview {self.id} process={self.process_id} rows={len(self.rows or [])}>"
