"""Each app answers only its own Host (127.0.0.1:<port> or localhost:<port>): no DNS rebinding."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from sandbox.hosts import own_hosts
from sandbox.server import RunningSandbox, start_in_thread
from sandbox.settings import SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import CONTROL, TestClient

Headers = dict[str, str]

# Host headers for the API app on 8702 that must be refused (the accounts app is on 8701).
FOREIGN_HOSTS = [
    "evil.example:8702", "evil.example", "127.0.0.1", "localhost", "127.0.0.1:8701", "localhost:8701",
    "127.0.0.2:8702", "0.0.0.0:8702", "localhost.:8702", "[::1]:8702", "127.0.0.1:8702.evil.example",
    "127.0.0.1:08702", "",
]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_the_request_log_is_not_readable_under_another_host(api: TestClient, full: Headers, host: str) -> None:
    token = full["Authorization"].split()[1]
    api.get("/crm/v8/org", headers=full)
    response = api.get("/_sandbox/state", headers=CONTROL | {"Host": host})
    assert response.status_code == 421
    assert response.headers["content-type"].startswith("text/plain")
    assert token not in response.text and "/crm/v8/org" not in response.text


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_api_calls_under_another_host_are_refused_unseen(api: TestClient, state: SandboxState, full: Headers,
                                                          host: str) -> None:
    response = api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=full | {"Host": host})
    assert response.status_code == 421
    assert "@" not in response.text  # no user's e-mail address, no data at all
    assert state.snapshot()["requests"] == []


@pytest.mark.parametrize("host", ["evil.example:8701", "127.0.0.1:8702", "localhost:8702"])
@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/oauth/v2/auth"), ("POST", "/oauth/v2/token/revoke"), ("POST", "/_sandbox/reset"),
])
def test_the_accounts_app_refuses_other_hosts(accounts: TestClient, state: SandboxState, host: str, method: str,
                                              path: str) -> None:
    response = accounts.request(method, path, json={}, headers=CONTROL | {"Host": host})
    assert response.status_code == 421
    assert state.snapshot()["requests"] == []


@pytest.mark.parametrize("host", ["127.0.0.1:8702", "localhost:8702", "LOCALHOST:8702"])
def test_the_apis_own_hosts_are_answered(api: TestClient, full: Headers, host: str) -> None:
    assert api.get("/crm/v8/org", headers=full | {"Host": host}).status_code == 200
    assert api.get("/_sandbox/state", headers=CONTROL | {"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1:8701", "localhost:8701"])
def test_the_accounts_apps_own_hosts_are_answered(accounts: TestClient, host: str) -> None:
    assert accounts.post("/oauth/v2/token/revoke", params={"token": "x"}, headers={"Host": host}).status_code == 200


def test_own_hosts_of_an_ipv6_sandbox() -> None:
    assert own_hosts(SandboxSettings(host="::1"), 8702) == {"[::1]:8702", "localhost:8702"}


@pytest.fixture(scope="module")
def running() -> Iterator[RunningSandbox]:
    with start_in_thread(SandboxSettings(accounts_port=0, api_port=0)) as sandbox:
        yield sandbox


def _raw_answer(port: int, request: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request.encode())
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    return answer


def test_a_rebinding_host_is_refused_through_sockets(running: RunningSandbox) -> None:
    """What a page on evil.example sees once evil.example resolves to 127.0.0.1."""
    port = int(running.api_url.rsplit(":", 1)[1])
    token = httpx.post(f"{running.api_url}/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]},
                       headers=CONTROL).json()["access_token"]
    httpx.get(f"{running.api_url}/crm/v8/org", headers={"Authorization": f"Zoho-oauthtoken {token}"})
    answer = _raw_answer(port, f"GET /_sandbox/state HTTP/1.1\r\nHost: evil.example:{port}\r\n"
                               "X-Sandbox-Control: 1\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 421 ")
    assert token.encode() not in answer
    assert httpx.get(f"{running.api_url}/_sandbox/state", headers=CONTROL).json()["requests"][-1]["token"] == token


def test_a_request_without_a_host_is_refused_through_sockets(running: RunningSandbox) -> None:
    port = int(running.accounts_url.rsplit(":", 1)[1])
    answer = _raw_answer(port, "GET /oauth/v2/auth HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 421 ")
