"""Browser tests: Playwright driving Debian's Chromium against the app served on localhost."""

import shutil
import socket
import threading

import pytest
from werkzeug.serving import make_server

from consult import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_missing_reason():
    if not shutil.which("chromium") and not shutil.os.path.exists(CHROMIUM):
        return "Chromium is not installed (apt-get install chromium): browser tests skipped"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: browser tests skipped"
    return None


@pytest.fixture(scope="session")
def live_server(app):
    """The app served by a real HTTP server in a thread, on the test database."""
    settings = {k: v for k, v in app.config.items() if k.isupper()}
    settings.update(SERVER_NAME=None, RATELIMIT_ENABLED=False)
    served = create_app(type("LiveConfig", (), settings))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium, or a skip with the reason."""
    reason = _chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def _failed_script_requests(page) -> list[str]:
    """Collect every 4xx/5xx answer to a request the page's own scripts sent (fetch, XMLHttpRequest)."""
    failures = []

    def check(response):
        if response.request.resource_type in ("fetch", "xhr") and response.status >= 400:
            failures.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", check)
    return failures


@pytest.fixture
def page(browser):
    """A fresh browser page (own cookies) in French; the test fails if its scripts get a 4xx or 5xx answer."""
    context = browser.new_context(locale="fr-FR", bypass_csp=False)
    new_page = context.new_page()
    failures = _failed_script_requests(new_page)
    yield new_page
    context.close()
    if failures:
        pytest.fail(f"the page's scripts got error answers: {failures}")
