"""Forms of the assistant (every one carries the CSRF token)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional

from consult.forms import Form


class RunForm(Form):
    """Ask for a new computation, optionally with the number of themes wanted."""

    theme_count = IntegerField(
        _l("Number of suggested themes (leave empty to let the assistant choose)"),
        validators=[Optional(), NumberRange(min=2, max=40)],
    )
    full = BooleanField(
        _l("Recompute everything"),
        description=_l(
            "By default, when few contributions are new, the suggested themes and your decisions are kept "
            "and only the new contributions are placed in them."
        ),
    )


class DecisionForm(Form):
    """Accept (optionally under a new title), rename, merge into another suggestion, or reject."""

    title = StringField(_l("Title of the theme"), validators=[Optional(), Length(max=120)])
    into = SelectField(_l("Merge with"), choices=[], validate_choice=False, validators=[Optional()])
