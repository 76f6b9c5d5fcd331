"""Offline contributions: the scanned letter or notes kept with them, and a public meeting entered in one batch."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consult.consultation.models import Channel, Contribution, OfflineSource
from consult.db import db
from tests.factories import make_draft, make_process, make_stakeholder, make_user
from tests.helpers import text
from tests.test_groups_documents import EXE, PDF


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    return process, sections, organizer


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _meeting_url(process) -> str:
    return f"/concertations/{process.slug}/hors-ligne/reunion"


def _row(index, section, body, kind="comment", **extra) -> dict:
    row = {
        "section": str(section.id) if section else "",
        "kind": kind,
        "category": "",
        "organisation": "",
        "body": body,
    }
    return {f"rows-{index}-{name}": value for name, value in {**row, **extra}.items()}


def _meeting_form(key="key-1", **rows) -> dict:
    form = {"submission_key": key, "received_on": "2020-03-12", "place": "Salle des fêtes de Brioude"}
    for row in rows.values():
        form.update(row)
    return form


def test_a_letter_is_kept_with_its_contribution_and_only_organizers_open_it(app, setting, login_as):
    process, sections, organizer = setting
    url = f"/concertations/{process.slug}/sections/{sections[0].id}/hors-ligne"
    form = {"kind": "comment", "channel": "letter", "received_on": "2020-01-15", "category": "", "territory": ""}
    form.update(organisation="", body="Lettre d'une habitante.", document=(io.BytesIO(PDF), "lettre.pdf"))
    moderator = login_as(organizer)
    assert moderator.submit(url, form, token_from=url, content_type="multipart/form-data").status_code == 302
    contribution = db.session.scalar(select(Contribution))
    source = contribution.offline_source
    assert source.channel == Channel.LETTER and source.filename == "lettre.pdf"
    assert (Path(app.config["UPLOAD_DIR"]) / source.stored_name).read_bytes() == PDF
    download = f"/concertations/{process.slug}/hors-ligne/documents/{source.id}"
    assert "lettre.pdf" in text(moderator.get(f"/concertations/{process.slug}/contributions/{contribution.id}/gerer"))
    assert moderator.get(download).data == PDF
    assert login_as(make_user()).get(download).status_code == 403


def test_a_letter_of_a_refused_type_is_refused_and_nothing_is_recorded(setting, login_as):
    process, sections, organizer = setting
    url = f"/concertations/{process.slug}/sections/{sections[0].id}/hors-ligne"
    form = {"kind": "comment", "channel": "letter", "received_on": "2020-01-15", "category": "", "territory": ""}
    form.update(organisation="", body="Lettre.", document=(io.BytesIO(EXE), "lettre.pdf"))
    response = login_as(organizer).submit(url, form, token_from=url, content_type="multipart/form-data")
    assert response.status_code == 400 and "Ce type de fichier" in text(response)
    assert _count(Contribution) == 0 and _count(OfflineSource) == 0


def test_a_public_meeting_is_entered_in_one_batch_with_its_notes(setting, login_as):
    process, sections, organizer = setting
    apf = make_stakeholder(process, organizer, name="APF France handicap")
    url = _meeting_url(process)
    form = _meeting_form(
        a=_row(0, sections[0], "Il manque des places d'accueil de jour."),
        b=_row(2, sections[1], "Les aidants sont épuisés.", organisation=str(apf.id)),
    )
    form["document"] = (io.BytesIO(PDF), "notes.pdf")
    response = login_as(organizer).submit(url, form, token_from=url, content_type="multipart/form-data")
    assert response.status_code == 302
    contributions = list(db.session.scalars(select(Contribution).order_by(Contribution.id)))
    assert [c.section_id for c in contributions] == [sections[0].id, sections[1].id]
    assert {c.channel for c in contributions} == {Channel.PUBLIC_MEETING}
    assert contributions[1].stakeholder_id == apf.id
    source = db.session.scalar(select(OfflineSource))
    assert source.place == "Salle des fêtes de Brioude" and source.filename == "notes.pdf"
    assert {c.offline_source_id for c in contributions} == {source.id}


def test_a_bad_row_records_nothing_names_its_row_and_keeps_what_was_typed(setting, login_as):
    process, sections, organizer = setting
    url = _meeting_url(process)
    form = _meeting_form(
        a=_row(0, sections[0], "Première remarque, valable."),
        b=_row(1, None, "Remarque sans section."),
        c=_row(2, sections[1], "Un amendement sans texte proposé.", kind="amendment"),
    )
    response = login_as(organizer).submit(url, form, token_from=url)
    page = text(response)
    assert response.status_code == 400
    assert _count(Contribution) == 0 and _count(OfflineSource) == 0
    assert "Contribution 2" in page and "Contribution 3" in page and "Contribution 1 :" not in page
    assert "Première remarque, valable." in page and "Remarque sans section." in page
    assert "Salle des fêtes de Brioude" in page


def test_a_double_submitted_batch_is_recorded_once(setting, login_as):
    process, sections, organizer = setting
    url = _meeting_url(process)
    form = _meeting_form(a=_row(0, sections[0], "Une remarque entendue."))
    moderator = login_as(organizer)
    assert moderator.submit(url, form, token_from=url).status_code == 302
    assert moderator.submit(url, form, token_from=url).status_code == 302
    assert _count(Contribution) == 1 and _count(OfflineSource) == 1


def test_more_rows_keep_what_was_typed_and_record_nothing(setting, login_as):
    process, sections, organizer = setting
    url = _meeting_url(process)
    form = {**_meeting_form(a=_row(0, sections[0], "Texte déjà saisi.")), "more_rows": "1"}
    response = login_as(organizer).submit(url, form, token_from=url)
    assert response.status_code == 200 and "Texte déjà saisi." in text(response)
    assert 'name="rows-9-body"' in response.get_data(as_text=True)
    assert _count(Contribution) == 0


def test_only_organizers_enter_a_meeting_batch(setting, login_as):
    process, sections, _organizer = setting
    url = _meeting_url(process)
    participant = login_as(make_user())
    assert participant.get(url).status_code == 403
    form = _meeting_form(a=_row(0, sections[0], "Tentative."))
    assert participant.submit(url, form, token_from="/").status_code == 403
    assert _count(Contribution) == 0


def test_a_section_of_another_concertation_is_refused_in_its_row(setting, login_as):
    process, _sections, organizer = setting
    _other_draft, foreign_sections = make_draft(organizer, make_process(organizer))
    url = _meeting_url(process)
    response = login_as(organizer).submit(
        url, _meeting_form(a=_row(0, foreign_sections[0], "Ailleurs.")), token_from=url
    )
    assert response.status_code == 400 and _count(Contribution) == 0


def test_an_empty_batch_or_a_refused_notes_file_records_nothing_and_says_why(setting, login_as):
    process, sections, organizer = setting
    url = _meeting_url(process)
    moderator = login_as(organizer)
    empty = moderator.submit(url, _meeting_form(), token_from=url)
    assert empty.status_code == 400 and "Saisissez au moins une contribution." in text(empty)
    form = {**_meeting_form(a=_row(0, sections[0], "Une remarque.")), "document": (io.BytesIO(EXE), "notes.pdf")}
    refused = moderator.submit(url, form, token_from=url, content_type="multipart/form-data")
    assert refused.status_code == 400 and "Ce type de fichier" in text(refused)
    assert "Une remarque." in text(refused)
    assert _count(Contribution) == 0 and _count(OfflineSource) == 0
