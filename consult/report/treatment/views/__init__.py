"""Routes of the treatment of contributions, by page."""

from flask_login import current_user

from consult.permissions import require
from consult.processes.queries import get_process_or_404
from consult.report import permissions


def load_process(slug):
    """The process, if the current user may treat its contributions (else 404, sign-in or 403)."""
    process = get_process_or_404(slug)
    require(permissions.can_treat_contributions(current_user, process))
    return process


def load_process_for_texts(slug):
    """The process, if the current user may write its report texts (else 404, sign-in or 403)."""
    process = get_process_or_404(slug)
    require(permissions.can_write_report_texts(current_user, process))
    return process


from consult.report.treatment.views import contributions, texts, themes  # noqa: E402, F401  (register routes)
