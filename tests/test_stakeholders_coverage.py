"""Coverage gaps on a known fixture, by territory, the grid, engagement per week and the organizer's panel."""

from datetime import UTC, date, datetime

from consult.db import db
from consult.processes.models import Field
from consult.stakeholders.coverage import Reach, coverage, engagement_by_week
from consult.stakeholders.models import StakeholderCategory as Cat
from consult.stakeholders.models import StakeholderStatus as St
from consult.stakeholders.queries import influence_grid
from consult.stakeholders.services.invitations import accept_invitation, decline_invitation, invite_stakeholders
from consult.stakeholders.services.registry import archive_stakeholder
from tests.factories import make_group, make_process, make_representative, make_stakeholder, make_user
from tests.helpers import text

ELDERLY, DISABILITY, HOUSING = Field.AUTONOMY_ELDERLY, Field.DISABILITY, Field.HOUSING


def _join_a_group(group, organizer, stakeholder):
    """The stakeholder's representative accepts the group's invitation: a record of an active part."""
    from consult.groups.services.membership import answer_invitation, invite_organisation

    user = make_representative(stakeholder)
    answer_invitation(user, invite_organisation(organizer, group, stakeholder), accept=True)


def _fixture():
    """A process on elderly people and disability with a small, known registry.

    The imported statuses say nothing: "Usagers âgés" is imported as engaged with no record of any act, and
    "Département" imported as identified was invited and joined a group.
    """
    organizer = make_user()
    process = make_process(organizer)
    rows = [
        ("Usagers handicap", Cat.SERVICE_USERS, ["disability"], St.ENGAGED, "Valence", 5, 5),
        ("Usagers âgés", Cat.SERVICE_USERS, ["autonomy_elderly"], St.ENGAGED, "Crest", 2, 5),
        ("Département", Cat.INSTITUTIONS, ["autonomy_elderly", "disability"], St.IDENTIFIED, "Valence", 5, 2),
        ("Association handicap", Cat.ASSOCIATIONS, ["disability"], St.IDENTIFIED, "Die", 1, 1),
        ("EHPAD", Cat.PROFESSIONALS, ["autonomy_elderly"], St.DECLINED, "Die", 4, 4),
        ("Bailleur social", Cat.ASSOCIATIONS, ["housing"], St.ENGAGED, "Valence", 3, 3),
    ]
    made = {}
    for name, category, fields, status, territory, influence, interest in rows:
        made[name] = make_stakeholder(
            process, organizer, name=name, category=category, fields=fields, status=status, territory=territory,
            influence=influence, interest=interest,
        )  # fmt: skip
    archived = make_stakeholder(process, organizer, category=Cat.ELECTED_OFFICIALS, status=St.ENGAGED)
    archive_stakeholder(organizer, process, archived)
    invite_stakeholders(organizer, process, [made["Département"], made["Association handicap"]])
    group = make_group(process, organizer)
    for name in ("Usagers handicap", "Département", "Bailleur social"):
        _join_a_group(group, organizer, made[name])
    return organizer, process, made


def test_coverage_counts_and_gaps_from_the_records_not_the_imported_status():
    _organizer, process, _made = _fixture()
    result = coverage(process)
    assert result.fields == [ELDERLY, DISABILITY, HOUSING]
    assert result.cell(Cat.SERVICE_USERS, DISABILITY) == {Reach.IDENTIFIED: 1, Reach.ACTIVE: 1}
    assert result.cell(Cat.SERVICE_USERS, ELDERLY) == {Reach.IDENTIFIED: 1}, "imported as engaged, no record"
    assert result.cell(Cat.INSTITUTIONS, ELDERLY) == {Reach.IDENTIFIED: 1, Reach.INVITED: 1, Reach.ACTIVE: 1}
    assert result.cell(Cat.ASSOCIATIONS, DISABILITY) == {Reach.IDENTIFIED: 1, Reach.INVITED: 1}
    assert result.cell(Cat.ELECTED_OFFICIALS, DISABILITY) == {}, "archived stakeholders do not count"
    others = [Cat.PROFESSIONALS, Cat.SOCIAL_PARTNERS, Cat.ASSOCIATIONS, Cat.ELECTED_OFFICIALS]
    assert result.gaps == [(ELDERLY, Cat.SERVICE_USERS)] + [(ELDERLY, c) for c in others] + [
        (DISABILITY, c) for c in others
    ]
    assert result.territories["Valence"] == {Reach.IDENTIFIED: 3, Reach.INVITED: 1, Reach.ACTIVE: 3}
    assert result.territory_gaps == ["Crest", "Die"]


def test_a_contribution_written_for_a_stakeholder_closes_its_gap_as_in_the_report():
    from consult.report.publishing.figures import stakeholders
    from tests.report_helpers import consulted_sections, contribute

    organizer, process, made = _fixture()
    assert (ELDERLY, Cat.SERVICE_USERS) in coverage(process).gaps
    user = make_representative(made["Usagers âgés"])
    (section,) = consulted_sections(organizer, process)
    contribute(section, "Au nom des usagers âgés", author=user, stakeholder_id=made["Usagers âgés"].id)

    result = coverage(process)
    assert (ELDERLY, Cat.SERVICE_USERS) not in result.gaps
    assert result.territory_gaps == ["Die"]
    figures = stakeholders(process)
    assert figures["territory_gaps"] == ["Die"]
    assert {"field": ELDERLY.value, "category": Cat.SERVICE_USERS.value} not in figures["gaps"]
    assert figures["engaged"] == 4


def test_coverage_page_flags_gaps_in_words(login_as):
    organizer, process, _made = _fixture()
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/parties-prenantes/couverture"))
    assert "Autonomie et personnes âgées</strong> : aucun représentant des usagers engagé" in page
    assert "Handicap</strong> : aucune association ni fondation engagée" in page
    assert "Handicap</strong> : aucun représentant des usagers engagé" not in page
    assert "<strong>Crest</strong> : aucune partie prenante engagée" in page
    assert "identifiées : 1, invitées : 0, engagées : 0" in page
    assert "Manque : aucune partie prenante engagée" in page


def test_gaps_appear_on_the_process_page_for_organizers_only(client, login_as):
    organizer, process, _made = _fixture()
    page = text(login_as(organizer).get(f"/concertations/{process.slug}"))
    assert "Parties prenantes : manques de couverture" in page
    assert "aucun représentant des usagers engagé" in page
    assert 'href="/concertations/{}/parties-prenantes"'.format(process.slug) in page
    for other in (client, login_as(make_user())):
        body = text(other.get(f"/concertations/{process.slug}"))
        assert "manques de couverture" not in body and "Usagers âgés" not in body


def test_influence_interest_grid_places_each_stakeholder(login_as):
    organizer, process, made = _fixture()
    grid = influence_grid(process)
    assert [s.name for s in grid["manage_closely"]] == ["Usagers handicap", "EHPAD"]
    assert [s.name for s in grid["keep_satisfied"]] == ["Département"]
    assert [s.name for s in grid["keep_informed"]] == ["Usagers âgés"]
    assert [s.name for s in grid["monitor"]] == ["Bailleur social", "Association handicap"]
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/parties-prenantes/carte"))
    assert 'Associer étroitement <span class="count">(2)</span>' in page
    assert '<tr><th scope="row">Département</th><td>5</td><td>2</td><td>Satisfaire</td>' in page


def test_engagement_is_counted_per_week(login_as, mailbox):
    organizer = make_user()
    process = make_process(organizer)
    first, second, third = (make_stakeholder(process, organizer) for _ in range(3))
    invite_stakeholders(organizer, process, [first, second], now=datetime(2026, 11, 2, 9, tzinfo=UTC))
    invite_stakeholders(organizer, process, [third], now=datetime(2026, 11, 10, 9, tzinfo=UTC))
    links = {m["To"]: mailbox.link(m, "/invitations/") for m in mailbox.deliver()}
    token = lambda s: links[s.contact_email].rsplit("/", 1)[1]  # noqa: E731
    accept_invitation(make_user(), token(first), now=datetime(2026, 11, 11, 9, tzinfo=UTC))
    decline_invitation(token(second), now=datetime(2026, 11, 12, 9, tzinfo=UTC))
    assert engagement_by_week(process) == [(date(2026, 11, 2), 2, 0, 0), (date(2026, 11, 9), 1, 1, 1)]
    page = text(login_as(organizer).get(f"/concertations/{process.slug}/parties-prenantes/couverture"))
    assert '<th scope="row">9 novembre 2026</th><td>1</td><td>1</td><td>1</td>' in page


def test_coverage_page_has_a_constant_number_of_queries(login_as, count_queries):
    organizer = make_user()
    process = make_process(organizer)
    client = login_as(organizer)
    url = f"/concertations/{process.slug}/parties-prenantes/couverture"

    def queries_with(n):
        for i in range(n):
            make_stakeholder(process, organizer, territory=f"Commune {i}", category=list(Cat)[i % 6])
        with count_queries() as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    assert queries_with(3) == queries_with(30)


def test_empty_registry_shows_every_field_as_a_gap(login_as):
    organizer = make_user()
    process = make_process(organizer)
    assert len(coverage(process).gaps) == 2 * len(Cat)
    assert db.session is not None
