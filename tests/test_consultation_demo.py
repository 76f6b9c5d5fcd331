"""The demo shows a living consultation: a published draft with contributions of every kind."""

from sqlalchemy import func, select

from consult.consultation.models import Channel, Contribution, ContributionState, Draft, OfficialResponse
from consult.db import db
from consult.demo import load_demo
from tests.helpers import text


def test_the_demo_has_a_draft_under_consultation_with_contributions(app, client):
    with app.test_request_context():
        load_demo()
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
