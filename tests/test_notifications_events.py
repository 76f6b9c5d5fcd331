"""Events reach the right people: fanned out by the worker, listed in the app, mailed at once or in digests."""

from datetime import timedelta

from sqlalchemy import func, select

from consult.consultation import services as drafts
from consult.db import db, utcnow
from consult.groups.models import JoinPolicy
from consult.groups.services.meetings import MEETING_FIELDS
from consult.groups.services.membership import join_group
from consult.notifications.models import Notification, NotificationEvent
from consult.processes.models import ModerationMode, PhaseKind
from tests.factories import (
    make_comment,
    make_draft,
    make_follow,
    make_group,
    make_meeting,
    make_member,
    make_process,
    make_representative,
    make_stakeholder,
    make_user,
    run_worker,
)
from tests.helpers import text

TOMORROW = timedelta(days=1, hours=1)


def _notifications(user):
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)).all()


def _kinds(user):
    return sorted(n.event.kind for n in _notifications(user))


def _publish_version_2(organizer, draft):
    version = drafts.start_new_version(organizer, draft)
    now = utcnow()
    drafts.publish_version(organizer, version, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=20))
    return version


def _consultation_with_follower():
    organizer, follower, process, draft, _sections = _consultation()
    return organizer, follower, process, draft


def _consultation():
    organizer, follower = make_user(), make_user()
    process = make_process(organizer)
    draft, sections = make_draft(organizer, process, opens_in=timedelta(days=-5))
    run_worker()  # version 1's event goes to nobody: nobody followed yet
    make_follow(follower, "process", process.id)
    return organizer, follower, process, draft, sections


def test_publishing_writes_one_event_and_nobody_is_told_before_the_worker_runs():
    organizer, follower, _process, draft = _consultation_with_follower()
    events = select(func.count()).select_from(NotificationEvent)
    before = db.session.scalar(events)
    _publish_version_2(organizer, draft)
    assert db.session.scalar(events) == before + 1
    assert _notifications(follower) == []


def test_a_new_version_reaches_followers_of_the_concertation_and_of_its_sections_not_the_organizer():
    organizer, follower, process, draft, sections = _consultation()
    section_follower, stranger = make_user(), make_user()
    make_follow(section_follower, "section", sections[-1].id)
    make_follow(organizer, "process", process.id)
    _publish_version_2(organizer, draft)

    run_worker()

    assert _kinds(follower) == ["version_published"]
    assert _kinds(section_follower) == ["version_published"]
    assert _kinds(stranger) == []
    assert _kinds(organizer) == []  # the one who published it


def test_the_notification_is_listed_counted_in_the_header_and_opens_what_changed(login_as):
    organizer, follower, process, draft = _consultation_with_follower()
    _publish_version_2(organizer, draft)
    run_worker()
    client = login_as(follower)

    page = text(client.get("/notifications"))
    assert "La version 2 de « Projet de schéma de l'autonomie » est publiée." in page
    assert 'class="badge">1<' in page
    [notification] = _notifications(follower)

    response = client.get(f"/notifications/{notification.id}")

    assert response.headers["Location"] == f"/concertations/{process.slug}/projets/{draft.id}/versions/2/changements"
    assert 'class="badge"' not in text(client.get("/notifications"))


def test_someone_else_cannot_open_my_notification(login_as):
    organizer, follower, _process, draft = _consultation_with_follower()
    _publish_version_2(organizer, draft)
    run_worker()
    [notification] = _notifications(follower)
    assert login_as(make_user()).get(f"/notifications/{notification.id}").status_code == 404
    assert notification.read_at is None


def test_mark_all_read(login_as):
    organizer, follower, _process, draft = _consultation_with_follower()
    _publish_version_2(organizer, draft)
    run_worker()
    login_as(follower).submit("/notifications/tout-lu")
    assert all(n.read_at is not None for n in _notifications(follower))


def test_followed_activity_arrives_in_one_daily_digest_built_once(mailbox):
    organizer, follower, _process, draft = _consultation_with_follower()
    _publish_version_2(organizer, draft)
    run_worker()
    assert mailbox.to(follower.email) == []  # not at once: the default for followed activity is a digest

    run_worker(utcnow() + TOMORROW)
    run_worker(utcnow() + TOMORROW)  # a second pass, or a second worker, builds nothing more

    [digest] = mailbox.to(follower.email)
    assert digest["Subject"] == "Votre résumé du jour"
    assert "La version 2 de" in mailbox.body(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert digest["List-Unsubscribe"].startswith("<http://localhost/notifications/desabonnement/")


def test_a_join_request_is_mailed_at_once_to_facilitators_and_organizers(mailbox):
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer, title="Aidants", join_policy=JoinPolicy.ON_REQUEST)
    organisation = make_stakeholder(process, organizer, name="Les Amis du Quartier")
    asker = make_representative(organisation)
    join_group(asker, group, organisation)

    run_worker()

    [mail] = [m for m in mailbox.to(organizer.email) if "demande à rejoindre" in m["Subject"]]
    assert mail["Subject"] == "Les Amis du Quartier demande à rejoindre « Aidants »."
    assert mail["List-Unsubscribe"].startswith("<http://localhost/notifications/desabonnement/")
    assert mailbox.link(mail, "/notifications/")
    assert _kinds(asker) == []


def test_a_contribution_awaiting_moderation_and_a_flag_tell_the_organizers():
    organizer, author, flagger = make_user(), make_user(), make_user()
    process = make_process(organizer)
    process.moderation_mode = ModerationMode.PRE
    db.session.commit()
    _draft, sections = make_draft(organizer, process)
    make_comment(author, sections[-1])
    process.moderation_mode = ModerationMode.POST
    db.session.commit()
    published = make_comment(author, sections[-1], body="Un autre avis.")
    drafts.flag_contribution(flagger, published, reason="Hors sujet")

    run_worker()

    assert _kinds(organizer) == ["contribution_flagged", "contribution_pending"]


def test_meetings_scheduled_changed_cancelled_and_minutes_reach_the_group():
    from consult.groups.services.meetings import cancel_meeting, record_minutes

    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    _organisation, member = make_member(group, organizer)
    outsider = make_user()
    held, cancelled = make_meeting(group, organizer), make_meeting(group, organizer, title="Annulée")
    record_minutes(organizer, held, attended_ids=set(), minutes_md="Compte rendu", publish=True, now=held.ends_at)
    cancel_meeting(organizer, cancelled)

    run_worker()

    assert _kinds(member) == ["meeting_cancelled", "meeting_scheduled", "meeting_scheduled", "minutes_published"]
    assert _kinds(outsider) == []


def test_consultation_opening_closing_soon_and_closed_are_announced_once_each():
    organizer, follower = make_user(), make_user()
    process = make_process(organizer)
    make_follow(follower, "process", process.id)
    now = utcnow()
    make_draft(organizer, process, opens_in=timedelta(hours=1), closes_in=timedelta(days=2))
    run_worker(now)  # the publication itself
    assert _kinds(follower) == ["version_published"]

    run_worker(now + timedelta(hours=2))
    run_worker(now + timedelta(hours=2))
    run_worker(now + timedelta(days=2, hours=1))

    assert _kinds(follower) == [
        "consultation_closed",
        "consultation_closing",
        "consultation_opened",
        "version_published",
    ]


def test_a_new_organizer_tells_the_other_organizers():
    from consult.processes.services import add_organizer

    organizer, colleague, newcomer = make_user(), make_user(), make_user()
    process = make_process(organizer)
    add_organizer(organizer, process, colleague.email)
    run_worker()
    add_organizer(organizer, process, newcomer.email)

    run_worker()

    assert _kinds(colleague) == ["organizer_added", "organizer_added"]  # told of their own role, then of the newcomer
    assert _kinds(newcomer) == ["organizer_added"]  # and the newcomer of their new role
    assert _kinds(organizer) == []  # who did it


def test_a_changed_meeting_reaches_the_group():
    from consult.groups.services.meetings import update_meeting

    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer)
    _organisation, member = make_member(group, organizer)
    meeting = make_meeting(group, organizer)
    run_worker()
    fields = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    update_meeting(organizer, meeting, agenda_md="1. Accueil\n2. Bilan", **{**fields, "place": "Salle B"})

    run_worker()

    assert _kinds(member) == ["meeting_changed", "meeting_scheduled"]


def test_answers_to_invitations_and_representation_requests_tell_the_organizers(client, login_as, mailbox):
    from consult.stakeholders.services.invitations import invite_stakeholders
    from consult.stakeholders.services.representatives import request_representation

    organizer = make_user()
    process = make_process(organizer)
    accepted, declined = make_stakeholder(process, organizer), make_stakeholder(process, organizer)
    invite_stakeholders(organizer, process, [accepted, declined])
    link_to = {m["To"]: mailbox.link(m, "/invitations/") for m in mailbox.deliver()}
    login_as(make_user()).submit(f"{link_to[accepted.contact_email]}/accepter")
    client.submit(f"{link_to[declined.contact_email]}/decliner")
    request_representation(make_user(), process, make_stakeholder(process, organizer))

    run_worker()

    assert _kinds(organizer) == ["invitation_accepted", "invitation_declined", "representation_requested"]


def test_a_submitted_action_sheet_and_a_published_report_reach_their_people():
    from consult.groups.services.proposals import create_proposal, submit_proposal
    from consult.processes.services import add_organizer
    from consult.report.publishing.snapshot.services import publish_report

    organizer, colleague, follower = make_user(), make_user(), make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    add_organizer(organizer, process, colleague.email)
    make_follow(follower, "process", process.id)
    group = make_group(process, organizer)
    _organisation, member = make_member(group, organizer)
    submit_proposal(organizer, create_proposal(member, group, title="Fiche répit", sheet={"objective": "x"}))
    publish_report(organizer, process, interim=True)

    run_worker()

    assert "proposal_submitted" in _kinds(colleague)
    assert _kinds(follower) == ["report_published"]
