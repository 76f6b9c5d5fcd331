"""Stakeholder forms: the registry entry, filters, CSV upload and the public-list setting."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional, Regexp

from consult.forms import CheckboxesField, EnumSelectField, Form, email_address, enum_choices, length, required
from consult.processes.labels import FIELD_LABELS
from consult.processes.models import Field
from consult.stakeholders.labels import CATEGORY_LABELS, KIND_LABELS, LEVEL_LABELS, STATUS_LABELS
from consult.stakeholders.models import InvolvementLevel, StakeholderCategory, StakeholderKind, StakeholderStatus

SCORES = [(n, str(n)) for n in range(1, 6)]


class StakeholderForm(Form):
    """Describe a stakeholder; contact details are private to organizers."""

    name = StringField(_l("Name"), [required(), length(200)])
    kind = EnumSelectField(_l("Type"), [required()], enum_class=StakeholderKind, labels=KIND_LABELS)
    category = EnumSelectField(
        _l("Category"), [required()], enum_class=StakeholderCategory, labels=CATEGORY_LABELS, blank=_l("Choose…")
    )
    fields = CheckboxesField(
        _l("Fields"), [Optional()], choices=[(f.value, FIELD_LABELS[f]) for f in Field], coerce=str
    )
    territory = StringField(
        _l("Territory"),
        [Optional(), length(120)],
        description=_l("For example: Valence, Nord Drôme, whole département."),
    )
    level = EnumSelectField(_l("Involvement sought"), [required()], enum_class=InvolvementLevel, labels=LEVEL_LABELS)
    influence = RadioField(
        _l("Influence on the schema"),
        [InputRequired(message=_l("This field is required."))],
        choices=SCORES,
        coerce=int,
        default=3,
        description=_l("From 1 (weak) to 5 (strong)."),
    )
    interest = RadioField(
        _l("Interest in the schema"),
        [InputRequired(message=_l("This field is required."))],
        choices=SCORES,
        coerce=int,
        default=3,
        description=_l("From 1 (weak) to 5 (strong)."),
    )
    status = EnumSelectField(_l("Status"), [required()], enum_class=StakeholderStatus, labels=STATUS_LABELS)
    notes = TextAreaField(_l("Notes (organizers only)"), [Optional(), length(5000)])
    contact_name = StringField(_l("Contact person"), [Optional(), length(120)])
    contact_email = EmailField(_l("Contact email"), [Optional(), email_address(), length(254)])
    contact_phone = StringField(
        _l("Contact phone"),
        [
            Optional(),
            length(40),
            Regexp(r"^[0-9 +().-]*$", message=_l("Digits, spaces and + ( ) . - only, e.g. 04 75 00 00 00.")),
        ],
    )

    @property
    def values(self) -> dict:
        """The submitted values, typed for the services."""
        return {
            "name": self.name.data.strip(),
            "kind": self.kind.enum_value,
            "category": self.category.enum_value,
            "fields": [f.value for f in Field if f.value in (self.fields.data or [])],
            "territory": (self.territory.data or "").strip(),
            "level": self.level.enum_value,
            "influence": self.influence.data,
            "interest": self.interest.data,
            "status": self.status.enum_value,
            "notes": (self.notes.data or "").strip(),
            "contact_name": (self.contact_name.data or "").strip(),
            "contact_email": (self.contact_email.data or "").strip(),
            "contact_phone": (self.contact_phone.data or "").strip(),
        }


class FilterForm(Form):
    """Narrow the registry (a GET form: no CSRF token)."""

    class Meta:
        """Filters are read from the query string."""

        csrf = False

    q = StringField(_l("Name contains"), [Optional(), length(100)])
    category = SelectField(_l("Category"), choices=enum_choices(StakeholderCategory, CATEGORY_LABELS, blank=_l("All")))
    field = SelectField(_l("Field"), choices=[("", _l("All"))] + [(f.value, FIELD_LABELS[f]) for f in Field])
    territory = SelectField(_l("Territory"), choices=[("", _l("All"))], validate_choice=False)
    status = SelectField(_l("Status"), choices=enum_choices(StakeholderStatus, STATUS_LABELS, blank=_l("All")))
    level = SelectField(_l("Involvement sought"), choices=enum_choices(InvolvementLevel, LEVEL_LABELS, blank=_l("All")))
    archived = BooleanField(_l("Archived stakeholders only"))


class ImportForm(Form):
    """Send a CSV file."""

    file = FileField(
        _l("CSV file"),
        [FileRequired(message=_l("Choose a file."))],
        description=_l(
            "From a spreadsheet: “Save as” CSV, with “;” or “,” as separator. "
            "The first line holds the column names, at least nom and categorie."
        ),
    )


class PublicListForm(Form):
    """Whether engaged organisations are listed on the process page."""

    public_list = BooleanField(_l("Show the engaged organisations (names and categories) on the concertation page"))
