"""Publishing the report: refusal with untreated contributions, interim reports, frozen revisions, files."""

import io
import json
import zipfile

import pytest

from consult.db import db
from consult.report.models import ReportRevision
from tests.factories import make_user
from tests.helpers import text
from tests.report_publishing_fixture import EMAILS, PRIVATE_NAMES, build, pending_comment, treat_the_rest

JSON = {"Accept": "application/json"}


@pytest.fixture
def data(report_dir):
    return build()


def _base(data):
    return f"/concertations/{data['process'].slug}/bilan"


def test_publishing_is_refused_while_contributions_are_untreated(login_as, data):
    client = login_as(data["orga"])
    response = client.submit(_base(data) + "/publier", {}, token_from=_base(data) + "/brouillon")
    assert response.status_code == 409
    assert "2 contributions n'ont pas encore de suite donnée" in text(response)
    assert db.session.query(ReportRevision).count() == 0


def test_an_interim_report_states_how_many_contributions_remain(login_as, client, data, mailbox):
    organizer = login_as(data["orga"])
    response = organizer.submit(_base(data) + "/publier", {"interim": "y"}, token_from=_base(data) + "/brouillon")
    assert response.status_code == 302 and response.headers["Location"].endswith("/bilan/versions/1")
    page = text(client.get(_base(data) + "/versions/1"))
    assert "Bilan d'étape :" in page and "2 contributions n'étaient pas encore traitées" in page
    assert "Le PDF est en cours de fabrication" in page
    assert client.get(_base(data) + "/versions/1/bilan.pdf").status_code == 404
    mailbox.deliver()  # the worker builds the PDF
    page = text(client.get(_base(data) + "/versions/1"))
    assert "Télécharger le bilan (PDF accessible)" in page


def test_a_contribution_awaiting_moderation_also_blocks_a_final_report(login_as, data):
    treat_the_rest(data)
    pending_comment(data)
    client = login_as(data["orga"])
    response = client.submit(_base(data) + "/publier", {}, token_from=_base(data) + "/brouillon")
    assert response.status_code == 409
    assert "1 contribution attend sa modération" in text(response)
    assert db.session.query(ReportRevision).count() == 0


def test_the_process_page_links_to_the_latest_published_report(login_as, client, data):
    process_page = f"/concertations/{data['process'].slug}"
    assert "Lire le bilan de la concertation" not in text(client.get(process_page))
    login_as(data["orga"]).submit(_base(data) + "/publier", {"interim": "y"}, token_from=_base(data) + "/brouillon")
    page = text(client.get(process_page))
    assert "Lire le bilan de la concertation" in page
    assert _base(data) + "/versions/1" in page


def test_a_new_revision_leaves_the_earlier_one_unchanged(login_as, client, data):
    organizer = login_as(data["orga"])
    organizer.submit(_base(data) + "/publier", {"interim": "y"}, token_from=_base(data) + "/brouillon")
    first = client.get(_base(data) + "/versions/1", headers=JSON).get_json()
    treat_the_rest(data)
    response = organizer.submit(_base(data) + "/publier", {}, token_from=_base(data) + "/brouillon")
    assert response.status_code == 302
    assert client.get(_base(data) + "/versions/1", headers=JSON).get_json() == first
    second = client.get(_base(data) + "/versions/2", headers=JSON).get_json()
    assert first["treatment"]["untreated"] == 2 and second["treatment"]["untreated"] == 0
    assert client.get(_base(data)).headers["Location"].endswith("/versions/2")
    page = text(client.get(_base(data) + "/versions/1"))
    assert "Une version plus récente existe" in page
    listing = text(client.get(_base(data) + "/versions/1/contributions"))
    assert "Pas encore traitée" in listing and "Motif de la décision." not in listing
    assert "Hors budget cette année." in listing and "CONTENU MASQUÉ" not in listing


def test_the_pdf_is_tagged_in_french_with_every_section(login_as, client, data):
    from pypdf import PdfReader

    from consult.worker import run_once

    login_as(data["orga"]).submit(_base(data) + "/publier", {"interim": "y"}, token_from=_base(data) + "/brouillon")
    run_once()
    response = client.get(_base(data) + "/versions/1/bilan.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert reader.outline, "bookmarks from the headings"
    content = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(content.split())
    for heading in (
        "En bref",
        "Comment la concertation s'est déroulée",
        "Qui a participé",
        "Les avis sur chaque section",
        "La suite donnée aux contributions",
        "Groupes de travail",
        "Et après ?",
        "Méthode",
        "Annexe : les contributions auxquelles les organisateurs ont répondu",
        "dans les données ouvertes (fichier contributions.csv)",
        "Maintien à domicile",
        "Soutien aux aidants",
        "Page 1 /",
    ):
        assert heading in flat, heading
    assert "Schéma de l'autonomie de la Drôme-des-Collines" in reader.pages[-1].extract_text()


def test_the_open_data_package_is_valid_and_holds_no_personal_data(login_as, client, data, tmp_path):
    from frictionless import Package

    login_as(data["orga"]).submit(_base(data) + "/publier", {"interim": "y"}, token_from=_base(data) + "/brouillon")
    response = client.get(_base(data) + "/versions/1/donnees.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8-sig")
    for secret in EMAILS + PRIVATE_NAMES + ["CONTENU MASQUÉ", "CONTENU RETIRÉ"]:
        assert secret.lower() not in everything.lower(), secret
    assert archive.read("contributions.csv").startswith(b"\xef\xbb\xbf")
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["licenses"][0]["title"] == "Licence Ouverte 2.0"
    folder = tmp_path / "package"
    archive.extractall(folder)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = json.loads(archive.read("contributions.json"))
    assert len(rows) == 6 and {r["organisation"] for r in rows} == {"", "APF France handicap Drôme"}
    assert "APF France handicap Drôme" in everything


def test_the_former_texts_address_leads_to_the_one_texts_screen(login_as, data):
    response = login_as(data["orga"]).get(_base(data) + "/textes")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/concertations/{data['process'].slug}/traitement/textes")


def test_report_texts_are_saved_and_rendered_inert(login_as, data):
    client = login_as(data["orga"])
    url = f"/concertations/{data['process'].slug}/traitement/textes"
    response = client.submit(
        url,
        {
            "legal_frame_md": "Article L. 312-5 <script>alert(1)</script>",
            "next_steps_md": "Un **comité de suivi**.",
            "licence": "",
        },
        token_from=url,
    )
    assert response.status_code == 302
    raw = client.get(_base(data) + "/brouillon").get_data(as_text=True)
    page = text(client.get(_base(data) + "/brouillon"))
    assert "Article L. 312-5" in page and "<script>alert(1)" not in raw
    assert "<strong>comité de suivi</strong>" in page
    long = client.submit(url, {"licence": "x" * 81}, token_from=url)
    assert long.status_code == 400 and "caractères au maximum" in text(long)


def test_permissions_of_every_report_route(login_as, client, data):
    participant = login_as(make_user())
    base = _base(data)
    for url in (base + "/brouillon", base + "/brouillon/contributions"):
        assert "/connexion" in client.get(url).headers["Location"]
        assert participant.get(url).status_code == 403
        assert login_as(data["orga"]).get(url).status_code == 200
    assert participant.post(base + "/publier", data={"csrf_token": participant.csrf_token()}).status_code == 403
    assert client.post(base + "/publier", data={"csrf_token": client.csrf_token()}).status_code == 302
    texts = f"/concertations/{data['process'].slug}/traitement/textes"
    assert participant.post(texts, data={"csrf_token": participant.csrf_token()}).status_code == 403
    # no revision yet: nothing public; organizers are sent to the draft
    assert client.get(base).status_code == 404
    assert login_as(data["orga"]).get(base).headers["Location"].endswith("/bilan/brouillon")
    assert client.get(base + "/versions/1").status_code == 404
    login_as(data["orga"]).submit(base + "/publier", {"interim": "y"}, token_from=base + "/brouillon")
    for url in (base, base + "/versions/1", base + "/versions/1/contributions", base + "/versions/1/donnees.zip"):
        assert client.get(url).status_code in (200, 302), url
        assert participant.get(url).status_code in (200, 302), url
    assert login_as(data["orga"]).post(base + "/publier", data={}).status_code == 400  # no CSRF token


def test_a_final_report_waits_for_the_consultation_to_close_and_an_interim_one_says_so(
    report_dir, login_as, client, app
):
    from consult.report.errors import ConsultationStillOpen
    from consult.report.publishing.snapshot.services import publish_report
    from tests.factories import make_process, treat
    from tests.report_helpers import consulted_sections, contribute

    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)  # open for two more weeks
    treat(organizer, contribute(section, "Un avis"), "accepted", reason="Oui.")
    with app.test_request_context(), pytest.raises(ConsultationStillOpen):
        publish_report(organizer, process)
    base = f"/concertations/{process.slug}/bilan"
    refused = login_as(organizer).submit(base + "/publier", {}, token_from=base + "/brouillon")
    assert refused.status_code == 409 and "La consultation n'est pas encore close" in text(refused)
    revision = publish_report(organizer, process, interim=True)
    assert revision.is_interim and revision.untreated_count == 0
    page = text(client.get(f"{base}/versions/{revision.number}"))
    assert "Bilan d'étape :" in page and "La consultation était encore ouverte lors de sa publication." in page
