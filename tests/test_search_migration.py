"""The migration that adds the folded search columns fills them for the rows already there."""

from flask_migrate import upgrade
from sqlalchemy import text

from config import TestConfig
from consult import create_app
from consult.db import db

BEFORE = "8d8561d8af9b"


def test_folded_columns_are_backfilled_for_existing_rows(tmp_path):
    class OldDatabase(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path}/old.sqlite"

    app = create_app(OldDatabase)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (email, display_name, password_hash, session_token, is_admin, "
                              "notify_by_email) VALUES ('elodie@exemple.fr', 'Élodie Bœuf', 'x', 't', 0, 1)"))  # fmt: skip
            conn.execute(text("INSERT INTO processes (slug, title, summary_md, summary_html, fields, territory, "
                              "is_published, moderation_mode, updated_at) VALUES ('p', 'P', '', '', '[]', '', 1, 'post', "
                              "CURRENT_TIMESTAMP)"))  # fmt: skip
            conn.execute(text("INSERT INTO stakeholders (process_id, name, kind, category, fields, territory, level, "
                              "influence, interest, status, notes, contact_name, contact_email, contact_phone, updated_at) "
                              "VALUES (1, 'Œuvre d''Émeraude', 'organisation', 'associations', '[]', '', 'consult', "
                              "3, 3, 'identified', '', '', '', '', CURRENT_TIMESTAMP)"))  # fmt: skip
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT search_name FROM stakeholders")).scalar() == "oeuvre d'emeraude"
            assert conn.execute(text("SELECT search_text FROM users")).scalar() == "elodie boeuf\nelodie@exemple.fr"
        db.engine.dispose()
