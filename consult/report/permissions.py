"""Who may treat contributions and write and publish the closing report."""

from consult.processes.permissions import has_right


def can_manage_report(user, process) -> bool:
    """Organizers of the process and admins see the draft report, edit its texts and publish it."""
    return has_right(user, process, "manage_report")


def can_treat_contributions(user, process) -> bool:
    """Organizers of the process and admins: themes and dispositions."""
    return has_right(user, process, "treat_contributions")


def can_write_report_texts(user, process) -> bool:
    """Organizers of the process and admins: syntheses, legal frame, next steps."""
    return has_right(user, process, "manage_report")
