"""Notifications: follows, events fanned out to people, in-app list, immediate mail and digests."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)
