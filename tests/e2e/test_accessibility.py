"""Accessibility in a real browser: axe-core finds no violation, the keyboard reaches everything."""

import pytest

from tests.factories import make_process, make_user

pytestmark = pytest.mark.e2e


def _axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize("path", ["/", "/connexion", "/inscription", "/mot-de-passe/oubli", "/accessibilite"])
def test_public_pages_have_no_axe_violation(live_server, page, path):
    page.goto(live_server + path)
    assert _axe_violations(page) == []


def test_process_page_has_no_axe_violation(live_server, page):
    process = make_process(make_user())
    page.goto(f"{live_server}/concertations/{process.slug}")
    assert page.locator('[aria-current="step"]').count() == 1
    assert _axe_violations(page) == []


def test_form_errors_have_no_axe_violation_and_are_announced(live_server, page):
    from playwright.sync_api import expect  # imported here, as Axe: without Playwright the conftest skips

    page.goto(live_server + "/inscription")
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_selector(".error-summary")
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.locator('#email[aria-invalid="true"]').count() == 1
    assert _axe_violations(page) == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(live_server, page):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_in_with_the_keyboard_alone(live_server, page):
    user = make_user("clavier@exemple.fr")
    page.goto(live_server + "/connexion")
    page.focus("#email")
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type("Un mot de passe tres solide 2027")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/")
    assert "Bienvenue" in page.locator(".flashes").inner_text()


def test_no_content_security_policy_violation_on_pages(live_server, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for path in ("/", "/connexion", "/inscription"):
        page.goto(live_server + path)
    assert not [m for m in messages if "Content Security Policy" in m]


def test_layout_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
