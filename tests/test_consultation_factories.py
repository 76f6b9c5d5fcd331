"""The consultation factories go through the services, so what they make keeps the counters exact."""

import pytest
from sqlalchemy import func, select

from consult.consultation.models import (
    ChangeLink,
    Channel,
    Contribution,
    Position,
    Section,
)
from consult.db import db
from consult.report.publishing.invariants import counter_mismatches
from tests import factories as f


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


def test_every_consultation_factory_leaves_counters_equal_to_recounts():
    organizer = f.make_user()
    process = f.make_process(organizer)
    draft, sections = f.make_draft(organizer, process)
    section = sections[-1]
    author, reader = f.make_user(), f.make_user()
    comment = f.make_comment(author, section)
    f.make_comment(reader, section, "Une réponse.", parent=comment)
    amendment = f.make_amendment(reader, section)
    offline = f.make_offline_contribution(organizer, section, channel="phone")
    f.make_position(section, author, "agree")
    f.make_position(section, reader, "mixed")
    f.make_support(reader, comment)
    f.make_flag(author, amendment)
    f.make_response(organizer, comment)
    f.withdraw(author, f.make_comment(author, section, "Retiré."))
    f.hide(organizer, f.make_comment(reader, section, "Masqué."))
    _version, new_sections = f.make_new_version(organizer, draft)
    f.make_change_link(organizer, new_sections[-1], comment)

    db.session.expire_all()
    assert counter_mismatches(process.id) == []  # every kept counter equals its recount
    section = db.session.get(Section, section.id)
    assert (section.comment_count, section.amendment_count) == (3, 1)
    assert (section.agree_count, section.mixed_count) == (1, 1)
    assert db.session.scalar(select(func.count(Position.id)).where(Position.section_id == section.id)) == 2
    comment = db.session.get(Contribution, comment.id)
    assert comment.support_count == 1
    assert comment.reply_count == 1 and comment.response.body_html.count("<strong>") == 1
    assert db.session.get(Contribution, offline.id).channel == Channel.PHONE
    assert db.session.scalar(select(func.count(ChangeLink.id))) == 1
