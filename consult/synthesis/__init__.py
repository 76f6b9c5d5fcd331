"""synthesis blueprint: the organizers' assistant (similar contributions, campaigns, themes, opinion groups)."""

from flask import Blueprint

bp = Blueprint("synthesis", __name__)
