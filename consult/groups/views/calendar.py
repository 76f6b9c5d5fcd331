"""The calendar of every meeting of a concertation: a page, a public feed, and a private feed per person."""

from flask import Response, abort, render_template, url_for
from flask_login import current_user

from consult.auth.models import User
from consult.auth.tokens import make_token, read_token
from consult.db import db, utcnow
from consult.errors import InvalidToken
from consult.groups import bp, queries
from consult.groups.ics import calendar_of
from consult.groups.services.meeting_mail import meeting_url
from consult.permissions import is_signed_in
from consult.processes.queries import get_process_or_404

#: a private feed's link lasts as long as the account's session token (it changes with the password)
FEED_PURPOSE = "calendar-feed"
FEED_MAX_AGE = 10 * 365 * 24 * 3600


def private_feed_token(user, process) -> str:
    """The signed token of this person's private feed of the concertation's meetings."""
    return make_token(FEED_PURPOSE, {"u": user.id, "p": process.id, "s": user.session_token[:16]})


def _feed_reader(token: str, process) -> User:
    try:
        payload = read_token(FEED_PURPOSE, token, FEED_MAX_AGE)
    except InvalidToken:
        abort(404)
    user = db.session.get(User, payload.get("u"))
    if user is None or not user.is_active or payload.get("p") != process.id:
        abort(404)
    if user.session_token[:16] != payload.get("s"):
        abort(404)
    return user


def _feed(process, user) -> Response:
    upcoming, past, video_for = queries.process_calendar(process, user, utcnow())
    meetings = upcoming + past
    body = calendar_of(meetings, name=process.title, urls={m.id: meeting_url(m) for m in meetings}, video_for=video_for)
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": "inline; filename=reunions.ics"})


@bp.route("/concertations/<slug>/calendrier")
def process_calendar(slug):
    """List every meeting of the concertation the viewer may see, with its feeds."""
    process = get_process_or_404(slug)
    upcoming, past, video_for = queries.process_calendar(process, current_user, utcnow())
    private_url = None
    if is_signed_in(current_user):
        token = private_feed_token(current_user, process)
        private_url = url_for("groups.private_calendar_feed", slug=slug, token=token, _external=True)
    return render_template(
        "groups/calendar.html", process=process, upcoming=upcoming, past=past, video_for=video_for,
        private_url=private_url,
    )  # fmt: skip


@bp.route("/concertations/<slug>/calendrier.ics")
def calendar_feed(slug):
    """The public feed: the public meetings (calendar apps subscribe without signing in)."""
    process = get_process_or_404(slug)
    return _feed(process, current_user)


@bp.route("/concertations/<slug>/calendrier/<token>.ics")
def private_calendar_feed(slug, token):
    """A person's private feed: their members' meetings too, video links as their meeting pages show them."""
    process = get_process_or_404(slug)
    return _feed(process, _feed_reader(token, process))
