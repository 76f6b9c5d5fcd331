"""Official responses sit beside the contributions they answer (web, PDF, open data); no Markdown leaks as text."""

import csv
import io
import zipfile

import pytest

from tests.helpers import text
from tests.report_publishing_fixture import build

RESPONSE = "Le bailleur social est associé au groupe logement."


@pytest.fixture
def published(report_dir, login_as):
    data = build()
    base = f"/concertations/{data['process'].slug}/bilan"
    login_as(data["orga"]).submit(base + "/publier", {"interim": "y"}, token_from=base + "/brouillon")
    return data, base


def test_the_response_follows_the_contribution_it_answers_in_the_web_annex(client, published):
    data, base = published
    page = text(client.get(base + "/versions/1/contributions"))
    answered = page.index("Adapter les logements.")
    response = page.index("Réponse officielle des organisateurs :")
    assert answered < response < page.index(RESPONSE) < page.index("Suite donnée :", answered)
    assert page.count("Réponse officielle des organisateurs :") == 1
    assert "<strong>toutes</strong>" in page and "**" not in page


def test_the_response_and_rendered_texts_are_in_the_pdf(app, client, published):
    from pypdf import PdfReader

    from consult.worker import run_once

    _data, base = published
    run_once()
    reader = PdfReader(io.BytesIO(client.get(base + "/versions/1/bilan.pdf").data))
    flat = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Réponse officielle des organisateurs" in flat and RESPONSE in flat
    assert "**" not in flat


def test_the_open_data_carries_the_response_and_plain_text_cells(client, published):
    data, base = published
    archive = zipfile.ZipFile(io.BytesIO(client.get(base + "/versions/1/donnees.zip").data))
    table = archive.read("contributions.csv").decode("utf-8-sig")
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(table, newline=""), delimiter=";")}
    c1, c2, c3 = data["c"][:3]
    assert rows[c3.id]["official_response"] == RESPONSE and rows[c1.id]["official_response"] == ""
    assert rows[c2.id]["proposed_text"] == "Former toutes les aides à domicile."
    assert rows[c1.id]["reason"] == "Retenu : plus d'heures."
    for name in archive.namelist():
        assert "**" not in archive.read(name).decode("utf-8-sig"), name
