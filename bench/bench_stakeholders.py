"""Time the import of a 5,000-row stakeholder CSV (preview, then confirmation) through the services.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_stakeholders.py``). Uses a throw-away SQLite
database unless BENCH_DATABASE_URL names another one (it is emptied and rebuilt by the migrations).
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import TestConfig  # noqa: E402
from consult import create_app  # noqa: E402

ROWS = 5_000
CATEGORIES = [
    "Usagers et leurs représentants",
    "Institutions",
    "Professionnels et établissements",
    "Partenaires sociaux",
    "Associations et fondations",
    "Élus",
]
FIELDS = ["Autonomie et personnes âgées", "Handicap", "Santé", "Logement", "health"]
TOWNS = ["Valence", "Romans-sur-Isère", "Montélimar", "Crest", "Die", "Nyons", "Saint-Vallier"]
HEADER = (
    "nom;type;categorie;domaines;territoire;niveau;influence;interet;statut;notes;contact_nom;contact_email;"
    "contact_telephone"
)


def make_csv(rows: int) -> bytes:
    """A realistic French registry: semicolons, accents, a comment line, as a spreadsheet saves it."""
    rng = random.Random(5)
    lines = ["# Registre des parties prenantes", HEADER]
    for n in range(rows):
        fields = ", ".join(rng.sample(FIELDS, rng.randint(1, 3)))
        lines.append(
            f"Structure n°{n} de {rng.choice(TOWNS)};Organisation;{rng.choice(CATEGORIES)};{fields};"
            f"{rng.choice(TOWNS)};Concerter;{rng.randint(1, 5)};{rng.randint(1, 5)};Identifiée;"
            f"Repérée lors du forum;Contact {n};contact{n}@structure.exemple.fr;04 75 {n % 100:02d} 00 00"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def main():
    """Build the database, then time preview and import of a new file, and preview of the same file again."""
    tmpdir = tempfile.mkdtemp(prefix="bench-stakeholders-")

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmpdir}/bench.sqlite"

    app = create_app(BenchConfig)
    with app.app_context(), app.test_request_context():
        from flask_migrate import upgrade

        from consult.auth.services import create_confirmed_user
        from consult.db import db
        from consult.processes.models import Field
        from consult.processes.services import create_process
        from consult.stakeholders.models import Stakeholder
        from consult.stakeholders.services.imports import apply_import, preview_import

        upgrade()
        admin = create_confirmed_user("bench@exemple.fr", "Bench", "Un mot de passe tres solide 2027", territory="")
        admin.is_admin = True
        db.session.commit()
        process = create_process(
            admin, title="Banc d'essai", slug=f"bench-{int(time.time())}", summary_md="Banc d'essai.",
            fields=[Field.AUTONOMY_ELDERLY], territory="Drôme-des-Collines", is_published=False,
        )  # fmt: skip
        data = make_csv(ROWS)

        started = time.perf_counter()
        preview = preview_import(admin, process, data, filename="bench.csv")
        previewed = time.perf_counter()
        rows = preview.rows
        result = apply_import(admin, process, preview)
        imported = time.perf_counter()
        again = preview_import(admin, process, data, filename="bench.csv")
        rechecked = time.perf_counter()

        count = db.session.query(Stakeholder).filter_by(process_id=process.id).count()
        unchanged = sum(1 for row in again.rows if row["action"] == "unchanged")
        print(f"== Stakeholder CSV import, {ROWS:,} rows ({len(data) / 1024:.0f} KiB), {db.engine.dialect.name} ==")
        print(f"preview (decode, sniff, check, match): {previewed - started:6.2f} s")
        print(f"import (one transaction):              {imported - previewed:6.2f} s  -> {result.created:,} created")
        print(f"preview + import:                      {imported - started:6.2f} s")
        print(f"same file again (all matched):         {rechecked - imported:6.2f} s  -> {unchanged:,} unchanged")
        rejected = [row for row in rows if row["action"] == "rejected"][:3]
        assert count == ROWS, rejected
        assert unchanged == ROWS


if __name__ == "__main__":
    main()
