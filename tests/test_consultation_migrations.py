"""Data migrations of the consultation, applied to rows written before them."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from consult.db import db
from tests.factories import make_comment, make_draft, make_process, make_response, make_user


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


def test_stored_official_responses_are_rendered_again_from_markdown(real_commits):
    organizer = make_user()
    process = make_process(organizer)
    section = make_draft(organizer, process)[1][-1]
    response = make_response(organizer, make_comment(make_user(), section), body="Un **accueil de jour**.")
    with db.engine.begin() as conn:  # as the service stored it before: escaped plain text
        conn.execute(text("UPDATE official_responses SET body_html = '<p>Un **accueil de jour**.</p>'"))
    db.session.rollback()
    downgrade(revision="c3e1a5b7d902-1")  # the revision before this data migration
    upgrade()
    assert db.session.get(type(response), response.id).body_html == "<p>Un <strong>accueil de jour</strong>.</p>\n"
