"""Test control: /_sandbox/ endpoints (no CORS), the request log, and injected failures.

A web page can send a "simple" request to any address, including these, without the browser
asking first. Control calls therefore need what only a preflight would allow, and these
endpoints never answer preflights: the header ``X-Sandbox-Control: 1`` on every call, and a
JSON object body (``Content-Type: application/json``) on every POST.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .cors import CorsMiddleware
from .errors import api_error
from .hosts import OwnHostOnly
from .scopes import ScopeError, parse_scope
from .settings import SandboxSettings
from .state import FailureRule, RequestRecord, SandboxState

CONTROL_PREFIX = "/_sandbox"
CONTROL_HEADER = "X-Sandbox-Control"

#: Statuses POST /_sandbox/fail-next can inject -> the Zoho error code answered with them.
INJECTABLE = {401: "INVALID_TOKEN", 429: "TOO_MANY_REQUESTS", 500: "INTERNAL_ERROR", 503: "SERVICE_UNAVAILABLE"}


class ConnectionDropRequested(Exception):
    """Raised instead of answering; server.py's protocol closes the connection without any HTTP response."""


def is_control_path(path: str) -> bool:
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


class _BadControlRequest(ValueError):
    pass


def _int(body: dict[str, Any], key: str, default: int | None, minimum: int) -> int | None:
    value = body.get(key, default)
    if value is not None and (type(value) is not int or value < minimum):
        raise _BadControlRequest(f"{key} must be an integer >= {minimum}")
    return value


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise _BadControlRequest("the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise _BadControlRequest("the body must be a JSON object")
    return body


def _media_type(content_type: str) -> str:
    return content_type.partition(";")[0].strip().lower()


Endpoint = Callable[[Request], Awaitable[Response]]


def _control_call(endpoint: Endpoint) -> Endpoint:
    """Refuses a call without the control header (403) or a POST without a JSON body (415, 400)."""
    async def wrapped(request: Request) -> Response:
        if request.headers.get(CONTROL_HEADER) != "1":
            return JSONResponse({"error": f"control calls need the header {CONTROL_HEADER}: 1"}, status_code=403)
        if request.method == "POST" and _media_type(request.headers.get("content-type", "")) != "application/json":
            return JSONResponse({"error": "control calls send a JSON object (Content-Type: application/json)"},
                                status_code=415)
        try:
            return await endpoint(request)
        except _BadControlRequest as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)

    return wrapped


class _Control:
    def __init__(self, state: SandboxState, settings: SandboxSettings) -> None:
        self.state = state
        self.settings = settings

    async def fail_next(self, request: Request) -> Response:
        body = await _json_object(request)
        drop = body.get("drop", False)
        status = body.get("status")
        if type(drop) is not bool or drop == (status is not None):
            raise _BadControlRequest('give either "status" or "drop": true')
        if status is not None and status not in INJECTABLE:
            raise _BadControlRequest(f"status must be one of {sorted(INJECTABLE)}")
        retry_after = _int(body, "retry_after", 1 if status == 429 else None, 0)
        count = _int(body, "count", 1, 1)
        prefix = body.get("path_prefix", "/crm/")
        if not isinstance(prefix, str) or not prefix.startswith("/"):
            raise _BadControlRequest("path_prefix must be a path starting with /")
        assert count is not None
        self.state.add_failure(FailureRule(status, drop, retry_after, count, prefix))
        return JSONResponse({"status": "ok"})

    async def tokens(self, request: Request) -> Response:
        body = await _json_object(request)
        scopes = body.get("scopes")
        if not isinstance(scopes, list) or not scopes or not all(isinstance(s, str) for s in scopes):
            raise _BadControlRequest("scopes must be a non-empty list of scope strings")
        try:
            parsed = tuple(dict.fromkeys(parse_scope(s) for s in scopes))
        except ScopeError as exc:
            raise _BadControlRequest(str(exc)) from None
        lifetime = _int(body, "lifetime", self.settings.token_lifetime, 0)
        client_id = body.get("client_id", self.settings.clients[0].client_id)
        if not isinstance(client_id, str) or self.settings.client(client_id) is None:
            raise _BadControlRequest(f"client_id {client_id!r} is not registered")
        record = self.state.issue_token(client_id, parsed, lifetime)
        return JSONResponse({
            "access_token": record.token,
            "expires_in": lifetime,
            "api_domain": self.settings.api_origin,
            "location": self.settings.location,
        })

    async def reset(self, request: Request) -> Response:
        await _json_object(request)  # no options yet; a JSON object all the same
        self.state.reset()
        return JSONResponse({"status": "ok"})

    async def snapshot(self, request: Request) -> Response:
        return JSONResponse(self.state.snapshot())


def control_routes(state: SandboxState, settings: SandboxSettings) -> list[Route]:
    control = _Control(state, settings)
    return [
        Route(f"{CONTROL_PREFIX}/fail-next", _control_call(control.fail_next), methods=["POST"]),
        Route(f"{CONTROL_PREFIX}/tokens", _control_call(control.tokens), methods=["POST"]),
        Route(f"{CONTROL_PREFIX}/reset", _control_call(control.reset), methods=["POST"]),
        Route(f"{CONTROL_PREFIX}/state", _control_call(control.snapshot), methods=["GET"]),
    ]


class _RequestLog:
    """Logs every non-control request (method, path, query, Origin, Referer, credentials sent, status)."""

    def __init__(self, app: ASGIApp, state: SandboxState, app_name: str) -> None:
        self.app, self.state, self.app_name = app, state, app_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_control_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        _scheme, _, credentials = headers.get("authorization", "").partition(" ")
        entry = RequestRecord(
            app=self.app_name,
            method=scope["method"],
            path=scope["path"],
            query=scope["query_string"].decode("latin-1"),
            origin=headers.get("origin"),
            referer=headers.get("referer"),
            token=credentials.strip() or None,
        )
        self.state.log_request(entry)

        async def send_logging_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
            await send(message)

        await self.app(scope, receive, send_logging_status)


class _FailureInjection:
    """Answers (or drops) requests matched by POST /_sandbox/fail-next. Preflights are never failed."""

    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = None
        if scope["type"] == "http" and scope["method"] != "OPTIONS" and not is_control_path(scope["path"]):
            rule = self.state.take_failure(scope["path"])
        if rule is None:
            await self.app(scope, receive, send)
            return
        if rule.drop:
            raise ConnectionDropRequested(scope["path"])
        assert rule.status is not None
        headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else None
        await api_error(INJECTABLE[rule.status], headers=headers)(scope, receive, send)


def wrap_app(app: ASGIApp, state: SandboxState, settings: SandboxSettings, app_name: str,
             cors_applies_to: Callable[[str], bool]) -> ASGIApp:
    """Host check -> log -> CORS -> injected failures -> the app.

    A request for another Host is answered before anything else sees it; injected errors
    carry CORS headers and are logged.
    """
    def cors_paths(path: str) -> bool:
        return not is_control_path(path) and cors_applies_to(path)

    injected = _FailureInjection(app, state)
    logged = _RequestLog(CorsMiddleware(injected, settings.js_origins, cors_paths), state, app_name)
    return OwnHostOnly(logged, settings, _PORTS[app_name](settings))


#: Which of the settings' ports each app serves on.
_PORTS: dict[str, Callable[[SandboxSettings], int]] = {
    "accounts": lambda settings: settings.accounts_port,
    "api": lambda settings: settings.api_port,
}
