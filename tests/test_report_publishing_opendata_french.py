"""Open data a French reader can use: codes kept, a French label beside each, one table per breakdown."""

import csv
import io
import json
import zipfile

import pytest

from tests.report_publishing_fixture import build


@pytest.fixture
def archive(report_dir, login_as, client):
    data = build()
    base = f"/concertations/{data['process'].slug}/bilan"
    login_as(data["orga"]).submit(base + "/publier", {"interim": "y"}, token_from=base + "/brouillon")
    return zipfile.ZipFile(io.BytesIO(client.get(base + "/versions/1/donnees.zip").data))


def _rows(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";"))


def test_every_coded_column_keeps_its_code_and_has_its_french_label_beside_it(archive):
    rows = _rows(archive, "contributions.csv")
    header = list(rows[0])
    for coded in ("kind", "channel", "contributor_category", "disposition", "is_reply"):
        assert header[header.index(coded) + 1] == f"{coded}_label"
    treated = next(r for r in rows if r["disposition"] == "partly_accepted")
    assert treated["disposition_label"] == "Partiellement retenue"
    assert {(r["kind"], r["kind_label"]) for r in rows} >= {("comment", "Commentaire"), ("amendment", "Amendement")}
    assert {r["is_reply_label"] for r in rows} == {"oui", "non"}
    assert {r["channel_label"] for r in rows} >= {"En ligne"}


def test_figures_come_as_one_table_per_breakdown(archive):
    names = set(archive.namelist())
    assert "figures.csv" not in names
    for table in ("chiffres_cles", "contributions_par_categorie", "contributions_par_canal", "suite_donnee"):
        assert f"{table}.csv" in names and f"{table}.json" in names
    dispositions = {r["disposition"]: (r["disposition_label"], r["count"]) for r in _rows(archive, "suite_donnee.csv")}
    assert dispositions["accepted"] == ("Retenue", "1")
    stakeholders = _rows(archive, "parties_prenantes.csv")
    assert list(stakeholders[0]) == ["category", "category_label", "identified", "invited", "active"]


def test_the_schema_titles_and_describes_every_field_in_french(archive):
    descriptor = json.loads(archive.read("datapackage.json"))
    fields = [f for r in descriptor["resources"] for f in r["schema"]["fields"]]
    assert all(f["title"] and f["description"] for f in fields)
    titles = {
        f["name"]: f["title"]
        for r in descriptor["resources"]
        if r["name"] == "contributions-csv"
        for f in r["schema"]["fields"]
    }
    assert titles["disposition"] == "Suite donnée" and titles["disposition_label"] == "Suite donnée (libellé)"
