"""report blueprint."""

from flask import Blueprint

bp = Blueprint("report", __name__)
