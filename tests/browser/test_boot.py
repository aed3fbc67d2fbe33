"""The built site boots offline: every asset from the site's own origin, no errors."""

from urllib.parse import urlsplit

from .conftest import SITE_ORIGIN, SITE_URL, wait_ready


def test_signed_out_page_boots_offline_from_its_own_origin(context, page):
    outside = []

    def refuse_outside(route):
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: urlsplit(url).scheme in ("http", "https")
                  and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != SITE_ORIGIN, refuse_outside)
    page.goto(SITE_URL)
    wait_ready(page)

    assert page.get_by_test_id("sign-in").is_visible()
    assert outside == []
    assert context.recorded.origins() == {SITE_ORIGIN}
    assert context.recorded.failed == []
    assert context.recorded.console_errors == []
    assert context.recorded.page_errors == []
    # MicroPython, not Pyodide, runs the first screen.
    urls = [request.url for request in context.recorded.requests]
    assert any(url.endswith("/micropython/micropython.wasm") for url in urls)
    assert not any("/pyodide/" in url for url in urls)


def test_page_sets_security_headers_in_markup(page):
    page.goto(SITE_URL)
    wait_ready(page)
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
    # The one inline script is the page's first, allowed by its hash.
    assert page.locator("script:not([src])").count() == 1 and "'sha256-" in directives["script-src"]
