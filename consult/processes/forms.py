"""Process and phase forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import Optional, Regexp

from consult.forms import CheckboxesField, Form, email_address, length, required
from consult.processes.labels import FIELD_LABELS, MODERATION_MODE_FIELD_LABEL, MODERATION_MODE_LABELS
from consult.processes.models import Field, ModerationMode


class ProcessForm(Form):
    """Describe a process."""

    title = StringField(_l("Title"), [required(), length(200, 5)])
    slug = StringField(
        _l("Address (optional)"),
        [Optional(), length(70), Regexp(r"^[a-z0-9-]+$", message=_l("Lower-case letters, digits and dashes only."))],
        description=_l("The end of the page address, e.g. schema-autonomie-2027. Made from the title if left empty."),
    )
    summary_md = TextAreaField(
        _l("Summary"),
        [required(), length(20000)],
        description=_l("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )
    fields = CheckboxesField(
        _l("Fields"), [required()], choices=[(f.value, FIELD_LABELS[f]) for f in Field], coerce=str
    )
    territory = StringField(
        _l("Territory"), [required(), length(120)], description=_l("For example: Département de la Drôme.")
    )
    is_published = BooleanField(_l("Published (visible to everyone)"))
    moderation_mode = RadioField(
        MODERATION_MODE_FIELD_LABEL,
        choices=[(m.value, MODERATION_MODE_LABELS[m]) for m in ModerationMode],
        default=ModerationMode.POST.value,
        coerce=lambda value: getattr(value, "value", value),
    )

    def description(self) -> dict:
        """The validated values as the keyword arguments of create_process / update_process."""
        return {
            "title": self.title.data,
            "slug": self.slug.data,
            "summary_md": self.summary_md.data,
            "fields": [Field(v) for v in self.fields.data or []],
            "territory": self.territory.data,
            "is_published": self.is_published.data,
            "moderation_mode": ModerationMode(self.moderation_mode.data),
        }


class PhaseForm(Form):
    """Dates and description of one phase."""

    starts_on = DateField(_l("Start"), [required()], format="%Y-%m-%d")
    ends_on = DateField(_l("End"), [required()], format="%Y-%m-%d")
    description = TextAreaField(_l("Short description"), [Optional(), length(500)])


class OrganizerForm(Form):
    """Add an organizer by email."""

    email = EmailField(_l("Email address of the new organizer"), [required(), email_address(), length(254)])
