"""The health endpoint of the load balancer: the database answers and its schema is current."""

import logging
from functools import lru_cache

from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from consult.db import db

logger = logging.getLogger(__name__)
bp = Blueprint("ops", __name__)


@bp.route("/healthz")
def health():
    """Answer 200 when this instance can serve, 503 (with the reason) when it cannot."""
    report = health_report()
    return jsonify(report), 200 if report["status"] == "ok" else 503


# The load balancer probes over plain HTTP, inside the network: no redirect to HTTPS here.
health.talisman_view_options = {"force_https": False}


def health_report() -> dict:
    """The database's reachability and whether its migrations are at the scripts' head."""
    try:
        applied = sorted(MigrationContext.configure(db.session.connection()).get_current_heads())
    except SQLAlchemyError as error:
        logger.error("health check: database unreachable: %s", error)
        return {"status": "unavailable", "database": "unreachable"}
    finally:
        db.session.rollback()
    expected = script_heads(current_app.extensions["migrate"].directory)
    current = applied == expected
    return {
        "status": "ok" if current else "unavailable",
        "database": "ok",
        "migrations": "current" if current else "not current",
        "revision": applied,
        "head": expected,
    }


@lru_cache
def script_heads(directory: str) -> list[str]:
    """The head revisions of the migration scripts (read once per process)."""
    config = AlembicConfig()
    config.set_main_option("script_location", directory)
    return sorted(ScriptDirectory.from_config(config).get_heads())
