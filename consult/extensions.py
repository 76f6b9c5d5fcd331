"""Flask extensions, created once here and bound to the app in create_app()."""

from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()
mail = Mail()
babel = Babel()
migrate = Migrate()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


# --- Rate limits beyond the client's address -----------------------------------------------------
#
# A per-address limit alone is beaten by changing address (a botnet, a mobile network): these limits
# count per signed-in account, per account tried at sign-in, and per recipient of the mails a
# visitor can trigger. Their values are settings (config.py, the table of settings in the README).


def _folded_address(value) -> str:
    return (value or "").strip().lower()


def signed_in_account_key() -> str:
    """The signed-in account making the request (its address for visitors)."""
    from flask_login import current_user

    return f"user:{current_user.id}" if current_user.is_authenticated else get_remote_address()


def account_tried_key() -> str:
    """The account a sign-in attempt is for, whatever address it comes from."""
    address = _folded_address(request.form.get("email"))
    return f"account:{address}" if address else get_remote_address()


def mail_recipient_key() -> str:
    """The address a request would send mail to: the one typed in the form, else the signed-in person's."""
    from flask_login import current_user

    address = request.form.get("email") or request.form.get("new_email")
    if not address and current_user.is_authenticated:
        address = current_user.pending_email or current_user.email
    return f"recipient:{_folded_address(address)}" if address else get_remote_address()


def _setting(name):
    return lambda: current_app.config[name]


def _accepted(response) -> bool:
    return response.status_code in (302, 303)


#: failed sign-in attempts on one account, from every address together (a success redirects)
limit_per_account_tried = limiter.shared_limit(
    _setting("RATELIMIT_SIGN_IN_ACCOUNT"),
    scope="sign-in-account",
    key_func=account_tried_key,
    methods=["POST"],
    deduct_when=lambda response: not _accepted(response),
)
#: accepted requests that mail one recipient (sign-up, reset, confirmation, new address), all together;
#: a form sent back with errors mails nobody and does not count
limit_per_mail_recipient = limiter.shared_limit(
    _setting("RATELIMIT_MAIL_RECIPIENT"),
    scope="mail-recipient",
    key_func=mail_recipient_key,
    methods=["POST"],
    deduct_when=_accepted,
)


def limit_contributions(view):
    """The limits of a route that posts a contribution: per address, and per account across all such routes."""
    per_address = limiter.limit(_setting("RATELIMIT_CONTRIBUTE"), methods=["POST"])
    per_account = limiter.shared_limit(
        _setting("RATELIMIT_CONTRIBUTE_ACCOUNT"),
        scope="contributions-account",
        key_func=signed_in_account_key,
        methods=["POST"],
    )
    return per_address(per_account(view))


def select_locale():
    """Pick the locale: the one chosen in the session, else the browser's, else French."""
    from flask import current_app, has_request_context, session

    if not has_request_context():
        return "fr"  # the worker, the CLI and services called outside a request speak French
    chosen = session.get("locale")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "fr"


def _configure_login_manager():
    from flask_babel import lazy_gettext as _l

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


_configure_login_manager()
