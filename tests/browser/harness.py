"""What the browser tests share besides fixtures: the servers' ports and origins, the test
config's client and scopes, the sandbox's control, the record of a context's requests, and
waiting on the app's ready mark. Imported by conftest.py and the test modules alike.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from playwright.sync_api import Page

from devsupport import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
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


def wait_ready(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.app === 'ready'", timeout=TIMEOUTS["ready"])


def session_token(page: Page) -> dict | None:
    raw = page.evaluate("sessionStorage.getItem('zoho.token')")
    return None if raw is None else json.loads(raw)
