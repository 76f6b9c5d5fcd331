"""Demo: one published revision of the closing report (interim: part of the contributions is still untreated).

It runs last: the registry, the consultation, the working groups and the treatment steps have written
everything the report shows; this step only publishes it, builds the PDF and writes the open data.
"""

from consult.report.publishing.pdf import build_pdf
from consult.report.publishing.snapshot.services import publish_report


def load(context):
    """Publish an interim closing report of the demo process, with its PDF and open data."""
    revision = publish_report(context["organizer"], context["process"], interim=True, now=context["now"])
    build_pdf(revision, now=context["now"])
    context["report_revision"] = revision
