"""Benchmark of the closing report: SQL queries and median time of its pages, and the PDF build time.

Run by `make bench`. Builds a throw-away SQLite database (and, when BENCH_DATABASE_URL is set, the same
on that PostgreSQL database) with a process of 2,000 and of 100,000 contributions (bulk inserts), then
prints, for each size: the time to publish a revision and the number of SQL queries and median time of
every report page (``REPORT_PAGES``), as one table at the end; and the PDF build time (wall and CPU) with
its page count. One contribution in RESPONSE_EVERY receives an official response, so the PDF's annex of
answered contributions is exercised (and bounded) at every size.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, insert  # noqa: E402

from config import TestConfig  # noqa: E402
from consult import create_app  # noqa: E402
from consult.auth.models import Relation, User  # noqa: E402
from consult.consultation.models import (  # noqa: E402
    Contribution,
    Draft,
    DraftVersion,
    OfficialResponse,
    Position,
    Section,
    Support,
)
from consult.db import db  # noqa: E402
from consult.processes.models import Phase, PhaseKind, Process, ProcessRole, ProcessRoleName  # noqa: E402
from consult.report.models import Theme, Treatment  # noqa: E402

SIZES = tuple(int(n) for n in os.environ.get("BENCH_REPORT_SIZES", "2000,100000").split(","))
SECTIONS = 20
USERS = 2_000
RUNS = 5
TERRITORIES = ["Valence", "Montélimar", "Romans-sur-Isère", "Die", "Crest", "Nyons", "Tain", "Dieulefit"]
CHANNELS = ["online"] * 8 + ["letter", "public_meeting", "phone"]
DISPOSITIONS = ["accepted", "partly_accepted", "rejected", "out_of_scope"]
RESPONSE_EVERY = 20


def make_app(tmpdir, url=None):
    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url or f"sqlite:///{tmpdir}/bench.sqlite"
        REPORT_DIR = f"{tmpdir}/reports"
        RATELIMIT_ENABLED = False
        WTF_CSRF_ENABLED = False

    return create_app(BenchConfig)


def reset_schema():
    from flask_migrate import upgrade
    from sqlalchemy import text

    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    if db.engine.dialect.name == "sqlite":
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade()


def populate(size, rng):
    """A process with SECTIONS sections, USERS participants, ``size`` contributions, three quarters treated."""
    now = datetime.now(UTC)
    organizer = User(email=f"orga{size}@bench.fr", display_name="Orga", password_hash="x", email_confirmed_at=now)
    process = Process(slug=f"bench-{size}", title=f"Bench {size}", territory="Drôme", is_published=True)
    db.session.add_all([organizer, process])
    db.session.flush()
    today = now.date()
    for i, kind in enumerate(PhaseKind):
        start = today + timedelta(days=(i - 4) * 10)
        db.session.add(Phase(process_id=process.id, kind=kind, starts_on=start, ends_on=start + timedelta(days=9)))
    db.session.add(ProcessRole(process_id=process.id, user_id=organizer.id, role=ProcessRoleName.ORGANIZER))
    draft = Draft(process_id=process.id, title="Projet")
    draft.versions.append(DraftVersion(number=1, published_at=now))
    db.session.add(draft)
    db.session.flush()
    version_id = draft.versions[0].id
    db.session.execute(
        insert(Section),
        [
            {"version_id": version_id, "position": i, "title": f"Section {i}", "body_md": "", "body_html": ""}
            for i in range(SECTIONS)
        ],
    )
    section_ids = [s.id for s in db.session.scalars(db.select(Section).where(Section.version_id == version_id))]
    relations = [r.value for r in Relation]
    db.session.execute(
        insert(User),
        [
            {
                "email": f"u{size}-{i}@bench.fr",
                "display_name": f"P{i}",
                "password_hash": "x",
                "relation": rng.choice(relations),
                "territory": rng.choice(TERRITORIES),
                "session_token": f"t{size}-{i}",
            }
            for i in range(USERS)
        ],
    )
    user_ids = db.session.scalars(db.select(User.id).where(User.email.like(f"u{size}-%"))).all()
    db.session.execute(
        insert(Position),
        [
            {
                "process_id": process.id,
                "section_id": s,
                "user_id": u,
                "value": rng.choice(["agree", "mixed", "disagree"]),
                "contributor_category": rng.choice(relations),
                "contributor_territory": rng.choice(TERRITORIES),
            }
            for s in section_ids
            for u in user_ids[:: max(1, USERS // 200)]
        ],
    )
    rows = []
    for i in range(size):
        channel = rng.choice(CHANNELS)
        rows.append(
            {
                "process_id": process.id,
                "section_id": rng.choice(section_ids),
                "kind": "amendment" if i % 7 == 0 else "comment",
                "author_id": rng.choice(user_ids) if channel == "online" else None,
                "channel": channel,
                "contributor_category": rng.choice(relations),
                "contributor_territory": rng.choice(TERRITORIES),
                "body": f"Contribution numéro {i} : il faudrait renforcer l'aide à domicile.",
                "body_html": f"<p>Contribution numéro {i}</p>",
                "state": "hidden" if i % 50 == 0 else "published",
                "moderation_reason": "Hors sujet" if i % 50 == 0 else "",
                "support_count": rng.randint(0, 20),
                "created_at": now - timedelta(days=rng.randint(0, 60), minutes=i % 1440),
            }
        )
    for start in range(0, size, 10_000):
        db.session.execute(insert(Contribution), rows[start : start + 10_000])
    themes = [Theme(process_id=process.id, title=f"Thème {i}", disposition=None) for i in range(10)]
    db.session.add_all(themes)
    db.session.flush()
    contribution_ids = db.session.scalars(db.select(Contribution.id).where(Contribution.process_id == process.id)).all()
    insert_supports(process, user_ids, rng)
    treatments = [
        {
            "contribution_id": cid,
            "theme_id": rng.choice(themes).id,
            "disposition": rng.choice(DISPOSITIONS),
            "reason_md": "Motif",
            "reason_html": "<p>Motif</p>",
        }
        for cid in contribution_ids[: size * 3 // 4]
    ]
    for start in range(0, len(treatments), 10_000):
        db.session.execute(insert(Treatment), treatments[start : start + 10_000])
    insert_official_responses(contribution_ids, organizer)
    db.session.commit()
    return process, organizer


def measure(app, client, url):
    """(queries, median seconds) of GET url, after one warm-up request."""
    statements = []

    def count(*_args):
        statements.append(1)

    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(RUNS):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200, url
    return len(statements), statistics.median(times)


def insert_supports(process, user_ids, rng):
    """One Support row per counted support (distinct supporters, their category kept as the service does), so the
    kept counters equal their recount."""
    counted = db.session.execute(
        db.select(Contribution.id, Contribution.support_count).where(Contribution.process_id == process.id)
    ).all()
    relations = dict(db.session.execute(db.select(User.id, User.relation).where(User.id.in_(user_ids))).all())
    rows = [
        {"process_id": process.id, "contribution_id": cid, "user_id": uid, "contributor_category": relations[uid]}
        for cid, n in counted
        for uid in rng.sample(user_ids, n)
    ]
    for start in range(0, len(rows), 50_000):
        db.session.execute(insert(Support), rows[start : start + 50_000])


def insert_official_responses(contribution_ids, organizer):
    """An official response to one contribution in RESPONSE_EVERY (the PDF's annex carries the answered ones)."""
    rows = [
        {
            "contribution_id": cid,
            "author_id": organizer.id,
            "body": f"Réponse à la contribution {cid}.",
            "body_html": f"<p>Réponse à la contribution {cid}.</p>",
        }
        for cid in contribution_ids[::RESPONSE_EVERY]
    ]
    for start in range(0, len(rows), 10_000):
        db.session.execute(insert(OfficialResponse), rows[start : start + 10_000])


def measure_pdf(revision):
    """Print the PDF build time (wall clock and this process's CPU: the machine is shared) and its page count."""
    import io

    from pypdf import PdfReader

    from consult.report.publishing.pdf import build_pdf
    from consult.report.publishing.storage import absolute

    wall, cpu = time.perf_counter(), time.process_time()
    relative = build_pdf(revision)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if not relative:
        print(f"  PDF build: failed after {wall:.1f} s ({revision.pdf_error})")
        return
    pages = len(PdfReader(io.BytesIO(absolute(relative).read_bytes())).pages)
    load = os.getloadavg()[0]
    print(f"  PDF build: {wall:.1f} s wall, {cpu:.1f} s CPU, {pages} pages (load average {load:.1f})")


def run(app, size, rng):
    """Time publishing and every report page at ``size`` contributions; returns the row of the table."""

    with app.app_context():
        reset_schema()
        start = time.perf_counter()
        process, organizer = populate(size, rng)
        # what `PRAGMA optimize` (SQLite) or autovacuum (PostgreSQL) does on a live database: give the planner
        # statistics after the bulk load (without them PostgreSQL plans nested loops over 100,000 rows)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        print(f"  data generated in {time.perf_counter() - start:.1f} s")
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = organizer.session_token
            session["_fresh"] = True
        row = measure_report(app, client, process, organizer)
        revision = row.pop("revision")
        measure_pdf(revision)
        db.session.remove()
        return row


#: every report page an organizer or a reader opens, as (name, path under /concertations/<slug>/);
#: ``{n}`` is the published revision, ``{last}`` the treatment view's last page, ``{contribution}`` one of them
REPORT_PAGES = (
    ("draft report (live figures)", "bilan/brouillon"),
    ("draft listing, page 1", "bilan/brouillon/contributions"),
    ("draft listing, last page", "bilan/brouillon/contributions?page={listing_last}"),
    ("published revision", "bilan/versions/{n}"),
    ("revision listing, last page", "bilan/versions/{n}/contributions?page={listing_last}"),
    ("treatment view", "traitement"),
    ("treatment view, last page", "traitement?page={last}"),
    ("treatment view, by section", "traitement?sort=section&page={last}"),
    ("treatment progress", "traitement/avancement"),
    ("one contribution's treatment", "traitement/contributions/{contribution}"),
    ("themes", "traitement/themes"),
    ("synthesis screen", "traitement/syntheses"),
    ("closing texts", "traitement/textes"),
    ("group proposals", "traitement/propositions"),
)


def measure_report(app, client, process, organizer):
    """Publish a revision (timed), then measure every page of ``REPORT_PAGES``."""
    from consult.report.publishing.snapshot.services import publish_report
    from consult.report.publishing.views import PER_PAGE
    from consult.report.treatment.listing import PER_PAGE as TREATMENT_PER_PAGE

    start = time.perf_counter()
    revision = publish_report(organizer, process, interim=True)
    published = time.perf_counter() - start
    print(f"  publishing a revision (snapshot + open data): {published:.2f} s")
    listed = revision.snapshot["participation"]["contributions"]
    values = {
        "n": revision.number,
        "listing_last": -(-listed // PER_PAGE),
        "last": -(-db.session.scalar(db.select(db.func.count(Contribution.id))) // TREATMENT_PER_PAGE),
        "contribution": db.session.scalar(db.select(db.func.max(Contribution.id))),
    }
    row = {"publish": published, "revision": revision}
    for name, path in REPORT_PAGES:
        url = f"/concertations/{process.slug}/" + path.format(**values)
        row[name] = measure(app, client, url)
        print(f"  {name}: {row[name][0]} queries, median {row[name][1] * 1000:.0f} ms")
    return row


def print_table(results):
    """The table of the issue, one column per size × database: publishing, then each page's queries and median."""
    print("\n| measure | " + " | ".join(f"{size:,} {database}" for size, database in results) + " |")
    print("|---|" + "---|" * len(results))
    print("| publish a revision | " + " | ".join(f"{row['publish']:.1f} s" for row in results.values()) + " |")
    for name, _path in REPORT_PAGES:
        cells = [f"{row[name][0]} q, {row[name][1] * 1000:.0f} ms" for row in results.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")


def databases():
    """SQLite always; PostgreSQL too when BENCH_DATABASE_URL names one."""
    return [None, os.environ["BENCH_DATABASE_URL"]] if os.environ.get("BENCH_DATABASE_URL") else [None]


def main():
    rng = random.Random(8)
    results = {}
    for url in databases():
        with tempfile.TemporaryDirectory(prefix="bench-report-") as tmpdir:
            app = make_app(tmpdir, url)
            database = app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
            print(f"== Closing report benchmark ({database}) ==")
            for size in SIZES:
                print(f"{size:,} contributions:")
                results[(size, database)] = run(app, size, rng)
    print_table(results)


if __name__ == "__main__":
    main()
