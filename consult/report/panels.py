"""The report's blocks on other pages: the published report on the process page, links in the organizer bar."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.panels import Decision, Panel
from consult.report.publishing import queries
from consult.report.treatment import queries as treatment_queries


def treatment_link(process):
    """The treatment of the contributions."""
    return _l("Treat the contributions"), url_for("report.treatment_list", slug=process.slug)


def report_link(process):
    """The draft closing report."""
    return _("Closing report"), url_for("report.draft_report", slug=process.slug)


def published_report_panel(process, user, today):
    """The latest published revision of the report, once there is one."""
    latest = queries.latest_revision(process.id)
    return (
        Panel("report/publishing/_process_panel.html", {"revision": latest, "slug": process.slug}) if latest else None
    )


def treatment_decisions(process, now) -> list[Decision]:
    """Published contributions without a disposition yet, for the organizers' dashboard."""
    untreated = treatment_queries.progress(process.id).untreated
    return [Decision(_l("Contributions not treated yet"), untreated,
                     url_for("report.treatment_list", slug=process.slug))]  # fmt: skip
