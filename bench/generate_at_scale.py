"""The PostgreSQL scale case of issue 15: 1.5 million positions and 200,000 comments on one draft.

The 1x consultation is built through the services (``generate_consultation``); then bulk ``INSERT ... SELECT``
statements copy its rows until the draft holds ``positions`` positions and ``comments`` comments: new readers
(one position per person per section, as the unique constraint wants), comments by the participants, and
supports on a third of them. Every counter is then set to its recount, so the pages read what the services
would have kept. Going through the services would take hours at this size; this takes a minute or two.

Run alone: ``python bench/generate_at_scale.py <postgresql url of a throw-away database>``.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from bench.generate_consultation import _schema_signature, bench_config, generate, reopen  # noqa: E402
from consult import create_app  # noqa: E402
from consult.db import db  # noqa: E402

POSITIONS = 1_500_000
COMMENTS = 200_000
#: how the rows are grown; a new value rebuilds the databases kept from an earlier run
GROWTH = 2
#: the 1x comments the added ones copy: top-level, by a person in their own name
OWN_COMMENTS = "kind = 'comment' AND parent_id IS NULL AND stakeholder_id IS NULL"


def _copy_rows(table: str, columns: list[str], source: str, overrides: dict[str, str]) -> str:
    """An INSERT that copies the template row ``t`` once per row of ``source``, with some columns replaced."""
    names = [c for c in columns if c != "id"]
    values = ", ".join(overrides.get(c, f"t.{c}") for c in names)
    return f"INSERT INTO {table} ({', '.join(names)}) SELECT {values} FROM {source}"  # noqa: S608


def _columns(table: str) -> list[str]:
    return [c.name for c in db.metadata.tables[table].columns]


def _bulk(connection, data: dict, positions: int, comments: int) -> None:
    scalar = lambda sql, **p: connection.execute(text(sql), p).scalar()  # noqa: E731
    run = lambda sql, **p: connection.execute(text(sql), p)  # noqa: E731
    section_ids = [r[0] for r in connection.execute(
        text("SELECT id FROM sections WHERE version_id = (SELECT version_id FROM sections WHERE id = :s)"),
        {"s": data["section_id"]},
    )]  # fmt: skip
    sections = len(section_ids)
    ids = "ARRAY[" + ",".join(map(str, section_ids)) + "]"
    # readers: each states a position on every section
    existing = scalar("SELECT count(*) FROM positions")
    readers = -(-(positions - existing) // sections)
    first_reader = scalar("SELECT max(id) FROM users") + 1
    template_user = scalar("SELECT max(id) FROM users WHERE NOT is_admin")
    run(_copy_rows("users", _columns("users"), "users t CROSS JOIN generate_series(1, :n) g WHERE t.id = :t", {
        "email": "'lecteur' || g || '@exemple.fr'", "display_name": "'Lecteur ' || g",
        "search_text": "'lecteur ' || g || ' lecteur' || g || '@exemple.fr'",
        "session_token": "md5('bench-reader-' || g)",
    }), n=readers, t=template_user)  # fmt: skip
    run(_copy_rows("positions", _columns("positions"),
                   "positions t CROSS JOIN users u CROSS JOIN unnest(" + ids + ") AS s(id) "
                   "WHERE t.id = (SELECT min(id) FROM positions) AND u.id >= :first", {
        "section_id": "s.id", "user_id": "u.id", "contributor_category": "u.relation",
        "contributor_territory": "u.territory",
        "value": "(ARRAY['agree','mixed','disagree'])[1 + (u.id * 7 + s.id) % 3]",
    }) + " LIMIT :n", first=first_reader, n=positions - existing)  # fmt: skip
    # comments by the participants (the first people after the organizer), spread over the sections
    first_comment = scalar("SELECT max(id) FROM contributions") + 1
    template_comment = scalar(f"SELECT min(id) FROM contributions WHERE {OWN_COMMENTS}")
    participants = data["counts"]["participants"]
    first_participant = scalar("SELECT min(id) FROM users WHERE NOT is_admin")
    # each takes its text from the 1x comments in turn: a page at scale shows texts of the lengths a page at 1x
    # shows, so comparing the two compares the sizes of the data, not of the texts
    texts = (
        "(SELECT row_number() OVER (ORDER BY id) AS k, body, body_html, search_text FROM contributions "
        f"WHERE {OWN_COMMENTS}) b"
    )
    run(_copy_rows("contributions", _columns("contributions"),
                   "contributions t CROSS JOIN generate_series(1, :n) g "
                   "JOIN users u ON u.id = :first + g % :people "
                   f"JOIN {texts} ON b.k = 1 + g % :texts WHERE t.id = :t", {
        "section_id": f"({ids})[1 + g % {sections}]", "author_id": "u.id",
        "contributor_category": "u.relation", "contributor_territory": "u.territory",
        "body": "b.body", "body_html": "b.body_html", "search_text": "b.search_text",
        "created_at": "t.created_at + g * interval '1 second'",
    }), n=comments - scalar("SELECT count(*) FROM contributions"), first=first_participant,
        people=participants, t=template_comment,
        texts=scalar(f"SELECT count(*) FROM contributions WHERE {OWN_COMMENTS}"))  # fmt: skip
    # two readers support every third new comment
    run(_copy_rows("supports", _columns("supports"),
                   "supports t CROSS JOIN contributions c CROSS JOIN generate_series(1, 2) k "
                   "WHERE t.id = (SELECT min(id) FROM supports) AND c.id >= :first AND c.id % 3 = 0", {
        "contribution_id": "c.id", "user_id": ":reader + (c.id * 13 + k * 7919) % :readers",
    }), first=first_comment, reader=first_reader, readers=readers)  # fmt: skip
    # counters equal recounts, as the services keep them
    run("""UPDATE contributions c SET support_count = (SELECT count(*) FROM supports WHERE contribution_id = c.id)
           WHERE c.id >= :first""", first=first_comment)  # fmt: skip
    run("""UPDATE sections s SET
             agree_count = (SELECT count(*) FROM positions WHERE section_id = s.id AND value = 'agree'),
             mixed_count = (SELECT count(*) FROM positions WHERE section_id = s.id AND value = 'mixed'),
             disagree_count = (SELECT count(*) FROM positions WHERE section_id = s.id AND value = 'disagree'),
             comment_count = (SELECT count(*) FROM contributions WHERE section_id = s.id AND kind = 'comment'
                              AND state = 'published'),
             amendment_count = (SELECT count(*) FROM contributions WHERE section_id = s.id AND kind = 'amendment'
                                AND state = 'published')
           WHERE s.id = ANY(:ids)""", ids=section_ids)  # fmt: skip


def _clone(template_url: str, url: str) -> None:
    """Database ``url`` as a copy of ``template_url`` (PostgreSQL copies files: seconds, not the services' minutes)."""
    server, _, name = url.rpartition("/")
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template_url.rpartition("/")[2]}"')
    engine.dispose()


def generate_at_scale(
    path: str,
    url: str,
    *,
    positions: int = POSITIONS,
    comments: int = COMMENTS,
    template: tuple[str, dict] | None = None,
    reuse: bool = False,
) -> dict:
    """Fill the PostgreSQL database ``url`` to ``positions`` and ``comments``; ``path`` names its summary.

    ``template`` (the url and summary of a 1x database ``generate`` built) is copied first; without it the 1x
    consultation is built here through the services.
    """
    summary = Path(f"{path}.scale.json")
    wanted = {"positions": positions, "comments": comments, "growth": GROWTH}
    if reuse and summary.exists():
        saved = json.loads(summary.read_text())
        if all(saved.get(k) == v for k, v in wanted.items()):
            return {"app": reopen(path, url, summary, saved), **saved, "reused": True}
    summary.unlink(missing_ok=True)
    if template is None:
        data = generate(1, path, url=url)
        data.pop("app")
    else:
        _clone(template[0], url)
        data = {k: v for k, v in template[1].items() if k not in ("app", "reused")}
    app = create_app(bench_config(path, url))
    with app.app_context(), db.engine.begin() as connection:
        _bulk(connection, data, positions, comments)
        counts = connection.execute(text(
            "SELECT (SELECT count(*) FROM positions), (SELECT count(*) FROM contributions), "
            "(SELECT count(*) FROM supports), (SELECT count(*) FROM users)"
        )).one()  # fmt: skip
    with app.app_context():
        db.engine.dispose()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    data["counts"] = {
        **data["counts"],
        **dict(zip(("positions", "comments", "supports", "people"), counts, strict=True)),
    }
    data.pop("reused", None)
    data["schema"] = _schema_signature()
    summary.write_text(json.dumps({**data, **wanted}))
    return {"app": app, **data, **wanted, "reused": False}


if __name__ == "__main__":
    print(generate_at_scale("/tmp/bench-consultation-pg-scale", sys.argv[1])["counts"])
