"""Forms of the report's publishing side."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField

from consult.forms import Form, length


class ReportTextsForm(Form):
    """The organizers' texts of the report."""

    legal_frame_md = TextAreaField(
        _l("Legal frame"),
        validators=[length(20000)],
        description=_l("The law and decisions this concertation answers to. Markdown is accepted."),
    )
    next_steps_md = TextAreaField(
        _l("Next steps"),
        validators=[length(20000)],
        description=_l("Follow-up committee, evaluation calendar… Markdown is accepted."),
    )
    licence = StringField(
        _l("Licence of the open data"), validators=[length(80)], description=_l("Licence Ouverte 2.0 by default.")
    )


class PublishForm(Form):
    """Publish a revision of the report."""

    interim = BooleanField(
        _l("Publish as an interim report"),
        description=_l("An interim report may be published while contributions are still untreated; it says how many."),
    )
