"""Read models: what the participation pages show of a contribution or a section, built from plain columns.

On the pages people read and comment on, loading ORM objects (each contribution with its author,
organisation and answer) cost more than the queries themselves; these are built from one row each. They
keep the model's attribute names, so templates and permission predicates read them as they read a
``Contribution`` or a ``Section``, and they share its rules through ``ContributionRules`` and
``SectionRules``.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from consult.consultation.models import (
    Channel,
    ContributionKind,
    ContributionRules,
    ContributionState,
    SectionRules,
)


class AuthorView(NamedTuple):
    """The author's public name."""

    display_name: str


class StakeholderView(NamedTuple):
    """The organisation a representative wrote for."""

    name: str


class ResponseView(NamedTuple):
    """The organizers' official answer."""

    body_html: str
    updated_at: datetime


@dataclass(slots=True, eq=False)
class ContributionView(ContributionRules):
    """A contribution as a section page shows it (``queries.PAGE_COLUMNS``, its people and its answer)."""

    id: int
    section_id: int
    kind: ContributionKind
    parent_id: int | None
    author_id: int | None
    channel: Channel
    received_on: date | None
    stakeholder_id: int | None
    body_html: str
    proposed_text: str | None
    state: ContributionState
    moderation_reason: str
    support_count: int
    flag_count: int
    reply_count: int
    created_at: datetime
    author: AuthorView | None
    stakeholder: StakeholderView | None
    response: ResponseView | None


#: the labels of the four columns ``contribution_view`` expects after the page's columns, in this order
AUTHOR_NAME, STAKEHOLDER_NAME, RESPONSE_HTML, RESPONSE_UPDATED_AT = (
    "author_name", "stakeholder_name", "response_html", "response_updated_at"
)  # fmt: skip


def contribution_view(row) -> ContributionView:
    """A read model from a row of the page's columns followed by the four labelled ones above.

    Positional: the page reads 20 to 60 of these per request, and building them by name cost as much as
    the query.
    """
    *columns, author_name, stakeholder_name, response_html, response_updated_at = row
    view = ContributionView(*columns, None, None, None)
    if view.author_id is not None:
        view.author = AuthorView(author_name)
    if view.stakeholder_id is not None:
        view.stakeholder = StakeholderView(stakeholder_name)
    if response_html is not None:
        view.response = ResponseView(response_html, response_updated_at)
    return view


@dataclass(slots=True, eq=False)
class SectionView(SectionRules):
    """A section as the draft page shows it, in the order of ``queries.OUTLINE_COLUMNS``."""

    id: int
    parent_id: int | None
    title: str
    body_html: str
    easy_read_html: str
    agree_count: int
    mixed_count: int
    disagree_count: int
    comment_count: int
    amendment_count: int
