"""Every model of every domain, imported so that Alembic sees one metadata."""

from consult.admin.models import AuditEntry
from consult.auth.models import Relation, User
from consult.consultation.models import (
    ChangeLink,
    Contribution,
    Draft,
    DraftVersion,
    Flag,
    OfficialResponse,
    Position,
    Section,
    Support,
)
from consult.mail import OutboxMail
from consult.processes.models import Field, Phase, PhaseKind, Process, ProcessRole, ProcessRoleName
from consult.report.models import (
    ClosingReport,
    DispositionChange,
    DispositionValue,
    ReportRevision,
    Synthesis,
    Theme,
    Treatment,
)
from consult.stakeholders.models import (
    ImportPreview,
    Invitation,
    Representative,
    Stakeholder,
    StakeholderSettings,
)

__all__ = [
    "ClosingReport",
    "DispositionChange",
    "DispositionValue",
    "ReportRevision",
    "Synthesis",
    "Theme",
    "Treatment",
    "AuditEntry",
    "ChangeLink",
    "Contribution",
    "Flag",
    "OfficialResponse",
    "Position",
    "Support",
    "Draft",
    "DraftVersion",
    "Field",
    "ImportPreview",
    "Invitation",
    "OutboxMail",
    "Phase",
    "PhaseKind",
    "Process",
    "ProcessRole",
    "ProcessRoleName",
    "Relation",
    "Representative",
    "Section",
    "Stakeholder",
    "StakeholderSettings",
    "User",
]
