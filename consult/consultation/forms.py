"""Forms of the consultation: drafts and sections, participation, moderation and offline entries."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    DateTimeLocalField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from consult.auth.labels import RELATION_LABELS
from consult.auth.models import Relation
from consult.consultation.labels import CHANNEL_LABELS, KIND_LABELS
from consult.consultation.models import Channel, ContributionKind
from consult.forms import EnumSelectField, Form, length, required

COMMENT_MAX = 5000
JUSTIFICATION_MAX = 1000
PROPOSED_TEXT_MAX = 20000
MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, lists, [links](https://…).")


class DraftForm(Form):
    """Name a new draft."""

    title = StringField(
        _l("Title of the draft"),
        [required(), length(200, 5)],
        description=_l("For example: Projet de schéma départemental de l'autonomie 2027-2031."),
    )


class SectionForm(Form):
    """Write a part or a section of a version."""

    parent_id = SelectField(_l("Place in the draft"), coerce=str, validate_choice=True)
    title = StringField(_l("Title"), [required(), length(200, 2)])
    body_md = TextAreaField(_l("Text"), [required(), length(50000)], description=MARKDOWN_HINT)
    easy_read_md = TextAreaField(
        _l("Easy-to-read summary (optional)"),
        [Optional(), length(5000)],
        description=_l("Short sentences, everyday words, one idea per sentence (FALC)."),
    )


class PublishForm(Form):
    """Publish a version with its consultation window, in Paris time."""

    opens_at = DateTimeLocalField(_l("Consultation opens on"), [required()], format="%Y-%m-%dT%H:%M")
    closes_at = DateTimeLocalField(_l("Consultation closes on"), [required()], format="%Y-%m-%dT%H:%M")


def _author_choice():
    return SelectField(
        _l("Published"), coerce=str, choices=[("", _l("In my own name"))], default="", validate_choice=True
    )


class CommentForm(Form):
    """A comment, or a reply when ``parent_id`` is set."""

    body = TextAreaField(
        _l("Your comment"),
        [required(), length(COMMENT_MAX, 2)],
        description=_l("Plain text. Line breaks and links are kept. %(max)d characters at most.", max=COMMENT_MAX),
    )
    parent_id = HiddenField()
    author_as = _author_choice()


class AmendmentForm(Form):
    """A proposed replacement of the section's text and why."""

    proposed_text = TextAreaField(
        _l("The text you propose"),
        [required(), length(PROPOSED_TEXT_MAX, 2)],
        description=_l("Change the section's text below as you wish it to be."),
    )
    justification = TextAreaField(
        _l("Why this change?"),
        [required(), length(JUSTIFICATION_MAX, 2)],
        description=_l("In a few sentences. %(max)d characters at most.", max=JUSTIFICATION_MAX),
    )
    author_as = _author_choice()


class FlagForm(Form):
    """Report a contribution with a reason."""

    reason = TextAreaField(
        _l("Why do you report this contribution?"),
        [required(), length(500, 3)],
        description=_l("For example: insult, personal data, advertising, off-topic."),
    )


class HideForm(Form):
    """Hide a contribution: the reason is shown in its place and sent to its author."""

    reason = TextAreaField(
        _l("Reason for hiding"),
        [required(), length(500, 3)],
        description=_l("Shown in place of the contribution and sent to its author."),
    )


class ResponseForm(Form):
    """The organizers' official response."""

    body = TextAreaField(_l("Official response"), [required(), length(COMMENT_MAX, 2)], description=MARKDOWN_HINT)


class OfflineForm(Form):
    """A contribution received outside the platform."""

    kind = EnumSelectField(_l("Kind"), [required()], enum_class=ContributionKind, labels=KIND_LABELS)
    channel = EnumSelectField(
        _l("Received by"),
        [required()],
        enum_class=Channel,
        labels=CHANNEL_LABELS,
        blank=_l("Choose…"),
    )
    received_on = DateField(_l("Received on"), [required()], format="%Y-%m-%d")
    category = EnumSelectField(
        _l("Contributor's profile"), enum_class=Relation, labels=RELATION_LABELS, blank=_l("Not known")
    )
    territory = StringField(_l("Contributor's territory"), [Optional(), length(120)])
    #: choices (the concertation's registry) are set by the view
    organisation = SelectField(_l("On behalf of an organisation"), coerce=str, validate_choice=True, default="")
    body = TextAreaField(
        _l("What the person said"),
        [required(), length(COMMENT_MAX, 2)],
        description=_l("For an amendment: the reason given."),
    )
    proposed_text = TextAreaField(_l("Proposed text (amendments only)"), [Optional(), length(PROPOSED_TEXT_MAX)])
    document = FileField(
        _l("Scanned letter or notes (optional)"),
        description=_l("PDF, ODT, DOCX or image. Only the organizers can open it: it may hold names."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel.choices = [c for c in self.channel.choices if c[0] != Channel.ONLINE.value]

    def set_organisations(self, stakeholders):
        """Offer the concertation's registry, or no organisation."""
        self.organisation.choices = organisation_choices(stakeholders)


def organisation_choices(stakeholders) -> list[tuple[str, str]]:
    """The concertation's registry as choices, after "no organisation"."""
    return [("", _l("None: a person on their own behalf"))] + [(str(s.id), s.name) for s in stakeholders]


class OfflineRowForm(Form):
    """One contribution heard at a public meeting; a row left empty is skipped."""

    class Meta:
        """A row lives inside the batch form, which carries the CSRF token."""

        csrf = False

    #: choices (the sections of the concertation's drafts) are set by the view
    section = SelectField(_l("Section"), coerce=str, validate_choice=True, default="")
    kind = EnumSelectField(
        _l("Kind"), enum_class=ContributionKind, labels=KIND_LABELS, default=ContributionKind.COMMENT
    )
    category = EnumSelectField(
        _l("Contributor's profile"), enum_class=Relation, labels=RELATION_LABELS, blank=_l("Not known")
    )
    organisation = SelectField(_l("On behalf of an organisation"), coerce=str, validate_choice=True, default="")
    body = TextAreaField(_l("What the person said"), [Optional(), length(COMMENT_MAX)])
    proposed_text = TextAreaField(_l("Proposed text (amendments only)"), [Optional(), length(PROPOSED_TEXT_MAX)])

    @property
    def is_blank(self) -> bool:
        """Whether nothing was typed in the row."""
        return not (self.body.data or "").strip() and not (self.proposed_text.data or "").strip()

    def validate(self, extra_validators=None):
        """A blank row is valid whatever its selects hold: it is skipped."""
        return True if self.is_blank else super().validate(extra_validators)


BATCH_ROWS = 5
BATCH_ROWS_MAX = 60


class OfflineMeetingForm(Form):
    """Several contributions heard at one public meeting: the meeting once, then one row each."""

    submission_key = HiddenField()
    received_on = DateField(_l("Date of the meeting"), [required()], format="%Y-%m-%d")
    place = StringField(_l("Place"), [required(), length(200, 2)])
    document = FileField(
        _l("Notes or minutes of the meeting (optional)"),
        description=_l("PDF, ODT, DOCX or image. Only the organizers can open it: it may hold names."),
    )
    rows = FieldList(FormField(OfflineRowForm), max_entries=BATCH_ROWS_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Padded here, not with min_entries: WTForms pads after renumbering the submitted rows, so a
        # gap in the submitted indices (rows 0 and 2) would read row 2 twice.
        self.add_blank_rows(BATCH_ROWS - len(self.rows))

    def add_blank_rows(self, count: int) -> None:
        """Append up to ``count`` blank rows, within BATCH_ROWS_MAX."""
        for _row in range(max(0, min(count, BATCH_ROWS_MAX - len(self.rows)))):
            self.rows.append_entry()

    def set_choices(self, sections, stakeholders):
        """Offer the concertation's sections and registry in every row."""
        section_choices = [("", _l("Choose…"))] + [(str(s.id), s.title) for s in sections]
        for row in self.rows:
            row.section.choices = section_choices
            row.organisation.choices = organisation_choices(stakeholders)

    def has_errors(self) -> bool:
        """Whether a field or a row carries an error (rows get theirs from the service, after validation)."""
        return bool(self.errors) or any(row.form.errors for row in self.rows)

    def filled_rows(self) -> list[tuple[int, OfflineRowForm]]:
        """The rows with something typed, with their index in the form."""
        return [(index, row.form) for index, row in enumerate(self.rows) if not row.form.is_blank]


class LinkForm(Form):
    """Link a contribution to the change of a section."""

    contribution_id = IntegerField(_l("Contribution"), [required()])
