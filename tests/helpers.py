"""Small helpers for reading responses in tests."""

import html


def text(response) -> str:
    """The response body with HTML entities decoded, so French apostrophes compare plainly."""
    return html.unescape(response.get_data(as_text=True))
