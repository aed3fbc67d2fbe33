"""The accounts app (like accounts.zoho.com): authorize with consent, silent refresh, revoke."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from .catalog import CURRENT_USER
from .control import control_routes, wrap_app
from .scopes import Scope, ScopeError, parse_scope_list
from .settings import SandboxClient, SandboxSettings
from .state import SandboxState

AUTH_PATH = "/oauth/v2/auth"
DECISION_PATH = "/oauth/v2/auth/decision"
REFRESH_PATH = "/oauth/v2/auth/refresh"
REVOKE_PATH = "/oauth/v2/token/revoke"

#: The sign-in cookie (session grants) and the consent form's anti-forgery cookie; both only for AUTH_PATH and below.
SESSION_COOKIE = "zsandbox_session"
CONSENT_COOKIE = "zsandbox_consent"

_AUTH_PARAMS = ("response_type", "client_id", "redirect_uri", "scope", "state", "prompt")
_PROMPTS = ("consent",)

_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
_PAGE_HEADERS = _NO_STORE | {
    "X-Frame-Options": "DENY",
    # No form-action: browsers apply it to the redirect that follows the form, which leaves this origin.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
}

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1d2733;margin:0}
main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.35rem;margin:.5rem 0 1rem}
.badge{display:inline-block;background:#fff4d6;color:#7a5400;border-radius:999px;padding:.1rem .7rem;font-size:.8rem}
.error{background:#fdecec;color:#8a1f1f;border-radius:8px;padding:.75rem 1rem}
ul{padding-left:1.2rem}li{margin:.35rem 0}code{background:#eef1f4;border-radius:4px;padding:0 .25rem}
.small{font-size:.9rem;color:#55606c}
.actions{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.5rem}
button{font:inherit;border-radius:8px;padding:.5rem 1.4rem;border:1px solid #1a73e8;cursor:pointer}
button[value=accept]{background:#1a73e8;color:#fff}button[value=deny]{background:#fff;color:#1a73e8}
"""


class InvalidAuthRequest(ValueError):
    """Shown on a 400 page; never redirected back (the redirect URI may be the very thing that is wrong)."""


@dataclass(frozen=True)
class AuthRequest:
    client: SandboxClient
    redirect_uri: str
    scope: str
    scopes: tuple[Scope, ...]
    state: str | None
    prompt: str | None

    def hidden_fields(self) -> list[tuple[str, str]]:
        fields = [("response_type", "token"), ("client_id", self.client.client_id),
                  ("redirect_uri", self.redirect_uri), ("scope", self.scope)]
        return fields + [(name, value) for name, value in (("state", self.state), ("prompt", self.prompt))
                         if value is not None]


def parse_auth_request(items: Iterable[tuple[str, str]], settings: SandboxSettings) -> AuthRequest:
    """Validate authorize/refresh parameters; the first problem found is raised with a readable message."""
    items = list(items)
    counts = Counter(name for name, _ in items)
    for name in _AUTH_PARAMS:
        if counts[name] > 1:
            raise InvalidAuthRequest(f"The parameter {name} is given {counts[name]} times; give it once.")
    params = dict(items)
    client_id = params.get("client_id")
    if not client_id:
        raise InvalidAuthRequest("client_id is missing.")
    client = settings.client(client_id)
    if client is None:
        raise InvalidAuthRequest(f"client_id {client_id!r} is not a registered client of this sandbox.")
    redirect_uri = params.get("redirect_uri")
    if not redirect_uri:
        raise InvalidAuthRequest("redirect_uri is missing.")
    if redirect_uri not in client.redirect_uris:
        registered = ", ".join(client.redirect_uris)
        raise InvalidAuthRequest(
            f"redirect_uri {redirect_uri!r} is not registered for this client (Zoho compares the exact string). "
            f"Registered: {registered}"
        )
    response_type = params.get("response_type")
    if response_type != "token":
        given = "is missing" if response_type is None else f"{response_type!r} is not supported"
        raise InvalidAuthRequest(f"response_type {given}: client-based applications use response_type=token.")
    try:
        scopes = parse_scope_list(params.get("scope", ""))
    except ScopeError as exc:
        raise InvalidAuthRequest(f"Invalid scope: {exc}") from None
    prompt = params.get("prompt")
    if prompt is not None and prompt not in _PROMPTS:
        raise InvalidAuthRequest(f"prompt {prompt!r} is not supported: use prompt=consent or leave it out.")
    return AuthRequest(client, redirect_uri, params["scope"], scopes, params.get("state"), prompt)


def _fragment(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs, quote_via=quote)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f'<body><main><span class="badge">Local Zoho sandbox — not the real Zoho</span>{body}</main></body></html>'
    )
    return HTMLResponse(html, status_code=status, headers=_PAGE_HEADERS)


def _error_page(message: str) -> HTMLResponse:
    body = (
        "<h1>Invalid authorization request</h1>"
        f'<p class="error" role="alert">{escape(message)}</p>'
        '<p class="small">Nothing was sent back to the application. Fix the request and start again.</p>'
    )
    return _page("Invalid authorization request", body, status=400)


class _Accounts:
    def __init__(self, state: SandboxState, settings: SandboxSettings) -> None:
        self.state = state
        self.settings = settings

    async def authorize(self, request: Request) -> Response:
        try:
            auth = parse_auth_request(request.query_params.multi_items(), self.settings)
        except InvalidAuthRequest as exc:
            return _error_page(str(exc))
        # Reuse the browser's anti-forgery value, so consent pages open in two tabs both still work.
        csrf = request.cookies.get(CONSENT_COOKIE) or secrets.token_urlsafe(24)
        response = self._consent_page(auth, csrf)
        response.set_cookie(CONSENT_COOKIE, csrf, path=AUTH_PATH, httponly=True, samesite="strict")
        return response

    def _consent_page(self, auth: AuthRequest, csrf: str) -> HTMLResponse:
        name = escape(auth.client.name)
        scopes = "".join(f"<li><code>{escape(str(s))}</code> — {escape(s.describe())}</li>" for s in auth.scopes)
        hidden = "".join(
            f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in auth.hidden_fields()
        ) + f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        body = (
            f"<h1>Allow {name} to access your Zoho account?</h1>"
            f'<p class="small">Signed in as <strong>{escape(CURRENT_USER["full_name"])}</strong> '
            f'({escape(CURRENT_USER["email"])})</p>'
            f'<p><strong>{name}</strong> (client ID <code>{escape(auth.client.client_id)}</code>) asks to:</p>'
            f'<ul class="scopes">{scopes}</ul>'
            f'<p class="small">Afterwards you return to <code>{escape(auth.redirect_uri)}</code>.</p>'
            f'<form method="post" action="{DECISION_PATH}">{hidden}<div class="actions">'
            '<button type="submit" name="decision" value="deny">Deny</button>'
            '<button type="submit" name="decision" value="accept">Accept</button>'
            "</div></form>"
        )
        return _page(f"Allow {auth.client.name}?", body)

    async def decide(self, request: Request) -> Response:
        form = await request.form()
        items = form.multi_items()
        sent_csrf = next((str(v) for k, v in items if k == "csrf"), "")
        cookie_csrf = request.cookies.get(CONSENT_COOKIE, "")
        if not cookie_csrf or not secrets.compare_digest(sent_csrf.encode(), cookie_csrf.encode()):
            return _error_page("The consent form is stale or did not come from this sandbox's consent page. "
                               "Start the sign-in again.")
        decisions = [str(v) for k, v in items if k == "decision"]
        try:
            auth = parse_auth_request(((k, str(v)) for k, v in items if k not in ("csrf", "decision")), self.settings)
        except InvalidAuthRequest as exc:
            return _error_page(str(exc))
        if decisions == ["deny"]:
            return self._redirect_error(auth, "access_denied")
        if decisions != ["accept"]:
            return _error_page("decision must be exactly one of accept or deny.")
        session_id = self.state.grant_for_session(request.cookies.get(SESSION_COOKIE), auth.client.client_id,
                                                  auth.scopes)
        response = self._redirect_token(auth)
        response.set_cookie(SESSION_COOKIE, session_id, path=AUTH_PATH, httponly=True, samesite="lax")
        return response

    async def refresh(self, request: Request) -> Response:
        try:
            auth = parse_auth_request(request.query_params.multi_items(), self.settings)
        except InvalidAuthRequest as exc:
            return _error_page(str(exc))
        if self.state.session_covers(request.cookies.get(SESSION_COOKIE), auth.client.client_id, auth.scopes):
            return self._redirect_token(auth)
        return self._redirect_error(auth, "prompt_required")

    async def revoke(self, request: Request) -> Response:
        token = request.query_params.get("token")
        if not token:
            return JSONResponse({"error": "invalid_request", "error_description": "token is missing"},
                                status_code=400, headers=_NO_STORE)
        self.state.revoke(token)
        return JSONResponse({"status": "success"}, headers=_NO_STORE)

    def _redirect_token(self, auth: AuthRequest) -> RedirectResponse:
        record = self.state.issue_token(auth.client.client_id, auth.scopes)
        pairs = [
            ("access_token", record.token),
            ("expires_in", str(self.settings.token_lifetime)),
            ("api_domain", self.settings.api_origin),
            ("location", self.settings.location),
            ("granted_for_session", "true"),
            ("accounts-server", self.settings.accounts_origin),
        ]
        if auth.state is not None:
            pairs.append(("state", auth.state))
        # Zoho's own example starts the fragment with "#&".
        return RedirectResponse(f"{auth.redirect_uri}#&{_fragment(pairs)}", status_code=302, headers=_NO_STORE)

    @staticmethod
    def _redirect_error(auth: AuthRequest, error: str) -> RedirectResponse:
        pairs = [("error", error)] + ([("state", auth.state)] if auth.state is not None else [])
        return RedirectResponse(f"{auth.redirect_uri}#{_fragment(pairs)}", status_code=302, headers=_NO_STORE)


def create_accounts_app(state: SandboxState, settings: SandboxSettings) -> ASGIApp:
    accounts = _Accounts(state, settings)
    app = Starlette(routes=[
        Route(AUTH_PATH, accounts.authorize, methods=["GET"]),
        Route(DECISION_PATH, accounts.decide, methods=["POST"]),
        Route(REFRESH_PATH, accounts.refresh, methods=["GET"]),
        Route(REVOKE_PATH, accounts.revoke, methods=["POST"]),
        *control_routes(state, settings),
    ])
    return wrap_app(app, state, settings, "accounts", lambda path: path == REVOKE_PATH)
