from __future__ import annotations

from typing import Any

import pytest

from sandbox.control import ConnectionDropRequested
from sandbox.settings import RateLimit, SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import APP_ORIGIN, FakeClock, TestClient

Headers = dict[str, str]


def test_fail_next_500_then_normal(api: TestClient, full: Headers) -> None:
    assert api.post("/_sandbox/fail-next", json={"status": 500}).status_code == 200
    failed = api.get("/crm/v8/org", headers=full)
    assert failed.status_code == 500
    assert failed.json() == {"code": "INTERNAL_ERROR", "details": {}, "message": "Internal Server Error",
                             "status": "error"}
    assert api.get("/crm/v8/org", headers=full).status_code == 200


def test_fail_next_429_with_retry_after_and_count(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 429, "retry_after": 2, "count": 2})
    for _ in range(2):
        response = api.get("/crm/v8/org", headers=full)
        assert response.status_code == 429
        assert response.headers["retry-after"] == "2"
        assert response.json()["code"] == "TOO_MANY_REQUESTS"
    assert api.get("/crm/v8/org", headers=full).status_code == 200


def test_fail_next_429_has_a_default_retry_after(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 429})
    assert int(api.get("/crm/v8/org", headers=full).headers["retry-after"]) >= 1


def test_injected_failure_does_not_need_a_token(api: TestClient) -> None:
    api.post("/_sandbox/fail-next", json={"status": 503})
    assert api.get("/crm/v8/org").status_code == 503


def test_fail_next_only_hits_matching_paths(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/crm/v8/org"})
    assert api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=full).status_code == 200
    assert api.get("/crm/v8/org", headers=full).status_code == 500


def test_failures_queue_in_order(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 500})
    api.post("/_sandbox/fail-next", json={"status": 429})
    assert [api.get("/crm/v8/org", headers=full).status_code for _ in range(3)] == [500, 429, 200]


def test_preflights_and_control_calls_do_not_use_up_a_failure(api: TestClient, full: Headers) -> None:
    api.post("/_sandbox/fail-next", json={"status": 500})
    preflight = api.options("/crm/v8/org", headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 204
    assert api.get("/_sandbox/state").status_code == 200
    assert api.get("/crm/v8/org", headers=full).status_code == 500


def test_fail_next_on_the_accounts_app(accounts: TestClient) -> None:
    accounts.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/oauth/v2/token/revoke"})
    assert accounts.post("/oauth/v2/token/revoke", params={"token": "x"}).status_code == 500
    assert accounts.post("/oauth/v2/token/revoke", params={"token": "x"}).status_code == 200


def test_drop_raises_for_the_server_to_close_the_connection(api: TestClient, full: Headers) -> None:
    # Through sockets this closes the connection with no response (see test_sandbox_server.py).
    api.post("/_sandbox/fail-next", json={"drop": True})
    with pytest.raises(ConnectionDropRequested):
        api.get("/crm/v8/org", headers=full)
    assert api.get("/crm/v8/org", headers=full).status_code == 200


@pytest.mark.parametrize("body", [
    {}, {"status": 418}, {"status": "500"}, {"status": 500, "drop": True}, {"drop": "yes"}, {"status": 500, "count": 0},
    {"status": 429, "retry_after": -1}, {"status": 500, "path_prefix": "crm"}, [1, 2],
])
def test_fail_next_rejects_bad_requests(api: TestClient, body: Any) -> None:
    response = api.post("/_sandbox/fail-next", json=body)
    assert response.status_code == 400 and response.json()["error"]
    assert api.get("/_sandbox/state").json()["pending_failures"] == []


def test_fail_next_rejects_non_json(api: TestClient) -> None:
    assert api.post("/_sandbox/fail-next", content=b"status=500").status_code == 400


def test_mint_token(api: TestClient, clock: FakeClock) -> None:
    response = api.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"], "lifetime": 5})
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
    token = accounts.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]}).json()
    assert token["expires_in"] == 3600
    assert api.get("/crm/v8/org", headers={"Authorization": f"Zoho-oauthtoken {token['access_token']}"}).status_code == 200


def test_minted_token_with_zero_lifetime_is_already_expired(api: TestClient) -> None:
    token = api.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"], "lifetime": 0}).json()["access_token"]
    assert api.get("/crm/v8/org", headers={"Authorization": f"Zoho-oauthtoken {token}"}).status_code == 401


@pytest.mark.parametrize("body", [
    {}, {"scopes": []}, {"scopes": "ZohoCRM.org.READ"}, {"scopes": ["ZohoCRM.org"]},
    {"scopes": ["ZohoCRM.org.READ"], "lifetime": -1}, {"scopes": ["ZohoCRM.org.READ"], "lifetime": 1.5},
    {"scopes": ["ZohoCRM.org.READ"], "client_id": "1000.NOPE"},
])
def test_mint_rejects_bad_requests(api: TestClient, body: dict[str, Any]) -> None:
    assert api.post("/_sandbox/tokens", json=body).status_code == 400


def test_reset_restores_everything(api: TestClient, full: Headers, state: SandboxState) -> None:
    seeded = state.store.counts()
    api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Temp"}]}, headers=full)
    api.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/nothing"})
    assert state.store.counts() != seeded
    assert api.post("/_sandbox/reset").json() == {"status": "ok"}
    snapshot = api.get("/_sandbox/state").json()
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
    api.post("/_sandbox/fail-next", json={"status": 500, "path_prefix": "/never"})
    requests = api.get("/_sandbox/state").json()["requests"]
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
    short = api.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"], "lifetime": 1}).json()["access_token"]
    accounts.post("/oauth/v2/token/revoke", params={"token": token})
    clock.advance(1)
    snapshot = api.get("/_sandbox/state").json()
    assert snapshot["tokens"] == {"active": 0, "expired": 1, "revoked": [token]}
    assert short not in snapshot["tokens"]["revoked"]
    assert snapshot["records"]["Campaigns"] == 0 and snapshot["records"]["Leads"] > 200
    revoke = [r for r in snapshot["requests"] if r["app"] == "accounts"]
    assert [(r["method"], r["path"], r["query"]) for r in revoke] == [("POST", "/oauth/v2/token/revoke", f"token={token}")]
