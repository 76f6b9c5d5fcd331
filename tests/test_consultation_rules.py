"""One owner per rule: the version's state, the transition table, the named predicates and errors."""

import pathlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.consultation import errors, queries, services
from consult.consultation import permissions as consultation_permissions
from consult.consultation.models import ContributionState, DraftVersion, Section, VersionState
from consult.db import db, utcnow
from consult.processes import permissions as process_permissions
from tests.factories import make_comment, make_draft, make_process, make_user
from tests.helpers import text


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():  # services called directly read the request's locale and role cache
        yield


@pytest.fixture
def consultation():
    organizer = make_user(name="Organisatrice")
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process)
    return organizer, process, draft, sections[-1]


def test_a_versions_state_is_decided_by_its_window_opens_inclusive_closes_exclusive():
    now = utcnow()
    version = DraftVersion(number=1)
    assert version.state(now) == VersionState.UNPUBLISHED
    version.published_at, version.opens_at, version.closes_at = now, now + timedelta(hours=1), now + timedelta(days=1)
    assert version.state(now) == VersionState.UPCOMING
    assert version.state(version.opens_at) == VersionState.OPEN and version.is_open(version.opens_at)
    assert version.state(version.closes_at - timedelta(microseconds=1)) == VersionState.OPEN
    assert version.state(version.closes_at) == VersionState.CLOSED and not version.is_open(version.closes_at)


def test_publishing_version_two_closes_version_one_which_points_to_it(consultation, client):
    organizer, process, draft, old_section = consultation
    new_version = services.start_new_version(organizer, draft)
    now = utcnow()
    services.publish_version(organizer, new_version, opens_at=now, closes_at=now + timedelta(days=10))
    db.session.refresh(old_section)
    assert old_section.version.state(utcnow()) == VersionState.CLOSED
    with pytest.raises(errors.ConsultationClosed):
        services.post_comment(make_user(), old_section, body="Sur l'ancienne version")
    page = text(client.get(f"/concertations/{process.slug}/sections/{old_section.id}"))
    assert "Lire la version 2, la version en cours" in page
    assert f"projets/{draft.id}?version=2" in page


def test_the_transition_table_allows_only_legal_state_changes(consultation):
    _organizer, _process, _draft, section = consultation
    comment = make_comment(make_user(), section)
    assert comment.can_transition(ContributionState.HIDDEN) and comment.can_transition("withdrawn")
    comment.state = ContributionState.WITHDRAWN
    assert not any(comment.can_transition(state) for state in ContributionState)
    db.session.rollback()


def test_hiding_a_withdrawn_contribution_is_an_invalid_transition(consultation):
    organizer, _process, _draft, section = consultation
    author = make_user()
    comment = services.withdraw_contribution(author, make_comment(author, section))
    with pytest.raises(errors.InvalidTransition):
        services.hide_contribution(organizer, comment, reason="Trop tard")


def test_withdrawing_twice_is_a_repeat_and_someone_elses_is_refused(consultation):
    _organizer, _process, _draft, section = consultation
    author = make_user()
    comment = make_comment(author, section)
    with pytest.raises(errors.NotYourContribution):
        services.withdraw_contribution(make_user(), comment)
    services.withdraw_contribution(author, comment)
    assert services.withdraw_contribution(author, comment).state == ContributionState.WITHDRAWN
    assert db.session.get(type(section), section.id).comment_count == 0


def test_one_cannot_support_or_report_ones_own_contribution(consultation):
    _organizer, _process, _draft, section = consultation
    author = make_user()
    comment = make_comment(author, section)
    with pytest.raises(errors.NotYourContribution):
        services.support_contribution(author, comment)
    with pytest.raises(errors.NotYourContribution):
        services.flag_contribution(author, comment, reason="Moi-même")
    with pytest.raises(errors.EmptyText):
        services.post_comment(author, section, body="   ")


def test_withdraw_and_report_buttons_follow_the_named_predicates(consultation, login_as):
    _organizer, process, _draft, section = consultation
    author, reader = make_user(), make_user()
    comment = make_comment(author, section)
    url = f"/concertations/{process.slug}/sections/{section.id}"
    withdraw = f"contributions/{comment.id}/retirer"
    report = f"contributions/{comment.id}/signaler"
    author_page, reader_page = text(login_as(author).get(url)), text(login_as(reader).get(url))
    assert withdraw in author_page and report not in author_page
    assert withdraw not in reader_page and report in reader_page
    assert consultation_permissions.can_withdraw_contribution(author, comment)
    assert not consultation_permissions.can_flag_contribution(author, comment)
    assert login_as(reader).submit(f"/concertations/{process.slug}/{withdraw}").status_code == 403
    assert login_as(author).get(f"/concertations/{process.slug}/{report}").status_code == 403
    services.withdraw_contribution(author, comment)
    assert not consultation_permissions.can_withdraw_contribution(author, comment)
    assert withdraw not in text(login_as(author).get(url))


def test_every_phase_feature_listed_is_read_by_some_code():
    source = "\n".join(p.read_text() for p in pathlib.Path("consult").rglob("*.py"))
    asked = set(re.findall(r"phase_allows\([^)]*?\"(\w+)\"", source))
    listed = set().union(*process_permissions.PHASE_FEATURES.values())
    assert listed <= asked, listed - asked


def test_which_process_a_section_belongs_to_is_answered_by_consultation_alone(consultation):
    _organizer, process, _draft, section = consultation
    other_process = make_process(make_user())
    assert queries.process_of_section(section.id) == process.id
    assert queries.process_of_section(10**6) is None
    assert db.session.scalars(queries.in_process_sections(select(Section.id), process.id)).all()
    assert section.id not in db.session.scalars(queries.in_process_sections(select(Section.id), other_process.id))
    hand_joins = [
        str(path)
        for path in pathlib.Path("consult").rglob("*.py")
        if "consultation" not in path.parts and "Draft.id == DraftVersion.draft_id" in path.read_text()
    ]
    assert hand_joins == []
