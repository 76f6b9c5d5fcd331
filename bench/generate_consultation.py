"""Build a consultation of configurable size through the services, for the benchmark.

Default size (scale 1): 1 draft, 20 sections of ~900 characters, 2,000 comments (100 per section),
2,000 supports, 5,000 positions, 200 participants who comment and support (and 100 more people who
only state positions: one position per person per section caps 200 people at 4,000). ``scale``
multiplies the people and contributions.

Run alone: ``python bench/generate_consultation.py [scale] [sqlite file]``.
"""

import hashlib
import json
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select  # noqa: E402

from config import Config  # noqa: E402
from consult import create_app  # noqa: E402
from consult.auth.models import Relation, User  # noqa: E402
from consult.auth.services import hash_password  # noqa: E402
from consult.consultation import services  # noqa: E402
from consult.consultation.models import PositionValue, Section  # noqa: E402
from consult.db import db, utcnow  # noqa: E402
from consult.processes.models import Field, PhaseKind  # noqa: E402
from consult.processes.services import create_process, set_phase  # noqa: E402

SECTIONS = 20
COMMENTS_PER_SECTION = 100
SUPPORTS = 2000
POSITIONS = 5000
PARTICIPANTS = 200
#: one position per person per section: 5,000 positions on 20 sections need more than 200 people, so 100
#: more people (per scale unit) only state positions
READERS = 100

PARAGRAPH = (
    "Le Département soutient le maintien à domicile des personnes âgées et des personnes en situation de "
    "handicap. Il finance les services d'aide et d'accompagnement, adapte les logements avec ses partenaires, "
    "développe l'accueil de jour et l'hébergement temporaire pour le répit des proches aidants, et veille à "
    "ce que chaque habitant trouve une réponse à moins de trente minutes de chez lui. "
)


def bench_config(path: str, url: str | None = None):
    """A configuration on a throw-away SQLite file (or database ``url``), without mail or rate limits."""

    class BenchConfig(Config):
        ENV_NAME = "testing"
        TESTING = True
        SECRET_KEY = "bench-secret-key"  # noqa: S105
        SQLALCHEMY_DATABASE_URI = url or f"sqlite:///{path}"
        RATELIMIT_ENABLED = False
        MAIL_SUPPRESS_SEND = True
        MAIL_DELIVER_AFTER_REQUEST = False
        PASSWORD_HASHER = "fast"  # noqa: S105

    return BenchConfig


def _fast_writes():
    """Generation only: skip fsync so that ~100,000 service commits take seconds, not minutes."""

    @event.listens_for(db.engine, "connect")
    def _pragmas(dbapi_connection, _record):
        if db.engine.dialect.name == "sqlite":
            dbapi_connection.execute("PRAGMA synchronous=OFF")
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
        else:
            dbapi_connection.execute("SET synchronous_commit = off")
            dbapi_connection.commit()

    db.engine.dispose()


def _people(count: int) -> list[User]:
    # Accounts are the foundation's concern: made directly with one shared hash, to keep the benchmark quick.
    password_hash = hash_password("Benchmark password 2027")
    now = utcnow()
    relations = list(Relation)
    users = [
        User(email=f"bench{n}@exemple.fr", display_name=f"Participant {n}", password_hash=password_hash,
             email_confirmed_at=now, terms_accepted_at=now, notify_by_email=False,
             relation=relations[n % len(relations)], territory=f"Commune {n % 40}")
        for n in range(count)
    ]  # fmt: skip
    db.session.add_all(users)
    db.session.commit()
    return users


def _draft(organizer, process):
    draft = services.create_draft(organizer, process, title="Projet de schéma départemental de l'autonomie")
    version = draft.versions[-1]
    parts = list(db.session.scalars(select(Section).where(Section.version_id == version.id)))
    body = (PARAGRAPH * 3)[:900]
    for part in parts:
        services.update_section(organizer, part, title=part.title, body_md=body, easy_read_md="Résumé facile à lire.")
    for n in range(SECTIONS - len(parts)):
        parent_id = parts[n % len(parts)].id
        services.add_section(organizer, version, title=f"Fiche action {n + 1}", body_md=body,
                             easy_read_md="Ce que le Département va faire.", parent_id=parent_id)  # fmt: skip
    now = utcnow()
    services.publish_version(organizer, version, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=60))
    return draft, list(db.session.scalars(select(Section).where(Section.version_id == version.id)))


def _participate(rng, scale, people, everyone, sections):
    """Comments, supports and positions, each through its service; return what was made."""
    comments = []
    for section in sections:
        for _ in range(COMMENTS_PER_SECTION * scale):
            author = rng.choice(people)
            comments.append((author.id, services.post_comment(author, section, body=PARAGRAPH[: rng.randint(80, 400)])))
    made = set()
    while len(made) < SUPPORTS * scale:
        person, (author_id, comment) = rng.choice(people), rng.choice(comments)
        if person.id != author_id and (person.id, comment.id) not in made:
            services.support_contribution(person, comment)
            made.add((person.id, comment.id))
    values = list(PositionValue)
    pairs = rng.sample([(p, s) for p in everyone for s in sections], POSITIONS * scale)
    for person, section in pairs:
        services.set_position(person, section, rng.choice(values))
    return comments, made, pairs


def _schema_signature() -> str:
    """The migrations a generated database was built with: a saved one is reused only if they still match."""
    versions = Path(__file__).resolve().parent.parent / "migrations" / "versions"
    return hashlib.sha1("".join(sorted(p.name for p in versions.glob("*.py"))).encode()).hexdigest()  # noqa: S324


def reopen(path: str, url: str | None, summary: Path, saved: dict):
    """The app on a database built before; migrations added since are applied (they are append-only)."""
    from flask_migrate import upgrade

    app = create_app(bench_config(path, url))
    if saved.get("schema") != _schema_signature():
        with app.app_context():
            upgrade()
        saved["schema"] = _schema_signature()
        summary.write_text(json.dumps(saved))
    return app


def _empty_database(app, path: str, url: str | None) -> None:
    if url is None:
        Path(path).unlink(missing_ok=True)
        return
    with app.app_context(), db.engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")


def generate(
    scale: int = 1, path: str = "/tmp/bench-consultation.sqlite", *, url: str | None = None, reuse: bool = False
) -> dict:
    """Create the database at ``path`` and fill it; return the app and what the benchmark needs.

    With ``url`` (a PostgreSQL database, emptied first), the data goes there and ``path`` only names the
    saved summary.

    With ``reuse``, a database this function already built at ``path`` for the same scale (its summary is
    saved beside it) is opened and brought to the current migrations, so the benchmark can run again without
    regenerating ~100,000 rows through the services.
    """
    from flask_migrate import upgrade

    summary = Path(f"{path}.json")
    if reuse and summary.exists() and (url or Path(path).exists()):
        saved = json.loads(summary.read_text())
        if saved.get("scale") == scale:
            return {"app": reopen(path, url, summary, saved), **saved, "reused": True}
    summary.unlink(missing_ok=True)
    app = create_app(bench_config(path, url))
    _empty_database(app, path, url)
    rng = random.Random(2027)
    with app.app_context(), app.test_request_context():
        upgrade()
        _fast_writes()
        # The services commit after each call; not expiring the whole (growing) session at every commit keeps
        # generation linear. Counters are written by SQL UPDATEs, so nothing read back here goes stale.
        db.session.remove()
        db.session.configure(expire_on_commit=False)
        organizer, *everyone = _people(1 + (PARTICIPANTS + READERS) * scale)
        people = everyone[: PARTICIPANTS * scale]
        organizer.is_admin = True
        db.session.commit()
        process = create_process(organizer, title="Schéma de l'autonomie", summary_md="Résumé.",
                                 fields=[Field.AUTONOMY_ELDERLY], territory="Drôme-des-Collines",
                                 slug="bench", is_published=True)  # fmt: skip
        today = utcnow().date()
        set_phase(organizer, process, PhaseKind.CONSULTATION, starts_on=today - timedelta(days=1),
                  ends_on=today + timedelta(days=60), description="")  # fmt: skip
        draft, sections = _draft(organizer, process)
        comments, made, pairs = _participate(rng, scale, people, everyone, sections)
        counts = {"sections": len(sections), "comments": len(comments), "supports": len(made),
                  "positions": len(pairs), "participants": len(people), "people": len(everyone)}  # fmt: skip
        result = {"slug": process.slug, "draft_id": draft.id, "section_id": sections[-1].id, "counts": counts,
                  "scale": scale, "schema": _schema_signature()}  # fmt: skip
    summary.write_text(json.dumps(result))
    return {"app": app, **result, "reused": False}


if __name__ == "__main__":
    result = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1, *(sys.argv[2:3] or []))
    print(result["counts"])
