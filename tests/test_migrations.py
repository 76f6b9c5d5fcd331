"""Migrations: a consistent chain, and each applies to a database that already holds data."""

import os
import re
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from consult import create_app
from consult.db import db
from consult.report.models import ReportRevision

VERSIONS = Path(__file__).resolve().parent.parent / "migrations" / "versions"
BEFORE_FROZEN_CONTRIBUTIONS = "a69ab631dbc9"  # f4a9cb6f05d1 adds report_revisions.contributions
SCHEMA = "migration_check"


@pytest.fixture
def empty_database_url(tmp_path):
    """An empty database beside the session's: a file on SQLite, a schema of its own on PostgreSQL."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path}/migrations.sqlite"
        return
    server = create_engine(url)
    with server.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    yield make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(False)
    with server.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
    server.dispose()


@pytest.fixture
def migrated_app(app, empty_database_url):
    """An application of the same configuration on the empty database, its schema left to the test."""
    config = {key: value for key, value in app.config.items() if key.isupper()}
    config["SQLALCHEMY_DATABASE_URI"] = empty_database_url
    other = create_app(type("MigrationConfig", (), config))
    with other.app_context():
        yield other
        db.session.remove()
        db.engine.dispose()


def _insert_published_revision():
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO processes (id, slug, title, summary_md, summary_html, fields, territory, updated_at) "
                "VALUES (1, 'schema-2026', 'Schéma 2026', '', '', '[]', 'Département', '2026-01-05 10:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO report_revisions (id, process_id, number, is_interim, untreated_count, published_at, "
                "snapshot, pdf_error) VALUES (1, 1, 1, false, 0, '2026-01-05 10:00:00', '{}', '')"
            )
        )


def test_frozen_contributions_column_applies_to_a_table_with_rows(migrated_app):
    upgrade(revision=BEFORE_FROZEN_CONTRIBUTIONS)
    _insert_published_revision()

    upgrade()

    assert db.session.get(ReportRevision, 1).contributions == []


@pytest.mark.parametrize("path", sorted(VERSIONS.glob("*.py")), ids=lambda path: path.name[:12])
def test_each_migrations_header_names_its_down_revision(path):
    source = path.read_text()
    header = re.search(r"^Revises: *(\w*)$", source, re.MULTILINE).group(1)
    down_revision = re.search(r"^down_revision = [\"']?(\w+)[\"']?$", source, re.MULTILINE).group(1)
    assert header == ("" if down_revision == "None" else down_revision)
