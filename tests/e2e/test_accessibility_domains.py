"""Accessibility of every domain's pages in a real browser (RGAA 4.1 / WCAG 2.1 AA).

One walk over realistic data: axe-core finds no violation, each page has one h1 and headings in order,
every form control has an accessible name, nothing scrolls sideways on a 360 px screen; keyboard-only
flows for stating a position, commenting and registering for a meeting; focus is always visible.
"""

import pytest

from tests.e2e.a11y_world import build_world, pages, sign_in
from tests.e2e.test_accessibility import _axe_violations

pytestmark = pytest.mark.e2e

STRUCTURE_JS = """() => {
  const problems = [];
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1`);
  let last = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    if (level > last + 1) problems.push(`h${level} after h${last}: ${h.textContent.trim()}`);
    last = level;
  }
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    const named = el.labels.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
      || el.getAttribute('title');
    if (!named) problems.push(`unnamed control ${el.name || el.id}`);
  }
  const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`duplicate id ${id}`);
  return problems;
}"""
OVERFLOW_JS = """() => {
  if (document.documentElement.scrollWidth <= window.innerWidth) return [];
  const clipped = el => el.closest('main *') && [...document.querySelectorAll('main *')].some(
    a => a.contains(el) && a !== el && getComputedStyle(a).overflowX !== 'visible');
  const wide = [...document.body.querySelectorAll('*')].filter(
    el => el.getBoundingClientRect().right > window.innerWidth && !clipped(el));
  return wide.filter(el => !wide.includes(el.parentElement))
    .map(el => `too wide at 360 px: ${el.tagName} ${el.className} ${el.textContent.trim().slice(0, 40)}`);
}"""
FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


def _axe_and_structure(page):
    problems = [f"axe {rule} {targets}" for rule, targets in _axe_violations(page)]
    return problems + page.evaluate(STRUCTURE_JS)


def _walk(browser, base, world, check, **context_args):
    """Run ``check(page)`` on every page of the walk, signed in as its owner; returns {page name: problems}."""
    users = {"participant": world["participant"], "organizer": world["organizer"], "member": world["member"]}
    found, checked = {}, 0
    for who in (None, *users):
        context = browser.new_context(locale="fr-FR", **context_args)
        page = context.new_page()
        if who:
            sign_in(page, base, users[who])
        for owner, name, path in pages(world):
            if owner == who:
                checked += 1
                response = page.goto(base + path)
                assert response.status == (int(name) if name.isdigit() else 200), name
                page.wait_for_selector("h1")
                if problems := check(page):
                    found[name] = problems
        context.close()
    assert checked == len(pages(world)) == 25
    return found


@pytest.fixture
def world(app):
    with app.test_request_context():
        return build_world()


def test_every_domain_page_passes_axe_has_ordered_headings_and_named_controls(browser, live_server, world):
    assert _walk(browser, live_server, world, _axe_and_structure) == {}


def test_every_domain_page_fits_a_360_px_screen(browser, live_server, world):
    narrow = {"viewport": {"width": 360, "height": 740}}
    assert _walk(browser, live_server, world, lambda page: page.evaluate(OVERFLOW_JS), **narrow) == {}


def test_csrf_error_page_is_accessible(browser, live_server, world, page):
    sign_in(page, live_server, world["participant"])
    page.goto(live_server + "/profil")
    page.eval_on_selector_all("input[name=csrf_token]", "els => els.forEach(e => e.value = 'perime')")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").count() == 1
    assert _axe_violations(page) == []
    assert page.evaluate(STRUCTURE_JS) == []


def _tab_to(page, selector, limit=150):
    """Press Tab until ``selector`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus")


def test_state_a_position_and_comment_with_the_keyboard_alone(live_server, world, page):
    sign_in(page, live_server, world["participant"])
    url = f"{live_server}/concertations/{world['process'].slug}/sections/{world['section'].id}"
    page.goto(url)
    _tab_to(page, "input[name=value][type=radio]")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    _tab_to(page, "form[data-position] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-position-status]:not(:empty)", state="attached")
    page.reload()
    assert page.locator("input[name=value]:checked").count() == 1

    _tab_to(page, "#body")
    page.keyboard.type("Prévoir un transport adapté pour venir aux réunions.")
    _tab_to(page, "section.contribute button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Prévoir un transport adapté")


def test_register_for_a_public_meeting_with_the_keyboard_alone(live_server, world, page):
    sign_in(page, live_server, world["participant"])
    group = world["group"]
    page.goto(
        f"{live_server}/concertations/{world['process'].slug}/groupes/{group.slug}/reunions/{world['meeting'].id}"
    )
    _tab_to(page, "input[name=needs]")
    page.keyboard.press("Space")
    _tab_to(page, "#registration-title ~ form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Annuler mon inscription")


def test_focus_is_visible_on_links_and_buttons(live_server, world, page):
    sign_in(page, live_server, world["participant"])
    paths = [p for who, _name, p in pages(world) if who == "participant"]
    checked = 0
    for path in paths[:4]:
        page.goto(live_server + path)
        page.wait_for_selector("h1")
        for _ in range(25):
            page.keyboard.press("Tab")
            tag = page.evaluate("document.activeElement.tagName")
            if tag in ("A", "BUTTON", "SUMMARY", "INPUT", "SELECT", "TEXTAREA"):
                label = page.evaluate("document.activeElement.textContent.trim()")
                assert page.evaluate(FOCUS_JS), f"no visible focus on {tag} {label!r} of {path}"
                checked += 1
    assert checked > 60
