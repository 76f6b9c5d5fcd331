"""Concertation processes, their phases and organizers; the home page."""

from flask import Blueprint

bp = Blueprint("processes", __name__)
