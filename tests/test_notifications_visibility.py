"""The worker re-checks, when it fans an event out, that each person may still see what the event is about."""

from datetime import timedelta

from sqlalchemy import select

from consult.consultation import services as drafts
from consult.db import db, utcnow
from consult.notifications.models import Notification
from consult.processes.models import PhaseKind
from consult.processes.services import add_organizer, update_process
from tests.factories import (
    make_draft,
    make_follow,
    make_group,
    make_meeting,
    make_member,
    make_process,
    make_user,
    run_worker,
)


def _kinds(user):
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id)).all()
    return sorted(n.event.kind for n in rows)


def _unpublish(organizer, process):
    update_process(
        organizer, process, title=process.title, summary_md=process.summary_md, fields=[],
        territory=process.territory, slug=process.slug, is_published=False,
    )  # fmt: skip


def test_followers_of_a_concertation_unpublished_since_are_skipped_but_its_organizers_are_told():
    organizer, co_organizer, follower = make_user(), make_user(), make_user()
    process = make_process(organizer)
    add_organizer(organizer, process, co_organizer.email)
    draft, _sections = make_draft(organizer, process, opens_in=timedelta(days=-5))
    run_worker()
    make_follow(follower, "process", process.id)
    make_follow(co_organizer, "process", process.id)
    version = drafts.start_new_version(organizer, draft)
    now = utcnow()
    drafts.publish_version(organizer, version, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=20))
    _unpublish(organizer, process)

    run_worker()

    assert _kinds(follower) == []
    assert "version_published" in _kinds(co_organizer)


def test_a_members_only_meeting_reaches_members_not_mere_followers_of_the_group():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    _organisation, member = make_member(group, organizer)
    follower = make_user()
    make_follow(follower, "group", group.id)
    make_meeting(group, organizer, title="Réunion interne", is_public=False)
    make_meeting(group, organizer, title="Réunion publique", is_public=True)

    run_worker()

    assert _kinds(member) == ["meeting_scheduled", "meeting_scheduled"]
    assert _kinds(follower) == ["meeting_scheduled"]
