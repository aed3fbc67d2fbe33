"""The API app (like www.zohoapis.com, or sandbox./developer.zohoapis.com for the other environments):
Zoho CRM under /crm/{v2..v8}/, with auth, scopes and rate limits."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from . import coql
from .catalog import MODULES, RECORD_MODULES, SUBFORM_MODULES, USER_TYPES, USERS, Module, org_of
from .control import control_routes, wrap_app
from .data import zoho_time
from .errors import api_error, multi_status, record_error, record_success
from .field_meta import fields_metadata
from .mass_update import job_status, mass_update
from .records import (
    MAX_RECORDS_PER_WRITE,
    RequestError,
    changed_record,
    list_page,
    new_record,
    order_records,
    parse_fields,
    parse_list_query,
    select_fields,
    validate_values,
    write_details,
)
from .related_api import RelatedEndpoints
from .scopes import Scope
from .search import SEARCH_PARAMS, search_matcher, search_page
from .settings import SandboxSettings
from .state import SandboxState, TokenRecord
from .views import custom_views, in_view

VERSIONS = frozenset(f"v{n}" for n in range(2, 9))
AUTH_SCHEME = "zoho-oauthtoken"

_OPERATION = {"GET": "READ", "POST": "CREATE", "PUT": "UPDATE", "DELETE": "DELETE"}


@dataclass(frozen=True)
class _Call:
    """A resolved API call: what it needs (scope) and what it touches."""

    kind: str  # users, org, modules, fields, custom_views, layouts, related_lists, coql, collection, search, count,
    #            mass_update, record, related, attachment
    required: Scope
    module: Module | None = None
    record_id: str | None = None
    granted: tuple[Scope, ...] = ()  # the token's scopes, once it is known
    related: str | None = None  # the related list of /{module}/{id}/{list}
    attachment_id: str | None = None  # /{module}/{id}/Attachments/{attachment_id}


#: Endpoints without a module -> (kind, methods, required scope).
_FIXED = {
    ("users",): ("users", ("GET",), Scope("ZohoCRM", "users", None, "READ")),
    ("org",): ("org", ("GET",), Scope("ZohoCRM", "org", None, "READ")),
    ("settings", "modules"): ("modules", ("GET",), Scope("ZohoCRM", "settings", "modules", "READ")),
    ("settings", "fields"): ("fields", ("GET",), Scope("ZohoCRM", "settings", "fields", "READ")),
    ("coql",): ("coql", ("POST",), Scope("ZohoCRM", "coql", None, "READ")),
    ("settings", "custom_views"): ("custom_views", ("GET",), Scope("ZohoCRM", "settings", "custom_views", "READ")),
    ("settings", "layouts"): ("layouts", ("GET",), Scope("ZohoCRM", "settings", "layouts", "READ")),
    ("settings", "related_lists"): ("related_lists", ("GET",), Scope("ZohoCRM", "settings", "related_lists", "READ")),
}
#: Related lists a record takes new entries in (POST /{module}/{id}/{list}).
_WRITABLE_RELATED = frozenset({"Notes", "Attachments"})
_RESERVED = {"users", "org", "settings", "coql"}


def _resolve(method: str, path: str) -> _Call:
    parts = path.strip("/").split("/")
    if len(parts) < 3 or parts[0] != "crm" or parts[1] not in VERSIONS:
        raise RequestError("INVALID_URL_PATTERN")
    rest = tuple(parts[2:])
    if rest in _FIXED:
        kind, methods, scope = _FIXED[rest]
        if method not in methods:
            raise RequestError("INVALID_REQUEST_METHOD")
        return _Call(kind, scope)
    if rest[0] in _RESERVED or len(rest) > 4 or "" in rest:
        raise RequestError("INVALID_URL_PATTERN")
    module = RECORD_MODULES.get(rest[0])
    if module is None:
        raise RequestError("INVALID_MODULE", {"resource_path_index": 0})
    if rest[1:] == ("actions", "count"):
        if method != "GET":
            raise RequestError("INVALID_REQUEST_METHOD")
        return _Call("count", Scope("ZohoCRM", "modules", module.api_name, "READ"), module)
    if rest[1:] == ("actions", "mass_update"):
        if method not in ("POST", "GET"):
            raise RequestError("INVALID_REQUEST_METHOD")
        operation = "UPDATE" if method == "POST" else "READ"  # the spec's own scopes, not the module's
        return _Call("mass_update", Scope("ZohoCRM", "mass_update", module.api_name, operation), module)
    if len(rest) > 2:
        return _related_call(method, module, rest)
    kind = "collection" if len(rest) == 1 else "search" if rest[1] == "search" else "record"
    if method not in _OPERATION:
        raise RequestError("INVALID_REQUEST_METHOD")
    if (kind == "record" and method == "POST") or (kind == "search" and method != "GET"):
        raise RequestError("INVALID_REQUEST_METHOD")
    return _Call(kind, Scope("ZohoCRM", "modules", module.api_name, _OPERATION[method]), module,
                 rest[1] if kind == "record" else None)


def _related_call(method: str, module: Module, rest: tuple[str, ...]) -> _Call:
    """/{module}/{id}/{list} (GET; POST for Notes and Attachments) and /{module}/{id}/Attachments/{id} (GET)."""
    if len(rest) == 4 and rest[2] != "Attachments":
        raise RequestError("INVALID_URL_PATTERN")
    allowed = ("GET", "POST") if len(rest) == 3 and rest[2] in _WRITABLE_RELATED else ("GET",)
    if method not in allowed:
        raise RequestError("INVALID_REQUEST_METHOD")
    scope = Scope("ZohoCRM", "modules", module.api_name, _OPERATION[method])
    return _Call("attachment" if len(rest) == 4 else "related", scope, module, rest[1], related=rest[2],
                 attachment_id=rest[3] if len(rest) == 4 else None)


def _token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == AUTH_SCHEME and token.strip() else None


def _allows(granted: tuple[Scope, ...], required: Scope) -> bool:
    return any(scope.covers(required) for scope in granted)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise RequestError("INVALID_DATA", {"expected_data_type": "jsonobject"}) from None
    if not isinstance(body, dict):
        raise RequestError("INVALID_DATA", {"expected_data_type": "jsonobject"})
    return body


def _page_answer(page: tuple[list[dict[str, Any]], dict[str, Any]] | None) -> Response:
    """A page of records, or 204 with no body when there is none."""
    if page is None:
        return Response(status_code=204)
    rows, info = page
    return JSONResponse({"data": rows, "info": info})


class _Api(RelatedEndpoints):
    def __init__(self, state: SandboxState, environment: str) -> None:
        self.state = state
        self.environment = environment
        self.store = state.stores[environment]
        self._handlers: dict[tuple[str, str], Callable[[Request, _Call], Awaitable[Response]]] = {
            ("users", "GET"): self.users,
            ("org", "GET"): self.org,
            ("modules", "GET"): self.modules,
            ("fields", "GET"): self.fields,
            ("coql", "POST"): self.coql,
            ("custom_views", "GET"): self.custom_views,
            ("layouts", "GET"): self.layouts,
            ("related_lists", "GET"): self.related_lists,
            ("related", "GET"): self.related_records,
            ("related", "POST"): self.add_related,
            ("attachment", "GET"): self.download,
            ("count", "GET"): self.count,
            ("mass_update", "POST"): self.mass_update,
            ("mass_update", "GET"): self.mass_update_status,
            ("search", "GET"): self.search,
            ("collection", "GET"): self.list_records,
            ("collection", "POST"): self.create,
            ("collection", "PUT"): self.update,
            ("collection", "DELETE"): self.delete,
            ("record", "GET"): self.get_record,
            ("record", "PUT"): self.update,
            ("record", "DELETE"): self.delete,
        }

    async def endpoint(self, request: Request) -> Response:
        """Order: URL -> token (401) -> rate (429) -> scope (401) -> the call itself."""
        try:
            call = _resolve(request.method, request.url.path)
            token = self._authenticate(request)
            retry_after = self.state.rate_limited(token.token)
            if retry_after is not None:
                return api_error("TOO_MANY_REQUESTS", headers={"Retry-After": str(retry_after)})
            if not _allows(token.scopes, call.required):
                return api_error("OAUTH_SCOPE_MISMATCH")
            handler = self._handlers[call.kind, request.method]
            return await handler(request, dataclasses.replace(call, granted=token.scopes))
        except RequestError as exc:
            return api_error(exc.code, exc.details, message=exc.message)

    def _authenticate(self, request: Request) -> TokenRecord:
        token = _token(request)
        if token is None:
            raise RequestError("AUTHENTICATION_FAILURE")
        record = self.state.valid_token(token)
        if record is None:
            raise RequestError("INVALID_TOKEN")
        return record

    def _now(self) -> str:
        return zoho_time(datetime.fromtimestamp(self.state.clock(), timezone.utc))

    async def users(self, request: Request, call: _Call) -> Response:
        kind = request.query_params.get("type", "AllUsers")
        matches = USER_TYPES.get(kind)
        if matches is None:
            raise RequestError("INVALID_DATA", {"param_name": "type", "supported_values": list(USER_TYPES)})
        users = [dict(u) for u in USERS if matches(u)]
        info = {"per_page": 200, "count": len(users), "page": 1, "more_records": False}
        return JSONResponse({"users": users, "info": info})

    async def org(self, request: Request, call: _Call) -> Response:
        return JSONResponse({"org": [org_of(self.environment)]})

    async def modules(self, request: Request, call: _Call) -> Response:
        return JSONResponse({"modules": [m.metadata(i) for i, m in enumerate(MODULES, start=1)]})

    async def fields(self, request: Request, call: _Call) -> Response:
        name = request.query_params.get("module")
        if not name:
            raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "module"})
        module = RECORD_MODULES.get(name) or SUBFORM_MODULES.get(name)
        if module is None:
            raise RequestError("INVALID_MODULE", {"param_name": "module"})
        return JSONResponse({"fields": fields_metadata(module)})

    def _module_param(self, request: Request) -> Module:
        """The module a settings call names with `module=`."""
        name = request.query_params.get("module")
        if not name:
            raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "module"})
        module = RECORD_MODULES.get(name)
        if module is None:
            raise RequestError("INVALID_MODULE", {})
        return module

    async def custom_views(self, request: Request, call: _Call) -> Response:
        return JSONResponse(custom_views(self._module_param(request)))

    async def count(self, request: Request, call: _Call) -> Response:
        """GET /{module}/actions/count: all records, a custom view's (cvid) or a search's, never both."""
        assert call.module is not None
        params = request.query_params
        cvid = params.get("cvid")
        searched = [name for name in SEARCH_PARAMS if params.get(name)]
        if cvid and searched:
            raise RequestError("AMBIGUITY_DURING_PROCESSING",
                               {"ambiguity_due_to": [{"param_name": "cvid"}, {"param_name": searched[0]}]})
        records = self.store.all(call.module.api_name)
        if searched:
            keep = search_matcher(call.module, searched[0], params[searched[0]])
            records = [r for r in records if keep(r)]
        return JSONResponse({"count": len(in_view(call.module, records, cvid or None))})

    async def list_records(self, request: Request, call: _Call) -> Response:
        assert call.module is not None
        query = parse_list_query(call.module, request.query_params)
        if query.cvid is not None:
            shown = in_view(call.module, self.store.all(call.module.api_name), query.cvid)
            ordering = order_records(shown, query.sort_by, query.sort_order)
        else:
            ordering = self.state.ordered_records(self.environment, call.module.api_name, query.sort_by,
                                                  query.sort_order)
        page = list_page(self.environment, call.module, ordering, query, self.state, self.state.clock())
        return _page_answer(page)

    async def search(self, request: Request, call: _Call) -> Response:
        assert call.module is not None
        return _page_answer(search_page(call.module, self.store.all(call.module.api_name), request.query_params))

    async def coql(self, request: Request, call: _Call) -> Response:
        body = await _json_body(request)
        if "select_query" not in body:
            raise RequestError("MANDATORY_NOT_FOUND", {"api_name": "select_query"})
        query = body["select_query"]
        if not isinstance(query, str):
            raise RequestError("INVALID_DATA", {"expected_data_type": "string", "api_name": "select_query",
                                                "json_path": "$.select_query"})
        include_meta = body.get("include_meta", [])
        if not isinstance(include_meta, list):
            raise RequestError("INVALID_DATA", {"expected_data_type": "jsonarray", "api_name": "include_meta",
                                                "json_path": "$.include_meta"})
        wrong = next((n for n, item in enumerate(include_meta) if item != "fields"), None)
        if wrong is not None:
            raise RequestError("INVALID_DATA", {"api_name": "include_meta", "json_path": f"$.include_meta[{wrong}]",
                                                "supported_values": ["fields"]})
        plan = coql.prepare(query)
        if not _allows(call.granted, Scope("ZohoCRM", "modules", plan.module.api_name, "READ")):
            raise RequestError("OAUTH_SCOPE_MISMATCH")
        answer = plan.execute(self.store, bool(include_meta))
        return JSONResponse(answer) if answer is not None else Response(status_code=204)

    def _record_in_url(self, call: _Call) -> dict[str, Any]:
        """The record the URL names; an unknown id is Zoho's flat error (deleteRecord example 400-invalidrecordid)."""
        assert call.module is not None and call.record_id is not None
        record = self.store.get(call.module.api_name, call.record_id)
        if record is None:
            raise RequestError("INVALID_DATA", {"resource_path_index": 0}, "invalid record id")
        return record

    async def get_record(self, request: Request, call: _Call) -> Response:
        assert call.module is not None
        raw_fields = request.query_params.get("fields")
        fields = parse_fields(call.module, raw_fields) if raw_fields is not None else None
        return JSONResponse({"data": [select_fields(self._record_in_url(call), fields)]})

    async def _records_body(self, request: Request) -> list[Any]:
        body = await _json_body(request)
        if "data" not in body:
            raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "data"})
        data = body["data"]
        if not isinstance(data, list) or not data:
            raise RequestError("INVALID_DATA", {"api_name": "data", "expected_data_type": "jsonarray"})
        if len(data) > MAX_RECORDS_PER_WRITE:
            raise RequestError("LIMIT_EXCEEDED", {"api_name": "data", "limit": MAX_RECORDS_PER_WRITE})
        return data

    async def create(self, request: Request, call: _Call) -> Response:
        assert call.module is not None
        results = []
        numbered = any(f.auto_number for f in call.module.fields)
        for index, payload in enumerate(await self._records_body(request)):
            values, error = validate_values(call.module, payload, self.store, creating=True, index=index)
            if error is not None:
                results.append(error)
                continue
            existing = self.store.all(call.module.api_name) if numbered else []
            record = new_record(call.module, values, self.store.new_id(), self._now(), existing)
            self.store.put(call.module.api_name, record)
            results.append(record_success("record added", write_details(record)))
        return multi_status(results, 201)

    async def update(self, request: Request, call: _Call) -> Response:
        """PUT /{module} with ids in the records, or PUT /{module}/{id} (the URL's id wins)."""
        assert call.module is not None
        if call.record_id is not None:
            self._record_in_url(call)
        results = []
        for index, payload in enumerate(await self._records_body(request)):
            record_id = call.record_id or (payload.get("id") if isinstance(payload, dict) else None)
            at = {"api_name": "id", "json_path": f"$.data[{index}].id"}
            if not isinstance(record_id, str) or not record_id:
                results.append(record_error("MANDATORY_NOT_FOUND", at))
                continue
            existing = self.store.get(call.module.api_name, record_id)
            if existing is None:
                results.append(record_error("INVALID_DATA", at, "the id given seems to be invalid"))
                continue
            values, error = validate_values(call.module, payload, self.store, creating=False, index=index)
            if error is not None:
                results.append(error)
                continue
            record = changed_record(call.module, existing, values, self._now())
            self.store.put(call.module.api_name, record)
            results.append(record_success("record updated", write_details(record)))
        return multi_status(results, 200)

    async def mass_update(self, request: Request, call: _Call) -> Response:
        """POST /{module}/actions/mass_update, by ids or by cvid (sandbox/mass_update.py)."""
        assert call.module is not None
        return mass_update(call.module, await _json_body(request), self.store, self._now,
                           self.state.mass_update_jobs(self.environment))

    async def mass_update_status(self, request: Request, call: _Call) -> Response:
        """GET /{module}/actions/mass_update?job_id=: a job of a mass update by cvid."""
        assert call.module is not None
        jobs = self.state.mass_update_jobs(self.environment)
        return job_status(call.module, request.query_params.get("job_id"), jobs)

    async def delete(self, request: Request, call: _Call) -> Response:
        """DELETE /{module}?ids=1,2 or DELETE /{module}/{id}."""
        assert call.module is not None
        if call.record_id is not None:
            self._record_in_url(call)
            ids = [call.record_id]
        else:
            ids = list(dict.fromkeys(i for i in request.query_params.get("ids", "").split(",") if i))
            if not ids:
                raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "ids"})
            if len(ids) > MAX_RECORDS_PER_WRITE:
                raise RequestError("LIMIT_EXCEEDED", {"param_name": "ids", "limit": MAX_RECORDS_PER_WRITE})
        results = [
            record_success("record deleted", {"id": i})
            if self.store.delete(call.module.api_name, i)
            else record_error("INVALID_DATA", {"id": i}, "the id given seems to be invalid")
            for i in ids
        ]
        return multi_status(results, 200)


def create_api_app(state: SandboxState, settings: SandboxSettings, environment: str = "production") -> ASGIApp:
    """The API of one environment (its own records and org; tokens are shared, as Zoho's accounts are).

    The app sees the settings as its environment has them: its API origin is the environment's own.
    """
    port = settings.api_ports[environment]
    seen = dataclasses.replace(settings, api_port=port, sandbox_api_port=None, developer_api_port=None)
    api = _Api(state, environment)
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]
    app = Starlette(routes=[*control_routes(state, seen), Route("/{path:path}", api.endpoint, methods=methods)])
    return wrap_app(app, state, seen, "api", lambda path: True)
