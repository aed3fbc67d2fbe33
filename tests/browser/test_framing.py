"""In another site's frame the app does not run: it shows a link that opens it in a tab of its own.

A <meta> CSP cannot set frame-ancestors and GitHub Pages sends no headers, so the page itself
tells (its first script) and the CSS shows only the notice.
"""

import pytest
from playwright.sync_api import expect

import build

from .harness import HOST, TIMEOUTS, wait_ready

OTHER_SITE_PORT = 0  # any free port


@pytest.fixture
def other_site(tmp_path):
    """Another origin on loopback (a real server: Chromium lets only local pages frame local ones)."""
    with build.SiteServer(tmp_path, OTHER_SITE_PORT, host=HOST) as server:
        yield server


def frame_the_app(page, framing_page_url, app_url):
    """Open a page at ``framing_page_url`` (any page of that origin: a 404 page does) and put the
    app into it in an iframe."""
    page.goto(framing_page_url)
    page.evaluate("""(src) => {
        const frame = Object.assign(document.createElement("iframe"), {src, width: 900, height: 700});
        document.body.append(frame);
    }""", app_url)
    return page.frame_locator("iframe")


def visible_parts_of_the_body(frame):
    return frame.locator("body").evaluate(
        "body => [...body.children].filter((child) => child.checkVisibility()).map((child) => child.dataset.testid)")


def test_in_another_sites_frame_only_a_link_to_the_app_in_its_own_tab_shows(page, site_server, other_site):
    frame = frame_the_app(page, other_site.url + "a-page-of-another-site", site_server.url)
    notice = frame.get_by_test_id("framed")
    expect(notice).to_be_visible()
    expect(frame.locator("html")).to_have_attribute("data-app", "framed")
    assert visible_parts_of_the_body(frame) == ["framed"]

    # Even if the app drew its sign-in screen (main.py does not start when framed), the CSS
    # keeps it out of sight.
    frame.locator("#signed-out").evaluate("section => { section.hidden = false; }")
    expect(frame.get_by_test_id("sign-in")).to_be_hidden()
    assert visible_parts_of_the_body(frame) == ["framed"]

    link = notice.get_by_role("link")
    expect(link).to_have_attribute("target", "_blank")
    assert "noopener" in link.get_attribute("rel").split()
    with page.context.expect_page() as opened:
        link.click()
    app = opened.value
    assert app.url == site_server.url
    wait_ready(app)
    assert app.evaluate("window.opener") is None
    expect(app.get_by_test_id("sign-in")).to_be_visible()
    expect(app.get_by_test_id("framed")).to_be_hidden()
    # The framed copy began loading before this tab, yet it has not started (main.py's guard).
    expect(frame.locator("html")).to_have_attribute("data-app", "framed")


def test_in_a_frame_of_its_own_origin_the_app_starts(page, site_server):
    frame = frame_the_app(page, site_server.url + "another-page-of-the-origin", site_server.url)
    expect(frame.locator("html")).to_have_attribute("data-app", "ready", timeout=TIMEOUTS["ready"])
    expect(frame.get_by_test_id("sign-in")).to_be_visible()
    expect(frame.get_by_test_id("framed")).to_be_hidden()


def test_framed_by_another_site_that_is_itself_framed_by_the_apps_origin_the_app_does_not_start(
        page, site_server, other_site):
    """The top is the app's own origin, but the parent is not: any ancestor of another origin counts."""
    page.goto(site_server.url + "another-page-of-the-origin")
    page.evaluate("""(src) => {
        document.body.append(Object.assign(document.createElement("iframe"), {src, width: 1000, height: 800}));
    }""", other_site.url + "a-page-of-another-site")
    middle = page.frame_locator("iframe")
    middle.locator("body").wait_for(state="attached")
    other = next(frame for frame in page.frames if frame.url.startswith(other_site.url))
    other.evaluate("""(src) => {
        document.body.append(Object.assign(document.createElement("iframe"), {src, width: 900, height: 700}));
    }""", site_server.url)
    app = middle.frame_locator("iframe")
    expect(app.locator("html")).to_have_attribute("data-app", "framed", timeout=TIMEOUTS["ready"])
    expect(app.get_by_test_id("framed")).to_be_visible()
    assert visible_parts_of_the_body(app) == ["framed"]
