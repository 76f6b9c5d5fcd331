"""The permission matrix walked from url_map over real objects, so that no route passes on a 404.

Every route is filled with ids of objects built through the services (one concertation with content in
every domain). Visitors are sent to sign-in by every private route; a participant without any role is
refused (403) every organizer route, GET and POST alike; the organizer opens every page of her
concertation.
"""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.e2e.a11y_world import build_world
from tests.factories import make_meeting, make_user

# Routes anyone may GET without signing in (each view applies finer visibility rules).
PUBLIC_GET = {
    "processes.home",
    "processes.show",
    "processes.accessibility",
    "processes.terms",
    "auth.signup",
    "auth.signup_sent",
    "auth.login",
    "auth.forgot_password",
    "auth.confirm_email",
    "auth.reset_password",
    "consultation.draft",
    "consultation.section",
    "consultation.changes",
    "groups.index",
    "groups.show",
    "groups.calendar",
    "groups.process_calendar",
    "groups.calendar_feed",
    "groups.private_calendar_feed",
    "groups.meeting",
    "groups.meeting_ics",
    "groups.download",
    "stakeholders.invitation",
    "report.public_report",
    "report.revision",
    "report.revision_pdf",
    "report.revision_contributions",
    "report.revision_data",
    "ops.health",  # for the load balancer
    "notifications.unsubscribe",  # a signed link from a mail, used without signing in
}
# POST routes a visitor may use.
PUBLIC_POST = {
    "auth.signup",
    "auth.login",
    "auth.forgot_password",
    "auth.reset_password",
    "auth.logout",
    "auth.set_language",
    "stakeholders.decline_invitation",  # a person may decline without an account
    "notifications.unsubscribe",  # one click from a mail, without signing in
}
# Routes a signed-in participant without any role may use (everything else answers 403 to them).
PARTICIPANT = {
    "auth.profile",
    "auth.change_email",
    "auth.change_password",
    "auth.my_data",
    "auth.delete_account",
    "auth.resend_confirmation",
    "consultation.position",
    "consultation.comment",
    "consultation.amend",
    "consultation.support",
    "consultation.flag",
    "stakeholders.ask_to_represent",
    "stakeholders.accept_invitation",
    "stakeholders.decline_invitation",
    "groups.register",
    "groups.unregister",
    "groups.proposal",  # a draft proposal is for members: sign-in for visitors, 403 for others
    "stakeholders.organisations",  # the public list is shown to signed-in people
    "processes.create",  # refuses with a message inside the page
    "notifications.index",
    "notifications.open",  # someone else's notification answers 404
    "notifications.mark_all_read",
    "notifications.preferences",
    "notifications.follow",
    "notifications.unfollow",
}
ADMIN_ONLY = {
    "admin.users",
    "admin.toggle_admin",
    "admin.audit_log",
    "admin.failed_work",
    "admin.retry_mail",
    "admin.retry_job",
}
REDIRECTS = {
    "report.public_report": "/bilan/versions/",  # to the latest revision
    "notifications.open": "/concertations/",  # to what the notification is about
    "report.report_texts": "/traitement/textes",  # the former texts screen, merged into the one texts screen
}
TOKEN_ROUTES = {
    "auth.confirm_email",
    "auth.reset_password",
    "stakeholders.invitation",
    "notifications.unsubscribe",
    "groups.private_calendar_feed",
}


@pytest.fixture(scope="module")
def world(app, shared_data):
    """Built once for the module: every test of it runs in a savepoint over this data."""
    with app.app_context():
        return _build(build_world())


def _build(world):
    from consult.consultation.models import Channel, ContributionKind
    from consult.consultation.services import Attachment, record_offline_contribution
    from consult.db import db, utcnow
    from consult.groups.models import Membership
    from consult.groups.services.documents import attach_document
    from consult.notifications.models import Notification
    from consult.report.publishing.snapshot.services import publish_report
    from consult.report.treatment.services import create_theme
    from consult.stakeholders.services.representatives import request_representation
    from consult.worker import run_once

    organizer, process = world["organizer"], world["process"]
    world["theme"] = create_theme(organizer, process, title="Répit des aidants")
    world["document"] = attach_document(
        organizer, world["group"], title="Ordre du jour", filename="odj.pdf", data=b"%PDF-1.4\n%%EOF\n", is_public=True
    )
    world["offline"] = record_offline_contribution(
        organizer, world["section"], kind=ContributionKind.COMMENT, channel=Channel.LETTER,
        received_on=utcnow().date(), body="Lettre reçue.", attachment=Attachment("lettre.pdf", b"%PDF-1.4\n%%EOF\n"),
    )  # fmt: skip
    world["membership"] = db.session.scalars(select(Membership).where(Membership.group_id == world["group"].id)).first()
    world["representative"] = request_representation(make_user(), process, world["stakeholder"])
    world["meeting_started"] = make_meeting(world["group"], organizer, starts_in=timedelta(hours=-1))
    world["revision"] = publish_report(organizer, process, interim=True)
    run_once()  # the worker builds the revision's PDF and fans the events out
    world["notification"] = db.session.scalars(
        select(Notification).where(Notification.user_id == organizer.id).order_by(Notification.id)
    ).first()
    return world


def _values(world, endpoint):
    values = {
        "slug": world["process"].slug,
        "group_slug": world["group"].slug,
        "section_id": world["section"].id,
        "draft_id": world["draft"].id,
        "contribution_id": world["flagged"].id,
        "meeting_id": world["meeting"].id,
        "proposal_id": world["proposal"].id,
        "stakeholder_id": world["stakeholder"].id,
        "preview_id": world["preview"].id,
        "membership_id": world["membership"].id,
        "document_id": world["document"].id,
        "source_id": world["offline"].offline_source_id,
        "theme_id": world["theme"].id,
        "suggestion_id": 1,
        "action": "reject",
        "representative_id": world["representative"].id,
        "user_id": world["organizer"].id,
        "number": world["revision"].number,
        "kind": "diagnostic",
        "decision": "confirmer",
        "verb": "inviter",
        "code": "fr",
        "token": "x",
        "mail_id": 1,
        "key": 1,
        "notification_id": world["notification"].id,
        "target_type": "process",
        "target_id": world["process"].id,
    }
    if endpoint == "consultation.changes":
        values.update(slug=world["closed"].slug, draft_id=world["old_draft"].id, number=2)
    if endpoint == "groups.minutes":  # minutes are written once the meeting has started
        values.update(meeting_id=world["meeting_started"].id)
    return values


def _urls(app, world, method, *, skip=()):
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint == "static" or rule.endpoint in skip:
            continue
        values = _values(world, rule.endpoint)
        yield rule.endpoint, re.sub(r"<(?:[^:>]+:)?([a-z_]+)>", lambda m, v=values: str(v[m.group(1)]), rule.rule)


def _opens(client, endpoint, url):
    """Whether the page answers 200, or the redirect this route is meant to make."""
    response = client.get(url)
    if endpoint in REDIRECTS:
        return response.status_code == 302 and REDIRECTS[endpoint] in response.headers["Location"]
    return response.status_code == 200


def test_visitors_open_every_public_page(app, client, world):
    urls = _urls(app, world, "GET", skip=TOKEN_ROUTES)
    assert [endpoint for endpoint, url in urls if endpoint in PUBLIC_GET and not _opens(client, endpoint, url)] == []


def test_every_private_get_route_sends_visitors_to_sign_in(app, client, world):
    wrong = {}
    for endpoint, url in _urls(app, world, "GET", skip=PUBLIC_GET):
        response = client.get(url)
        if response.status_code != 302 or "/connexion" not in response.headers["Location"]:
            wrong[endpoint] = response.status_code
    assert wrong == {}


def test_every_private_post_route_sends_visitors_to_sign_in(app, client, world):
    wrong = {}
    for endpoint, url in _urls(app, world, "POST", skip=PUBLIC_POST):
        response = client.post(url, data={"csrf_token": client.csrf_token()})
        if response.status_code != 302 or "/connexion" not in response.headers["Location"]:
            wrong[endpoint] = response.status_code
    assert wrong == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_participant_without_role_is_refused_every_organizer_route(app, login_as, world, method):
    client = login_as(make_user("personne@exemple.fr"))
    skip = PUBLIC_GET | PARTICIPANT if method == "GET" else PUBLIC_POST | PARTICIPANT
    wrong = {}
    for endpoint, url in _urls(app, world, method, skip=skip):
        response = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": client.csrf_token()})
        if response.status_code != 403:
            wrong[endpoint] = response.status_code
    assert wrong == {}


def test_the_organizer_opens_every_page_of_her_concertation(app, login_as, world):
    client = login_as(world["organizer"])
    skip = ADMIN_ONLY | TOKEN_ROUTES | {"auth.signup", "auth.login", "auth.forgot_password", "auth.signup_sent"}
    assert [
        endpoint for endpoint, url in _urls(app, world, "GET", skip=skip) if not _opens(client, endpoint, url)
    ] == []


def test_admin_routes_refuse_organizers(app, login_as, world):
    client = login_as(world["organizer"])
    for endpoint, url in _urls(app, world, "GET"):
        if endpoint in ADMIN_ONLY:
            assert client.get(url).status_code == 403, endpoint
