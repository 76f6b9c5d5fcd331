"""The demo holds four working groups with members, minutes, a public meeting and action sheets."""

from sqlalchemy import select

from consult.consultation.models import Draft
from consult.db import db
from consult.demo import load_demo
from consult.groups.meeting_models import Meeting, Registration, RegistrationStatus
from consult.groups.models import Group, Membership, MembershipStatus
from consult.groups.proposal_models import Proposal, ProposalSection, ProposalStatus
from consult.stakeholders.models import Representative, RepresentativeStatus
from tests.helpers import text


def test_demo_has_four_working_groups_with_their_work(client, login_as):
    load_demo()
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
