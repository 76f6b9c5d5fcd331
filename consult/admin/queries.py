"""Reads for the administration pages."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from consult.audit import AuditEntry
from consult.auth.models import User
from consult.db import db
from consult.search import contains_pattern


def users_page(search: str, page: int, per_page: int):
    """A page of accounts, optionally filtered by email or name."""
    query = select(User).where(User.deleted_at.is_(None)).order_by(User.created_at.desc())
    if search.strip():
        query = query.where(User.search_text.like(contains_pattern(search), escape="\\"))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def audit_page(page: int, per_page: int, process_id: int | None = None):
    """A page of audit entries, newest first, for one process or the whole platform."""
    query = select(AuditEntry).options(joinedload(AuditEntry.actor)).order_by(AuditEntry.id.desc())
    if process_id is not None:
        query = query.where(AuditEntry.process_id == process_id)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
