"""The report's figures, checked through HTTP against a fixture whose every count is known."""

from datetime import timedelta

import pytest

from consult.consultation.models import PositionValue
from consult.consultation.services import set_position, support_contribution
from consult.dates import paris_today
from tests.factories import make_comment, make_draft, make_process, make_user
from tests.helpers import text
from tests.report_publishing_fixture import build

JSON = {"Accept": "application/json"}


@pytest.fixture
def data(app):
    return build()


def _figures(login_as, data):
    response = login_as(data["orga"]).get(f"/concertations/{data['process'].slug}/bilan/brouillon", headers=JSON)
    assert response.status_code == 200
    return response.get_json()


def _counts(rows):
    return {row["key"]: row["count"] for row in rows}


def test_participation_counts_by_category_territory_channel_and_week(login_as, data):
    part = _figures(login_as, data)["participation"]
    assert (part["participants"], part["contributions"], part["positions"], part["supports"]) == (5, 6, 7, 7)
    assert (part["comments"], part["replies"], part["amendments"], part["offline"]) == (4, 1, 1, 1)
    assert _counts(part["by_category"]) == {
        "service_user": 2,
        "family_caregiver": 2,
        "professional": 1,
        "association_member": 1,
    }
    assert _counts(part["by_territory"]) == {"Valence": 3, "Montélimar": 2, "Romans": 1}
    assert _counts(part["supports_by_category"]) == {
        "service_user": 2,
        "family_caregiver": 1,
        "professional": 1,
        "association_member": 2,
        "other": 1,
    }
    assert sum(_counts(part["positions_by_category"]).values()) == part["positions"]
    assert _counts(part["by_channel"]) == {"online": 5, "letter": 1}
    weeks = [(w["week"], w["count"]) for w in part["by_week"]]
    this_monday = (paris_today() - timedelta(days=paris_today().weekday())).isoformat()
    assert weeks[0] == ("2026-10-12", 1) and weeks[-1] == (this_monday, 5)  # the letter, then the online ones
    assert sum(n for _week, n in weeks) == part["contributions"]


def test_supports_count_by_the_category_stated_when_supporting_and_not_on_hidden_contributions(login_as, data):
    from consult.auth.models import Relation
    from consult.auth.services import update_profile
    from tests.factories import hide

    before = _figures(login_as, data)["participation"]
    supporter = make_user(relation=Relation.ELECTED_OFFICIAL)
    kept, hidden_later = (make_comment(make_user(), data["s1"], body, now=data["then"]) for body in ("Gardé", "Masqué"))
    for contribution in (kept, hidden_later):
        support_contribution(supporter, contribution, now=data["then"])
    hide(data["orga"], hidden_later)
    update_profile(supporter, display_name="Élu", relation=Relation.OTHER, territory="", notify_by_email=False)
    after = _figures(login_as, data)["participation"]
    assert _counts(after["supports_by_category"]) == _counts(before["supports_by_category"]) | {"elected_official": 1}
    assert after["supports"] == before["supports"] + 1 == sum(_counts(after["supports_by_category"]).values())


def test_position_shares_splits_and_consensus_per_section(login_as, data):
    first, second = _figures(login_as, data)["sections"]
    assert first["title"] == "Maintien à domicile"
    assert first["positions"]["shares"] == {"agree": 50.0, "mixed": 25.0, "disagree": 25.0}
    assert first["consensus"] == {"index": 0.25, "positions": 4, "level": None, "leaning": "agree"}
    by_category = {row["key"]: (row["agree"], row["mixed"], row["disagree"]) for row in first["by_category"]}
    assert by_category == {
        "service_user": (1, 0, 0),
        "family_caregiver": (1, 0, 0),
        "professional": (0, 1, 0),
        "association_member": (0, 0, 1),
    }
    by_territory = {row["key"]: row["total"] for row in first["by_territory"]}
    assert by_territory == {"Valence": 2, "Montélimar": 1, "Romans": 1}
    assert [c["id"] for c in first["top_comments"]] == [data["c"][0].id, data["c"][2].id]
    assert first["top_comments"][1]["organisation"] == "APF France handicap Drôme"
    assert [c["id"] for c in first["top_amendments"]] == [data["c"][1].id]
    assert "plus d'aide" in first["synthesis_html"]
    assert second["positions"]["shares"]["agree"] == 100.0 and second["consensus"]["index"] == 1.0


def test_dispositions_with_theme_and_own_overrides_and_moderation_in_the_open(login_as, data):
    figures = _figures(login_as, data)
    treatment = figures["treatment"]
    assert treatment["by_disposition"] == {
        "accepted": 1,
        "partly_accepted": 1,
        "rejected": 1,
        "out_of_scope": 1,
        "untreated": 2,
    }
    assert (treatment["total"], treatment["treated"], treatment["untreated"]) == (6, 4, 2)
    assert figures["moderation"] == {
        "hidden": 1,
        "withdrawn": 1,
        "pending": 0,
        "reasons": [{"reason": "Propos injurieux", "count": 1}],
    }


def test_stakeholders_invited_versus_engaged_and_coverage_gaps(login_as, data):
    stakeholders = _figures(login_as, data)["stakeholders"]
    assert (stakeholders["invited"], stakeholders["engaged"], stakeholders["contributing_organisations"]) == (3, 1, 1)
    gaps = {(g["field"], g["category"]) for g in stakeholders["gaps"]}
    assert ("disability", "associations") not in gaps and ("autonomy_elderly", "associations") in gaps
    assert len(gaps) == 2 * 6 - 1  # the process's two fields times six categories, one covered


def test_draft_page_shows_the_figures_charts_tables_and_method_in_french(login_as, data):
    response = login_as(data["orga"]).get(f"/concertations/{data['process'].slug}/bilan/brouillon")
    page = text(response)
    assert response.status_code == 200
    for expected in (
        "Rapport provisoire",
        "Qui a participé",
        "Maintien à domicile",
        "Aide à domicile",
        "Propos injurieux",
        "indice de consensus",
        "Leik",
        "Données du graphique",
        "<svg",
    ):
        assert expected in page, expected
    assert "<script" not in page.split("<main", 1)[1]
    assert 'style="' not in page and "<style" not in page
    assert "CONTENU MASQUÉ" not in page and "alice.martin@exemple.fr" not in page


def test_report_page_keeps_a_constant_number_of_queries(app, login_as, count_queries):
    orga = make_user()
    process = make_process(orga)
    _draft, sections = make_draft(orga, process)
    client = login_as(orga)
    url = f"/concertations/{process.slug}/bilan/brouillon"

    def measure():
        client.get(url)
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    make_comment(make_user(), sections[0])
    small = measure()
    for n in range(15):
        user = make_user()
        section = sections[n % len(sections)]
        support_contribution(user, make_comment(make_user(), section, f"Avis {n}"))
        set_position(user, section, PositionValue.MIXED)
    assert measure() == small


def test_working_groups_members_meetings_and_proposals_feed_the_report(login_as, data):
    from consult.groups.proposal_models import ProposalStatus
    from consult.groups.services.proposals import create_proposal, decide_proposal, submit_proposal
    from tests.factories import make_group, make_meeting, make_member

    group = make_group(data["process"], data["orga"], title="Groupe aidants", section_ids=[data["s2"].id])
    make_meeting(group, data["orga"], starts_in=timedelta(hours=-3))
    make_meeting(group, data["orga"])  # not held yet
    make_member(group, data["orga"], name="France Alzheimer Drôme")
    orga, sheet = data["orga"], {"objective": "Du répit"}  # the organizer writes for the group outside its phase
    proposal = create_proposal(orga, group, title="Plateforme de répit", sheet=sheet, section_ids=[data["s2"].id])
    submit_proposal(orga, proposal)
    decide_proposal(orga, proposal, status=ProposalStatus.ACCEPTED, reason="Retenue au schéma.")
    create_proposal(orga, group, title="Brouillon", sheet=sheet)
    figures = _figures(login_as, data)
    (only,) = figures["groups"]["groups"]
    assert (only["title"], only["members"], only["meetings"]) == ("Groupe aidants", 1, 1)
    assert only["organisations"] == ["France Alzheimer Drôme"]
    assert [(p["title"], p["status"]) for p in only["proposals"]] == [("Plateforme de répit", "accepted")]
    assert figures["sections"][1]["proposals"] == [
        {"title": "Plateforme de répit", "group": "Groupe aidants", "status": "accepted"}
    ]
    page = text(login_as(data["orga"]).get(f"/concertations/{data['process'].slug}/bilan/brouillon"))
    assert "Plateforme de répit" in page and "Retenue au schéma." in page and "France Alzheimer Drôme" in page


def test_print_charts_keep_css_scoped_to_their_own_id_so_weasyprint_draws_them(app):
    from consult.report.publishing.charts import bar_chart

    with app.test_request_context():
        chart = bar_chart("t", "Titre", "Description", ["a", "b"], [("Série", [1, 3])])
    chart_id = chart.svg.split('id="', 1)[1].split('"', 1)[0]
    assert chart_id.startswith("chart-")
    assert f"#{chart_id} .title" in chart.svg  # unprefixed rules made WeasyPrint paint the chart black
    assert "<style" not in chart.web


def test_every_breakdown_adds_up_and_kept_counters_equal_recounts(login_as, data):
    from consult.report.publishing.figures import contribution_list
    from consult.report.publishing.invariants import counter_mismatches, figure_errors

    figures = _figures(login_as, data)
    listed = contribution_list(data["process"].id)
    assert figure_errors(figures, listed) == []
    assert counter_mismatches(data["process"].id) == []
    assert sorted(c["id"] for c in listed) == sorted(c.id for c in data["c"])  # every published one, once


def test_a_breakdown_that_does_not_add_up_is_caught(login_as, data):
    from consult.report.publishing.figures import contribution_list
    from consult.report.publishing.invariants import figure_errors

    figures = _figures(login_as, data)
    listed = contribution_list(data["process"].id)
    figures["participation"]["by_channel"].append({"key": "phone", "count": 1})
    errors = figure_errors(figures, listed + listed[:1])
    assert [e.split(":")[0] for e in errors] == [
        "contributions by channel",
        "supports shown per contribution",
        "contributions listed",
        "contributions listed more than once",
    ]
