"""How long an access token stays in the address bar after Zoho sends the user back.

    .venv/bin/python -m bench.exposure [--runs N]

Each run uses a fresh browser profile (empty cache): open the app, press Sign in,
accept on the local sandbox's consent page, and time the callback document from
its start (performance.timeOrigin) to the moment the fragment is replaced
(history.replaceState). Two cases:

- "after start page": the user came from the app's page, as in real use, so what
  the start page preloads is in the cache;
- "direct": the callback URL is the first page of the profile (nothing cached).

Prints the median and the spread of each, in milliseconds.
"""

import argparse
import sys

from playwright.sync_api import sync_playwright

from bench import report
from bench.harness import Bench, launch

BENCH = Bench(site_port=8720, accounts_port=8721, api_port=8722, client_id="1000.BENCHCLIENT")

# Records when the page replaces a URL that holds a token with one that does not.
WATCH_REPLACE_STATE = """
(() => {
  const original = history.replaceState.bind(history);
  history.replaceState = (state, title, url) => {
    const before = location.href.includes("access_token=") || location.href.includes("error=");
    original(state, title, url);
    if (before && !location.href.includes("access_token=") && window.__strippedAt === undefined) {
      window.__strippedAt = performance.now();
    }
  };
})();
"""


def callback_url(browser, site_url: str) -> str:
    """A real callback URL from the sandbox (its token is valid; the state is not ours)."""
    context = browser.new_context()
    page = context.new_page()
    seen = []
    # The sandbox's redirect (its Location header) carries the answer; the page drops it at once.
    page.on("response", lambda response: "access_token=" in (response.headers.get("location") or "")
            and seen.append(response.headers["location"]))
    _sign_in(page, site_url)
    context.close()
    return seen[0]


def _sign_in(page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.get_by_test_id("sign-in").click()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(site_url + "**", wait_until="commit")


def _stripped_at(page) -> float:
    page.wait_for_function("window.__strippedAt !== undefined", timeout=30000)
    return page.evaluate("window.__strippedAt")


def measure_after_start_page(browser, site_url: str) -> float:
    context = browser.new_context()
    context.add_init_script(WATCH_REPLACE_STATE)
    page = context.new_page()
    _sign_in(page, site_url)
    value = _stripped_at(page)
    context.close()
    return value


def measure_direct(browser, callback_url: str) -> float:
    context = browser.new_context()
    context.add_init_script(WATCH_REPLACE_STATE)
    page = context.new_page()
    page.goto(callback_url, wait_until="commit")
    value = _stripped_at(page)
    context.close()
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    load_before = report.warn_if_busy()
    with BENCH.served(), sync_playwright() as playwright:
        browser = launch(playwright)
        callback = callback_url(browser, BENCH.site_url)
        after_start = [measure_after_start_page(browser, BENCH.site_url) for _ in range(args.runs)]
        direct = [measure_direct(browser, callback) for _ in range(args.runs)]
        browser.close()
    print(f"Token exposure: callback document start -> fragment removed (headless Chromium, {args.runs} runs), "
          "median (spread)")
    print(f"  after start page  {report.figure(after_start)}")
    print(f"  direct, no cache  {report.figure(direct)}")
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
