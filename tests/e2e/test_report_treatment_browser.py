"""The treatment view in a real browser: no axe violation, a bulk disposition with the keyboard alone."""

import pytest

from tests.e2e.test_accessibility import _axe_violations
from tests.factories import PASSWORD, make_process, make_user
from tests.report_helpers import consulted_sections, contribute

pytestmark = pytest.mark.e2e


def _sign_in(page, live_server, user):
    page.goto(live_server + "/connexion")
    page.focus("#email")
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/")


def test_bulk_disposition_with_the_keyboard_alone_and_no_axe_violation(live_server, page):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    first, second = (contribute(section, f"Contribution {n}") for n in range(2))
    _sign_in(page, live_server, organizer)
    page.goto(f"{live_server}/concertations/{process.slug}/traitement")
    assert _axe_violations(page) == []

    for contribution in (first, second):
        page.focus(f"#select-{contribution.id}")
        page.keyboard.press("Space")
    page.focus("#action")
    page.keyboard.press("ArrowDown")  # "Give them the disposition below"
    page.focus("#disposition")
    page.keyboard.press("ArrowDown")  # "Retenue"
    page.focus("#reason_md")
    page.keyboard.type("Repris dans la fiche action 2.1.")
    page.keyboard.press("Tab")  # the changed section (none)
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash, .error-summary")
    assert "Suite donnée enregistrée pour 2 contributions." in page.locator(".flashes").inner_text()
    assert "2 contributions sur 2 ont une suite donnée (100 %)." in page.content()
    assert _axe_violations(page) == []


def test_every_treatment_page_has_no_axe_violation(live_server, page):
    organizer = make_user()
    process = make_process(organizer)
    (section,) = consulted_sections(organizer, process)
    contribution = contribute(section, "Une contribution")
    _sign_in(page, live_server, organizer)
    base = f"{live_server}/concertations/{process.slug}/traitement"
    page.goto(f"{base}/themes")
    page.fill("#title", "Répit des aidants")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    theme_url = page.locator("table a").first.get_attribute("href")
    for path in (
        f"/contributions/{contribution.id}",
        "/themes",
        theme_url.split("/traitement", 1)[1],
        "/avancement",
        "/propositions",
        "/syntheses",
        "/syntheses/generale",
        f"/syntheses/sections/{section.id}",
        "/textes",
    ):
        page.goto(base + path)
        assert _axe_violations(page) == [], path
