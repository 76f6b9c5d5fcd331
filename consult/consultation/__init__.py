"""consultation blueprint."""

from flask import Blueprint

bp = Blueprint("consultation", __name__)
