"""WSGI entry point: ``gunicorn wsgi:app``."""

from consult import create_app
from consult.production import freeze_loaded_objects

app = create_app()
freeze_loaded_objects()
