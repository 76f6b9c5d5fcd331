"""Mail census: the mails each demo account receives over a scripted concertation, delivered to a real SMTP catcher.

Loads the demo into a throw-away SQLite database, then plays one round of a concertation through the services
(a consultation opening on a new version, comments and a reply, an official response, a flag and a hidden
comment, a join request and its answer, a meeting scheduled, changed and its minutes, an interim report
published), runs the worker as time passes (at once, the next day for daily digests, a week later for weekly
ones) and prints, per demo account, the mails received (count and subjects). It fails if anyone received
the same mail twice.

Run with ``.venv/bin/python -m bench.mail_census``. The fan-out figures are printed by
``bench/bench_notifications.py``.
"""

import logging
import socket
import sys
import tempfile
import threading
from collections import Counter, defaultdict
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import TestConfig  # noqa: E402
from consult import create_app  # noqa: E402


class Catcher:
    """An aiosmtpd handler keeping (recipient, subject, body) of every message, per SMTP envelope recipient."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient.lower(), str(message["Subject"]), body.get_content() if body else ""))
        return "250 OK"

    def take(self) -> list:
        """What arrived so far, emptying the catcher."""
        with self.lock:
            taken, self.received = self.received, []
        return taken


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _account(email):
    from sqlalchemy import select

    from consult.auth.models import User
    from consult.db import db

    return db.session.scalar(select(User).where(User.email == email))


def _demo_cast():
    """The demo's people and objects the script acts on."""
    from sqlalchemy import select

    from consult.consultation.models import Draft
    from consult.db import db
    from consult.groups.models import Facilitator, Group, Membership
    from consult.processes.models import Process
    from consult.stakeholders.models import Representative, RepresentativeStatus

    process = db.session.scalar(select(Process).where(Process.slug == "schema-autonomie-2027-2031"))
    representative = _account("representante@demo.concertation.fr")
    stakeholder = db.session.scalar(
        select(Representative)
        .where(Representative.user_id == representative.id, Representative.status == RepresentativeStatus.CONFIRMED)
        .limit(1)
    ).stakeholder
    member_of = set(db.session.scalars(select(Membership.group_id).where(Membership.stakeholder_id == stakeholder.id)))
    groups = list(db.session.scalars(select(Group).where(Group.process_id == process.id).order_by(Group.id)))
    return {
        "process": process,
        "draft": db.session.scalar(select(Draft).where(Draft.process_id == process.id).order_by(Draft.id).limit(1)),
        "organizer": _account("organisatrice@demo.concertation.fr"),
        "camille": _account("camille.participante@demo.concertation.fr"),
        "jean": _account("jean.participant@demo.concertation.fr"),
        "representative": representative,
        "organisation": stakeholder,
        "facilitated": db.session.get(
            Group, db.session.scalar(select(Facilitator.group_id).where(Facilitator.user_id == representative.id))
        ),
        "other_group": next(g for g in groups if g.id not in member_of),
    }


def _consultation(cast, now):
    """Comments, a reply, an official response, a flag, a hidden comment; then version 2 opening an hour later."""
    from consult.consultation import services
    from consult.consultation.queries import version_outline
    from consult.notifications.models import TargetType
    from consult.notifications.services import add_follow

    draft, organizer, camille, jean = cast["draft"], cast["organizer"], cast["camille"], cast["jean"]
    for person in (camille, jean):
        add_follow(person.id, TargetType.PROCESS, cast["process"].id)
    part, children = version_outline(draft.latest_published)[0]
    section = children[0] if children else part
    question = services.post_comment(jean, section, body="Les horaires des accueils de jour sont trop courts.")
    services.post_comment(camille, section, body="C'est aussi ce que vivent les aidants.", parent=question)
    services.respond_to_contribution(organizer, question, body="Nous proposons d'étendre les horaires.")
    off_topic = services.post_comment(camille, section, body="Mon voisin fait trop de bruit le soir.")
    services.flag_contribution(jean, off_topic, reason="Hors sujet")
    services.hide_contribution(organizer, off_topic, reason="Hors sujet")
    version = services.start_new_version(organizer, draft)
    services.publish_version(organizer, version, opens_at=now + timedelta(hours=1), closes_at=now + timedelta(days=30))


def _groups(cast, now):
    """A join request and its answer; a meeting scheduled, changed, then its minutes filed and published."""
    from consult.groups.models import Membership
    from consult.groups.services import meetings, membership

    organizer, representative = cast["organizer"], cast["representative"]
    process = cast["process"]
    phase = next(p for p in process.phases if p.kind.value == "working_groups")
    asked = membership.join_group(representative, cast["other_group"], cast["organisation"], now=_noon(phase))
    if isinstance(asked, Membership) and asked.status.value == "requested":
        membership.decide_membership(organizer, asked, accept=True, now=_noon(phase))
    starts = (now + timedelta(days=2)).replace(microsecond=0)
    fields = {
        "title": "Atelier aidants : répit et accueil de jour",
        "is_public": False,
        "place": "Maison départementale de l'autonomie",
        "address": "26 avenue du Président-Herriot, Valence",
        "video_url": "",
        "capacity": 20,
    }
    meeting = meetings.create_meeting(
        representative, cast["facilitated"], agenda_md="Ordre du jour.", starts_at=starts,
        ends_at=starts + timedelta(hours=2), **fields,
    )  # fmt: skip
    moved = starts + timedelta(hours=1)
    meetings.update_meeting(
        representative, meeting, agenda_md="Ordre du jour complété.", starts_at=moved,
        ends_at=moved + timedelta(hours=2), now=now, **fields,
    )  # fmt: skip
    meetings.record_minutes(
        representative, meeting, attended_ids=set(), minutes_md="Relevé de décisions.", publish=True,
        now=meeting.ends_at,
    )  # fmt: skip


def _noon(phase):
    from datetime import datetime, time

    from consult.dates import PARIS

    return datetime.combine(phase.starts_on + timedelta(days=1), time(12), tzinfo=PARIS)


def _play(catcher, now):
    """The scripted concertation, the worker running as days pass; returns the mails of the script."""
    from consult.report.publishing.snapshot.services import publish_report

    cast = _demo_cast()
    _consultation(cast, now)
    _groups(cast, now)
    publish_report(cast["organizer"], cast["process"], interim=True, now=now)
    for later in (timedelta(0), timedelta(hours=2), timedelta(days=1, hours=1), timedelta(days=8)):
        _work_until_idle(now + later)
    return catcher.take()


def _work_until_idle(now=None):
    """Worker passes at ``now`` (or the clock) until one sends nothing (a pass expands EVENTS_PER_PASS events)."""
    from consult.worker import run_once

    while run_once(now) != (0, 0):
        pass


def _print_census(received):
    from consult.demo.accounts import DEMO_ACCOUNTS

    by_account = defaultdict(list)
    for recipient, subject, body in received:
        by_account[recipient].append((subject, body))
    print(f"{len(received)} mails over the scripted concertation; per demo account:")
    for email, role in DEMO_ACCOUNTS:
        mails = by_account.get(email, [])
        print(f"\n{email} ({role}): {len(mails)}")
        for subject, count in sorted(Counter(subject for subject, _body in mails).items()):
            print(f"  {count} × {subject}")
        for _subject, body in mails:  # what the digests gathered
            for line in body.splitlines():
                if line.startswith("- "):
                    print(f"      {line}")
    others = sorted(set(by_account) - {email for email, _role in DEMO_ACCOUNTS})
    print(f"\nother demo people (organisations' representatives…): {len(others)} addresses, "
          f"{sum(len(by_account[o]) for o in others)} mails")  # fmt: skip
    twice = [key for key, n in Counter(received).items() if n > 1]
    print(f"\nsame mail received twice: {len(twice)}")
    for recipient, subject, _body in twice:
        print(f"  {recipient}: {subject}")
    return twice


def main():
    """Load the demo, play the script, print the census; exit 1 if anyone got a mail twice."""
    catcher = Catcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=_free_port())
    controller.start()
    tmpdir = tempfile.mkdtemp(prefix="mail-census-")

    class CensusConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmpdir}/census.sqlite"
        MAIL_PORT = controller.port
        UPLOAD_DIR = f"{tmpdir}/uploads"
        RATELIMIT_ENABLED = False

    app = create_app(CensusConfig)
    logging.getLogger().setLevel(logging.WARNING)
    try:
        with app.app_context(), app.test_request_context():
            from flask_migrate import upgrade

            from consult.db import utcnow
            from consult.demo import load_demo

            upgrade()
            load_demo(now=utcnow())
            _work_until_idle()  # the clock: the load's mails are written as it runs
            loading = catcher.take()
            now = utcnow()
            print(f"demo loading: {len(loading)} mails (not counted below)\n")
            twice = _print_census(_play(catcher, now))
    finally:
        controller.stop()
    sys.exit(1 if twice else 0)


if __name__ == "__main__":
    main()
