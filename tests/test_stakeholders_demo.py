"""The demo registry: realistic, partly engaged, with a visible gap and the demo representative confirmed."""

from consult.db import db
from consult.demo import load_demo
from consult.processes.models import Field, Process
from consult.stakeholders.coverage import coverage, engagement_by_week
from consult.stakeholders.models import Stakeholder, StakeholderCategory, StakeholderStatus
from consult.stakeholders.queries import represented_stakeholders
from tests.helpers import text


def test_demo_registry_has_forty_stakeholders_a_gap_and_a_confirmed_representative(login_as):
    from consult.auth.models import User

    load_demo()
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
