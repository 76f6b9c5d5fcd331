"""Platform administration: users, roles and the audit log's pages (the log itself is consult.audit)."""

from flask import Blueprint

bp = Blueprint("admin", __name__)
