"""Every model of every domain, imported so that Alembic sees one metadata."""

from consult.admin.models import AuditEntry
from consult.auth.models import Relation, User
from consult.consultation.models import Draft, DraftVersion, Section
from consult.groups.models import (
    Document,
    Facilitator,
    Group,
    GroupSection,
    Meeting,
    Membership,
    MembershipEvent,
    Proposal,
    ProposalChange,
    ProposalSection,
    Registration,
)
from consult.mail import OutboxMail
from consult.processes.models import Field, Phase, PhaseKind, Process, ProcessRole, ProcessRoleName
from consult.stakeholders.models import Representative, Stakeholder

__all__ = [
    "Document",
    "Facilitator",
    "Group",
    "GroupSection",
    "Meeting",
    "Membership",
    "MembershipEvent",
    "Proposal",
    "ProposalChange",
    "ProposalSection",
    "Registration",
    "AuditEntry",
    "Draft",
    "DraftVersion",
    "Field",
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
    "User",
]
