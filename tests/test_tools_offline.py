"""Offline contributions attributed to an organisation of the concertation's registry."""

from sqlalchemy import select

from consult.consultation.models import Contribution
from consult.db import db
from tests.factories import make_draft, make_process, make_stakeholder, make_user
from tests.helpers import text


def test_offline_contribution_can_be_attributed_to_an_organisation_of_the_registry(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    apf = make_stakeholder(process, organizer, name="APF France handicap")
    elsewhere = make_user()
    foreign = make_stakeholder(make_process(elsewhere), elsewhere, name="Ailleurs")
    moderator = login_as(organizer)
    url = f"/concertations/{process.slug}/sections/{sections[0].id}/hors-ligne"
    assert "APF France handicap" in text(moderator.get(url)) and "Ailleurs" not in text(moderator.get(url))
    form = {"kind": "comment", "channel": "letter", "received_on": "2020-01-15", "category": "", "territory": ""}
    form["body"] = "Lettre de l'association."
    assert moderator.submit(url, {**form, "organisation": str(foreign.id)}, token_from=url).status_code == 400
    response = moderator.submit(url, {**form, "organisation": str(apf.id)}, token_from=url)
    assert response.status_code == 302
    contribution = db.session.scalar(select(Contribution))
    assert contribution.stakeholder_id == apf.id and contribution.author_id is None
