from __future__ import annotations

from typing import Any

import pytest

from sandbox.control import ConnectionDropRequested
from sandbox.settings import RateLimit, SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import APP_ORIGIN, CONTROL, FakeClock, TestClient

Headers = dict[str, str]


def test_fail_next_500_then_normal(api: TestClient, full: Headers) -> None:
    assert api.post("/_sandbox/fail-next", json={"status": 500}, headers=CONTROL).status_code == 200
    failed = api.get("/crm/v8/org", headers=full)
    assert failed.status_code == 500
    assert failed.json() == {"code": "INTERNAL_ERROR", "details": {}, "message": "Internal Server Error",
                             "status": "error"}
    assert api.get("/crm/v8/org", headers=full).status_code == 200


def test_fail_next_429_with_retry_after_and_count(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 429, "retry_after": 2, "count": 2}, headers=CONTROL)
    for _ in range(2):
        response = api.get("/crm/v8/org", headers=full)
        assert response.status_code == 429
        assert response.headers["retry-after"] == "2"
        assert response.json()["code"] == "TOO_MANY_REQUESTS"
    assert api.get("/crm/v8/org", headers=full).status_code == 200


def test_fail_next_429_has_a_default_retry_after(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 429}, headers=CONTROL)
    assert int(api.get("/crm/v8/org", headers=full).headers["retry-after"]) >= 1


def test_injected_failure_does_not_need_a_token(api: TestClient) -> None:
    api.post("/_sandbox/fail-next", json={"status": 503}, headers=CONTROL)
    assert api.get("/crm/v8/org").status_code == 503


def test_fail_next_only_hits_matching_paths(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/crm/v8/org"}, headers=CONTROL)
    assert api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=full).status_code == 200
    assert api.get("/crm/v8/org", headers=full).status_code == 500


def test_failures_queue_in_order(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 500}, headers=CONTROL)
    api.post("/_sandbox/fail-next", json={"status": 429}, headers=CONTROL)
    assert [api.get("/crm/v8/org", headers=full).status_code for _ in range(3)] == [500, 429, 200]


def test_preflights_and_control_calls_do_not_use_up_a_failure(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 500}, headers=CONTROL)
    preflight = api.options("/crm/v8/org", headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 204
    assert api.get("/_sandbox/state", headers=CONTROL).status_code == 200
    assert api.get("/crm/v8/org", headers=full).status_code == 500


def test_fail_next_on_the_accounts_app(accounts: TestClient) -> None:
    accounts.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/oauth/v2/token/revoke"}, headers=CONTROL)
    assert accounts.post("/oauth/v2/token/revoke", params={"token": "x"}).status_code == 500
    assert accounts.post("/oauth/v2/token/revoke", params={"token": "x"}).status_code == 200


def test_drop_raises_for_the_server_to_close_the_connection(api: TestClient, full: Headers) -> None:
    # Through sockets this closes the connection with no response (see test_sandbox_server.py).
    api.post("/_sandbox/fail-next", json={"drop": True}, headers=CONTROL)
    with pytest.raises(ConnectionDropRequested):
        api.get("/crm/v8/org", headers=full)
    assert api.get("/crm/v8/org", headers=full).status_code == 200


@pytest.mark.parametrize("body", [
    {}, {"status": 418}, {"status": "500"}, {"status": 500, "drop": True}, {"drop": "yes"}, {"status": 500, "count": 0},
    {"status": 429, "retry_after": -1}, {"status": 500, "path_prefix": "crm"}, [1, 2],
])
def test_fail_next_rejects_bad_requests(api: TestClient, body: Any) -> None:
    response = api.post("/_sandbox/fail-next", json=body, headers=CONTROL)
    assert response.status_code == 400 and response.json()["error"]
    assert api.get("/_sandbox/state", headers=CONTROL).json()["pending_failures"] == []


@pytest.mark.parametrize("body", [b"status=500", b"", b'"reset"'])
def test_control_posts_refuse_a_body_that_is_not_a_json_object(api: TestClient, body: bytes) -> None:
    json_type = CONTROL | {"Content-Type": "application/json"}
    for path in ("/_sandbox/fail-next", "/_sandbox/tokens", "/_sandbox/reset"):
        response = api.post(path, content=body, headers=json_type)
        assert response.status_code == 400 and response.json() == {"error": "the body must be a JSON object"}


def test_mint_token(api: TestClient, clock: FakeClock) -> None:
    response = api.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"], "lifetime": 5}, headers=CONTROL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "api_domain", "location"}
    assert (body["expires_in"], body["api_domain"], body["location"]) == (5, "http://127.0.0.1:8702", "us")
    headers = {"Authorization": f"Zoho-oauthtoken {body['access_token']}"}
    assert api.get("/crm/v8/org", headers=headers).status_code == 200
    assert api.get("/crm/v8/users", headers=headers).json()["code"] == "OAUTH_SCOPE_MISMATCH"
    clock.advance(5)
    assert api.get("/crm/v8/org", headers=headers).json()["code"] == "INVALID_TOKEN"


def test_minted_token_on_accounts_app_works_on_api_app(accounts: TestClient, api: TestClient) -> None:
    token = accounts.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]}, headers=CONTROL).json()
    assert token["expires_in"] == 3600
    assert api.get("/crm/v8/org", headers={"Authorization": f"Zoho-oauthtoken {token['access_token']}"}).status_code == 200


def test_minted_token_with_zero_lifetime_is_already_expired(api: TestClient) -> None:
    token = api.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"], "lifetime": 0},
                     headers=CONTROL).json()["access_token"]
    assert api.get("/crm/v8/org", headers={"Authorization": f"Zoho-oauthtoken {token}"}).status_code == 401


@pytest.mark.parametrize("body", [
    {}, {"scopes": []}, {"scopes": "ZohoCRM.org.READ"}, {"scopes": ["ZohoCRM.org"]},
    {"scopes": ["ZohoCRM.org.READ"], "lifetime": -1}, {"scopes": ["ZohoCRM.org.READ"], "lifetime": 1.5},
    {"scopes": ["ZohoCRM.org.READ"], "client_id": "1000.NOPE"},
])
def test_mint_rejects_bad_requests(api: TestClient, body: dict[str, Any]) -> None:
    assert api.post("/_sandbox/tokens", json=body, headers=CONTROL).status_code == 400


def test_reset_restores_everything(api: TestClient, full: Headers, state: SandboxState) -> None:
    seeded = state.store.counts()
    api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Temp"}]}, headers=full)
    api.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/nothing"}, headers=CONTROL)
    assert state.store.counts() != seeded
    assert api.post("/_sandbox/reset", json={}, headers=CONTROL).json() == {"status": "ok"}
    snapshot = api.get("/_sandbox/state", headers=CONTROL).json()
    assert snapshot["records"] == seeded
    assert snapshot["pending_failures"] == [] and snapshot["requests"] == []
    assert snapshot["tokens"] == {"active": 0, "expired": 0, "revoked": []}
    assert api.get("/crm/v8/org", headers=full).json()["code"] == "INVALID_TOKEN"


def test_reset_clears_rate_windows(clock: FakeClock) -> None:
    settings = SandboxSettings(rate_limit=RateLimit(1, 60))
    state = SandboxState(settings, clock)
    assert state.rate_limited("1000.a.b") is None
    assert state.rate_limited("1000.a.b") == 60
    state.reset()
    assert state.rate_limited("1000.a.b") is None


def test_state_logs_api_requests_with_origin_and_token(api: TestClient, full: Headers, state: SandboxState) -> None:
    api.get("/crm/v8/org", params={"x": "1"}, headers=full | {"Origin": APP_ORIGIN, "Referer": APP_ORIGIN + "/"})
    api.get("/crm/v8/users")
    api.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/never"}, headers=CONTROL)
    requests = api.get("/_sandbox/state", headers=CONTROL).json()["requests"]
    token = full["Authorization"].split()[1]
    assert requests == [
        {"app": "api", "method": "GET", "path": "/crm/v8/org", "query": "x=1", "origin": APP_ORIGIN,
         "referer": APP_ORIGIN + "/", "token": token, "status": 200},
        {"app": "api", "method": "GET", "path": "/crm/v8/users", "query": "", "origin": None, "referer": None,
         "token": None, "status": 401},
    ]


def test_state_lists_revoked_tokens_and_counts(accounts: TestClient, api: TestClient, full: Headers,
                                               clock: FakeClock) -> None:
    token = full["Authorization"].split()[1]
    short = api.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"], "lifetime": 1},
                     headers=CONTROL).json()["access_token"]
    accounts.post("/oauth/v2/token/revoke", params={"token": token})
    clock.advance(1)
    snapshot = api.get("/_sandbox/state", headers=CONTROL).json()
    assert snapshot["tokens"] == {"active": 0, "expired": 1, "revoked": [token]}
    assert short not in snapshot["tokens"]["revoked"]
    assert snapshot["records"]["Campaigns"] == 0 and snapshot["records"]["Leads"] > 200
    revoke = [r for r in snapshot["requests"] if r["app"] == "accounts"]
    assert [(r["method"], r["path"], r["query"]) for r in revoke] == [("POST", "/oauth/v2/token/revoke", f"token={token}")]


# --- only deliberate control calls ------------------------------------------------------------

CONTROL_CALLS = [
    ("POST", "/_sandbox/fail-next", {"status": 500}),
    ("POST", "/_sandbox/tokens", {"scopes": ["ZohoCRM.org.READ"]}),
    ("POST", "/_sandbox/reset", {}),
    ("GET", "/_sandbox/state", None),
]


def _untouched(state: SandboxState, seeded: dict[str, int]) -> bool:
    snapshot = state.snapshot()
    return (snapshot["records"] == seeded and snapshot["pending_failures"] == []
            and snapshot["tokens"]["active"] == 1)


@pytest.mark.parametrize("app_name", ["api", "accounts"])
@pytest.mark.parametrize(("method", "path", "body"), CONTROL_CALLS)
@pytest.mark.parametrize("header", [None, "0", "true", ""])
def test_control_calls_without_the_control_header_are_refused(
        request: pytest.FixtureRequest, state: SandboxState, full: Headers, app_name: str, method: str, path: str,
        body: Any, header: str | None) -> None:
    client: TestClient = request.getfixturevalue(app_name)
    client.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Kept"}]}, headers=full)
    seeded = state.store.counts()
    headers = {} if header is None else {"X-Sandbox-Control": header}
    response = client.request(method, path, json=body, headers=headers)
    assert response.status_code == 403
    assert response.json() == {"error": "control calls need the header X-Sandbox-Control: 1"}
    assert _untouched(state, seeded)


@pytest.mark.parametrize("content_type", ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "", "application/jsonx"])
@pytest.mark.parametrize("path", ["/_sandbox/fail-next", "/_sandbox/tokens", "/_sandbox/reset"])
def test_control_posts_need_a_json_content_type(api: TestClient, state: SandboxState, full: Headers,
                                                content_type: str, path: str) -> None:
    api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Kept"}]}, headers=full)
    seeded = state.store.counts()
    body = b'{"status": 500, "scopes": ["ZohoCRM.org.READ"]}'
    response = api.post(path, content=body, headers=CONTROL | {"Content-Type": content_type})
    assert response.status_code == 415
    assert _untouched(state, seeded)


def test_what_a_web_page_can_send_without_asking_changes_nothing(api: TestClient, state: SandboxState,
                                                                 full: Headers) -> None:
    """fetch(url, {method: "POST", mode: "no-cors", body: "{}"}): text/plain, no custom header."""
    api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Kept"}]}, headers=full)
    seeded = state.store.counts()
    simple = {"Content-Type": "text/plain;charset=UTF-8", "Origin": "https://evil.example"}
    assert api.post("/_sandbox/reset", content=b"{}", headers=simple).status_code == 403
    minted = api.post("/_sandbox/tokens", content=b'{"scopes": ["ZohoCRM.modules.ALL"]}', headers=simple)
    assert minted.status_code == 403
    assert _untouched(state, seeded)


def test_a_json_content_type_with_parameters_is_json(api: TestClient) -> None:
    response = api.post("/_sandbox/reset", content=b"{}",
                        headers=CONTROL | {"Content-Type": "Application/JSON; charset=utf-8"})
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_the_state_is_not_readable_without_the_control_header(api: TestClient, full: Headers) -> None:
    api.get("/crm/v8/org", headers=full)
    response = api.get("/_sandbox/state")
    assert response.status_code == 403
    assert full["Authorization"].split()[1] not in response.text
