"""Forms of the treatment pages: filters (GET), bulk action, disposition, theme, syntheses, report texts."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from consult.auth.labels import RELATION_LABELS
from consult.auth.models import Relation
from consult.consultation.models import Channel, ContributionState
from consult.forms import Form, enum_choices, length, required
from consult.http import page_arg
from consult.report.labels import DISPOSITION_LABELS
from consult.report.models import DispositionValue
from consult.report.treatment.labels import CHANNEL_LABELS, KIND_LABELS, SORT_LABELS, STATE_LABELS
from consult.report.treatment.listing import NONE, Filters

REASON_HINT = _l("Required. Markdown: **bold**, lists with -, links [text](https://…).")


class FilterForm(Form):
    """Filter, search and sort the treatment table (a GET form, no CSRF token needed)."""

    class Meta:  # noqa: D106 - WTForms options
        csrf = False

    q = StringField(_l("Search in the text"), [Optional(), length(200)], id="filter-q")
    section = SelectField(_l("Draft section"), [Optional()], id="filter-section")
    kind = SelectField(_l("Type"), [Optional()], id="filter-kind")
    channel = SelectField(_l("Channel"), [Optional()], id="filter-channel")
    category = SelectField(_l("Contributor category"), [Optional()], id="filter-category")
    territory = SelectField(_l("Territory"), [Optional()], id="filter-territory")
    theme = SelectField(_l("Theme"), [Optional()], id="filter-theme")
    disposition = SelectField(_l("Disposition"), [Optional()], id="filter-disposition")
    state = SelectField(_l("Moderation"), [Optional()], id="filter-state")
    sort = SelectField(_l("Sort"), [Optional()], id="filter-sort", choices=list(SORT_LABELS.items()))

    FILTERS = ("q", "section", "kind", "channel", "category", "territory", "theme", "disposition", "state", "sort")

    def set_choices(self, sections, themes, territories):
        """Fill the choices from the process's sections, themes and territories."""
        anything = ("", _l("Any"))
        self.section.choices = [anything] + [(str(s.id), label) for s, label in sections]
        self.kind.choices = [anything, *KIND_LABELS.items()]
        self.channel.choices = enum_choices(Channel, CHANNEL_LABELS, blank=anything[1])
        self.category.choices = enum_choices(Relation, RELATION_LABELS, blank=anything[1])
        self.territory.choices = [anything] + [(t, t) for t in territories]
        self.theme.choices = [anything, (NONE, _l("No theme"))] + [(str(t.id), t.title) for t, _n in themes]
        self.disposition.choices = [anything, (NONE, _l("No disposition yet"))] + enum_choices(
            DispositionValue, DISPOSITION_LABELS
        )
        self.state.choices = enum_choices(ContributionState, STATE_LABELS, blank=anything[1])

    def filters(self) -> Filters:
        """The valid filters (an unknown value is ignored rather than refused: these are links)."""
        self.validate()
        value = {name: ("" if self[name].errors else (self[name].data or "")) for name in self.FILTERS}
        return Filters(
            section=int(value["section"]) if value["section"] else None,
            kind=value["kind"],
            channel=Channel(value["channel"]) if value["channel"] else None,
            category=Relation(value["category"]) if value["category"] else None,
            territory=value["territory"],
            theme=value["theme"],
            disposition=value["disposition"],
            state=ContributionState(value["state"]) if value["state"] else None,
            q=value["q"],
            sort=value["sort"] or "newest",
            page=page_arg(),
        )


class DispositionFields:
    """Disposition, reason and changed section, shared by the forms that set a disposition."""

    disposition = SelectField(_l("Disposition"), [Optional()])
    reason_md = TextAreaField(_l("Reason"), [Optional(), length(10000)], description=REASON_HINT)
    change_section = SelectField(
        _l("Change it led to (optional)"),
        [Optional()],
        description=_l("The section of a later version of the draft that was changed because of it."),
    )

    def set_disposition_choices(self, sections, *, none_label):
        """Fill the dispositions (with a choice to remove one) and the sections."""
        self.disposition.choices = [("", _l("Choose…"))] + enum_choices(DispositionValue, DISPOSITION_LABELS)
        self.disposition.choices.append((NONE, none_label))
        self.change_section.choices = [("", _l("None"))] + [(str(s.id), label) for s, label in sections]

    def disposition_is_valid(self) -> bool:
        """A disposition must be chosen, and given with a reason unless it is being removed."""
        if not self.disposition.data:
            self.disposition.errors = [_l("Choose a disposition.")]
            return False
        if self.disposition.data != NONE and not (self.reason_md.data or "").strip():
            self.reason_md.errors = [_l("Give the reason for this disposition.")]
            return False
        return True

    @property
    def disposition_value(self) -> DispositionValue | None:
        """The chosen disposition, or None to remove it."""
        return None if self.disposition.data in ("", NONE) else DispositionValue(self.disposition.data)

    @property
    def change_section_id(self) -> int | None:
        """The chosen changed section's id, if any."""
        return int(self.change_section.data) if self.change_section.data else None


class DispositionForm(DispositionFields, Form):
    """Set the disposition of one contribution or of a theme."""

    def validate(self, extra_validators=None):
        """Check the fields, then that a disposition comes with its reason."""
        return super().validate(extra_validators) and self.disposition_is_valid()


class ThemeChoiceForm(Form):
    """Put one contribution in a theme (or in none)."""

    theme = SelectField(_l("Theme"), [Optional()])


def theme_choices(themes):
    """The choices of a theme select: no theme, then the process's themes."""
    return [("", _l("No theme"))] + [(str(t.id), t.title) for t, _n in themes]


BULK_ACTIONS = {"theme": _l("Put them in the theme chosen below"), "disposition": _l("Give them the disposition below")}


class BulkForm(DispositionFields, Form):
    """One form for a selection: choose the action, then its theme or its disposition and shared reason."""

    action = SelectField(_l("Action"), [required()], choices=list(BULK_ACTIONS.items()))
    theme = SelectField(_l("Theme"), [Optional()])

    def validate(self, extra_validators=None):
        """Check the fields, then what the chosen action needs."""
        if not super().validate(extra_validators):
            return False
        return self.action.data == "theme" or self.disposition_is_valid()


class ThemeForm(Form):
    """Name and describe a theme."""

    title = StringField(_l("Title"), [required(), length(120)])
    description = TextAreaField(_l("Description (optional)"), [Optional(), length(2000)])


class SynthesisForm(Form):
    """Write a synthesis."""

    body_md = TextAreaField(
        _l("Synthesis"),
        [Optional(), length(50000)],
        description=_l("Markdown: **bold**, lists with -, titles with ##."),
    )


class ClosingTextsForm(Form):
    """The organizers' closing texts of the report, in reading order, its licence and which sections it prints."""

    foreword_md = TextAreaField(
        _l("Foreword"),
        [Optional(), length(20000)],
        description=_l("Opens the report: why the Département consulted, in the name of the elected representatives."),
    )
    legal_frame_md = TextAreaField(
        _l("Legal frame"), [Optional(), length(20000)], description=_l("The law and the decisions this schema follows.")
    )
    next_steps_md = TextAreaField(
        _l("Next steps"), [Optional(), length(20000)], description=_l("Follow-up committee, evaluation calendar.")
    )
    conclusion_md = TextAreaField(
        _l("Conclusion"),
        [Optional(), length(20000)],
        description=_l("Closes the report: what the Département takes from the concertation and commits to."),
    )
    licence = StringField(
        _l("Licence of the open data"), [Optional(), length(80)], description=_l("Licence Ouverte 2.0 by default.")
    )
    include_empty_sections = BooleanField(
        _l("Also print the sections that received nothing"),
        description=_l("By default the report leaves out the sections with no contribution, position or proposal."),
    )
