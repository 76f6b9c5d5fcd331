"""Documents of a group: type checked from the content, stored outside static/, served after a permission check."""

import logging
import re
import uuid
import zipfile
from io import BytesIO
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l

from consult.audit import record
from consult.db import atomic, db, on_commit
from consult.groups import permissions
from consult.groups.errors import FileTooLarge, FileTypeRefused, NotFacilitator
from consult.groups.meeting_models import Document
from consult.groups.models import Group

logger = logging.getLogger(__name__)

# Detected kind -> (extension, content type). Office formats are zip files, told apart by their inside.
ALLOWED = {
    "pdf": ("pdf", "application/pdf"),
    "png": ("png", "image/png"),
    "jpeg": ("jpg", "image/jpeg"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "ods": ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
_MAGIC = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpeg"}
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _zip_kind(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            return _OPENDOCUMENT.get(archive.read("mimetype").strip())
        if "[Content_Types].xml" in names:
            if any(name.startswith("word/") for name in names):
                return "docx"
            if any(name.startswith("xl/") for name in names):
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def detect_kind(data: bytes) -> str | None:
    """The kind of an allowed file read from its content (never its name), or None."""
    if data[:4] == b"PK\x03\x04":
        return _zip_kind(data)
    guess = filetype.guess(data)
    return _MAGIC.get(guess.mime) if guess else None


def _clean_name(name: str, extension: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", Path(name or "document").stem, flags=re.UNICODE).strip("-.")[:80]
    return f"{stem or 'document'}.{extension}"


def upload_dir() -> Path:
    """Where documents live: UPLOAD_DIR, outside static/."""
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


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
    max_mb = current_app.config["MAX_UPLOAD_MB"]
    if len(data) > max_mb * 1024 * 1024:
        raise FileTooLarge(_l("The file is too large: %(max)d MB at most.", max=max_mb))
    kind = detect_kind(data)
    if kind is None:
        raise FileTypeRefused()
    extension, content_type = ALLOWED[kind]
    stored_name = f"{uuid.uuid4().hex}.{extension}"
    (upload_dir() / stored_name).write_bytes(data)
    document = Document(
        group_id=group.id,
        meeting_id=meeting.id if meeting is not None else None,
        title=title.strip(),
        filename=_clean_name(filename, extension),
        stored_name=stored_name,
        content_type=content_type,
        size=len(data),
        is_public=is_public,
        uploaded_by_id=actor.id,
    )
    db.session.add(document)
    db.session.flush()
    record(actor, "document.add", "document", document.id, process_id=group.process_id)
    logger.info("document %s (%s) added to group %s by user %s", document.id, kind, group.id, actor.id)
    return document


@atomic
def delete_document(actor, group: Group, document: Document):
    """Remove a document and its file.

    Raises:
        NotAllowed: the actor does not facilitate the group.
    """
    if not permissions.is_facilitator(actor, group):
        raise NotFacilitator(_l("Only the facilitators of this group may remove documents."))
    path = upload_dir() / document.stored_name
    db.session.delete(document)
    record(actor, "document.delete", "document", document.id, process_id=group.process_id)
    on_commit(lambda: path.unlink(missing_ok=True))  # the file goes only once the row is really gone
