"""Publishing a version followed by 10,000 people answers as fast as one followed by nobody.

The request writes one event row; the worker fans it out afterwards in batches (INSERT … SELECT). Prints
the publish request's time for both drafts (median of several rounds) and the worker's fan-out time.

Run with ``make bench`` (or ``.venv/bin/python -m bench.bench_notifications``). Uses a throw-away SQLite
database unless BENCH_DATABASE_URL names another one (it is emptied and rebuilt by the migrations).
"""

import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import TestConfig  # noqa: E402
from consult import create_app  # noqa: E402

FOLLOWERS = 10_000
ROUNDS = 9


def _followers(db, process_id: int):
    """10,000 accounts following the process, inserted in bulk (the follows are what is measured, not sign-up)."""
    from sqlalchemy import insert, select

    from consult.auth.models import User
    from consult.auth.services import hash_password
    from consult.db import utcnow
    from consult.notifications.models import Follow, TargetType

    password, now = hash_password("Un mot de passe tres solide 2027"), utcnow()
    db.session.execute(
        insert(User),
        [
            {
                "email": f"suiveur{n}@exemple.fr",
                "display_name": f"Suiveur {n}",
                "password_hash": password,
                "session_token": f"bench-{n}",
                "email_confirmed_at": now,
            }
            for n in range(FOLLOWERS)
        ],
    )
    ids = db.session.scalars(select(User.id).where(User.email.like("suiveur%"))).all()
    db.session.execute(
        insert(Follow), [{"user_id": i, "target_type": TargetType.PROCESS, "target_id": process_id} for i in ids]
    )
    db.session.commit()


def _draft(organizer, title):
    from consult.consultation import services
    from consult.db import utcnow
    from consult.processes.models import Field
    from consult.processes.services import create_process

    process = create_process(
        organizer,
        title=title,
        slug=f"bench-{title.lower().replace(' ', '-')}",
        summary_md="Banc d'essai.",
        fields=[Field.AUTONOMY_ELDERLY],
        territory="Drôme",
        is_published=True,
    )
    draft = services.create_draft(organizer, process, title=f"Projet {title}")
    now = utcnow()
    services.publish_version(organizer, draft.versions[-1], opens_at=now, closes_at=now + timedelta(days=30))
    return process, draft


def _publish_time(client, organizer, process, draft) -> float:
    """Time the publish request of a new version of the draft (making the new version is not timed)."""
    from consult.consultation import services

    services.start_new_version(organizer, draft)
    form = {"opens_at": "2030-01-01T09:00", "closes_at": "2030-02-01T18:00"}
    started = time.perf_counter()
    response = client.post(f"/concertations/{process.slug}/projets/{draft.id}/publier", data=form)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed


def main():
    """Build two drafts, one followed by 10,000 people; time publishing on each, then the worker's fan-out."""
    tmpdir = tempfile.mkdtemp(prefix="bench-notifications-")

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmpdir}/bench.sqlite"
        WTF_CSRF_ENABLED = False
        MAIL_SERVER = ""

    app = create_app(BenchConfig)
    logging.getLogger().setLevel(logging.WARNING)
    with app.app_context(), app.test_request_context():
        from flask_migrate import upgrade
        from sqlalchemy import func, select, text

        from consult.auth.services import create_confirmed_user
        from consult.db import db, utcnow
        from consult.notifications.fanout import expand_events
        from consult.notifications.models import Notification

        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        organizer = create_confirmed_user("bench@exemple.fr", "Bench", "Un mot de passe tres solide 2027")
        organizer.is_admin = True
        db.session.commit()
        quiet_process, quiet_draft = _draft(organizer, "Sans suiveur")
        busy_process, busy_draft = _draft(organizer, "Dix mille suiveurs")
        _followers(db, busy_process.id)
        expand_events(utcnow())  # the first versions' events, before the measure

        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = organizer.session_token
        quiet, busy = [], []
        for _ in range(ROUNDS):  # alternated, so that both drafts meet the same machine
            quiet.append(_publish_time(client, organizer, quiet_process, quiet_draft))
            busy.append(_publish_time(client, organizer, busy_process, busy_draft))
        before = db.session.scalar(select(func.count()).select_from(Notification))

        started = time.perf_counter()
        expand_events(utcnow())
        fanout = time.perf_counter() - started
        made = db.session.scalar(select(func.count()).select_from(Notification)) - before
        dialect = db.engine.dialect.name

    _report(dialect, quiet, busy, fanout, made)


def _report(dialect, quiet, busy, fanout, made):
    def ms(times):
        return f"median {statistics.median(times) * 1000:7.1f} ms (max {max(times) * 1000:.1f} ms)"

    print(f"database: {dialect}; {ROUNDS} publications per draft")
    print(f"publishing with {0:>6,} followers: {ms(quiet)}")
    print(f"publishing with {FOLLOWERS:>6,} followers: {ms(busy)}")
    ratio = statistics.median(busy) / statistics.median(quiet)
    print(f"ratio of the medians, {FOLLOWERS:,} followers over 0: {ratio:.2f}")
    print(
        f"worker fan-out: {made:,} notifications for {ROUNDS} events in {fanout:.2f} s ({fanout / ROUNDS:.2f} s each)"
    )


if __name__ == "__main__":
    main()
