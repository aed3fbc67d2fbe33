"""How the app looks and handles: narrow screens, dark mode, keyboard, progress.

The screenshots these tests take go to build/screenshots/ (not tracked);
`python3 dev.py screenshots` runs these tests and copies them to docs/screenshots/ for the README.
"""

from .harness import API_ORIGIN, ROOT, SITE_URL, wait_ready
from .steps import open_module, open_signed_in, record_rows, tab_to

SHOTS = ROOT / "build" / "screenshots"


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_light_and_dark_follow_the_system(browser, site_server, sandbox):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1100, "height": 800}, service_workers="block")
        page = context.new_page()
        open_signed_in(page, sandbox)
        open_module(page, "Leads")
        record_rows(page).first.wait_for()
        colours[scheme] = background(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"records-{scheme}.png"))
        context.close()
    assert colours["light"] != colours["dark"]


def test_usable_at_360_px_with_records_as_cards(browser, site_server, sandbox):
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = context.new_page()
    page.goto(SITE_URL)
    wait_ready(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "sign-in-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    open_signed_in(page, sandbox, path="?view=records&module=Leads")
    first = record_rows(page).first
    first.wait_for()
    # No sideways scrolling, for the page or the table: each record is a card of "label: value".
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_test_id("records").bounding_box()["width"] <= 360
    headings = page.get_by_test_id("records").locator("thead th:not(.select)")  # the cards' box to choose all stays
    assert headings.count() > 0 and not any(heading.is_visible() for heading in headings.all())
    email = first.locator('td[data-label="Email"]')
    assert email.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Email"'
    assert email.bounding_box()["height"] < 60  # a line or two, not a letter a line
    assert page.get_by_test_id("sign-out").is_visible()
    page.screenshot(path=str(SHOTS / "records-360.png"))
    context.close()


def test_sign_in_works_from_the_keyboard(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    tab_to(page, "sign-in", presses=10)
    page.keyboard.press("Enter")
    page.wait_for_url(sandbox.accounts_url + "/oauth/v2/auth?**")


def test_every_button_has_an_accessible_name(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    unnamed = page.evaluate("""[...document.querySelectorAll('button')]
        .filter(b => b.offsetParent !== null && !(b.textContent.trim() || b.getAttribute('aria-label')))
        .map(b => b.outerHTML)""")
    assert unnamed == []


def test_a_slow_call_shows_progress(page, sandbox):
    open_signed_in(page, sandbox)

    def slow(route):
        page.wait_for_timeout(800)
        route.continue_()

    page.route(API_ORIGIN + "/crm/v8/Leads**", slow)
    page.get_by_test_id("modules").get_by_role("button", name="Leads", exact=True).click()
    page.get_by_test_id("progress").wait_for(state="visible")
    record_rows(page).first.wait_for()
    page.get_by_test_id("progress").wait_for(state="hidden")
