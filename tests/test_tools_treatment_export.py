"""The treatment table as CSV (French conventions) and XLSX: current filters, every page, or the ticked rows."""

import csv
import io

from openpyxl import load_workbook

from consult.auth.models import Relation
from tests.factories import make_process, make_user
from tests.report_helpers import consulted_sections, contribute


def _setup(login_as):
    organizer = make_user()
    process = make_process(organizer)
    needs, offer = consulted_sections(organizer, process, ["Analyse des besoins", "État des lieux de l'offre"])
    return process, needs, offer, login_as(organizer)


def _csv_rows(response):
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_export_keeps_the_filters_and_spans_every_page(login_as, monkeypatch):
    process, needs, offer, client = _setup(login_as)
    monkeypatch.setattr("consult.report.treatment.listing.PER_PAGE", 2)
    for n in range(3):
        contribute(needs, f"Besoin {n}", category=Relation.FAMILY_CAREGIVER)
    contribute(offer, '=HYPERLINK("http://exemple.fr")', category=Relation.FAMILY_CAREGIVER)
    contribute(needs, "Autre catégorie", category=Relation.PROFESSIONAL)
    response = client.get(f"/concertations/{process.slug}/traitement/export.csv?category=family_caregiver")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = _csv_rows(response)
    assert rows[0][:3] == ["N°", "Section", "Type"]
    texts = [row[7] for row in rows[1:]]
    assert len(texts) == 4 and "Autre catégorie" not in texts
    assert '\'=HYPERLINK("http://exemple.fr")' in texts  # a formula stays text
    assert all("/" in row[12] for row in rows[1:])  # dates as dd/mm/yyyy


def test_export_of_the_ticked_contributions_only(login_as):
    process, needs, _offer, client = _setup(login_as)
    first = contribute(needs, "Cochée")
    contribute(needs, "Pas cochée")
    response = client.get(f"/concertations/{process.slug}/traitement/export.csv?selection=1&ids={first.id}")
    assert [row[7] for row in _csv_rows(response)[1:]] == ["Cochée"]
    nothing = client.get(f"/concertations/{process.slug}/traitement/export.csv?selection=1")
    assert nothing.status_code == 302


def test_xlsx_export_has_the_same_rows(login_as):
    process, needs, _offer, client = _setup(login_as)
    contribute(needs, "Plus de places en accueil de jour", supports=0)
    response = client.get(f"/concertations/{process.slug}/traitement/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.values)
    assert rows[0][0] == "N°" and rows[1][7] == "Plus de places en accueil de jour"


def test_export_is_for_those_who_treat_contributions(login_as):
    process, _needs, _offer, _client = _setup(login_as)
    assert login_as(make_user()).get(f"/concertations/{process.slug}/traitement/export.csv").status_code == 403
