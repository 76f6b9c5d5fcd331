"""Documents: the type read from the content, the size limit, storage outside static/, checked downloads."""

import io
import zipfile
from pathlib import Path

import pytest

from consult.db import db
from consult.groups.meeting_models import Document
from consult.processes.models import PhaseKind
from tests.factories import make_group, make_member, make_process, make_user
from tests.helpers import text

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 32
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
ODS = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office/>"})
PLAIN_ZIP = _zip({"notes.txt": "bonjour"})


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    return group, organizer


def _base(group):
    return f"/concertations/{group.process.slug}/groupes/{group.slug}"


def _upload(client, group, data, filename, title="Diagnostic 2026", **extra):
    url = f"{_base(group)}/documents"
    form = {"title": title, "meeting_id": "0", "file": (io.BytesIO(data), filename), **extra}
    return client.submit(url, form, token_from=url, content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "extension"),
    [
        (PDF, "diagnostic.pdf", "application/pdf", "pdf"),
        (PNG, "carte.png", "image/png", "png"),
        (DOCX, "fiche.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        (XLSX, "budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        (ODT, "compte-rendu.odt", "application/vnd.oasis.opendocument.text", "odt"),
        (ODS, "tableau.ods", "application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ],
)
def test_accepted_types_are_detected_from_the_content(app, setting, login_as, data, filename, content_type, extension):
    group, organizer = setting
    assert _upload(login_as(organizer), group, data, "sans-extension").status_code == 302
    document = db.session.query(Document).one()
    assert document.content_type == content_type
    assert document.filename == f"sans-extension.{extension}"
    stored = Path(app.config["UPLOAD_DIR"]) / document.stored_name
    assert stored.read_bytes() == data
    assert "static" not in str(stored)


def test_a_renamed_executable_is_refused_and_the_typed_fields_are_kept(setting, login_as):
    group, organizer = setting
    response = _upload(login_as(organizer), group, EXE, "rapport.pdf", title="Rapport annuel", is_public="y")
    assert response.status_code == 400
    page = text(response)
    assert "Ce type de fichier n'est pas accepté" in page
    assert 'value="Rapport annuel"' in page
    assert 'checked id="is_public"' in page
    assert db.session.query(Document).count() == 0


def test_a_plain_zip_is_not_taken_for_an_office_document(setting, login_as):
    group, organizer = setting
    assert _upload(login_as(organizer), group, PLAIN_ZIP, "tableau.xlsx").status_code == 400


def test_an_oversize_file_is_refused(app, setting, login_as, monkeypatch):
    group, organizer = setting
    monkeypatch.setitem(app.config, "MAX_UPLOAD_MB", 1)
    response = _upload(login_as(organizer), group, PDF + b"0" * (1024 * 1024), "gros.pdf")
    assert response.status_code == 400
    assert "Le fichier est trop lourd : 1 Mo au maximum" in text(response)


def test_members_only_documents_are_refused_to_visitors_and_outsiders(setting, client, login_as):
    group, organizer = setting
    _upload(login_as(organizer), group, PDF, "interne.pdf", title="Document interne")
    document = db.session.query(Document).one()
    url = f"{_base(group)}/documents/{document.id}"
    assert client.get(url).status_code == 302
    assert login_as(make_user()).get(url).status_code == 403
    _stakeholder, member = make_member(group, organizer)
    response = login_as(member).get(url)
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Document interne" not in text(client.get(_base(group)))


def test_public_documents_are_downloaded_by_anyone(setting, client, login_as):
    group, organizer = setting
    _upload(login_as(organizer), group, PDF, "mandat.pdf", title="Mandat du groupe", is_public="y")
    document = db.session.query(Document).one()
    assert "Mandat du groupe" in text(client.get(_base(group)))
    response = client.get(f"{_base(group)}/documents/{document.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=mandat.pdf"


def test_only_facilitators_add_documents(setting, login_as):
    group, organizer = setting
    _stakeholder, member = make_member(group, organizer)
    assert _upload(login_as(member), group, PDF, "a.pdf").status_code == 403
