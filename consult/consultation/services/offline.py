"""Contributions received offline (letter, call, public meeting), entered by organizers one by one or in a batch."""

import logging
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult.audit import record
from consult.auth.models import Relation, User
from consult.consultation import permissions
from consult.consultation.errors import (
    AlreadyRecorded,
    EmptyText,
    InvalidOfflineEntry,
    NotOrganizer,
    OfflineBatchRejected,
)
from consult.consultation.models import (
    Channel,
    Contribution,
    ContributionKind,
    ContributionState,
    OfflineSource,
    Section,
)
from consult.consultation.services.common import set_state
from consult.dates import paris_today
from consult.db import atomic, db
from consult.errors import DomainError
from consult.text import plain_to_html
from consult.uploads import RejectedFile, check_upload, store_upload

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """An uploaded file as the form gives it: its name and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class OfflineEntry:
    """One contribution heard at a public meeting (a row of the batch form)."""

    section: Section | None
    kind: ContributionKind
    body: str
    proposed_text: str = ""
    category: Relation | None = None
    stakeholder: object | None = None


def _require_organizer(actor: User, process) -> None:
    if not permissions.can_record_offline(actor, process):
        raise NotOrganizer(str(_l("Only the organizers of this concertation may enter offline contributions.")))


def _check_date(received_on: date) -> None:
    # the organizer's today, in Paris: the UTC date is still yesterday for an hour or two after midnight
    if received_on > paris_today():
        raise InvalidOfflineEntry(str(_l("The date of receipt cannot be in the future.")))


def _new_source(actor, process, *, channel, received_on, place="", attachment=None, submission_key=None):
    """The source row, its file stored through consult.uploads; a used submission key means a double submit."""
    if submission_key and db.session.scalar(
        select(OfflineSource.id).where(OfflineSource.submission_key == submission_key)
    ):
        raise AlreadyRecorded(str(_l("These contributions are already recorded.")))
    source = OfflineSource(
        process_id=process.id, channel=channel, received_on=received_on, place=place.strip(),
        recorded_by_id=actor.id, submission_key=submission_key or None,
    )  # fmt: skip
    if attachment is not None:
        _attach(source, attachment)
    db.session.add(source)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same form submitted twice at once: the other request holds the key
        raise AlreadyRecorded(str(_l("These contributions are already recorded."))) from None
    return source


@atomic
def record_offline_contribution(
    actor: User,
    section: Section,
    *,
    kind: ContributionKind,
    channel: Channel,
    received_on: date,
    body: str,
    proposed_text: str = "",
    category: Relation | None = None,
    territory: str = "",
    stakeholder=None,
    attachment: Attachment | None = None,
    source: OfflineSource | None = None,
) -> Contribution:
    """Enter a contribution received at a meeting, by letter, phone or mail, with no account behind it.

    Args:
        actor: an organizer of the concertation.
        section: the section it is about.
        kind: comment or amendment.
        channel: how it was received (not online).
        received_on: the day it was received.
        body: what the person said (for an amendment, the reason given).
        proposed_text: an amendment's replacement text.
        category: the contributor's profile, if known.
        territory: the contributor's territory, if known.
        stakeholder: the organisation of the concertation's registry it was written on behalf of, if any.
        attachment: the scanned letter or the notes, kept with the contribution's source (organizers only).
        source: the meeting it was heard at, when entered in a batch (``record_offline_meeting``).

    It is published at once (an organizer typed it) and counts like the others.

    Raises:
        NotOrganizer: the actor may not record offline contributions here.
        InvalidOfflineEntry: online channel, a date in the future, or an organisation of another concertation.
        EmptyText: empty text, or an amendment without text.
        RejectedFile: the attachment is too large or of a type not accepted.
    """
    process = section.version.draft.process
    _require_organizer(actor, process)
    if channel == Channel.ONLINE:
        raise InvalidOfflineEntry(str(_l("Choose how the contribution was received.")))
    if not body.strip() or (kind == ContributionKind.AMENDMENT and not proposed_text.strip()):
        raise EmptyText(str(_l("Enter the text of the contribution.")))
    _check_date(received_on)
    if stakeholder is not None and stakeholder.process_id != process.id:
        raise InvalidOfflineEntry(str(_l("This organisation is not in the registry of this concertation.")))
    if source is None:
        source = _new_source(actor, process, channel=channel, received_on=received_on, attachment=attachment)
    contribution = Contribution(
        process_id=process.id, section_id=section.id, kind=kind, channel=channel, received_on=received_on,
        contributor_category=category, contributor_territory=territory.strip() or None,
        stakeholder_id=stakeholder.id if stakeholder is not None else None, offline_source_id=source.id,
        body=body.strip(), body_html=plain_to_html(body.strip()), state=ContributionState.PENDING,
        proposed_text=proposed_text.strip() or None,
        justification=body.strip() if kind == ContributionKind.AMENDMENT else None,
    )  # fmt: skip
    db.session.add(contribution)
    db.session.flush()
    set_state(contribution, ContributionState.PUBLISHED)
    record(actor, "consultation.offline", "contribution", contribution.id, process_id=process.id,
           changes={"channel": [None, channel.value]})  # fmt: skip
    return contribution


def _record_rows(actor, process, source, entries: list[OfflineEntry]) -> tuple[list[Contribution], dict[int, str]]:
    """Each row through ``record_offline_contribution`` (a savepoint each); the errors by row index."""
    recorded, errors = [], {}
    for index, entry in enumerate(entries):
        if entry.section is None or entry.section.version.draft.process_id != process.id:
            errors[index] = str(_l("Choose the section the contribution is about."))
            continue
        try:
            recorded.append(record_offline_contribution(
                actor, entry.section, kind=entry.kind, channel=source.channel, received_on=source.received_on,
                body=entry.body, proposed_text=entry.proposed_text, category=entry.category,
                stakeholder=entry.stakeholder, source=source,
            ))  # fmt: skip
        except DomainError as error:
            errors[index] = error.message
    return recorded, errors


@atomic
def record_offline_meeting(
    actor: User,
    process,
    *,
    received_on: date,
    place: str,
    entries: list[OfflineEntry],
    attachment: Attachment | None = None,
    submission_key: str = "",
) -> list[Contribution]:
    """Enter every contribution heard at one public meeting, all or nothing.

    Args:
        actor: an organizer of the concertation.
        process: the concertation.
        received_on: the day of the meeting.
        place: where it took place.
        entries: the contributions, in the order typed.
        attachment: the meeting's notes (or a scan), kept with the meeting (organizers only).
        submission_key: the form's one-time key; a second submit of the same form records nothing.

    Returns:
        The contributions, published.

    Raises:
        NotOrganizer: the actor may not record offline contributions here.
        InvalidOfflineEntry: a date in the future.
        AlreadyRecorded: this form was already submitted.
        OfflineBatchRejected: no row, bad rows (``row_errors``) or a refused document; nothing is recorded.
    """
    _require_organizer(actor, process)
    _check_date(received_on)
    if not entries:
        raise OfflineBatchRejected(str(_l("Enter at least one contribution.")))
    file_error = ""
    if attachment is not None:
        try:
            check_upload(attachment.data)
        except RejectedFile as error:
            file_error = error.message
    source = _new_source(actor, process, channel=Channel.PUBLIC_MEETING, received_on=received_on, place=place,
                         submission_key=submission_key)  # fmt: skip
    recorded, row_errors = _record_rows(actor, process, source, entries)
    if row_errors or file_error:
        # the outer transaction drops the rows already written
        raise OfflineBatchRejected(row_errors=row_errors, file_error=file_error)
    if attachment is not None:
        _attach(source, attachment)
    logger.info("%s offline contributions of meeting %s entered by user %s", len(recorded), source.id, actor.id)
    return recorded


def _attach(source: OfflineSource, attachment: Attachment) -> None:
    stored = store_upload(attachment.filename, attachment.data)
    source.filename, source.stored_name = stored.filename, stored.stored_name
    source.content_type, source.size = stored.content_type, stored.size
