"""Follow and unfollow a concertation, a draft section or a working group; automatic follows."""

import json

from sqlalchemy import func, select

from consult.db import db
from consult.groups.models import JoinPolicy
from consult.groups.services.membership import join_group
from consult.notifications.models import Delivery, Follow, TargetType
from consult.notifications.queries import is_following
from consult.notifications.services import set_preferences
from consult.processes.models import PhaseKind
from tests.factories import (
    PASSWORD,
    make_comment,
    make_draft,
    make_follow,
    make_group,
    make_meeting,
    make_process,
    make_representative,
    make_stakeholder,
    make_user,
)
from tests.helpers import text


def test_follow_button_follows_then_stops_following_the_concertation(login_as):
    organizer, person = make_user(), make_user()
    process = make_process(organizer)
    client = login_as(person)
    page = f"/concertations/{process.slug}"
    assert f'action="/suivre/process/{process.id}"' in text(client.get(page))

    response = client.submit(f"/suivre/process/{process.id}", {"next": page})

    assert response.status_code == 302
    assert response.headers["Location"] == page
    assert is_following(person, TargetType.PROCESS, process.id)
    assert f'action="/suivre/process/{process.id}/arreter"' in text(client.get(page))
    client.submit(f"/suivre/process/{process.id}/arreter", {"next": page})
    assert not is_following(person, TargetType.PROCESS, process.id)


def test_following_twice_keeps_one_follow(login_as):
    process = make_process(make_user())
    person = make_user()
    client = login_as(person)
    client.submit(f"/suivre/process/{process.id}")
    client.submit(f"/suivre/process/{process.id}")
    assert [t.target_id for t in _followed(person)] == [process.id]


def _followed(person):
    from consult.notifications.queries import followed_targets

    return followed_targets(person)


def test_follow_needs_the_form_token(login_as):
    process = make_process(make_user())
    person = make_user()
    response = login_as(person).post(f"/suivre/process/{process.id}")
    assert response.status_code == 400
    assert not is_following(person, TargetType.PROCESS, process.id)


def test_visitor_is_offered_sign_in_instead_of_the_button(client):
    process = make_process(make_user())
    page = text(client.get(f"/concertations/{process.slug}"))
    assert "/suivre/" not in page
    assert "/connexion?next=" in page


def test_an_unpublished_concertation_cannot_be_followed(login_as):
    process = make_process(make_user(), published=False)
    person = make_user()
    assert login_as(person).submit(f"/suivre/process/{process.id}").status_code == 404
    assert not is_following(person, TargetType.PROCESS, process.id)


def test_an_unknown_kind_of_target_is_not_found(login_as):
    assert login_as(make_user()).submit("/suivre/user/1").status_code == 404


def test_section_and_group_pages_have_the_button(login_as):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    group = make_group(process, organizer)
    client = login_as(make_user())
    section_page = text(client.get(f"/concertations/{process.slug}/sections/{sections[-1].id}"))
    group_page = text(client.get(f"/concertations/{process.slug}/groupes/{group.slug}"))
    assert f"/suivre/section/{sections[-1].id}" in section_page
    assert f"/suivre/group/{group.id}" in group_page


def test_commenting_follows_the_section():
    organizer, author = make_user(), make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    make_comment(author, sections[-1])
    assert is_following(author, TargetType.SECTION, sections[-1].id)


def test_joining_a_group_follows_it():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer, join_policy=JoinPolicy.OPEN)
    organisation = make_stakeholder(process, organizer)
    member = make_representative(organisation)
    join_group(member, group, organisation)
    assert is_following(member, TargetType.GROUP, group.id)


def test_registering_for_a_meeting_follows_its_group():
    from consult.groups.services.registrations import register_for_meeting

    organizer, person = make_user(), make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    meeting = make_meeting(group, organizer, is_public=True)
    register_for_meeting(person, meeting, needs=[])
    assert is_following(person, TargetType.GROUP, group.id)


def test_notifications_page_lists_what_one_follows_and_stops_following(login_as):
    organizer, person = make_user(), make_user()
    process = make_process(organizer, title="Schéma des solidarités")
    make_follow(person, "process", process.id)
    client = login_as(person)
    page = text(client.get("/notifications"))
    assert "Schéma des solidarités" in page

    client.submit(f"/suivre/process/{process.id}/arreter", {"next": "/notifications"})

    assert not is_following(person, TargetType.PROCESS, process.id)


def test_my_data_lists_follows_and_mail_choices(login_as):
    process = make_process(make_user())
    person = make_user()
    make_follow(person, "process", process.id)
    set_preferences(person, {"version_published": Delivery.WEEKLY})

    data = json.loads(text(login_as(person).get("/profil/mes-donnees.json")))

    assert data["notifications"] == {
        "follows": [{"type": "process", "id": process.id}],
        "mail_preferences": {"version_published": "weekly"},
    }


def test_a_deleted_account_follows_nothing_any_more(login_as):
    process = make_process(make_user())
    person = make_user()
    make_follow(person, "process", process.id)
    login_as(person).submit("/profil/supprimer", {"password": PASSWORD, "confirm": "y"})
    assert db.session.scalar(select(func.count()).select_from(Follow)) == 0
