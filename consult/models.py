"""Every model of every domain, imported so that Alembic sees one metadata."""

from consult.admin.models import AuditEntry
from consult.auth.models import Relation, User
from consult.mail import OutboxMail
from consult.processes.models import Field, Phase, PhaseKind, Process, ProcessRole, ProcessRoleName

__all__ = [
    "AuditEntry",
    "Field",
    "OutboxMail",
    "Phase",
    "PhaseKind",
    "Process",
    "ProcessRole",
    "ProcessRoleName",
    "Relation",
    "User",
]
