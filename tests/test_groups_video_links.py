"""A meeting's video link reaches exactly those its page shows it to: in the page, the .ics files, the feed, mail."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from consult.groups.services.meetings import record_minutes
from consult.processes.models import PhaseKind
from tests.factories import make_group, make_meeting, make_member, make_process, make_registration, make_user
from tests.helpers import text

PUBLIC_LINK = "https://visio.exemple.fr/reunion-publique-4821"
PRIVATE_LINK = "https://visio.exemple.fr/atelier-membres-7733"


@pytest.fixture
def setting():
    organizer = make_user()
    process = make_process(organizer, current=PhaseKind.WORKING_GROUPS)
    group = make_group(process, organizer, title="Aidants")
    _stakeholder, member = make_member(group, organizer)
    public = make_meeting(group, organizer, title="Réunion publique", video_url=PUBLIC_LINK)
    private = make_meeting(group, organizer, title="Atelier des membres", is_public=False, video_url=PRIVATE_LINK)
    return group, organizer, member, public, private


def _url(meeting, suffix=""):
    group = meeting.group
    return f"/concertations/{group.process.slug}/groupes/{group.slug}/reunions/{meeting.id}{suffix}"


def _feed(group):
    return f"/concertations/{group.process.slug}/groupes/{group.slug}/calendrier.ics"


def _ics(response) -> str:
    """The calendar's text with its folded lines joined."""
    return response.get_data(as_text=True).replace("\r\n ", "")


def _events(response):
    events = Calendar.from_ical(response.data).walk("VEVENT")
    return {str(e["SUMMARY"]): e.to_ical().decode().replace("\r\n ", "") for e in events}


def test_anonymous_invitation_file_of_a_public_meeting_has_no_video_link(setting, client):
    _group, _organizer, _member, public, _private = setting
    assert PUBLIC_LINK not in text(client.get(_url(public)))
    body = _ics(client.get(_url(public, "/invitation.ics")))
    assert "Réunion publique" in body
    assert PUBLIC_LINK not in body


def test_signed_in_visitor_not_registered_gets_no_video_link(setting, login_as):
    _group, _organizer, _member, public, _private = setting
    visitor = login_as(make_user())
    assert PUBLIC_LINK not in text(visitor.get(_url(public)))
    assert PUBLIC_LINK not in _ics(visitor.get(_url(public, "/invitation.ics")))


def test_registrant_sees_the_link_on_the_page_in_the_file_and_in_the_invitation_mail(setting, login_as, mailbox):
    _group, _organizer, _member, public, _private = setting
    user = make_user()
    make_registration(user, public)
    client = login_as(user)
    assert PUBLIC_LINK in text(client.get(_url(public)))
    assert PUBLIC_LINK in _ics(client.get(_url(public, "/invitation.ics")))
    [message] = mailbox.to(user.email)
    assert PUBLIC_LINK in mailbox.body(message)
    [invitation] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    [event] = Calendar.from_ical(invitation.get_payload(decode=True)).walk("VEVENT")
    assert PUBLIC_LINK in str(event["DESCRIPTION"])


def test_published_minutes_do_not_open_a_members_meeting_link_to_visitors(setting, client, login_as):
    group, organizer, member, _public, _private = setting
    past = make_meeting(
        group, organizer, title="Atelier passé", is_public=False, video_url=PRIVATE_LINK, starts_in=-timedelta(days=2)
    )
    record_minutes(organizer, past, attended_ids=set(), minutes_md="Relevé de décisions", publish=True)
    assert "Relevé de décisions" in text(client.get(_url(past)))
    assert PRIVATE_LINK not in text(client.get(_url(past)))
    assert PRIVATE_LINK not in _ics(client.get(_url(past, "/invitation.ics")))
    assert PRIVATE_LINK not in login_as(make_user()).get(_url(past, "/invitation.ics")).get_data(as_text=True)
    assert PRIVATE_LINK in _ics(login_as(member).get(_url(past, "/invitation.ics")))


def test_anonymous_feed_carries_public_meetings_without_links_and_no_members_meeting(setting, client):
    group, organizer, _member, _public, _private = setting
    past = make_meeting(
        group, organizer, title="Atelier passé", is_public=False, video_url=PRIVATE_LINK, starts_in=-timedelta(days=2)
    )
    record_minutes(organizer, past, attended_ids=set(), minutes_md="Relevé", publish=True)
    response = client.get(_feed(group))
    events = _events(response)
    assert set(events) == {"Réunion publique"}
    body = _ics(response)
    assert PUBLIC_LINK not in body and PRIVATE_LINK not in body


def test_members_feed_carries_every_meeting_with_its_link(setting, login_as):
    group, _organizer, member, _public, _private = setting
    events = _events(login_as(member).get(_feed(group)))
    assert set(events) == {"Réunion publique", "Atelier des membres"}
    assert PRIVATE_LINK in events["Atelier des membres"]
    assert PUBLIC_LINK in events["Réunion publique"]


def test_registrants_feed_carries_the_link_of_their_meeting_only(setting, login_as):
    group, organizer, _member, public, _private = setting
    other = make_meeting(group, organizer, title="Autre réunion publique", video_url=PUBLIC_LINK + "-autre")
    user = make_user()
    make_registration(user, public)
    events = _events(login_as(user).get(_feed(group)))
    assert set(events) == {"Réunion publique", "Autre réunion publique"}
    assert PUBLIC_LINK in events["Réunion publique"]
    assert other.video_url not in events["Autre réunion publique"]
