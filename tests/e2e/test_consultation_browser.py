"""The section page's script in a real browser: supports and positions change in place, without reload.

The waits are Playwright's assertions, which retry from outside the page: ``wait_for_function`` evaluates its
string in the page, which the pages' Content-Security-Policy forbids (no 'unsafe-eval') once it has to poll.
"""

import pytest

from tests.factories import PASSWORD, make_comment, make_draft, make_process, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def section_page(live_server, page, real_commits):
    organizer = make_user()
    process = make_process(organizer)
    _draft, sections = make_draft(organizer, process)
    section = sections[-1]
    comment = make_comment(make_user(), section, body="Plus de places en accueil de jour.")
    participant = make_user()
    page.goto(live_server + "/connexion")
    page.fill("#email", participant.email)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/")
    page.goto(f"{live_server}/concertations/{process.slug}/sections/{section.id}")
    page.evaluate("window.notReloaded = true")
    return page, comment


def test_supporting_a_comment_with_javascript_updates_the_count_without_reload(section_page):
    from playwright.sync_api import expect

    page, comment = section_page
    form = page.locator(f"#c{comment.id} form[data-support]")
    with page.expect_response(lambda r: r.request.resource_type == "fetch"):
        form.locator("button").click()
    expect(page.locator(f"#c{comment.id} [data-support-count]").first).to_have_text("1")
    assert form.locator("button").get_attribute("aria-pressed") == "true"
    assert page.evaluate("window.notReloaded === true")


def test_stating_a_position_with_javascript_updates_the_counts_without_reload(section_page):
    from playwright.sync_api import expect

    page, _comment = section_page
    page.check("#position-agree")
    with page.expect_response(lambda r: r.request.resource_type == "fetch"):
        page.locator("form[data-position] [type=submit]").click()
    expect(page.locator("[data-count=agree]").first).to_have_text("1")
    assert page.evaluate("window.notReloaded === true")
