"""Forms of the assistant (every one carries the CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional


class RunForm(FlaskForm):
    """Ask for a new computation."""


class DecisionForm(FlaskForm):
    """Accept (optionally under a new title), rename, merge into another suggestion, or reject."""

    title = StringField(_l("Title of the theme"), validators=[Optional(), Length(max=120)])
    into = SelectField(_l("Merge with"), choices=[], validate_choice=False, validators=[Optional()])
