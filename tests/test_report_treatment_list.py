"""The treatment view: every contribution of a process, filtered, searched, sorted, paginated, keyboard-usable."""

import re

import pytest

from consult.auth.models import Relation
from consult.consultation.models import Channel, ContributionKind, ContributionState
from tests.factories import make_process, make_stakeholder, make_user
from tests.helpers import text
from tests.report_helpers import consulted_sections, contribute


@pytest.fixture
def setup(login_as):
    """A process with two sections and an organizer's signed-in client."""
    organizer = make_user()
    process = make_process(organizer)
    needs, offer = consulted_sections(organizer, process, ["Analyse des besoins", "État des lieux de l'offre"])
    return process, needs, offer, login_as(organizer)


def _url(process, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/concertations/{process.slug}/traitement" + (f"?{query}" if query else "")


def test_lists_every_contribution_of_the_process_whatever_its_state(setup):
    process, needs, offer, client = setup
    contribute(needs, "Plus de places en accueil de jour")
    contribute(offer, "Texte masqué", state=ContributionState.HIDDEN, moderation_reason="Injure")
    contribute(offer, "Texte retiré", state=ContributionState.WITHDRAWN)
    other_organizer = make_user()
    contribute(consulted_sections(other_organizer, make_process(other_organizer))[0], "Autre démarche")
    page = text(client.get(_url(process)))
    assert "3 contributions trouvées" in page
    assert "Plus de places en accueil de jour" in page
    assert "Masquée par la modération" in page
    assert "Retirée par son auteur" in page
    assert "Autre démarche" not in page


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"kind": "amendment"}, "amendement-A"),
        ({"kind": "reply"}, "réponse-R"),
        ({"channel": "letter"}, "courrier-L"),
        ({"category": "elected_official"}, "élu-E"),
        ({"territory": "Montélimar"}, "montélimar-M"),
        ({"state": "pending"}, "attente-P"),
        ({"q": "CANTINE"}, "cantine-Q"),
    ],
)
def test_each_filter_keeps_only_matching_contributions(setup, args, expected):
    process, needs, _offer, client = setup
    parent = contribute(needs, "base-B")
    contribute(needs, "amendement-A", kind=ContributionKind.AMENDMENT)
    contribute(needs, "réponse-R", parent=parent)
    contribute(needs, "courrier-L", channel=Channel.LETTER)
    contribute(needs, "élu-E", category=Relation.ELECTED_OFFICIAL)
    contribute(needs, "montélimar-M", territory="Montélimar")
    contribute(needs, "attente-P", state=ContributionState.PENDING)
    contribute(needs, "la cantine-Q du foyer")
    page = text(client.get(_url(process, **args)))
    assert "1 contribution trouvée" in page, args
    assert expected in page


def test_filters_by_section(setup):
    process, needs, offer, client = setup
    contribute(needs, "dans-besoins")
    contribute(offer, "dans-offre")
    page = text(client.get(_url(process, section=offer.id)))
    assert "dans-offre" in page
    assert "dans-besoins" not in page


def test_search_treats_like_wildcards_literally(setup):
    process, needs, _offer, client = setup
    contribute(needs, "100% d'accord")
    contribute(needs, "rien à voir")
    page = text(client.get(_url(process, q="100%25")))
    assert "1 contribution trouvée" in page
    assert "0 contribution" in text(client.get(_url(process, q="_")))


def test_unknown_filter_values_are_ignored(setup):
    process, needs, _offer, client = setup
    contribute(needs, "présente")
    response = client.get(_url(process, channel="pigeon", theme="abc", section="x", sort="bogus", page="z"))
    assert response.status_code == 200
    assert "présente" in text(response)


def test_sorts_by_supports(setup):
    process, needs, _offer, client = setup
    contribute(needs, "peu-soutenue", supports=1)
    contribute(needs, "très-soutenue", supports=9)
    page = text(client.get(_url(process, sort="supports")))
    assert page.index("très-soutenue") < page.index("peu-soutenue")
    page = text(client.get(_url(process, sort="oldest")))
    assert page.index("peu-soutenue") < page.index("très-soutenue")


def test_paginates_by_fifty_and_keeps_the_filters_in_the_links(setup):
    process, needs, _offer, client = setup
    for n in range(55):
        contribute(needs, f"numéro {n}")
    page = text(client.get(_url(process, kind="comment")))
    assert "Page 1 sur 2" in page
    assert "kind=comment" in page.split("Page suivante")[0].rsplit("href=", 1)[1]
    second = text(client.get(_url(process, kind="comment", page=2)))
    assert second.count('name="ids"') == 5


def test_table_is_usable_with_the_keyboard_alone(setup):
    process, needs, _offer, client = setup
    contribution = contribute(needs, "texte")
    page = text(client.get(_url(process)))
    assert f'<input type="checkbox" name="ids" value="{contribution.id}" id="select-{contribution.id}">' in page
    assert (
        f'<label for="select-{contribution.id}" class="visually-hidden">Sélectionner la contribution n° {contribution.id}'
        in page
    )
    assert "<caption>" in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "an id used twice breaks the labels of the filter or bulk form"
    assert "<script" not in page.split("<main", 1)[1]


def test_contribution_text_is_rendered_inert(setup):
    process, needs, _offer, client = setup
    contribute(needs, "<script>alert(1)</script>", territory="<b>Valence</b>")
    page = client.get(_url(process)).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>Valence</b>" not in page


def test_the_view_keeps_a_constant_number_of_queries(setup, count_queries):
    process, needs, offer, client = setup
    for n in range(3):
        contribute(needs, f"petite {n}")
    client.get(_url(process))
    with count_queries() as small:
        client.get(_url(process))
    for n in range(120):
        contribute(offer if n % 2 else needs, f"grande {n}", territory=f"Commune {n % 7}")
    client.get(_url(process))
    with count_queries() as large:
        client.get(_url(process))
    assert len(small) == len(large)
    assert len(large) <= 12, large


def test_shows_the_organisation_a_representative_wrote_for(login_as):
    organizer = make_user()
    process = make_process(organizer)
    from consult.stakeholders.services.representatives import decide_representation, request_representation

    stakeholder = make_stakeholder(process, organizer, name="APF France handicap")
    member = make_user()
    decide_representation(organizer, process, request_representation(member, process, stakeholder), confirm=True)
    (section,) = consulted_sections(organizer, process)
    contribute(section, "au nom de l'association", author=member, stakeholder_id=stakeholder.id)
    page = text(login_as(organizer).get(_url(process)))
    assert "APF France handicap" in page
