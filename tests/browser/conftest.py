"""The browser tests' fixtures: one build, one sandbox, one site server and one Chromium per
session (what they share besides fixtures is in harness.py).

Settings come from playwright.config.json at the repository root. Each test gets
a fresh browser context (its own tabs and storage) that records every request.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

import build
from devsupport import browser_executable

from .harness import (
    ACCOUNTS_ORIGIN,
    API_ORIGIN,
    CLIENT_ID,
    DEVELOPER_API_ORIGIN,
    HOST,
    PORTS,
    ROOT,
    SANDBOX_API_ORIGIN,
    SCOPES,
    SETTINGS,
    SITE_URL,
    SUB_PATH_URL,
    TIMEOUTS,
    Recorded,
    Sandbox,
)


def _test_config(tmp_dir: Path) -> Path:
    path = tmp_dir / "test-config.toml"
    scopes = ", ".join(f'"{scope}"' for scope in SCOPES)
    path.write_text(
        "[zoho]\n"
        f'client_id = "{CLIENT_ID}"\n'
        f'accounts_url = "{ACCOUNTS_ORIGIN}"\n'
        f'api_domains = ["{API_ORIGIN}"]\n'
        f"scopes = [{scopes}]\n"
        'environments = ["production", "sandbox", "developer"]\n'
        f'environment_api_domains = {{ sandbox = "{SANDBOX_API_ORIGIN}", developer = "{DEVELOPER_API_ORIGIN}" }}\n'
        # A package for the notebook from the config (pinned in a lock beside this file).
        '[notebook]\nwheels = ["tabulate==0.9.0"]\n'
    )
    return path


@pytest.fixture(scope="session")
def site_config(tmp_path_factory: pytest.TempPathFactory) -> build.SiteConfig:
    return build.load_config(_test_config(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def built_site(site_config) -> Path:
    return build.build(site_config, ROOT / SETTINGS["build_dir"])


@pytest.fixture(scope="session")
def sandbox_server(site_config):
    with build.start_sandbox_for(site_config, [SITE_URL, SUB_PATH_URL]) as running:
        yield running


@pytest.fixture(scope="session")
def site_server(built_site: Path, sandbox_server):
    with build.SiteServer(built_site, PORTS["site"], host=HOST) as server:
        yield server


@pytest.fixture(scope="session")
def sub_path_server(built_site: Path, sandbox_server):
    with build.SiteServer(built_site, PORTS["sub_path_site"], prefix=SETTINGS["sub_path"], host=HOST) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=browser_executable(), args=SETTINGS["browser"]["args"],
            headless=SETTINGS["browser"]["headless"])
        yield launched
        launched.close()


@pytest.fixture
def sandbox(sandbox_server) -> Sandbox:
    control = Sandbox(sandbox_server)
    control.reset()
    return control


@contextlib.contextmanager
def _recording_context(browser: Browser, service_workers: str) -> Iterator[BrowserContext]:
    """A new context that records every request and, whatever a test did, checks at its end: no
    token left in an address bar, and every token the app used went only to the API domain (or,
    to be revoked, to the accounts server)."""
    ctx = browser.new_context(service_workers=service_workers)
    ctx.set_default_timeout(TIMEOUTS["action"])
    ctx.recorded = Recorded()
    ctx.on("request", lambda request: ctx.recorded.requests.append(request))
    yield ctx
    try:
        assert not [p.url for p in ctx.pages if "access_token=" in p.url]
        ctx.recorded.assert_tokens_stayed_home()
    finally:
        ctx.close()


@pytest.fixture
def context(browser: Browser, site_server) -> BrowserContext:
    # The service worker is tested on its own (test_caching.py): elsewhere it would hide
    # the requests that tests route and record.
    with _recording_context(browser, "block") as ctx:
        # A Save-Data connection: the notebook's Python is not started ahead (13 MB, a worker).
        ctx.add_init_script("Object.defineProperty(Navigator.prototype, 'connection', "
                            "{configurable: true, get: () => ({saveData: true, effectiveType: '4g'})});")
        ctx.on("requestfailed", lambda request: ctx.recorded.failed.append(request.url))

        def watch(page: Page) -> None:
            page.on("console", lambda message: message.type == "error" and ctx.recorded.console_errors.append(message.text))
            page.on("pageerror", lambda error: ctx.recorded.page_errors.append(str(error)))

        ctx.on("page", watch)
        yield ctx


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def isolating(browser: Browser, site_server) -> BrowserContext:
    """A context where the app's service worker runs, so that its pages are cross-origin isolated
    from their second load on (``context`` blocks it), recording and checked as ``context`` is."""
    with _recording_context(browser, "allow") as ctx:
        yield ctx
