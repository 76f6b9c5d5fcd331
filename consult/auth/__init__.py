"""Accounts: sign-up, confirmation, sign-in, password reset, profile, personal data."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
