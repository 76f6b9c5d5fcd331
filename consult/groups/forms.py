"""Forms of the groups domain: they check shape only; rules live in the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, NumberRange, Optional, ValidationError

from consult.forms import CheckboxesField, EnumSelectField, Form, email_address, length, required
from consult.groups.labels import (
    ACCESS_NEED_LABELS,
    GROUP_STATE_LABELS,
    JOIN_POLICY_LABELS,
    PROPOSAL_STATUS_LABELS,
    SHEET_FIELD_LABELS,
)
from consult.groups.meeting_models import AccessNeed
from consult.groups.models import GroupState, JoinPolicy
from consult.groups.proposal_models import DECISIONS, ProposalStatus
from consult.processes.labels import FIELD_LABELS
from consult.processes.models import Field

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, lists, [links](https://…).")


class GroupForm(Form):
    """Describe a working group."""

    title = StringField(_l("Title"), [required(), length(200, 3)])
    mandate_md = TextAreaField(_l("Mandate"), [required(), length(20000)], description=MARKDOWN_HINT)
    fields = CheckboxesField(_l("Fields"), choices=[(f.value, FIELD_LABELS[f]) for f in Field], coerce=str)
    section_ids = CheckboxesField(_l("Draft sections the group works on"), choices=[], coerce=int)
    join_policy = EnumSelectField(
        _l("How organisations join"), [required()], enum_class=JoinPolicy, labels=JOIN_POLICY_LABELS
    )
    size_limit = IntegerField(
        _l("Maximum number of member organisations (optional)"),
        [Optional(), NumberRange(min=1, max=500, message=_l("Between 1 and 500, please."))],
    )
    state = EnumSelectField(_l("State"), [required()], enum_class=GroupState, labels=GROUP_STATE_LABELS)


class FacilitatorForm(Form):
    """Designate a facilitator by email."""

    email = EmailField(_l("Email address of the facilitator"), [required(), email_address(), length(254)])


class JoinForm(Form):
    """Join or ask to join for one of one's organisations."""

    stakeholder_id = SelectField(_l("For the organisation"), [required()], coerce=int, choices=[])
    message = TextAreaField(_l("Message to the facilitators (optional)"), [Optional(), length(2000)])


class InviteForm(Form):
    """Invite an organisation of the registry."""

    stakeholder_id = SelectField(_l("Organisation"), [required()], coerce=int, choices=[])
    message = TextAreaField(_l("Message (optional)"), [Optional(), length(2000)])


class DecisionForm(Form):
    """Accept or decline a request, or answer an invitation."""

    decision = RadioField(_l("Decision"), [required()], choices=[("accept", _l("Accept")), ("decline", _l("Decline"))])
    message = TextAreaField(_l("Message (optional)"), [Optional(), length(2000)])


class ReasonForm(Form):
    """A required reason (removing a member)."""

    reason = TextAreaField(_l("Reason"), [required(), length(2000)])


class CancelForm(Form):
    """An optional reason (cancelling a meeting)."""

    reason = TextAreaField(_l("Reason (optional)"), [Optional(), length(2000)])


class MeetingForm(Form):
    """Schedule or change a meeting; times are entered in Paris time."""

    title = StringField(_l("Title"), [required(), length(200, 3)])
    is_public = BooleanField(_l("Public meeting: anyone signed in may register"))
    starts_at = DateTimeLocalField(_l("Start (Paris time)"), [required()], format=DATETIME_FORMAT)
    ends_at = DateTimeLocalField(_l("End (Paris time)"), [required()], format=DATETIME_FORMAT)
    place = StringField(_l("Place"), [Optional(), length(200)], description=_l("For example: Salle du conseil."))
    address = StringField(_l("Address"), [Optional(), length(300)])
    video_url = StringField(
        _l("Video link"), [Optional(), length(500), URL(message=_l("Enter a full address, like https://…"))]
    )
    agenda_md = TextAreaField(_l("Agenda"), [Optional(), length(20000)], description=MARKDOWN_HINT)
    capacity = IntegerField(
        _l("Number of seats"), [required(), NumberRange(min=1, max=5000, message=_l("Between 1 and 5000, please."))]
    )
    registration_deadline = DateTimeLocalField(
        _l("Registrations close (optional, Paris time)"), [Optional()], format=DATETIME_FORMAT
    )


class RegistrationForm(Form):
    """Register, stating accessibility needs."""

    needs = CheckboxesField(
        _l("Do you need something to take part?"),
        choices=[(n.value, ACCESS_NEED_LABELS[n]) for n in AccessNeed],
        coerce=str,
    )
    needs_other = StringField(_l("Other need: tell us more"), [Optional(), length(300)])

    @property
    def need_values(self) -> list[AccessNeed]:
        """The ticked needs as enum members."""
        return [AccessNeed(v) for v in self.needs.data or []]


MAX_WALK_INS = 300
WALK_IN_LIMITS = {"name": 120, "organisation": 200}


def walk_in_text(walk_ins: list[dict]) -> str:
    """The walk-ins as the form shows them: one person a line, organisation after a comma."""
    return "\n".join(", ".join(filter(None, (w["name"], w["organisation"]))) for w in walk_ins)


def parse_walk_ins(text: str) -> list[dict]:
    """One person a line, "name, organisation" (the organisation is optional); empty lines are skipped."""
    people = []
    for line in (text or "").splitlines():
        name, _comma, organisation = line.partition(",")
        if name.strip():
            people.append({"name": name.strip(), "organisation": organisation.strip()})
    return people


class MinutesForm(Form):
    """Attendance and minutes."""

    attended = CheckboxesField(_l("Who was there"), choices=[], coerce=int)
    walk_ins = TextAreaField(
        _l("People who came without registering"),
        [Optional(), length(40000)],
        description=_l("One person per line: the name, then a comma and the organisation if there is one."),
    )
    minutes_md = TextAreaField(_l("Minutes"), [Optional(), length(50000)], description=MARKDOWN_HINT)
    publish = BooleanField(_l("Publish the minutes (everyone can read them; registrants are told by email)"))

    def validate_walk_ins(self, field):
        """At most MAX_WALK_INS people, each name and organisation within its length."""
        people = parse_walk_ins(field.data)
        if len(people) > MAX_WALK_INS:
            raise ValidationError(_l("At most %(n)d people per meeting.", n=MAX_WALK_INS))
        for person in people:
            for key, limit in WALK_IN_LIMITS.items():
                if len(person[key]) > limit:
                    raise ValidationError(
                        _l("“%(text)s” is too long: %(max)d characters at most.", text=person[key][:40], max=limit)
                    )


class DocumentForm(Form):
    """Attach a document."""

    title = StringField(_l("Title of the document"), [required(), length(200, 2)])
    meeting_id = SelectField(_l("Meeting (optional)"), coerce=int, choices=[])
    is_public = BooleanField(_l("Visible to everyone (otherwise to members only)"))
    file = FileField(_l("File"), [FileRequired(message=_l("Choose a file."))])


class ProposalForm(Form):
    """An action sheet."""

    version = HiddenField()
    title = StringField(_l("Title"), [required(), length(200, 3)])
    objective = TextAreaField(SHEET_FIELD_LABELS["objective"], [required(), length(5000)])
    description = TextAreaField(SHEET_FIELD_LABELS["description"], [Optional(), length(20000)])
    pilot = TextAreaField(SHEET_FIELD_LABELS["pilot"], [Optional(), length(2000)])
    partners = TextAreaField(SHEET_FIELD_LABELS["partners"], [Optional(), length(5000)])
    timeline = TextAreaField(SHEET_FIELD_LABELS["timeline"], [Optional(), length(5000)])
    budget = TextAreaField(SHEET_FIELD_LABELS["budget"], [Optional(), length(5000)])
    indicators = TextAreaField(SHEET_FIELD_LABELS["indicators"], [Optional(), length(5000)])
    section_ids = CheckboxesField(_l("Draft sections this sheet feeds"), choices=[], coerce=int)

    @property
    def sheet(self) -> dict:
        """The sheet's text fields."""
        return {name: self[name].data or "" for name in SHEET_FIELD_LABELS}


class ProposalDecisionForm(Form):
    """Review or decide on a submitted sheet."""

    status = SelectField(
        _l("Status"),
        [required()],
        choices=[(s.value, PROPOSAL_STATUS_LABELS[s]) for s in (ProposalStatus.UNDER_REVIEW, *DECISIONS)],
    )
    reason = TextAreaField(_l("Reason (mailed to the group)"), [Optional(), length(5000)])


class LinkChangeForm(Form):
    """Link a sheet to a changed section."""

    section_id = SelectField(_l("Section changed because of this sheet"), [required()], coerce=int, choices=[])
