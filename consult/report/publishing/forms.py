"""Forms of the report's publishing side."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from consult.forms import Form


class PublishForm(Form):
    """Publish a revision of the report."""

    interim = BooleanField(
        _l("Publish as an interim report"),
        description=_l("An interim report may be published while contributions are still untreated; it says how many."),
    )
