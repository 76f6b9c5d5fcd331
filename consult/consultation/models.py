"""Drafts of a schema, their versions and sections, and what participants say about them."""

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint, select, text
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from consult.auth.models import Relation
from consult.db import created_at, db, int_pk, str_enum, utcnow
from consult.search import keep_folded


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
    process: Mapped["Process"] = relationship()  # noqa: F821

    @property
    def latest_published(self) -> "DraftVersion | None":
        """The most recent published version, the one the public reads by default."""
        published = [v for v in self.versions if v.published_at is not None]
        return published[-1] if published else None

    def __repr__(self):
        return f"<Draft {self.id} {self.title!r}>"


class VersionState(enum.StrEnum):
    """Where a version's consultation stands at a given moment (strings, so templates compare plainly)."""

    UNPUBLISHED = "unpublished"  # being written; only organizers see it
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"  # by its window, or because a newer version was published


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

    def state(self, now: datetime) -> VersionState:
        """The one answer to "is the consultation open": the window, opens inclusive, closes exclusive."""
        if self.published_at is None or self.opens_at is None or self.closes_at is None:
            return VersionState.UNPUBLISHED
        if now < self.opens_at:
            return VersionState.UPCOMING
        return VersionState.OPEN if now < self.closes_at else VersionState.CLOSED

    def is_open(self, now: datetime) -> bool:
        """Whether participants may contribute to this version at ``now``."""
        return self.state(now) == VersionState.OPEN

    def __repr__(self):
        return f"<DraftVersion {self.draft_id}.{self.number}>"


class SectionRules:
    """What a section's own fields decide, one owner for the model and its read model.

    ``consult.consultation.read_models.SectionView`` (the draft page's sections) inherits it too.
    """

    @property
    def is_part(self) -> bool:
        """Whether this is a top-level part rather than a section inside a part."""
        return self.parent_id is None

    @property
    def position_total(self) -> int:
        """How many people stated a position."""
        return self.agree_count + self.mixed_count + self.disagree_count


class Section(SectionRules, db.Model):
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
    #: counters kept in the transaction that changes them (published contributions, current positions)
    agree_count: Mapped[int] = mapped_column(default=0, server_default="0")
    mixed_count: Mapped[int] = mapped_column(default=0, server_default="0")
    disagree_count: Mapped[int] = mapped_column(default=0, server_default="0")
    comment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    amendment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    #: links of working groups' action sheets to this section (fed or changed), kept by the groups' services:
    #: the section page asks for the sheets only when there is one, which most sections never have
    sheet_link_count: Mapped[int] = mapped_column(default=0, server_default="0")

    version: Mapped[DraftVersion] = relationship(back_populates="sections")
    previous: Mapped["Section | None"] = relationship(remote_side="Section.id", foreign_keys=[previous_id])

    def __repr__(self):
        return f"<Section {self.id} {self.title!r}>"


# Core names, not the ORM's: an ORM alias would configure the mappers at import, before Process exists
_parent_section = Section.__table__.alias("parent_section")
#: the part's title above a section, read as a column by the section page (``undefer``): loading the parent as an
#: object of its own cost that page more CPU than a round trip
Section.parent_title = column_property(
    select(_parent_section.c.title)
    .where(_parent_section.c.id == Section.__table__.c.parent_id)
    .correlate_except(_parent_section)
    .scalar_subquery(),
    deferred=True,
)


class ContributionKind(enum.Enum):
    """A comment (or a reply to one) or an amendment (a proposed replacement text)."""

    COMMENT = "comment"
    AMENDMENT = "amendment"


class Channel(enum.Enum):
    """How a contribution reached the organizers."""

    ONLINE = "online"
    PUBLIC_MEETING = "public_meeting"
    LETTER = "letter"
    PHONE = "phone"
    EMAIL = "email"
    OTHER = "other"


class ContributionState(enum.Enum):
    """Where a contribution stands; none is ever deleted."""

    PENDING = "pending"  # held for approval (pre-moderation)
    PUBLISHED = "published"
    HIDDEN = "hidden"  # by moderation, with a reason; a placeholder keeps its place
    WITHDRAWN = "withdrawn"  # by its author; a placeholder keeps its place


#: the legal state changes of a contribution; staying in the same state is a repeat, not a change
CONTRIBUTION_TRANSITIONS: dict[ContributionState, frozenset[ContributionState]] = {
    ContributionState.PENDING: frozenset(
        {ContributionState.PUBLISHED, ContributionState.HIDDEN, ContributionState.WITHDRAWN}
    ),
    ContributionState.PUBLISHED: frozenset({ContributionState.HIDDEN, ContributionState.WITHDRAWN}),
    ContributionState.HIDDEN: frozenset({ContributionState.PUBLISHED}),
    ContributionState.WITHDRAWN: frozenset(),
}


class PositionValue(enum.Enum):
    """A participant's overall view of a section."""

    AGREE = "agree"
    MIXED = "mixed"
    DISAGREE = "disagree"


class OfflineSource(db.Model):
    """Where offline contributions came from: one letter, call or public meeting, with its scanned letter or notes.

    The file, if any, is stored by consult.uploads; only organizers may download it (it may hold names).
    """

    __tablename__ = "offline_sources"

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    received_on: Mapped[date] = mapped_column(Date)
    #: where the public meeting took place (empty for a letter or a call)
    place: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: the attached file: the name offered on download, the random name on disk
    filename: Mapped[str | None] = mapped_column(String(200))
    stored_name: Mapped[str | None] = mapped_column(String(80), unique=True)
    content_type: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[int | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: the one-time key of the form that entered it, so a double submit records nothing twice
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<OfflineSource {self.id} {self.channel.value} {self.received_on}>"


class ContributionRules:
    """What a contribution's own fields decide, one owner for the model and its read model.

    ``consult.consultation.read_models.ContributionView`` (the section page's rows) inherits it too.
    """

    @property
    def is_offline(self) -> bool:
        """Whether an organizer entered it from a meeting, letter or phone call."""
        return self.channel != Channel.ONLINE

    def can_transition(self, to: "ContributionState | str") -> bool:
        """Whether the contribution may move from its current state to ``to`` (a state or its value)."""
        return ContributionState(to) in CONTRIBUTION_TRANSITIONS[self.state]

    @property
    def is_visible(self) -> bool:
        """Whether its text is shown to everyone (others show a placeholder or nothing)."""
        return self.state == ContributionState.PUBLISHED


class Contribution(ContributionRules, db.Model):
    """A comment, reply or amendment on a section, online or entered by an organizer from offline."""

    __tablename__ = "contributions"
    __table_args__ = (
        Index("ix_contributions_section_state", "section_id", "state", "parent_id"),
        Index("ix_contributions_process_state", "process_id", "state"),
        # a section page's top-level contributions in its two orders, with the state it filters on
        *(
            Index(name, *columns, postgresql_where=text("parent_id IS NULL"), sqlite_where=text("parent_id IS NULL"))
            for name, columns in (
                ("ix_contributions_top_supported", ("section_id", "support_count", "id", "state")),
                ("ix_contributions_top_newest", ("section_id", "id", "state")),
            )
        ),
    )

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    kind: Mapped[ContributionKind] = mapped_column(str_enum(ContributionKind, "contribution_kind"))
    #: the comment this one replies to (one level only)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), index=True)
    #: none for offline contributions
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"), default=Channel.ONLINE)
    #: the date an offline contribution was received
    received_on: Mapped[date | None] = mapped_column(Date)
    #: the author's relation to the field, copied at writing time (or entered for offline ones)
    contributor_category: Mapped[Relation | None] = mapped_column(str_enum(Relation, "contributor_category"))
    contributor_territory: Mapped[str | None] = mapped_column(String(120))
    #: the organisation a confirmed representative writes for
    stakeholder_id: Mapped[int | None] = mapped_column(ForeignKey("stakeholders.id", ondelete="SET NULL"), index=True)
    #: offline ones: the letter or meeting it came from (with its scanned document, if any)
    offline_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("offline_sources.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    #: amendments: the replacement text proposed for the section, and why
    proposed_text: Mapped[str | None] = mapped_column(Text)
    justification: Mapped[str | None] = mapped_column(Text)
    #: body and proposed text folded for search (consult.search), kept on every flush
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    state: Mapped[ContributionState] = mapped_column(
        str_enum(ContributionState, "contribution_state"), default=ContributionState.PUBLISHED
    )
    moderation_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    moderated_at: Mapped[datetime | None]
    #: counters kept in the transaction that changes them
    support_count: Mapped[int] = mapped_column(default=0, server_default="0")
    #: flags not yet reviewed by a moderator
    flag_count: Mapped[int] = mapped_column(default=0, server_default="0")
    #: published replies
    reply_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[created_at]

    section: Mapped[Section] = relationship()
    author: Mapped["User | None"] = relationship(foreign_keys=[author_id])  # noqa: F821
    stakeholder: Mapped["Stakeholder | None"] = relationship()  # noqa: F821
    parent: Mapped["Contribution | None"] = relationship(remote_side="Contribution.id")
    offline_source: Mapped[OfflineSource | None] = relationship()
    response: Mapped["OfficialResponse | None"] = relationship(back_populates="contribution", uselist=False)

    def __repr__(self):
        return f"<Contribution {self.id} {self.kind.value} {self.state.value}>"


keep_folded(Contribution, "search_text", "body", "proposed_text")


class OfficialResponse(db.Model):
    """The organizer's answer to a contribution, shown apart from participants' replies."""

    __tablename__ = "official_responses"

    id: Mapped[int_pk]
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), unique=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    contribution: Mapped[Contribution] = relationship(back_populates="response")
    author: Mapped["User | None"] = relationship()  # noqa: F821

    def __repr__(self):
        return f"<OfficialResponse to {self.contribution_id}>"


class Position(db.Model):
    """One person's position on one section; changeable, withdrawable."""

    __tablename__ = "positions"
    __table_args__ = (UniqueConstraint("section_id", "user_id"),)

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    value: Mapped[PositionValue] = mapped_column(str_enum(PositionValue, "position_value"))
    contributor_category: Mapped[Relation | None] = mapped_column(str_enum(Relation, "contributor_category"))
    contributor_territory: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __repr__(self):
        return f"<Position {self.value.value} user={self.user_id} section={self.section_id}>"


class Support(db.Model):
    """One person's support of a comment or an amendment; undoable.

    Like a position, it keeps its process and the supporter's category as they were when given, so the
    report counts a million supports per category with one indexed GROUP BY, without a join.
    """

    __tablename__ = "supports"
    __table_args__ = (
        UniqueConstraint("contribution_id", "user_id"),
        Index("ix_supports_process_category", "process_id", "contributor_category"),
    )

    id: Mapped[int_pk]
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contributor_category: Mapped[Relation | None] = mapped_column(str_enum(Relation, "contributor_category"))
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<Support user={self.user_id} contribution={self.contribution_id}>"


class Flag(db.Model):
    """A report that a contribution breaks the rules, with a reason; dismissed once reviewed."""

    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("contribution_id", "user_id"),)

    id: Mapped[int_pk]
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    #: set when a moderator reviewed the contribution after this flag
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[created_at]

    def __repr__(self):
        return f"<Flag user={self.user_id} contribution={self.contribution_id}>"


class ChangeLink(db.Model):
    """Links a section of a newer version to a contribution that led to its change."""

    __tablename__ = "change_links"
    __table_args__ = (UniqueConstraint("section_id", "contribution_id"),)

    id: Mapped[int_pk]
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]

    contribution: Mapped[Contribution] = relationship()

    def __repr__(self):
        return f"<ChangeLink section={self.section_id} contribution={self.contribution_id}>"
