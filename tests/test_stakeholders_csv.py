"""CSV import (both encodings and separators, preview, one transaction, updates) and export round-trip."""

import csv
import io

import pytest

from consult.audit import AuditEntry
from consult.db import db
from consult.stakeholders.models import (
    ImportPreview,
    InvolvementLevel,
    Stakeholder,
    StakeholderCategory,
    StakeholderStatus,
)
from tests.factories import make_process, make_stakeholder, make_user
from tests.helpers import text

HEADER = "nom;type;categorie;domaines;territoire;niveau;influence;interet;statut;notes;contact_nom;contact_email;contact_telephone"
GOOD_ROWS = [
    "APF France handicap – délégation;Organisation;Usagers et leurs représentants;Handicap;Valence;Co-construire;4;5;"
    "Identifiée;Très présente;Nadia Benali;nadia@apf.exemple.fr;04 75 11 22 33",
    "CCAS de Crest;organisation;Institutions;Autonomie et personnes âgées, Handicap;Crest;Concerter;3;4;Identifiée;;"
    "Paul Roux;accueil@ccas-crest.exemple.fr;",
    "Mme Lefèvre, aidante;Personne;usagers et leurs representants;Autonomie et personnes âgées;Die;Consulter;1;5;"
    "Identifiée;;;;",
]


def _setup():
    organizer = make_user()
    return organizer, make_process(organizer)


def _preview(client, process, data: bytes, filename="registre.csv"):
    url = f"/concertations/{process.slug}/parties-prenantes/importer"
    return client.submit(
        url, {"file": (io.BytesIO(data), filename)}, token_from=url, content_type="multipart/form-data"
    )


def _import(client, process, data: bytes):
    response = _preview(client, process, data)
    assert response.status_code == 302, text(response)
    preview_url = response.headers["Location"]
    return client.submit(f"{preview_url}/confirmer", token_from=preview_url)


def test_utf8_semicolon_file_is_previewed_then_imported(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    data = ("\n".join([HEADER, *GOOD_ROWS]) + "\n").encode("utf-8")
    response = _preview(client, process, data)
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "3 parties prenantes à ajouter" in page and "0 ligne refusée" in page
    assert db.session.query(Stakeholder).count() == 0, "nothing is imported before confirmation"
    response = client.submit(f"{response.headers['Location']}/confirmer", token_from=response.headers["Location"])
    assert "Import terminé : 3 ajoutées" in text(client.get(response.headers["Location"]))
    apf = db.session.query(Stakeholder).filter_by(contact_email="nadia@apf.exemple.fr").one()
    assert apf.category == StakeholderCategory.SERVICE_USERS
    assert apf.level == InvolvementLevel.CO_CONSTRUCT
    assert (apf.influence, apf.interest, apf.fields) == (4, 5, ["disability"])
    ccas = db.session.query(Stakeholder).filter_by(name="CCAS de Crest").one()
    assert ccas.fields == ["autonomy_elderly", "disability"]
    assert db.session.query(ImportPreview).count() == 0


def test_windows_1252_comma_file_with_codes_is_imported(login_as):
    organizer, process = _setup()
    rows = [
        "name,kind,category,fields,territory,level,influence,interest,status",
        "Association des aidants de Romans,organisation,associations,autonomy_elderly,Romans-sur-Isère,concert,2,4,invited",
        '"EHPAD Les Tilleuls, Saint-Vallier",organisation,professionals,autonomy_elderly,Saint-Vallier,consult,3,3,',
    ]
    data = "\r\n".join(rows).encode("cp1252")
    _import(login_as(organizer), process, data)
    names = sorted(s.name for s in db.session.query(Stakeholder))
    assert names == ["Association des aidants de Romans", "EHPAD Les Tilleuls, Saint-Vallier"]
    aidants = db.session.query(Stakeholder).filter_by(name="Association des aidants de Romans").one()
    assert aidants.territory == "Romans-sur-Isère"
    assert aidants.status == StakeholderStatus.INVITED


def test_utf8_with_bom_is_read(login_as):
    organizer, process = _setup()
    data = ("\ufeff" + HEADER + "\n" + GOOD_ROWS[0]).encode("utf-8")
    _import(login_as(organizer), process, data)
    assert db.session.query(Stakeholder).one().name == "APF France handicap – délégation"


def test_mixed_file_lists_rejected_rows_with_line_and_reason_and_imports_the_others(login_as):
    organizer, process = _setup()
    rows = [
        HEADER,
        GOOD_ROWS[0],
        "Inconnue;Organisation;Club de foot;Handicap;Valence;Consulter;3;3;Identifiée;;;;",
        "Mauvais mail;Organisation;Institutions;;;Consulter;3;3;;;;pas-une-adresse;",
        "Note trop forte;Organisation;Institutions;;;Consulter;9;3;;;;;",
        "Domaine faux;Organisation;Institutions;Jardinage;;;;;;;;;",
        "Téléphone faux;Organisation;Institutions;;;;;;;;;;appelez-moi",
        ";Organisation;Institutions;;;;;;;;;;",
        "APF France handicap – délégation;Organisation;Institutions;;;;;;;;;;",
        "Statut faux;Organisation;Institutions;;;;;;Enthousiaste;;;;",
    ]
    client = login_as(organizer)
    response = _preview(client, process, "\n".join(rows).encode("utf-8"))
    page = text(client.get(response.headers["Location"]))
    assert "8 lignes refusées" in page and "1 partie prenante à ajouter" in page
    for expected in (
        '<th scope="row">3</th><td>Inconnue</td><td>catégorie inconnu(e) : « Club de foot ». Valeurs possibles :',
        '<th scope="row">4</th><td>Mauvais mail</td><td>Adresse électronique non valide : « pas-une-adresse ».',
        '<th scope="row">5</th><td>Note trop forte</td><td>influence : un nombre entier de 1 à 5 est attendu',
        '<th scope="row">6</th><td>Domaine faux</td><td>domaines inconnu(e) : « Jardinage ».',
        '<th scope="row">7</th><td>Téléphone faux</td><td>Numéro de téléphone non valide',
        '<th scope="row">8</th><td>–</td><td>Le nom manque.',
        '<th scope="row">9</th><td>APF France handicap – délégation</td><td>Doublon de la ligne 2.',
        '<th scope="row">10</th><td>Statut faux</td><td>statut inconnu(e) : « Enthousiaste ».',
    ):
        assert expected in page, expected
    client.submit(f"{response.headers['Location']}/confirmer", token_from=response.headers["Location"])
    assert [s.name for s in db.session.query(Stakeholder)] == ["APF France handicap – délégation"]


def test_too_long_values_are_rejected_with_the_limit(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    data = f"nom;categorie;territoire\n{'x' * 201};Institutions;{'y' * 121}\n".encode()
    response = _preview(client, process, data)
    page = text(client.get(response.headers["Location"]))
    assert "nom : 200 caractères au plus." in page and "territoire : 120 caractères au plus." in page


def test_a_file_without_header_is_refused_and_nothing_is_imported(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    response = _preview(client, process, b"Une ligne;sans en-tete\nAutre;ligne\n")
    assert response.status_code == 400
    assert "Aucune ligne d'en-tête trouvée" in text(response)
    response = _preview(client, process, "nom;type\nCAF;Organisation\n".encode())
    assert "pas de colonne « categorie »" in text(response)
    assert db.session.query(Stakeholder).count() == 0
    assert db.session.query(ImportPreview).count() == 0


def test_a_previewed_file_is_not_imported_until_confirmed(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    _preview(client, process, ("\n".join([HEADER, *GOOD_ROWS])).encode())
    _preview(client, process, ("\n".join([HEADER, GOOD_ROWS[0]])).encode())
    assert db.session.query(Stakeholder).count() == 0
    assert db.session.query(ImportPreview).count() == 1, "a new preview replaces the previous one"


def test_existing_stakeholders_matched_by_email_or_name_are_updated_not_duplicated(login_as):
    organizer, process = _setup()
    by_email = make_stakeholder(process, organizer, name="APF (ancien nom)", contact_email="nadia@apf.exemple.fr")
    by_name = make_stakeholder(process, organizer, name="CCAS de Crest", contact_email="", influence=1)
    client = login_as(organizer)
    response = _preview(client, process, ("\n".join([HEADER, *GOOD_ROWS[:2]])).encode())
    page = text(client.get(response.headers["Location"]))
    assert "2 parties prenantes à mettre à jour" in page
    client.submit(f"{response.headers['Location']}/confirmer", token_from=response.headers["Location"])
    assert db.session.query(Stakeholder).count() == 2
    assert db.session.get(Stakeholder, by_email.id).name == "APF France handicap – délégation"
    assert db.session.get(Stakeholder, by_name.id).influence == 3
    assert db.session.get(Stakeholder, by_name.id).contact_email == "accueil@ccas-crest.exemple.fr"


def test_confirmation_is_refused_whole_when_the_registry_changed(login_as):
    from consult.stakeholders.services.registry import archive_stakeholder

    organizer, process = _setup()
    target = make_stakeholder(process, organizer, name="CCAS de Crest", contact_email="")
    client = login_as(organizer)
    response = _preview(client, process, ("\n".join([HEADER, GOOD_ROWS[0], GOOD_ROWS[1]])).encode())
    archive_stakeholder(organizer, process, target)
    response = client.submit(f"{response.headers['Location']}/confirmer", token_from="/", follow_redirects=True)
    assert "Le registre a changé depuis la vérification" in text(response)
    assert db.session.query(Stakeholder).count() == 1, "nothing half-imported"


def test_export_opens_in_a_french_spreadsheet_and_warns_about_personal_data(login_as):
    organizer, process = _setup()
    make_stakeholder(process, organizer, name="UNAFAM Drôme", contact_name="Jeanne Petit")
    make_stakeholder(process, organizer, name="CAF", category=StakeholderCategory.INSTITUTIONS)
    client = login_as(organizer)
    response = client.get(f"/concertations/{process.slug}/parties-prenantes/export.csv?category=associations")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith("\ufeff".encode())
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("# Données personnelles : ce fichier contient les coordonnées de personnes.")
    assert lines[1] == HEADER
    assert len(lines) == 3 and lines[2].startswith("UNAFAM Drôme;Organisation;Associations et fondations;Handicap;")
    assert "Jeanne Petit" in lines[2]
    assert db.session.query(AuditEntry).filter_by(action="stakeholder.export").count() == 1


def _snapshot():
    columns = [
        "id", "name", "kind", "category", "fields", "territory", "level", "influence", "interest", "status",
        "notes", "contact_name", "contact_email", "contact_phone", "updated_at",
    ]  # fmt: skip
    return [tuple(getattr(s, c) for c in columns) for s in db.session.query(Stakeholder).order_by(Stakeholder.id)]


def test_export_then_import_changes_nothing(login_as):
    organizer, process = _setup()
    make_stakeholder(
        process,
        organizer,
        name="APF; « France » handicap",
        notes='Ligne 1\nLigne 2 ; "citée"',
        contact_phone="+33 4 75 00 00 00",
    )
    make_stakeholder(process, organizer, name='=HYPERLINK("http://x")', notes="-10 % de budget", contact_name="@moi")
    make_stakeholder(
        process,
        organizer,
        name="Conseil départemental",
        category=StakeholderCategory.ELECTED_OFFICIALS,
        fields=["autonomy_elderly", "disability", "housing"],
        status=StakeholderStatus.ENGAGED,
        level=InvolvementLevel.INFORM,
        contact_email="",
        contact_phone="",
        territory="",
    )
    client = login_as(organizer)
    before = _snapshot()
    exported = client.get(f"/concertations/{process.slug}/parties-prenantes/export.csv").data
    response = _preview(client, process, exported)
    page = text(client.get(response.headers["Location"]))
    assert "3 lignes déjà à jour" in page and "0 ligne refusée" in page
    assert "Importer les lignes valides" not in page
    assert _snapshot() == before


def test_import_and_export_are_for_organizers_only(login_as):
    organizer, process = _setup()
    participant = login_as(make_user())
    assert _preview(participant, process, HEADER.encode()).status_code == 403
    assert participant.get(f"/concertations/{process.slug}/parties-prenantes/export.csv").status_code == 403
    assert participant.get(f"/concertations/{process.slug}/parties-prenantes/modele.csv").status_code == 403


def test_another_organizers_preview_cannot_be_seen_or_confirmed(login_as):
    organizer, process = _setup()
    colleague = make_user()
    from consult.processes.services import add_organizer

    add_organizer(organizer, process, colleague.email)
    response = _preview(login_as(organizer), process, ("\n".join([HEADER, GOOD_ROWS[0]])).encode())
    other = login_as(colleague)
    assert other.get(response.headers["Location"]).status_code == 404
    assert other.submit(f"{response.headers['Location']}/confirmer").status_code == 404
    assert db.session.query(Stakeholder).count() == 0


def test_hostile_cells_are_shown_inert_in_the_preview(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    data = "nom;categorie\n<script>alert(1)</script>;<img src=x onerror=alert(1)>\n".encode()
    response = _preview(client, process, data)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_export_neutralises_spreadsheet_formulas(login_as):
    organizer, process = _setup()
    make_stakeholder(process, organizer, name='=HYPERLINK("http://x")', contact_phone="+33 4 75 00 00 00")
    exported = login_as(organizer).get(f"/concertations/{process.slug}/parties-prenantes/export.csv").data
    row = exported.decode("utf-8-sig").splitlines()[2]
    assert row.startswith('"\'=HYPERLINK(""http://x"")";') and row.endswith(";+33 4 75 00 00 00")


def test_a_file_over_the_size_limit_is_refused(login_as, app):
    organizer, process = _setup()
    app.config["MAX_UPLOAD_MB"] = 1
    try:
        data = (HEADER + "\n" + (GOOD_ROWS[0] + "\n") * 6000).encode()
        response = _preview(login_as(organizer), process, data)
    finally:
        app.config["MAX_UPLOAD_MB"] = 10
    assert response.status_code == 400
    assert "Le fichier dépasse 1 Mo" in text(response)
    assert db.session.query(ImportPreview).count() == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ","])
def test_mixed_files_in_every_encoding_and_separator(login_as, encoding, separator):
    organizer, process = _setup()
    rows = [
        ["nom", "categorie", "domaines", "territoire", "contact_email"],
        ["Association des aidants de Saint-Rambert-d'Albon", "Associations et fondations", "Autonomie et personnes âgées",
         "Saint-Rambert-d'Albon", "aidants@exemple.fr"],
        ["Élus du canton", "Élus", "Handicap; Santé", "Nyons", "élus@"],
    ]  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator).writerows(rows)
    client = login_as(organizer)
    response = _preview(client, process, buffer.getvalue().encode(encoding))
    page = text(client.get(response.headers["Location"]))
    assert "1 partie prenante à ajouter" in page and "1 ligne refusée" in page
    assert '<th scope="row">3</th><td>Élus du canton</td><td>Adresse électronique non valide : « élus@ ».' in page
    client.submit(f"{response.headers['Location']}/confirmer", token_from=response.headers["Location"])
    [imported] = db.session.query(Stakeholder).all()
    assert imported.name == "Association des aidants de Saint-Rambert-d'Albon"
    assert imported.fields == ["autonomy_elderly"]


def test_unknown_columns_are_listed_in_the_preview_with_what_happens_to_them(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    data = "nom;categorie;Contact;Courriel;Téléphone;Adresse;Contact_emial\nCAF;Institutions;Jo;jo@caf.exemple.fr;04;1 rue;x\n"
    response = _preview(client, process, data.encode("utf-8"))
    preview = db.session.query(ImportPreview).one()
    assert preview.ignored_columns == [
        {"header": "Adresse", "suggestion": None},
        {"header": "Contact_emial", "suggestion": "contact_email"},
    ]
    page = text(client.get(response.headers["Location"]))
    assert "2 colonnes du fichier ne seront pas importées" in page
    assert "« Adresse » : colonne ignorée" in page
    assert "Pour les importer, renommez la colonne « contact_email »" in page


def test_an_unknown_category_suggests_the_closest_allowed_value(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    data = "nom;categorie\nCAF;Institution\nUDAF;Asociations et fondations\n"
    response = _preview(client, process, data.encode("utf-8"))
    page = text(client.get(response.headers["Location"]))
    assert "« Institution ». Vouliez-vous dire « Institutions » ?" in page
    assert "Vouliez-vous dire « Associations et fondations » ?" in page


def test_the_model_file_shows_allowed_values_and_an_example_row_that_imports_nothing(login_as):
    organizer, process = _setup()
    client = login_as(organizer)
    model = client.get(f"/concertations/{process.slug}/parties-prenantes/modele.csv").data
    content = model.decode("utf-8-sig")
    assert "# categorie : Usagers et leurs représentants | Institutions" in content
    assert "# statut : Identifiée" in content
    example = next(line for line in content.splitlines() if line.startswith("# Exemple"))
    assert "contact@aidants-drome.exemple.fr" in example
    response = _preview(client, process, model)
    page = text(client.get(response.headers["Location"]))
    assert "0 partie prenante à ajouter" in page and "0 ligne refusée" in page
