"""stakeholders blueprint."""

from flask import Blueprint

bp = Blueprint("stakeholders", __name__)
