"""Drafts of a schema, their numbered versions and the sections of each version."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import created_at, db, int_pk


class Draft(db.Model):
    """A draft schema put to consultation, in numbered versions."""

    __tablename__ = "drafts"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[created_at]

    versions: Mapped[list["DraftVersion"]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="DraftVersion.number"
    )

    def __repr__(self):
        return f"<Draft {self.id} {self.title!r}>"


class DraftVersion(db.Model):
    """One version of a draft; editable until published with its consultation window."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[int_pk]
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    number: Mapped[int]
    published_at: Mapped[datetime | None]
    #: consultation window, stored in UTC, entered and shown in Europe/Paris
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    created_at: Mapped[created_at]

    draft: Mapped[Draft] = relationship(back_populates="versions")
    sections: Mapped[list["Section"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="Section.position", lazy="raise_on_sql"
    )

    def __repr__(self):
        return f"<DraftVersion {self.draft_id}.{self.number}>"


class Section(db.Model):
    """A part (no parent) or a section (inside a part) of a version, in Markdown rendered at save time."""

    __tablename__ = "sections"

    id: Mapped[int_pk]
    version_id: Mapped[int] = mapped_column(ForeignKey("draft_versions.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    #: order among siblings
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    #: easy-to-read (FALC) summary
    easy_read_md: Mapped[str] = mapped_column(Text, default="")
    easy_read_html: Mapped[str] = mapped_column(Text, default="")
    #: the section of the previous version this one was copied from (for "what changed")
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))

    version: Mapped[DraftVersion] = relationship(back_populates="sections")

    def __repr__(self):
        return f"<Section {self.id} {self.title!r}>"
