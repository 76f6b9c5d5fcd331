"""Account forms: they check shape only; rules live in the services."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import EqualTo, Optional

from consult.auth.labels import RELATION_LABELS
from consult.auth.models import Relation
from consult.forms import EnumSelectField, Form, email_address, length, required

PASSWORD_HINT = _l("At least 10 characters. A short sentence of several words is easy to remember and hard to guess.")


def relation_field():
    """The optional "how you relate to the field" question used for participation statistics."""
    return EnumSelectField(
        _l("You are… (optional)"),
        [Optional()],
        enum_class=Relation,
        labels=RELATION_LABELS,
        blank=_l("I prefer not to say"),
        description=_l("Used only to count who took part, never shown next to your name."),
    )


def territory_field():
    """The optional commune or territory, also used for participation statistics."""
    return StringField(_l("Your commune or territory (optional)"), [Optional(), length(120)])


class SignUpForm(Form):
    """Create an account."""

    email = EmailField(_l("Email address"), [required(), email_address(), length(254)])
    display_name = StringField(
        _l("Name shown with your contributions"),
        [required(), length(80, 2)],
        description=_l("Your first name, initials or a pseudonym."),
    )
    password = PasswordField(_l("Password"), [required(), length(200)], description=PASSWORD_HINT)
    relation = relation_field()
    territory = territory_field()
    accept_terms = BooleanField(_l("I accept the terms of use"), [required()])


class LoginForm(Form):
    """Sign in."""

    email = EmailField(_l("Email address"), [required(), length(254)])
    password = PasswordField(_l("Password"), [required(), length(200)])
    remember = BooleanField(_l("Stay signed in on this device"))


class ForgotPasswordForm(Form):
    """Ask for a reset link."""

    email = EmailField(_l("Email address"), [required(), email_address(), length(254)])


class ResetPasswordForm(Form):
    """Choose a new password from a reset link."""

    password = PasswordField(_l("New password"), [required(), length(200)], description=PASSWORD_HINT)
    confirm = PasswordField(
        _l("New password, again"), [required(), EqualTo("password", message=_l("The two passwords differ."))]
    )


class ProfileForm(Form):
    """Edit the profile."""

    display_name = StringField(_l("Name shown with your contributions"), [required(), length(80, 2)])
    relation = relation_field()
    territory = territory_field()
    notify_by_email = BooleanField(_l("Email me when someone replies or answers my contributions"))


class EmailChangeForm(Form):
    """Change the email address (confirmed by a link sent to the new one)."""

    new_email = EmailField(_l("New email address"), [required(), email_address(), length(254)])
    password = PasswordField(_l("Current password"), [required(), length(200)], id="email-password")


class PasswordChangeForm(Form):
    """Change the password."""

    current = PasswordField(_l("Current password"), [required(), length(200)])
    password = PasswordField(_l("New password"), [required(), length(200)], description=PASSWORD_HINT)
    confirm = PasswordField(
        _l("New password, again"), [required(), EqualTo("password", message=_l("The two passwords differ."))]
    )


class DeleteAccountForm(Form):
    """Delete the account, confirmed by the password."""

    password = PasswordField(_l("Current password"), [required(), length(200)])
    confirm = BooleanField(_l("I understand that my account will be deleted and cannot be recovered"), [required()])
