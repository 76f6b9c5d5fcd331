"""The demo, loaded once for this module: a living consultation, working groups and the stakeholder registry."""

import pytest
from sqlalchemy import func, select

from consult.consultation.models import Channel, Contribution, ContributionState, Draft, OfficialResponse
from consult.db import db
from consult.groups.meeting_models import Meeting, Registration, RegistrationStatus
from consult.groups.models import Group, Membership, MembershipStatus
from consult.groups.proposal_models import Proposal, ProposalSection, ProposalStatus
from consult.processes.models import Field, Process
from consult.stakeholders.coverage import coverage, engagement_by_week
from consult.stakeholders.models import (
    Representative,
    RepresentativeStatus,
    Stakeholder,
    StakeholderCategory,
    StakeholderStatus,
)
from consult.stakeholders.queries import represented_stakeholders
from tests.helpers import text


@pytest.fixture(scope="module")
def demo(app, shared_data):
    """The whole demo, loaded once; each test runs in a savepoint over it."""
    from consult.demo import load_demo

    with app.app_context(), app.test_request_context():
        load_demo()


def test_the_demo_has_a_draft_under_consultation_with_contributions(demo, client):
    draft = db.session.scalar(select(Draft))
    slug = draft.process.slug
    page = text(client.get(f"/concertations/{slug}/projets/{draft.id}"))
    assert "Ouvert aux contributions jusqu'au" in page and "Orientation 2 : Soutenir les proches aidants" in page
    states = dict(db.session.execute(select(Contribution.state, func.count()).group_by(Contribution.state)).all())
    assert states[ContributionState.HIDDEN] == 1 and states[ContributionState.PUBLISHED] >= 6
    assert db.session.scalar(select(func.count(Contribution.id)).where(Contribution.channel != Channel.ONLINE)) == 2
    assert db.session.scalar(select(func.count(OfficialResponse.id))) == 1
    hidden = db.session.scalar(select(Contribution).where(Contribution.state == ContributionState.HIDDEN))
    section_page = text(client.get(f"/concertations/{slug}/sections/{hidden.section_id}"))
    assert "masquée par la modération. Motif : Données personnelles" in section_page


def test_demo_has_four_working_groups_with_their_work(demo, client, login_as):
    titles = set(db.session.scalars(select(Group.title)))
    assert titles == {"Vivre à domicile", "Aidants", "Habitat inclusif", "Accès aux droits"}
    assert db.session.query(Membership).filter_by(status=MembershipStatus.ACTIVE).count() >= 8
    past = db.session.query(Meeting).filter(Meeting.minutes_published_at.is_not(None)).all()
    assert len(past) == 4
    assert all(db.session.query(Registration).filter_by(meeting_id=m.id, attended=True).count() for m in past)
    [public] = db.session.query(Meeting).filter_by(is_public=True).all()
    assert (
        db.session.query(Registration).filter_by(meeting_id=public.id, status=RegistrationStatus.CONFIRMED).count() >= 3
    )
    assert db.session.query(Proposal).filter_by(status=ProposalStatus.ACCEPTED).count() == 1
    assert db.session.query(ProposalSection).count() == 3
    from consult.auth.models import User

    representative = db.session.scalar(select(User).where(User.email == "representante@demo.concertation.fr"))
    member_of = db.session.scalars(
        select(Group.title)
        .join(Membership, Membership.group_id == Group.id)
        .join(Representative, Representative.stakeholder_id == Membership.stakeholder_id)
        .where(
            Representative.user_id == representative.id,
            Representative.status == RepresentativeStatus.CONFIRMED,
            Membership.status == MembershipStatus.ACTIVE,
        )
    ).all()
    assert "Vivre à domicile" in member_of
    # built through the services: one draft (the consultation's), representatives confirmed by the organizer
    assert db.session.query(Draft).count() == 1
    member_links = db.session.scalars(
        select(Representative)
        .join(Membership, Membership.stakeholder_id == Representative.stakeholder_id)
        .where(Representative.status == RepresentativeStatus.CONFIRMED)
    ).all()
    assert member_links and all(link.decided_at is not None for link in member_links)
    page = text(client.get("/concertations/schema-autonomie-2027-2031"))
    assert "Habitat inclusif" in page and "Accès aux droits" in page
    group_page = text(
        login_as(representative).get("/concertations/schema-autonomie-2027-2031/groupes/vivre-a-domicile")
    )
    assert "Réunion publique : bien vieillir chez soi" in group_page and "Guichet unique" in group_page
    assert "Orientation 1 : Bien vivre chez soi le plus longtemps possible" in group_page  # the section it works on


def test_demo_registry_has_forty_stakeholders_a_gap_and_a_confirmed_representative(demo, login_as):
    from consult.auth.models import User

    process = db.session.query(Process).one()
    stakeholders = db.session.query(Stakeholder).all()
    assert 38 <= len(stakeholders) <= 45
    statuses = {s.status for s in stakeholders}
    assert statuses == set(StakeholderStatus)
    representative = db.session.query(User).filter_by(email="representante@demo.concertation.fr").one()
    assert [s.name for s in represented_stakeholders(representative, process.id)] == [
        "APF France handicap – délégation de la Drôme-des-Collines"
    ]
    result = coverage(process)
    assert (Field.DISABILITY, StakeholderCategory.SERVICE_USERS) in result.gaps
    assert sum(week[1] for week in engagement_by_week(process)) > 10
    organizer = db.session.query(User).filter_by(email="organisatrice@demo.concertation.fr").one()
    page = text(login_as(organizer).get(f"/concertations/{process.slug}"))
    assert "Handicap</strong> : aucun représentant des usagers engagé" in page


def test_demo_people_find_their_notifications_waiting(demo, login_as):
    from consult.auth.models import User

    camille = db.session.scalar(select(User).where(User.email == "camille.participante@demo.concertation.fr"))
    page = text(login_as(camille).get("/notifications"))
    assert "Nouveau :" in page
    assert "La version 1 de « Projet de schéma départemental de l'autonomie 2027-2031 » est publiée." in page


def test_the_demo_draft_went_through_two_versions_each_with_contributions(demo, client):
    from consult.consultation.models import DraftVersion, Section
    from consult.report.models import ReportRevision

    versions = db.session.scalars(select(DraftVersion).order_by(DraftVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].closes_at < versions[1].opens_at, "version 2 was published after version 1's window"
    per_version = dict(
        db.session.execute(
            select(Section.version_id, func.count(Contribution.id))
            .join(Contribution, Contribution.section_id == Section.id)
            .group_by(Section.version_id)
        ).all()
    )
    assert per_version[versions[0].id] > 0 and per_version[versions[1].id] > 0
    revision = db.session.scalar(select(ReportRevision))
    assert [v["number"] for v in revision.snapshot["versions"]] == [1, 2]
    slug = revision.snapshot["process"]["slug"]
    page = text(client.get(f"/concertations/{slug}/bilan/versions/{revision.number}"))
    assert "Ce que chaque version de" in page


def test_demo_contributions_arrive_day_after_day_on_the_sections_they_are_about(demo):
    from consult.consultation.models import Section

    days = {c.created_at.date() for c in db.session.scalars(select(Contribution))}
    assert len(days) >= 4
    titles = db.session.scalars(
        select(Section.title)
        .join(Contribution, Contribution.section_id == Section.id)
        .where(Contribution.body.contains("EHPAD"))
    ).all()
    assert titles.count("Les établissements") > len(titles) / 2
