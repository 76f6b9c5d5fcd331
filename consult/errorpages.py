"""Error pages: each says what happened and what to do."""

import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError

from consult.db import db
from consult.http import safe_next, wants_json

logger = logging.getLogger(__name__)
# Form fields never echoed back on the CSRF page.
SECRET_FIELDS = {"csrf_token", "password", "confirm", "current"}


def _typed_values():
    """What the person typed, so a refused form loses nothing (passwords excepted)."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in SECRET_FIELDS and not name.endswith("password") and value.strip()
    ]


def _page(template, status, **context):
    if wants_json():
        return jsonify(error=status), status
    return render_template(f"errors/{template}.html", **context), status


def register(app):
    """Attach the error handlers to the app."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        back = safe_next(request.referrer and request.referrer.replace(request.host_url, "/", 1), request.path)
        return _page("csrf", 400, typed=_typed_values(), back=back)

    @app.errorhandler(400)
    def bad_request(error):
        return _page("400", 400)

    @app.errorhandler(403)
    def forbidden(error):
        return _page("403", 403)

    @app.errorhandler(404)
    def not_found(error):
        return _page("404", 404)

    @app.errorhandler(405)
    def method_not_allowed(error):
        return _page("404", 405)

    @app.errorhandler(413)
    def too_large(error):
        return _page("413", 413)

    @app.errorhandler(429)
    def too_many(error):
        return _page("429", 429)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _page("500", 500)
