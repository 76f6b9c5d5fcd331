"""Check one imported row: text cells in, typed values or reasons out (the CSV's equivalent of the form)."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from consult.processes.models import Field
from consult.stakeholders.csvformat import (
    FIELD_SEPARATORS,
    allowed_labels,
    closest_member,
    enum_lookup,
    file_label,
    normalize,
)
from consult.stakeholders.models import InvolvementLevel, StakeholderKind, StakeholderStatus

FIELD_ORDER = [f.value for f in Field]
PHONE_RE = re.compile(r"^[0-9 +().-]*$")
LIMITS = {"name": 200, "territory": 120, "notes": 5000, "contact_name": 120, "contact_email": 254, "contact_phone": 40}
DEFAULTS = {
    "kind": StakeholderKind.ORGANISATION,
    "level": InvolvementLevel.CONSULT,
    "status": StakeholderStatus.IDENTIFIED,
}
COLUMN_NAMES = {
    "name": _l("name"),
    "kind": _l("type"),
    "category": _l("category"),
    "fields": _l("fields"),
    "territory": _l("territory"),
    "level": _l("level"),
    "influence": _l("influence"),
    "interest": _l("interest"),
    "status": _l("status"),
    "notes": _l("notes"),
    "contact_name": _l("contact person"),
    "contact_email": _l("contact email"),
    "contact_phone": _l("contact phone"),
}


class RowChecker:
    """Checks rows against the enums, built once per file (label lookups are not free)."""

    def __init__(self):
        self.lookups = {key: enum_lookup(key) for key in ("kind", "category", "level", "status", "fields")}

    def check(self, cells: dict[str, str]) -> tuple[dict, list[str]]:
        """Return ``(values, errors)`` for a row given as ``{column key: text}``."""
        cells = {key: (value or "").strip() for key, value in cells.items()}
        values, errors = {}, []
        for key, limit in LIMITS.items():
            if key in cells:
                values[key] = cells[key]
                if len(cells[key]) > limit:
                    errors.append(
                        str(_l("%(column)s: %(max)d characters at most.", column=COLUMN_NAMES[key], max=limit))
                    )
        if not cells.get("name"):
            errors.append(str(_l("The name is missing.")))
        for key in ("kind", "category", "level", "status"):
            self._enum(key, cells, values, errors)
        self._fields(cells, values, errors)
        for key in ("influence", "interest"):
            self._score(key, cells, values, errors)
        self._contacts(cells, values, errors)
        return values, errors

    def _enum(self, key, cells, values, errors):
        text = cells.get(key, "")
        if not text:
            if key == "category":
                errors.append(str(_l("The category is missing.")))
            elif key in DEFAULTS:
                values[key] = DEFAULTS[key]
            return
        member = self.lookups[key].get(normalize(text))
        if member is None:
            errors.append(self._unknown(key, text, str(COLUMN_NAMES[key])))
        else:
            values[key] = member

    def _unknown(self, key, text, column) -> str:
        """Say a value is unknown, suggesting the closest allowed one, else listing them all."""
        close = closest_member(text, self.lookups[key])
        if close is not None:
            return str(
                _l(
                    "Unknown %(column)s “%(value)s”: did you mean “%(suggestion)s”?",
                    column=column,
                    value=text,
                    suggestion=file_label(key, close),
                )
            )
        return str(
            _l(
                "Unknown %(column)s “%(value)s”. Allowed values: %(allowed)s.",
                column=column,
                value=text,
                allowed=", ".join(allowed_labels(key)),
            )
        )

    def _fields(self, cells, values, errors):
        if "fields" not in cells:
            return
        chosen = []
        for part in filter(None, (p.strip() for p in FIELD_SEPARATORS.split(cells["fields"]))):
            member = self.lookups["fields"].get(normalize(part))
            if member is None:
                errors.append(self._unknown("fields", part, str(COLUMN_NAMES["fields"])))
            elif member.value not in chosen:
                chosen.append(member.value)
        values["fields"] = sorted(chosen, key=FIELD_ORDER.index)

    def _score(self, key, cells, values, errors):
        text = cells.get(key, "")
        if not text:
            values[key] = 3
            return
        if text.isdigit() and 1 <= int(text) <= 5:
            values[key] = int(text)
        else:
            errors.append(
                str(
                    _l(
                        "%(column)s must be a whole number from 1 to 5, not “%(value)s”.",
                        column=COLUMN_NAMES[key],
                        value=text,
                    )
                )
            )

    def _contacts(self, cells, values, errors):
        email = cells.get("contact_email", "")
        if email:
            try:
                validate_email(email, check_deliverability=False)
            except EmailNotValidError:
                errors.append(str(_l("Invalid email address “%(value)s”.", value=email)))
        if not PHONE_RE.match(cells.get("contact_phone", "")):
            errors.append(str(_l("Invalid phone number “%(value)s”.", value=cells["contact_phone"])))
