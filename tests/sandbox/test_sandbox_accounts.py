from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from sandbox.accounts import create_accounts_app
from sandbox.settings import DEFAULT_CLIENT, SandboxClient, SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import APP_ORIGIN, OTHER_ORIGIN, TestClient

REDIRECT = "http://127.0.0.1:8700/"
TOKEN = re.compile(r"1000\.[0-9a-f]{32}\.[0-9a-f]{32}\Z")


def auth_params(**overrides: str | None) -> dict[str, str]:
    params: dict[str, str | None] = {
        "response_type": "token",
        "client_id": DEFAULT_CLIENT.client_id,
        "redirect_uri": REDIRECT,
        "scope": "ZohoCRM.modules.ALL,ZohoCRM.users.READ",
        "state": "st-123",
    } | overrides
    return {k: v for k, v in params.items() if v is not None}


class _Form(HTMLParser):
    """Buttons (accessible name = text) and inputs of the consent page."""

    def __init__(self) -> None:
        super().__init__()
        self.buttons: list[dict[str, Any]] = []
        self.hidden: list[tuple[str, str]] = []
        self.form_action: str | None = None
        self._button: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.form_action = a.get("action")
        elif tag == "input" and a.get("type") == "hidden":
            self.hidden.append((a["name"] or "", a.get("value") or ""))
        elif tag == "button":
            self._button = {"attrs": a, "text": ""}

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None:
            self.buttons.append(self._button)
            self._button = None


def parse_form(html: str) -> _Form:
    form = _Form()
    form.feed(html)
    return form


def consent(accounts: TestClient, **overrides: str | None) -> _Form:
    response = accounts.get("/oauth/v2/auth", params=auth_params(**overrides))
    assert response.status_code == 200, response.text
    return parse_form(response.text)


def decide(accounts: TestClient, decision: str, **overrides: str | None) -> Any:
    form = consent(accounts, **overrides)
    return accounts.post(form.form_action or "", data=dict(form.hidden) | {"decision": decision})


def fragment_of(location: str, redirect: str = REDIRECT) -> str:
    assert location.startswith(redirect + "#"), location
    return location[len(redirect) + 1 :]


# Consent page ------------------------------------------------------------------------------------------------------


def test_consent_page_names_client_scopes_and_has_accept_and_deny(accounts: TestClient) -> None:
    response = accounts.get("/oauth/v2/auth", params=auth_params(scope="ZohoCRM.modules.ALL,ZohoCRM.modules.Leads.READ"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert "Zoho PyScript (local sandbox)" in text
    assert "ZohoCRM.modules.ALL</code> — full access to all CRM modules" in text
    assert "ZohoCRM.modules.Leads.READ</code> — read CRM Leads records" in text
    form = parse_form(text)
    assert sorted(b["text"].strip() for b in form.buttons) == ["Accept", "Deny"]
    assert all(b["attrs"].get("type") == "submit" for b in form.buttons)
    hidden = dict(form.hidden)
    assert hidden["client_id"] == DEFAULT_CLIENT.client_id
    assert hidden["redirect_uri"] == REDIRECT
    assert hidden["scope"] == "ZohoCRM.modules.ALL,ZohoCRM.modules.Leads.READ"
    assert hidden["state"] == "st-123"
    assert form.form_action == "/oauth/v2/auth/decision"


def test_consent_page_cannot_be_framed_or_cached(accounts: TestClient) -> None:
    response = accounts.get("/oauth/v2/auth", params=auth_params())
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"


def test_consent_page_escapes_everything_it_echoes(accounts: TestClient) -> None:
    evil = '"><script>alert(1)</script>'
    response = accounts.get("/oauth/v2/auth", params=auth_params(state=evil))
    assert "<script>" not in response.text
    assert dict(parse_form(response.text).hidden)["state"] == evil


def test_client_name_is_escaped(state: SandboxState) -> None:
    client = SandboxClient("1000.EVIL", "<b>Evil & Co</b>", [REDIRECT], [APP_ORIGIN])
    settings = SandboxSettings(clients=(client,))
    with TestClient(create_accounts_app(state, settings), base_url=settings.accounts_origin) as client_:
        response = client_.get("/oauth/v2/auth", params=auth_params(client_id="1000.EVIL"))
    assert "<b>Evil" not in response.text and "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in response.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"client_id": None}, "client_id is missing"),
        ({"client_id": "1000.UNKNOWN"}, "'1000.UNKNOWN' is not a registered client"),
        ({"redirect_uri": None}, "redirect_uri is missing"),
        ({"redirect_uri": "http://127.0.0.1:8700"}, "is not registered for this client"),
        ({"redirect_uri": "http://127.0.0.1:8700/?x=1"}, "is not registered for this client"),
        ({"redirect_uri": "https://evil.example/"}, "is not registered for this client"),
        ({"response_type": None}, "response_type is missing"),
        ({"response_type": "code"}, "response_type 'code' is not supported"),
        ({"scope": None}, "scope is missing"),
        ({"scope": ""}, "scope is missing"),
        ({"scope": "ZohoCRM.modules"}, "must look like Service.scope_name.OPERATION"),
        ({"scope": "ZohoCRM.modules.read"}, "operation 'read' is not one of"),
        ({"scope": "ZohoCRM.modules.READ ZohoCRM.users.READ"}, "commas"),
        ({"prompt": "none"}, "prompt 'none' is not supported"),
    ],
)
@pytest.mark.parametrize("path", ["/oauth/v2/auth", "/oauth/v2/auth/refresh"])
def test_invalid_request_is_a_400_page_never_a_redirect(
    accounts: TestClient, path: str, overrides: dict[str, str | None], message: str
) -> None:
    response = accounts.get(path, params=auth_params(**overrides))
    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text.replace("&#x27;", "'")


def test_duplicated_parameter_is_rejected(accounts: TestClient) -> None:
    query = urlencode(list(auth_params().items()) + [("redirect_uri", "https://evil.example/")])
    response = accounts.get(f"/oauth/v2/auth?{query}")
    assert response.status_code == 400
    assert "redirect_uri is given 2 times" in response.text


def test_prompt_consent_is_accepted(accounts: TestClient) -> None:
    form = consent(accounts, prompt="consent")
    assert dict(form.hidden)["prompt"] == "consent"


# Decision ----------------------------------------------------------------------------------------------------------


def test_accept_redirects_with_zoho_token_fragment(accounts: TestClient, api: TestClient) -> None:
    response = decide(accounts, "accept", state="a b&c=d/é")
    assert response.status_code == 302
    fragment = fragment_of(response.headers["location"])
    assert fragment.startswith("&")
    assert "api_domain=http%3A%2F%2F127.0.0.1%3A8702" in fragment
    assert "accounts-server=http%3A%2F%2F127.0.0.1%3A8701" in fragment
    pairs = parse_qsl(fragment[1:], strict_parsing=True)
    keys = [k for k, _ in pairs]
    assert keys == ["access_token", "expires_in", "api_domain", "location", "granted_for_session",
                    "accounts-server", "state"]
    values = dict(pairs)
    assert TOKEN.match(values["access_token"])
    assert values["expires_in"] == "3600"
    assert values["api_domain"] == "http://127.0.0.1:8702"
    assert values["location"] == "us"
    assert values["granted_for_session"] == "true"
    assert values["state"] == "a b&c=d/é"
    # The token really works, with the granted scopes.
    headers = {"Authorization": f"Zoho-oauthtoken {values['access_token']}"}
    assert api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=headers).status_code == 200
    assert api.get("/crm/v8/org", headers=headers).json()["code"] == "OAUTH_SCOPE_MISMATCH"


def test_accept_without_state_sends_no_state(accounts: TestClient) -> None:
    response = decide(accounts, "accept", state=None)
    assert "state" not in dict(parse_qsl(fragment_of(response.headers["location"])[1:]))


def test_configured_lifetime_and_location_are_reported(state: SandboxState) -> None:
    settings = SandboxSettings(token_lifetime=120, location="eu", api_port=9702)
    with TestClient(create_accounts_app(state, settings), base_url=settings.accounts_origin,
                    follow_redirects=False) as client:
        values = dict(parse_qsl(fragment_of(decide(client, "accept").headers["location"])[1:]))
    assert (values["expires_in"], values["location"], values["api_domain"]) == ("120", "eu", "http://127.0.0.1:9702")


def test_accept_sets_an_httponly_lax_session_cookie(accounts: TestClient) -> None:
    response = decide(accounts, "accept")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("zsandbox_session="))
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/oauth/v2/auth" in attributes


def test_deny_redirects_with_access_denied(accounts: TestClient, state: SandboxState) -> None:
    response = decide(accounts, "deny", state="xyz")
    assert response.status_code == 302
    assert response.headers["location"] == REDIRECT + "#error=access_denied&state=xyz"
    assert state.snapshot()["tokens"] == {"active": 0, "expired": 0, "revoked": []}
    assert "zsandbox_session" not in response.headers.get("set-cookie", "")


def test_decision_revalidates_the_posted_parameters(accounts: TestClient) -> None:
    form = consent(accounts)
    data = dict(form.hidden) | {"decision": "accept", "redirect_uri": "https://evil.example/"}
    response = accounts.post("/oauth/v2/auth/decision", data=data)
    assert response.status_code == 400 and "location" not in response.headers
    assert "is not registered for this client" in response.text


def test_decision_needs_the_consent_pages_anti_forgery_value(accounts: TestClient) -> None:
    form = consent(accounts)
    forged = dict(form.hidden) | {"decision": "accept", "csrf": "guess"}
    assert accounts.post("/oauth/v2/auth/decision", data=forged).status_code == 400
    accounts.cookies.clear()
    original = dict(form.hidden) | {"decision": "accept"}
    assert accounts.post("/oauth/v2/auth/decision", data=original).status_code == 400


def test_decision_must_be_accept_or_deny(accounts: TestClient) -> None:
    form = consent(accounts)
    response = accounts.post("/oauth/v2/auth/decision", data=dict(form.hidden) | {"decision": "maybe"})
    assert response.status_code == 400 and "location" not in response.headers


# Refresh -----------------------------------------------------------------------------------------------------------


def test_refresh_after_a_session_grant_gives_a_new_token_without_consent(accounts: TestClient) -> None:
    first = dict(parse_qsl(fragment_of(decide(accounts, "accept").headers["location"])[1:]))
    response = accounts.get("/oauth/v2/auth/refresh", params=auth_params(scope="ZohoCRM.modules.Leads.READ", state="r1"))
    assert response.status_code == 302
    fragment = fragment_of(response.headers["location"])
    assert fragment.startswith("&")
    values = dict(parse_qsl(fragment[1:]))
    assert TOKEN.match(values["access_token"]) and values["access_token"] != first["access_token"]
    assert values["state"] == "r1" and values["granted_for_session"] == "true"


def test_refresh_without_cookie_needs_a_prompt(accounts: TestClient) -> None:
    response = accounts.get("/oauth/v2/auth/refresh", params=auth_params(state="r2"))
    assert response.status_code == 302
    assert response.headers["location"] == REDIRECT + "#error=prompt_required&state=r2"


def test_refresh_for_scopes_beyond_the_grant_needs_a_prompt(accounts: TestClient) -> None:
    decide(accounts, "accept", scope="ZohoCRM.modules.READ")
    response = accounts.get("/oauth/v2/auth/refresh", params=auth_params(scope="ZohoCRM.modules.ALL", state=None))
    assert response.headers["location"] == REDIRECT + "#error=prompt_required"


def test_refresh_does_not_carry_a_grant_to_another_client(state: SandboxState) -> None:
    other = SandboxClient("1000.OTHER", "Other", [REDIRECT], [APP_ORIGIN])
    settings = SandboxSettings(clients=(DEFAULT_CLIENT, other))
    with TestClient(create_accounts_app(state, settings), base_url=settings.accounts_origin,
                    follow_redirects=False) as client:
        decide(client, "accept")
        mine = client.get("/oauth/v2/auth/refresh", params=auth_params())
        theirs = client.get("/oauth/v2/auth/refresh", params=auth_params(client_id="1000.OTHER"))
    assert "access_token=" in mine.headers["location"]
    assert theirs.headers["location"] == REDIRECT + "#error=prompt_required&state=st-123"


def test_refresh_after_reset_needs_a_prompt(accounts: TestClient, state: SandboxState) -> None:
    decide(accounts, "accept")
    state.reset()
    response = accounts.get("/oauth/v2/auth/refresh", params=auth_params())
    assert "error=prompt_required" in response.headers["location"]


# Revoke ------------------------------------------------------------------------------------------------------------


def test_revoke_then_the_token_is_refused(accounts: TestClient, api: TestClient) -> None:
    token = dict(parse_qsl(fragment_of(decide(accounts, "accept").headers["location"])[1:]))["access_token"]
    headers = {"Authorization": f"Zoho-oauthtoken {token}"}
    assert api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=headers).status_code == 200
    response = accounts.post("/oauth/v2/token/revoke", params={"token": token})
    assert (response.status_code, response.json()) == (200, {"status": "success"})
    refused = api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=headers)
    assert refused.status_code == 401
    assert refused.json() == {"code": "INVALID_TOKEN", "details": {}, "message": "invalid oauth token", "status": "error"}


def test_revoke_unknown_token_still_succeeds(accounts: TestClient) -> None:
    response = accounts.post("/oauth/v2/token/revoke", params={"token": "1000.nope.nope"})
    assert (response.status_code, response.json()) == (200, {"status": "success"})


def test_revoke_without_token_is_a_bad_request(accounts: TestClient) -> None:
    response = accounts.post("/oauth/v2/token/revoke")
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def test_revoke_answers_cors_only_for_registered_origins(accounts: TestClient) -> None:
    ok = accounts.post("/oauth/v2/token/revoke", params={"token": "x"}, headers={"Origin": APP_ORIGIN})
    assert ok.headers["access-control-allow-origin"] == APP_ORIGIN
    other = accounts.post("/oauth/v2/token/revoke", params={"token": "x"}, headers={"Origin": OTHER_ORIGIN})
    assert not [h for h in other.headers if h.lower().startswith("access-control-")]
    preflight = accounts.options("/oauth/v2/token/revoke", headers={
        "Origin": APP_ORIGIN, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN


def test_authorize_page_has_no_cors(accounts: TestClient) -> None:
    response = accounts.get("/oauth/v2/auth", params=auth_params(), headers={"Origin": APP_ORIGIN})
    assert "access-control-allow-origin" not in response.headers
