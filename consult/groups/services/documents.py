"""Documents of a group: checked and stored by consult.uploads, served after a permission check."""

import logging

from flask_babel import lazy_gettext as _l

from consult.audit import record
from consult.db import atomic, db
from consult.groups import permissions
from consult.groups.errors import NotFacilitator
from consult.groups.meeting_models import Document
from consult.groups.models import Group
from consult.uploads import remove_upload, store_upload

logger = logging.getLogger(__name__)


@atomic
def attach_document(actor, group: Group, *, title: str, filename: str, data: bytes, meeting=None, is_public=False):
    """Store a document for a group or one of its meetings.

    Args:
        actor: a facilitator of the group.
        group: the group.
        title: the name shown on the page.
        filename: the uploaded file's name (only used for the download name).
        data: the file's bytes.
        meeting: the meeting it belongs to, if any.
        is_public: whether visitors may download it.

    Returns:
        The document.

    Raises:
        NotAllowed: the actor does not facilitate the group.
        RejectedFile: the type (read from the content) is not accepted, or the file is too large.
    """
    if not permissions.is_facilitator(actor, group):
        raise NotFacilitator(_l("Only the facilitators of this group may add documents."))
    stored = store_upload(filename, data)
    document = Document(
        group_id=group.id,
        meeting_id=meeting.id if meeting is not None else None,
        title=title.strip(),
        filename=stored.filename,
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        is_public=is_public,
        uploaded_by_id=actor.id,
    )
    db.session.add(document)
    db.session.flush()
    record(actor, "document.add", "document", document.id, process_id=group.process_id)
    logger.info("document %s (%s) added to group %s by user %s", document.id, stored.content_type, group.id, actor.id)
    return document


@atomic
def delete_document(actor, group: Group, document: Document):
    """Remove a document and its file.

    Raises:
        NotAllowed: the actor does not facilitate the group.
    """
    if not permissions.is_facilitator(actor, group):
        raise NotFacilitator(_l("Only the facilitators of this group may remove documents."))
    db.session.delete(document)
    record(actor, "document.delete", "document", document.id, process_id=group.process_id,
           changes={"title": [document.title, None]})  # fmt: skip
    remove_upload(document.stored_name)  # the file goes only once the row is really gone
