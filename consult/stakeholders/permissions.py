"""Who may keep the registry of organisations, see their contacts and ask to represent one."""

from consult.permissions import is_confirmed
from consult.processes.permissions import has_right, phase_allows


def can_manage_stakeholders(user, process) -> bool:
    """Organizers of the process and admins keep the registry, invitations and representatives."""
    return has_right(user, process, "manage_stakeholders")


def can_view_stakeholder_contacts(user, process) -> bool:
    """Contact details are personal data: organizers of that process and admins only."""
    return has_right(user, process, "manage_stakeholders")


def can_view_organisations(user, process, public_list: bool) -> bool:
    """The list of organisations is shown when the organizer allows it (always to organizers)."""
    return public_list or can_manage_stakeholders(user, process)


def can_ask_to_represent(user, process, today) -> bool:
    """Confirmed participants may ask to represent an organisation while the phase allows it."""
    return is_confirmed(user) and phase_allows(process, "represent", today)
