"""Facilitators' meeting documents: registrants with their accessibility needs (CSV), attendance sheet (PDF)."""

from flask import Response, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.groups import bp, permissions, queries
from consult.groups.labels import ACCESS_NEED_LABELS, REGISTRATION_STATUS_LABELS
from consult.groups.meeting_models import AccessNeed, RegistrationStatus
from consult.groups.views.meetings import MEETING_URL, load_meeting
from consult.permissions import require
from consult.spreadsheet import csv_bytes


def _registrants(slug, group_slug, meeting_id):
    group, meeting = load_meeting(slug, group_slug, meeting_id)
    require(permissions.is_facilitator(current_user, group))
    page = queries.meeting_page(meeting, current_user, facilitator=True, inside=True)
    return group, meeting, page.registrations


def _needs(registration) -> str:
    labels = [str(ACCESS_NEED_LABELS[AccessNeed(need)]) for need in registration.needs]
    return ", ".join(labels + ([registration.needs_other] if registration.needs_other else []))


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route(f"{MEETING_URL}/inscrits.csv")
@login_required
def registrants_csv(slug, group_slug, meeting_id):
    """Download the people registered, with their organisation, status and accessibility needs."""
    _group, meeting, registrations = _registrants(slug, group_slug, meeting_id)
    header = [_("Name"), _("Organisation"), _("Status"), _("Accessibility needs")]
    rows = [
        [r.user.display_name, r.stakeholder.name if r.stakeholder else "", str(REGISTRATION_STATUS_LABELS[r.status]),
         _needs(r)]
        for r in registrations
    ]  # fmt: skip
    return _download(csv_bytes(rows, header=header), "text/csv; charset=utf-8", f"inscrits-reunion-{meeting.id}.csv")


@bp.route(f"{MEETING_URL}/emargement.pdf")
@login_required
def attendance_sheet(slug, group_slug, meeting_id):
    """Download the attendance sheet to print: one line to sign per person with a seat."""
    from weasyprint import HTML  # slow to import: only when a sheet is asked for

    group, meeting, registrations = _registrants(slug, group_slug, meeting_id)
    seated = sorted(
        (r for r in registrations if r.status == RegistrationStatus.CONFIRMED),
        key=lambda r: r.user.display_name.casefold(),
    )
    with force_locale("fr"):
        html = render_template(
            "groups/attendance_sheet.html", group=group, meeting=meeting, seated=seated, needs_of=_needs
        )
    body = HTML(string=html).write_pdf()
    return _download(body, "application/pdf", f"emargement-reunion-{meeting.id}.pdf")
