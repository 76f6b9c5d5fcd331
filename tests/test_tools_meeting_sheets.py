"""Facilitators' meeting documents: registrants with their accessibility needs (CSV), attendance sheet (PDF)."""

import csv
import io

from consult.groups.meeting_models import AccessNeed
from tests.factories import make_group, make_meeting, make_process, make_registration, make_user


def _meeting_url(process, group, meeting):
    return f"/concertations/{process.slug}/groupes/{group.slug}/reunions/{meeting.id}"


def _world():
    organizer = make_user()
    process = make_process(organizer)
    group = make_group(process, organizer)
    meeting = make_meeting(group, organizer, title="Atelier mobilité")
    make_registration(make_user(name="Jeanne B."), meeting, needs=[AccessNeed.WHEELCHAIR, AccessNeed.SIGN_LANGUAGE])
    make_registration(make_user(name="Ali K."), meeting)
    return organizer, process, group, meeting


def test_registrants_csv_lists_everyone_with_their_accessibility_needs(login_as):
    organizer, process, group, meeting = _world()
    response = login_as(organizer).get(_meeting_url(process, group, meeting) + "/inscrits.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Nom", "Organisation", "Statut", "Besoins d'accessibilité"]
    jeanne = next(row for row in rows if row[0] == "Jeanne B.")
    assert "Accès en fauteuil roulant" in jeanne[3] and "Interprète" in jeanne[3]
    assert len(rows) == 3


def test_attendance_sheet_is_a_pdf_for_facilitators_only(login_as):
    organizer, process, group, meeting = _world()
    response = login_as(organizer).get(_meeting_url(process, group, meeting) + "/emargement.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    participant = login_as(make_user())
    assert participant.get(_meeting_url(process, group, meeting) + "/emargement.pdf").status_code == 403
    assert participant.get(_meeting_url(process, group, meeting) + "/inscrits.csv").status_code == 403
