"""Search ignores case, accents and ligatures, and the registry sorts in French alphabetical order."""

import re

import pytest

from consult.search import fold
from tests.factories import make_comment, make_draft, make_process, make_stakeholder, make_user
from tests.helpers import text

NAMES = ["Côte d'Émeraude Habitat", "Œuvre des Petits Frères", "Fédération des aveugles", "France Travail", "Zèbre"]


def test_fold_drops_case_and_accents_and_expands_ligatures():
    assert fold("Œuvre d’Émeraude, ÆSOP et Straße") == "oeuvre d'emeraude, aesop et strasse"
    assert fold("RÉPIT") == fold("répit") == fold("Repit") == "repit"


@pytest.fixture
def registry(login_as):
    organizer = make_user()
    process = make_process(organizer)
    for name in NAMES:
        make_stakeholder(process, organizer, name=name)
    client = login_as(organizer)

    def names(query=""):
        page = text(client.get(f"/concertations/{process.slug}/parties-prenantes?{query}"))
        found = {n: page.find(f">{n}<") for n in NAMES}
        return [n for n, at in sorted(found.items(), key=lambda item: item[1]) if at >= 0]

    return names


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Émeraude", ["Côte d'Émeraude Habitat"]),
        ("d'Émeraude", ["Côte d'Émeraude Habitat"]),
        ("d’emeraude", ["Côte d'Émeraude Habitat"]),
        ("Emeraude", ["Côte d'Émeraude Habitat"]),
        ("Côte", ["Côte d'Émeraude Habitat"]),
        ("Œuvre des", ["Œuvre des Petits Frères"]),
        ("oeuvre", ["Œuvre des Petits Frères"]),
        ("FEDERATION", ["Fédération des aveugles"]),
        ("frères", ["Œuvre des Petits Frères"]),
    ],
)
def test_registry_search_ignores_case_accents_and_ligatures(registry, query, expected):
    assert registry(f"q={query}") == expected


def test_registry_is_sorted_in_french_alphabetical_order(registry):
    assert registry() == [
        "Côte d'Émeraude Habitat",
        "Fédération des aveugles",
        "France Travail",
        "Œuvre des Petits Frères",
        "Zèbre",
    ]


def test_treatment_search_ignores_case_and_accents(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    for body in ("Plus de répit pour les aidants", "Un RÉPIT le week-end", "Des places de repit", "Autre chose"):
        make_comment(make_user(), sections[-1], body=body)
    client = login_as(organizer)

    def found(query):
        page = text(client.get(f"/concertations/{process.slug}/traitement?q={query}"))
        return int(re.search(r"(\d+) contributions? trouvée", page).group(1))

    assert [found(q) for q in ("répit", "RÉPIT", "repit", "Répit")] == [3, 3, 3, 3]


def test_admin_user_search_ignores_case_and_accents(login_as):
    admin = make_user(admin=True)
    make_user(name="Élodie Bœuf")
    client = login_as(admin)
    for query in ("elodie", "ÉLODIE", "boeuf", "Bœuf"):
        assert "Élodie Bœuf" in text(client.get(f"/admin/utilisateurs?q={query}")), query


def test_search_key_follows_a_renamed_stakeholder(login_as):
    from consult.stakeholders.services.registry import update_stakeholder

    organizer = make_user()
    process = make_process(organizer)
    stakeholder = make_stakeholder(process, organizer, name="Ancien nom")
    update_stakeholder(organizer, process, stakeholder, values={"name": "Éclat Œcuménique"})
    assert stakeholder.search_name == fold("Éclat Œcuménique") == "eclat oecumenique"
