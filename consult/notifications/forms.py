"""The preferences form: one choice of delivery per kind of notification."""

from wtforms import SelectField

from consult.forms import Form
from consult.notifications.kinds import DELIVERY_LABELS, KINDS
from consult.notifications.models import Delivery


class PreferencesForm(Form):
    """Filled below with one select per kind, named after the kind."""

    def choices(self) -> dict[str, Delivery]:
        """The chosen delivery of each kind."""
        return {kind: Delivery(self[kind].data) for kind in KINDS}


for _kind, _spec in KINDS.items():
    setattr(
        PreferencesForm,
        _kind,
        SelectField(_spec.label, choices=[(d.value, DELIVERY_LABELS[d]) for d in Delivery]),
    )


def preferences_form(current: dict[str, Delivery]) -> PreferencesForm:
    """The form, showing the person's current choices unless a submission is being read."""
    return PreferencesForm(data={kind: delivery.value for kind, delivery in current.items()})
