"""Browser test harness: one build, one sandbox, one site server and one Chromium per session.

Settings come from playwright.config.json at the repository root. Each test gets
a fresh browser context (its own tabs and storage) that records every request.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

import build
from tests.support import browser_executable

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = json.loads((ROOT / "playwright.config.json").read_text())
HOST = SETTINGS["host"]
SERVERS = ("site", "accounts", "api", "sub_path_site", "api_sandbox", "api_developer")


def _free_ports(count: int) -> list[int]:
    """Ports nobody listens on now, chosen by the system (other programs may hold any fixed one).

    All sockets stay open until every port is chosen, so the ports differ from each other."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind((HOST, 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


# Chosen once per test run, when this module is first imported; the site is built for them.
PORTS = dict(zip(SERVERS, _free_ports(len(SERVERS))))
SITE_ORIGIN = f"http://{HOST}:{PORTS['site']}"
ACCOUNTS_ORIGIN = f"http://{HOST}:{PORTS['accounts']}"
API_ORIGIN = f"http://{HOST}:{PORTS['api']}"
# The sandbox and developer organisations' API (Zoho's sandbox. and developer.zohoapis hosts).
SANDBOX_API_ORIGIN = f"http://{HOST}:{PORTS['api_sandbox']}"
DEVELOPER_API_ORIGIN = f"http://{HOST}:{PORTS['api_developer']}"
SITE_URL = SITE_ORIGIN + "/"
# The site once more, under a sub-path as on GitHub Pages (/<repo>/), from its own server and origin.
SUB_PATH_ORIGIN = f"http://{HOST}:{PORTS['sub_path_site']}"
SUB_PATH_URL = SUB_PATH_ORIGIN + SETTINGS["sub_path"]
CLIENT_ID = "1000.TESTCLIENT"
SCOPES = ("ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ", "ZohoCRM.modules.ALL")
TIMEOUTS = SETTINGS["timeouts_ms"]


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


@dataclass
class Recorded:
    """Every request a context made, and every console error and page error it saw."""

    requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)

    def origins(self) -> set[str]:
        return {f"{urlsplit(r.url).scheme}://{urlsplit(r.url).netloc}" for r in self.requests
                if urlsplit(r.url).scheme in ("http", "https")}

    def tokens_used(self) -> set[str]:
        scheme = "Zoho-oauthtoken "
        return {r.headers["authorization"][len(scheme):] for r in self.requests
                if r.headers.get("authorization", "").startswith(scheme)}

    def assert_tokens_stayed_home(self) -> None:
        allowed = (API_ORIGIN + "/", SANDBOX_API_ORIGIN + "/", DEVELOPER_API_ORIGIN + "/",
                   ACCOUNTS_ORIGIN + "/oauth/v2/token/revoke?")
        for token in self.tokens_used():
            strays = [r.url for r in self.with_token(token) if not r.url.startswith(allowed)]
            assert strays == [], f"a token was sent to {strays}"

    def with_token(self, token: str) -> list:
        """Requests that carried ``token`` anywhere: URL, headers or body."""
        found = []
        for request in self.requests:
            body = request.post_data or ""
            headers = " ".join(request.headers.values())
            if token in request.url or token in headers or token in body:
                found.append(request)
        return found


# What the sandbox asks of a control call, so that no web page can make one (sandbox/README.md).
CONTROL = {"X-Sandbox-Control": "1"}


class Sandbox:
    """Control the sandbox from tests (its /_sandbox/ endpoints)."""

    def __init__(self, running):
        self.accounts_url = running.accounts_url
        self.api_url = running.api_url

    def post(self, path: str, payload: dict | None = None, origin: str | None = None) -> dict:
        answer = httpx.post((origin or self.api_url) + path, json=payload or {}, headers=CONTROL, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def reset(self) -> None:
        self.post("/_sandbox/reset")

    def mint_token(self, scopes=SCOPES, lifetime: int = 3600) -> dict:
        return self.post("/_sandbox/tokens", {"scopes": list(scopes), "lifetime": lifetime, "client_id": CLIENT_ID})

    def fail_next(self, **spec) -> None:
        self.post("/_sandbox/fail-next", spec)

    def state(self) -> dict:
        return httpx.get(self.api_url + "/_sandbox/state", headers=CONTROL, timeout=10).json()


@pytest.fixture
def sandbox(sandbox_server) -> Sandbox:
    control = Sandbox(sandbox_server)
    control.reset()
    return control


@pytest.fixture
def context(browser: Browser, site_server) -> BrowserContext:
    # The service worker is tested on its own (test_caching.py): elsewhere it would hide
    # the requests that tests route and record.
    ctx = browser.new_context(service_workers="block")
    ctx.set_default_timeout(TIMEOUTS["action"])
    ctx.recorded = Recorded()
    ctx.on("request", lambda request: ctx.recorded.requests.append(request))
    ctx.on("requestfailed", lambda request: ctx.recorded.failed.append(request.url))

    def watch(page: Page) -> None:
        page.on("console", lambda message: message.type == "error" and ctx.recorded.console_errors.append(message.text))
        page.on("pageerror", lambda error: ctx.recorded.page_errors.append(str(error)))

    ctx.on("page", watch)
    yield ctx
    try:
        # Whatever a test did: no token left in an address bar, and every token the app used
        # went only to the API domain (or, to be revoked, to the accounts server).
        assert not [p.url for p in ctx.pages if "access_token=" in p.url]
        ctx.recorded.assert_tokens_stayed_home()
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def wait_ready(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.app === 'ready'", timeout=TIMEOUTS["ready"])


def session_token(page: Page) -> dict | None:
    raw = page.evaluate("sessionStorage.getItem('zoho.token')")
    return None if raw is None else json.loads(raw)
