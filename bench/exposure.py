"""How long an access token stays in the address bar after Zoho sends the user back.

    .venv/bin/python bench/exposure.py [--runs N]

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
import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402 - after the path set-up above
from tests.support import browser_executable  # noqa: E402

SETTINGS = json.loads((ROOT / "playwright.config.json").read_text())
HOST = "127.0.0.1"
SITE_PORT, ACCOUNTS_PORT, API_PORT = 8720, 8721, 8722
SITE_URL = f"http://{HOST}:{SITE_PORT}/"

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


def _config(directory: Path) -> build.SiteConfig:
    path = directory / "bench.toml"
    path.write_text(
        "[zoho]\n"
        'client_id = "1000.BENCHCLIENT"\n'
        f'accounts_url = "http://{HOST}:{ACCOUNTS_PORT}"\n'
        f'api_domains = ["http://{HOST}:{API_PORT}"]\n'
        'scopes = ["ZohoCRM.users.READ"]\n')
    return build.load_config(path)


def _launch(playwright):
    return playwright.chromium.launch(executable_path=browser_executable(), args=SETTINGS["browser"]["args"])


def _callback_url(browser) -> str:
    """A real callback URL from the sandbox (its token is valid; the state is not ours)."""
    context = browser.new_context()
    page = context.new_page()
    seen = []
    # The sandbox's redirect (its Location header) carries the answer; the page drops it at once.
    page.on("response", lambda response: "access_token=" in (response.headers.get("location") or "")
            and seen.append(response.headers["location"]))
    _sign_in(page)
    context.close()
    return seen[0]


def _sign_in(page) -> None:
    page.goto(SITE_URL)
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.get_by_test_id("sign-in").click()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SITE_URL + "**", wait_until="commit")


def _stripped_at(page) -> float:
    page.wait_for_function("window.__strippedAt !== undefined", timeout=30000)
    return page.evaluate("window.__strippedAt")


def measure_after_start_page(browser) -> float:
    context = browser.new_context()
    context.add_init_script(WATCH_REPLACE_STATE)
    page = context.new_page()
    _sign_in(page)
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


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):6.0f} ms   min {min(values):6.0f}   max {max(values):6.0f}   (n={len(values)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = _config(Path(tmp))
        site = build.build(config, Path(tmp) / "site")
        with build.start_sandbox_for(config, [SITE_URL]), build.SiteServer(site, SITE_PORT), \
                sync_playwright() as playwright:
            browser = _launch(playwright)
            callback_url = _callback_url(browser)
            after_start = [measure_after_start_page(browser) for _ in range(args.runs)]
            direct = [measure_direct(browser, callback_url) for _ in range(args.runs)]
            browser.close()
    print("Token exposure: callback document start -> fragment removed (headless Chromium)")
    print(f"  after start page  {summary(after_start)}")
    print(f"  direct, no cache  {summary(direct)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
