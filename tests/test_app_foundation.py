"""Configuration guard, security headers, error pages, language, migrations against models."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from config import DEFAULT_SECRET_KEY, ProductionConfig
from consult import create_app
from consult.db import db
from tests.helpers import text


@pytest.mark.parametrize("secret", [None, "", DEFAULT_SECRET_KEY])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    class Prod(ProductionConfig):
        SECRET_KEY = secret

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Prod)


def test_production_starts_with_a_real_secret_key():
    class Prod(ProductionConfig):
        SECRET_KEY = "a-long-random-secret-value-for-production"
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    app = create_app(Prod)
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_is_httponly_and_samesite(client):
    client.submit("/langue/en")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_pages_are_french_with_skip_link_and_landmarks(client):
    page = text(client.get("/"))
    assert '<html lang="fr">' in page
    assert 'href="#main"' in page and "Aller au contenu principal" in page
    assert '<main id="main"' in page and "<header" in page and "<footer" in page and "<nav" in page


def test_english_is_available(client):
    client.submit("/langue/en", {"next": "/"})
    page = text(client.get("/"))
    assert '<html lang="en">' in page and "Skip to main content" in page


def test_error_pages_say_what_to_do(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Cette page n'existe pas" in text(response)


def test_server_error_page(app):
    broken = create_app(_config_like(app))
    broken.config["PROPAGATE_EXCEPTIONS"] = False

    @broken.route("/boom-for-test")
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/boom-for-test")
    assert response.status_code == 500
    assert "Un problème est survenu de notre côté" in text(response)


def _config_like(app):
    return type("SameConfig", (), {k: v for k, v in app.config.items() if k.isupper()})


def test_migrations_match_the_models(app):
    connection = db.session.connection()
    context = MigrationContext.configure(connection, opts={"compare_type": True, "render_as_batch": True})
    assert compare_metadata(context, db.metadata) == []


def _extracted_ids(catalog_dir, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from babel.messages.pofile import read_po

    pot = tmp_path / f"{catalog_dir.parent.name}.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [pybabel, "extract", "--ignore-dirs", ".*", "-F", catalog_dir / "babel.cfg", "-k", "_l", "-o", pot, "."],
        check=True,
        capture_output=True,
    )
    return {m.id for m in read_po(pot.open("rb")) if m.id}


def test_the_one_french_catalogue_translates_every_string_of_the_code(tmp_path):
    from pathlib import Path

    from babel.messages.pofile import read_po

    catalogues = list(Path("consult").glob("**/translations/fr/LC_MESSAGES/messages.po"))
    assert catalogues == [Path("consult/translations/fr/LC_MESSAGES/messages.po")]
    catalog_dir = Path("consult/translations")
    catalog = read_po((catalog_dir / "fr/LC_MESSAGES/messages.po").open("rb"))
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = _extracted_ids(catalog_dir, tmp_path) - translated
    assert not missing, f"untranslated {sorted(missing, key=str)[:10]}"


def test_stylesheet_parses_and_each_domain_section_stays_at_top_level():
    """Every domain appends its section: an unclosed block would hide the following ones on wide screens."""
    from pathlib import Path

    import tinycss2

    rules = tinycss2.parse_stylesheet(Path("static/css/app.css").read_text(), skip_comments=True, skip_whitespace=True)
    assert [r for r in rules if r.type == "error"] == []
    top_level = {tinycss2.serialize(r.prelude).strip() for r in rules if r.type == "qualified-rule"}
    for selector in (".report-chart", ".meeting-list", ".stakeholder-grid", ".timeline"):
        assert selector in top_level, selector


def test_the_suite_writes_its_files_outside_the_checkouts_instance_folder(app):
    from config import INSTANCE_DIR

    for setting in ("UPLOAD_DIR", "REPORT_DIR"):
        assert not Path(app.config[setting]).resolve().is_relative_to(INSTANCE_DIR.resolve()), setting
