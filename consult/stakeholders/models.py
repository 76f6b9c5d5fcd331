"""The stakeholder registry of a process and the representatives of its organisations."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk, str_enum, utcnow


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

    representatives: Mapped[list["Representative"]] = relationship(
        back_populates="stakeholder", cascade="all, delete-orphan", lazy="raise_on_sql"
    )

    def __repr__(self):
        return f"<Stakeholder {self.id} {self.name!r}>"


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
