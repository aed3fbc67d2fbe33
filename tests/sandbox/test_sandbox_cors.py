from __future__ import annotations

import pytest

from sandbox.accounts import create_accounts_app
from sandbox.api import create_api_app
from sandbox.settings import RateLimit, SandboxClient, SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import APP_ORIGIN, CONTROL, OTHER_ORIGIN, FakeClock, TestClient

Headers = dict[str, str]


def cors_headers(response: object) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers.items() if k.lower().startswith("access-control-")}  # type: ignore[attr-defined]


def test_registered_origin_gets_cors_headers(api: TestClient, full: Headers) -> None:
    response = api.get("/crm/v8/org", headers=full | {"Origin": APP_ORIGIN})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "origin" in response.headers["vary"].lower()
    exposed = {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {"retry-after", "content-type"} <= exposed
    assert "access-control-allow-credentials" not in response.headers


@pytest.mark.parametrize("origin", [OTHER_ORIGIN, "http://localhost:8700", "https://127.0.0.1:8700", "null"])
def test_other_origins_get_no_cors_headers_at_all(api: TestClient, full: Headers, origin: str) -> None:
    response = api.get("/crm/v8/org", headers=full | {"Origin": origin})
    assert response.status_code == 200
    assert cors_headers(response) == {}


def test_no_origin_no_cors_headers(api: TestClient, full: Headers) -> None:
    assert cors_headers(api.get("/crm/v8/org", headers=full)) == {}


def test_preflight_for_registered_origin(api: TestClient) -> None:
    response = api.options("/crm/v8/Leads", headers={
        "Origin": APP_ORIGIN, "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert response.status_code in (200, 204)
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert {"GET", "POST", "PUT", "PATCH", "DELETE"} <= methods
    allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    assert int(response.headers["access-control-max-age"]) > 0


def test_preflight_for_other_origin_has_no_cors_headers(api: TestClient) -> None:
    response = api.options("/crm/v8/Leads", headers={"Origin": OTHER_ORIGIN, "Access-Control-Request-Method": "GET"})
    assert response.status_code >= 400
    assert cors_headers(response) == {}


def test_preflight_needs_no_token_and_is_not_rate_limited(state: SandboxState, clock: FakeClock) -> None:
    settings = SandboxSettings(rate_limit=RateLimit(1, 60))
    with TestClient(create_api_app(SandboxState(settings, clock), settings), base_url=settings.api_origin) as client:
        for _ in range(3):
            response = client.options("/crm/v8/org", headers={"Origin": APP_ORIGIN,
                                                               "Access-Control-Request-Method": "GET"})
            assert response.status_code == 204


@pytest.mark.parametrize(("injected", "status"), [({"status": 500}, 500), ({"status": 429, "retry_after": 2}, 429)])
def test_error_responses_carry_cors_headers(api: TestClient, full: Headers, injected: dict[str, int], status: int) -> None:
    unauthorised = api.get("/crm/v8/org", headers={"Origin": APP_ORIGIN})
    assert unauthorised.status_code == 401
    assert unauthorised.headers["access-control-allow-origin"] == APP_ORIGIN
    mismatch = api.get("/crm/v8/users", headers={"Origin": APP_ORIGIN, "Authorization": "Zoho-oauthtoken nope"})
    assert mismatch.headers["access-control-allow-origin"] == APP_ORIGIN
    api.post("/_sandbox/fail-next", json=injected, headers=CONTROL)
    failed = api.get("/crm/v8/org", headers=full | {"Origin": APP_ORIGIN})
    assert failed.status_code == status
    assert failed.headers["access-control-allow-origin"] == APP_ORIGIN


def test_every_clients_origin_is_allowed(state: SandboxState) -> None:
    a = SandboxClient("1000.A", "A", ["http://127.0.0.1:1/"], ["http://127.0.0.1:1"])
    b = SandboxClient("1000.B", "B", ["http://127.0.0.1:2/"], ["http://127.0.0.1:2"])
    settings = SandboxSettings(clients=(a, b))
    with TestClient(create_api_app(state, settings), base_url=settings.api_origin) as client:
        for origin in ("http://127.0.0.1:1", "http://127.0.0.1:2"):
            assert client.get("/crm/v8/org", headers={"Origin": origin}).headers["access-control-allow-origin"] == origin
        assert cors_headers(client.get("/crm/v8/org", headers={"Origin": APP_ORIGIN})) == {}


@pytest.mark.parametrize("app_factory", [create_api_app, create_accounts_app])
def test_control_endpoints_never_answer_cors(state: SandboxState, settings: SandboxSettings, app_factory: object) -> None:
    origin = settings.api_origin if app_factory is create_api_app else settings.accounts_origin
    with TestClient(app_factory(state, settings), base_url=origin) as client:  # type: ignore[operator]
        response = client.get("/_sandbox/state", headers=CONTROL | {"Origin": APP_ORIGIN})
        assert response.status_code == 200 and cors_headers(response) == {}
        preflight = client.options("/_sandbox/tokens", headers={"Origin": APP_ORIGIN,
                                                                 "Access-Control-Request-Method": "POST"})
        assert cors_headers(preflight) == {}
