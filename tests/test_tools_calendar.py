"""The concertation's meeting calendar: a page, a public .ics feed, a private feed with a signed token."""

from tests.factories import make_group, make_meeting, make_member, make_process, make_user
from tests.helpers import text

VIDEO = "https://visio.exemple.fr/salle-42"


def _world():
    organizer = make_user()
    process = make_process(organizer)
    group = make_group(process, organizer)
    make_meeting(group, organizer, title="Réunion publique", video_url=VIDEO)
    make_meeting(group, organizer, title="Réunion des membres", is_public=False, video_url=VIDEO)
    _stakeholder, member = make_member(group, organizer)
    return process, member


def test_page_and_public_feed_show_public_meetings_without_video_links(client):
    process, _member = _world()
    page = text(client.get(f"/concertations/{process.slug}/calendrier"))
    assert "Réunion publique" in page and "Réunion des membres" not in page and VIDEO not in page
    feed = client.get(f"/concertations/{process.slug}/calendrier.ics")
    assert feed.mimetype == "text/calendar"
    body = feed.get_data(as_text=True)
    assert "Réunion publique" in body and "Réunion des membres" not in body and "visio.exemple.fr" not in body


def test_private_feed_adds_members_meetings_and_video_links_as_the_meeting_page_would(login_as, app):
    process, member = _world()
    page = login_as(member).get(f"/concertations/{process.slug}/calendrier").get_data(as_text=True)
    assert "Réunion des membres" in page and VIDEO in page
    private_url = page.split('readonly value="', 1)[1].split('"', 1)[0]
    anonymous = app.test_client()
    body = anonymous.get(private_url.split("localhost", 1)[1]).get_data(as_text=True)
    assert "Réunion des membres" in body and "visio.exemple.fr" in body.replace("\r\n ", "")


def test_private_feed_refuses_a_forged_token(client):
    process, _member = _world()
    assert client.get(f"/concertations/{process.slug}/calendrier/forge.ics").status_code == 404
