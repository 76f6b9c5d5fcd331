"""Form helpers shared by every domain, and the base class of every form."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from consult.http import MAX_INT

#: invisible control characters (tab and line breaks are text): PostgreSQL refuses NUL in text
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(form, field):
    """Refuse text holding an invisible control character; the typed text stays in the field."""
    if isinstance(field.data, str) and CONTROL_CHARACTERS.search(field.data):
        raise ValidationError(_l("This text contains an invisible control character: remove it, please."))


class Form(FlaskForm):
    """Base of every form of the application (a test checks it).

    Every text field refuses control characters and every integer field stays within the
    database's integer, whatever validators the form itself declares.
    """

    class Meta:
        """What every field of every form gets."""

        def bind_field(self, form, unbound_field, options):
            """Bind a field, adding the checks every text or integer field gets."""
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, StringField):
                field.validators = [*field.validators, no_control_characters]
            elif isinstance(field, IntegerField):
                field.validators = [*field.validators, _within_integer_range()]
            return field


def _within_integer_range():
    return NumberRange(min=-MAX_INT, max=MAX_INT, message=_l("This number is too large."))


def required():
    """A DataRequired validator with a plain-language message."""
    return DataRequired(message=_l("This field is required."))


def length(max_chars: int, min_chars: int = -1):
    """A Length validator whose message states the limit."""
    if min_chars > 0:
        message = _l("Between %(min)d and %(max)d characters, please.", min=min_chars, max=max_chars)
    else:
        message = _l("%(max)d characters at most, please.", max=max_chars)
    return Length(min=min_chars, max=max_chars, message=message)


def email_address():
    """An Email validator that does not look the domain up (no network in tests or on intranets)."""
    return Email(message=_l("Enter a valid email address, like nom@exemple.fr."), check_deliverability=False)


def enum_choices(enum_class, labels: dict, *, blank=None):
    """(value, label) pairs for a select, optionally with a blank first choice."""
    choices = [(member.value, labels[member]) for member in enum_class]
    return ([("", blank)] if blank is not None else []) + choices


class EnumSelectField(SelectField):
    """A select whose data is an enum member (or None for the blank choice)."""

    def __init__(self, label=None, validators=None, *, enum_class, labels, blank=None, **kwargs):
        super().__init__(label, validators, choices=enum_choices(enum_class, labels, blank=blank), **kwargs)
        self.enum_class = enum_class

    def process_data(self, value):
        """Accept an enum member as the initial value."""
        self.data = value.value if hasattr(value, "value") else value

    def process_formdata(self, valuelist):
        """Keep the raw string; ``enum_value`` converts it after validation."""
        if valuelist:
            self.data = valuelist[0]

    @property
    def enum_value(self):
        """The selected enum member, or None for the blank choice."""
        return self.enum_class(self.data) if self.data else None


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
