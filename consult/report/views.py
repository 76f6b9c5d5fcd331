"""Routes of the report blueprint, by sub-topic."""

from consult.report.publishing import views as publishing_views  # noqa: F401
from consult.report.treatment import views as treatment_views  # noqa: F401
