"""Account pages: sign-up, confirmation, sign-in, reset, profile, personal data."""

import json

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult.auth import bp, services
from consult.auth.forms import (
    DeleteAccountForm,
    EmailChangeForm,
    ForgotPasswordForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    ResetPasswordForm,
    SignUpForm,
)
from consult.errors import DomainError, InvalidToken, NotAllowed, WeakPassword
from consult.extensions import limit_per_account_tried, limit_per_mail_recipient, limiter, login_manager
from consult.http import form_status, safe_next


@login_manager.user_loader
def load_user(session_token):
    """Find the signed-in user from the token kept in the session."""
    return services.user_by_session_token(session_token)


def auth_limit():
    """The configured rate limit of sign-in, sign-up and reset."""
    return current_app.config["RATELIMIT_AUTH"]


@bp.route("/inscription", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
@limit_per_mail_recipient
def signup():
    """Create an account."""
    if current_user.is_authenticated:
        return redirect(url_for("processes.home"))
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            services.sign_up(
                form.email.data,
                form.display_name.data,
                form.password.data,
                accepted_terms=form.accept_terms.data,
                relation=form.relation.enum_value,
                territory=form.territory.data,
                next_path=safe_next(request.args.get("next"), None),
            )
        except WeakPassword as error:
            form.password.errors.append(error.message)
        except NotAllowed as error:
            form.accept_terms.errors.append(error.message)
        else:
            session["signup_email"] = services.normalize_email(form.email.data)
            return redirect(url_for("auth.signup_sent", next=request.args.get("next")))
    return render_template("auth/signup.html", form=form), form_status(form)


@bp.route("/inscription/envoyee")
def signup_sent():
    """Tell the person to check their mailbox."""
    return render_template("auth/signup_sent.html", email=session.get("signup_email"))


@bp.route("/confirmer/<token>")
def confirm_email(token):
    """Follow a confirmation link."""
    try:
        user = services.confirm_email(token)
    except InvalidToken as error:
        return render_template("auth/token_invalid.html", reason=error.message, kind="confirm"), 400
    flash(_("Thank you, your email address %(email)s is confirmed.", email=user.email), "success")
    next_path = safe_next(request.args.get("next"), None)
    if current_user.is_authenticated:
        return redirect(next_path or url_for("auth.profile"))
    return redirect(url_for("auth.login", next=next_path))


@bp.route("/confirmation/renvoyer", methods=["POST"])
@login_required
@limiter.limit(auth_limit)
@limit_per_mail_recipient
def resend_confirmation():
    """Send the confirmation link again."""
    services.resend_confirmation(current_user)
    flash(_("A new confirmation link is on its way. Check your mailbox, and your spam folder."), "success")
    return redirect(safe_next(request.form.get("next"), url_for("auth.profile")))


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
@limit_per_account_tried
def login():
    """Sign in."""
    next_url = safe_next(request.args.get("next"), url_for("processes.home"))
    if current_user.is_authenticated:
        return redirect(next_url)
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(next_url)
        form.password.errors.append(_("Email address or password not recognised."))
    return render_template("auth/login.html", form=form, next=request.args.get("next")), form_status(form)


@bp.route("/deconnexion", methods=["POST"])
def logout():
    """Sign out."""
    logout_user()
    flash(_("You are signed out."), "success")
    return redirect(url_for("processes.home"))


@bp.route("/mot-de-passe/oubli", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
@limit_per_mail_recipient
def forgot_password():
    """Ask for a password reset link."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If an account uses this address, a reset link has been sent to it."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form), form_status(form)


@bp.route("/mot-de-passe/nouveau/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def reset_password(token):
    """Choose a new password from a reset link."""
    try:
        services.user_for_reset_token(token)
    except InvalidToken as error:
        return render_template("auth/token_invalid.html", reason=error.message, kind="reset"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(error.message)
        else:
            logout_user()
            flash(_("Your password is changed. You can sign in with it now."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form), form_status(form)


def _profile_page(status=200, **forms):
    forms.setdefault("profile_form", ProfileForm(obj=current_user))
    forms.setdefault("email_form", EmailChangeForm(formdata=None))
    forms.setdefault("password_form", PasswordChangeForm(formdata=None))
    return render_template("auth/profile.html", **forms), status


@bp.route("/profil", methods=["GET", "POST"])
@login_required
def profile():
    """Show and edit the profile."""
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(
            current_user,
            display_name=form.display_name.data,
            relation=form.relation.enum_value,
            territory=form.territory.data,
            notify_by_email=form.notify_by_email.data,
        )
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("auth.profile"))
    return _profile_page(form_status(form), profile_form=form)


@bp.route("/profil/email", methods=["POST"])
@login_required
@limit_per_mail_recipient
def change_email():
    """Ask to change the email address."""
    form = EmailChangeForm()
    if form.validate_on_submit():
        try:
            services.request_email_change(current_user, form.new_email.data, form.password.data)
        except NotAllowed as error:
            form.password.errors.append(error.message)
        else:
            flash(
                _("We sent a confirmation link to the new address. The change is made when you follow it."), "success"
            )
            return redirect(url_for("auth.profile"))
    return _profile_page(400, email_form=form)


@bp.route("/profil/mot-de-passe", methods=["POST"])
@login_required
def change_password():
    """Change the password."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except NotAllowed as error:
            form.current.errors.append(error.message)
        except WeakPassword as error:
            form.password.errors.append(error.message)
        else:
            login_user(current_user, remember=False)  # the session token rotated
            flash(_("Your password is changed. Your other devices are signed out."), "success")
            return redirect(url_for("auth.profile"))
    return _profile_page(400, password_form=form)


@bp.route("/profil/mes-donnees.json")
@login_required
def my_data():
    """Download everything the platform holds about me, as JSON."""
    payload = json.dumps(services.export_personal_data(current_user), ensure_ascii=False, indent=2, default=str)
    return Response(
        payload,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="mes-donnees-concertation.json"'},
    )


@bp.route("/profil/supprimer", methods=["GET", "POST"])
@login_required
def delete_account():
    """Delete my account; my contributions stay, anonymized."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(current_user, form.password.data)
        except DomainError as error:
            form.password.errors.append(error.message)
        else:
            logout_user()
            flash(_("Your account is deleted. Thank you for your participation."), "success")
            return redirect(url_for("processes.home"))
    return render_template("auth/delete_account.html", form=form), form_status(form)


@bp.route("/langue/<code>", methods=["POST"])
def set_language(code):
    """Switch the interface language."""
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
    return redirect(safe_next(request.form.get("next"), url_for("processes.home")))
