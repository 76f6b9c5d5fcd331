"""PDF builds are claimed like mail: two workers never build the same PDF; a failed build can be retried."""

import threading
import time

import pytest

from consult.db import db
from consult.report.models import ReportRevision
from consult.report.publishing import pdf
from consult.report.publishing.snapshot.services import publish_report
from tests.factories import make_comment, make_draft, make_process, make_user


@pytest.fixture
def revision(report_dir):
    organizer = make_user()
    process = make_process(organizer, title="Schéma des solidarités")
    _draft, sections = make_draft(organizer, process)
    make_comment(make_user(), sections[1], "Un avis sur la deuxième partie.")
    return publish_report(organizer, process, interim=True)


def test_two_workers_build_a_revision_pdf_once(app, real_commits, revision, monkeypatch):
    builds = []

    def slow_render(rev):
        builds.append(rev.id)
        time.sleep(0.3)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(pdf, "render_pdf", slow_render)
    start = threading.Barrier(2)

    def work():
        with app.app_context():
            start.wait()
            pdf.build_pending_pdfs(pdf.utcnow())
            db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [revision.id]
    db.session.expire_all()
    assert db.session.get(ReportRevision, revision.id).pdf_path


def test_a_failed_pdf_build_is_listed_for_admins_and_retried(app, revision, login_as, mailbox, monkeypatch):
    def broken_render(rev):
        raise RuntimeError("font missing")

    monkeypatch.setattr(pdf, "render_pdf", broken_render)
    mailbox.deliver()
    monkeypatch.undo()
    rev = db.session.get(ReportRevision, revision.id)
    assert rev.pdf_error == "font missing" and rev.pdf_path is None
    admin = login_as(make_user(admin=True))
    page = admin.get("/admin/envois-en-echec").get_data(as_text=True)
    assert "font missing" in page and "Schéma des solidarités" in page
    response = admin.submit(f"/admin/envois-en-echec/travaux/report-pdf/{rev.id}", token_from="/admin/envois-en-echec")
    assert response.status_code == 302
    monkeypatch.setattr(pdf, "render_pdf", lambda rev: b"%PDF-1.7 test")
    mailbox.deliver()
    db.session.expire_all()
    assert db.session.get(ReportRevision, rev.id).pdf_path
    assert admin.submit("/admin/envois-en-echec/travaux/unknown/1").status_code == 404
