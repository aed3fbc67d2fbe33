"""Through real sockets: start_in_thread, a whole sign-in, and dropping a connection."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from sandbox.server import RunningSandbox, start_in_thread
from sandbox.settings import DEFAULT_CLIENT, SandboxClient, SandboxSettings

from sandbox_helpers import APP_ORIGIN, CONTROL


@pytest.fixture(scope="module")
def running() -> Iterator[RunningSandbox]:
    with start_in_thread(SandboxSettings(accounts_port=0, api_port=0)) as sandbox:
        yield sandbox


@pytest.fixture(autouse=True)
def _reset(running: RunningSandbox) -> None:
    httpx.post(f"{running.api_url}/_sandbox/reset", json={}, headers=CONTROL)


def _port(url: str) -> int:
    return urlsplit(url).port or 0


def test_free_ports_are_picked_and_reported(running: RunningSandbox) -> None:
    assert running.accounts_url.startswith("http://127.0.0.1:") and running.api_url.startswith("http://127.0.0.1:")
    assert _port(running.accounts_url) not in (0, _port(running.api_url))
    token = httpx.post(f"{running.accounts_url}/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]},
                       headers=CONTROL).json()
    assert token["api_domain"] == running.api_url


def test_full_sign_in_through_sockets(running: RunningSandbox) -> None:
    params = {"response_type": "token", "client_id": DEFAULT_CLIENT.client_id, "redirect_uri": "http://127.0.0.1:8700/",
              "scope": "ZohoCRM.users.READ", "state": "s1"}
    with httpx.Client(base_url=running.accounts_url) as browser:
        page = browser.get("/oauth/v2/auth", params=params)
        assert page.status_code == 200 and "Accept" in page.text
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        decision = browser.post("/oauth/v2/auth/decision", data=params | {"csrf": csrf, "decision": "accept"})
    assert decision.status_code == 302
    location = decision.headers["location"]
    values = dict(parse_qsl(location.split("#&", 1)[1]))
    assert values["api_domain"] == running.api_url and values["accounts-server"] == running.accounts_url
    me = httpx.get(f"{values['api_domain']}/crm/v8/users", params={"type": "CurrentUser"},
                   headers={"Authorization": f"Zoho-oauthtoken {values['access_token']}", "Origin": APP_ORIGIN})
    assert me.status_code == 200 and me.headers["access-control-allow-origin"] == APP_ORIGIN
    assert me.json()["users"][0]["full_name"] == "Ada Lovelace"
    logged = httpx.get(f"{running.api_url}/_sandbox/state", headers=CONTROL).json()["requests"]
    assert [(r["app"], r["path"], r["token"]) for r in logged if r["token"]] == [
        ("api", "/crm/v8/users", values["access_token"])]


def test_drop_closes_the_connection_without_a_response(running: RunningSandbox) -> None:
    token = httpx.post(f"{running.api_url}/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]},
                       headers=CONTROL).json()
    headers = {"Authorization": f"Zoho-oauthtoken {token['access_token']}"}
    httpx.post(f"{running.api_url}/_sandbox/fail-next", json={"drop": True}, headers=CONTROL)
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        httpx.get(f"{running.api_url}/crm/v8/org", headers=headers)
    assert httpx.get(f"{running.api_url}/crm/v8/org", headers=headers).status_code == 200
    [dropped, ok] = [r for r in httpx.get(f"{running.api_url}/_sandbox/state", headers=CONTROL).json()["requests"]
                     if r["path"] == "/crm/v8/org"]
    assert (dropped["status"], ok["status"]) == (None, 200)


def test_drop_sends_no_bytes_at_all(running: RunningSandbox) -> None:
    httpx.post(f"{running.api_url}/_sandbox/fail-next", json={"drop": True}, headers=CONTROL)
    port = _port(running.api_url)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET /crm/v8/org HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        try:
            received = sock.recv(1024)
        except ConnectionResetError:
            received = b""
    assert received == b""


def test_injected_500_through_sockets(running: RunningSandbox) -> None:
    httpx.post(f"{running.accounts_url}/_sandbox/fail-next", json={"status": 500}, headers=CONTROL)
    response = httpx.get(f"{running.api_url}/crm/v8/org", headers={"Origin": APP_ORIGIN})
    assert response.status_code == 500 and response.json()["code"] == "INTERNAL_ERROR"
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


def test_stop_releases_the_ports() -> None:
    client = SandboxClient("1000.T", "T", ["http://127.0.0.1:1/"], [])
    sandbox = start_in_thread(SandboxSettings(accounts_port=0, api_port=0, clients=(client,)))
    port = _port(sandbox.api_url)
    assert httpx.get(f"{sandbox.api_url}/_sandbox/state", headers=CONTROL).status_code == 200
    sandbox.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/_sandbox/state", headers=CONTROL)


def test_busy_port_is_an_error(running: RunningSandbox) -> None:
    with pytest.raises(OSError):
        start_in_thread(SandboxSettings(accounts_port=0, api_port=_port(running.api_url)))
