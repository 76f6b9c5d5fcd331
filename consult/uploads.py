"""Uploaded files (group documents, scanned letters): type read from the content, size limit, storage outside static/.

The one owner of what an upload may be and where it lives; domains keep only the row that points to the file.
"""

import re
import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import filetype
from flask import abort, current_app, send_file
from flask_babel import lazy_gettext as _l

from consult.db import on_commit
from consult.errors import DomainError

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


class RejectedFile(DomainError):
    """The file is of a type not accepted, or too large."""

    status_code = 400


class FileTooLarge(RejectedFile):
    """The file is over MAX_UPLOAD_MB (the message gives the limit)."""


class FileTypeRefused(RejectedFile):
    """The type read from the content is not one of the accepted ones."""

    def __init__(self, message: str = ""):
        super().__init__(
            message or str(_l("This type of file is not accepted. Send a PDF, ODT, DOCX, ODS, XLSX, PNG or JPEG file."))
        )


@dataclass(frozen=True)
class StoredFile:
    """A file written under UPLOAD_DIR: what a domain row keeps of it."""

    filename: str
    stored_name: str
    content_type: str
    size: int


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
    """Where uploaded files live: UPLOAD_DIR, outside static/."""
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_upload(data: bytes) -> str:
    """The detected kind of an acceptable upload.

    Raises:
        FileTooLarge: over MAX_UPLOAD_MB.
        FileTypeRefused: the content is not one of the accepted types.
    """
    max_mb = current_app.config["MAX_UPLOAD_MB"]
    if len(data) > max_mb * 1024 * 1024:
        raise FileTooLarge(str(_l("The file is too large: %(max)d MB at most.", max=max_mb)))
    kind = detect_kind(data)
    if kind is None:
        raise FileTypeRefused()
    return kind


def store_upload(filename: str, data: bytes) -> StoredFile:
    """Check an upload and write it under a random name; call it inside the transaction that keeps its row.

    Raises:
        RejectedFile: too large, or a type not accepted.
    """
    extension, content_type = ALLOWED[check_upload(data)]
    stored_name = f"{uuid.uuid4().hex}.{extension}"
    (upload_dir() / stored_name).write_bytes(data)
    return StoredFile(_clean_name(filename, extension), stored_name, content_type, len(data))


def remove_upload(stored_name: str) -> None:
    """Delete a stored file once the transaction that drops its row has committed."""
    path = upload_dir() / stored_name
    on_commit(lambda: path.unlink(missing_ok=True))


def send_upload(stored_name: str | None, *, content_type: str, filename: str):
    """The stored file as a private download under its original name; 404 when it is gone from the disk."""
    path = upload_dir() / (stored_name or "")
    if not stored_name or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=content_type, as_attachment=True, download_name=filename, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
