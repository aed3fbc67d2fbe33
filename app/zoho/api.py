"""Zoho CRM requests and responses, without doing any I/O (the browser adapter fetches)."""

import json

from .compat import Value, is_ascii_digits, is_visible_ascii, is_word
from .errors import (
    SEARCH_CAP,
    InvalidRequestError,
    InvalidTokenError,
    NotFoundError,
    RateLimitedError,
    ScopeMismatchError,
    ServerError,
    TokenExpiredError,
    UnexpectedResponseError,
    UnsafeRequestError,
    shorten,
)
from .token import TokenRecord
from .urlcodec import urlencode

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
CRM_API_VERSION = "v8"
CRM = "/crm/" + CRM_API_VERSION  # every Zoho CRM path starts here
AUTH_SCHEME = "Zoho-oauthtoken"
TOKEN_PLACEHOLDER = "<YOUR_TOKEN>"

# Zoho's error codes, explicitly: code -> (class, sentence).
API_ERRORS = {
    "INVALID_TOKEN": (
        InvalidTokenError,
        "Zoho no longer accepts this sign-in (the access token is invalid or has expired). Please sign in again.",
    ),
    "AUTHENTICATION_FAILURE": (
        InvalidTokenError,
        "Zoho could not authenticate this request. Please sign in again.",
    ),
    "OAUTH_SCOPE_MISMATCH": (
        ScopeMismatchError,
        "This sign-in does not include the permission (scope) needed for this request.",
    ),
    "TOO_MANY_REQUESTS": (
        RateLimitedError,
        "Zoho is receiving too many requests from this account. Please wait a little and try again.",
    ),
    "INVALID_URL_PATTERN": (NotFoundError, "Zoho does not offer an API at this address."),
    "INVALID_MODULE": (
        NotFoundError,
        "This Zoho CRM module does not exist or cannot be used through the API.",
    ),
    "INVALID_DATA": (InvalidRequestError, "Zoho refused some of the data sent as invalid."),
    "REQUIRED_PARAM_MISSING": (InvalidRequestError, "The request is missing a value that Zoho requires."),
    "MANDATORY_NOT_FOUND": (InvalidRequestError, "A required field is missing."),
    "NO_PERMISSION": (
        InvalidRequestError,
        "Your Zoho CRM profile does not allow this action.",
    ),
    "INTERNAL_ERROR": (ServerError, "Zoho had an internal problem answering. Please try again later."),
    "DUPLICATE_DATA": (InvalidRequestError, "Zoho already has a record with this value in a field that must be unique."),
    "FEATURE_NOT_SUPPORTED": (InvalidRequestError, "This Zoho CRM edition or organisation does not offer this."),
    "INVALID_REQUEST_METHOD": (InvalidRequestError, "Zoho does not accept this method (GET, POST, …) at this address."),
    "EXPECTED_PARAM_MISSING": (InvalidRequestError, "The request is missing a parameter that Zoho expects."),
    "INVALID_QUERY": (InvalidRequestError, "Zoho could not read the search criteria or query."),
    "LIMIT_EXCEEDED": (InvalidRequestError, "The request asks for more than Zoho gives in one call "
                                            "(at most 50 fields, and 200 records a page)."),
    "DISCRETE_PAGINATION_LIMIT_EXCEEDED": (InvalidRequestError, "Zoho lists only the first 2,000 records by page "
                                                                "number; later pages need a page token."),
    "LIMIT_REACHED": (InvalidRequestError, SEARCH_CAP),
    "CRITERIA_LIMIT_EXCEEDED": (InvalidRequestError, "The search has more conditions than Zoho takes at once; "
                                                     "search with fewer conditions, or use a COQL query."),
    "PAGINATION_LIMIT_EXCEEDED": (InvalidRequestError, "Zoho lists only the first 100,000 records of a module page "
                                                       "by page. To see the others, search, or narrow a query (COQL) "
                                                       "by Created_Time or id and go through it part by part."),
    "EXPIRED_VALUE": (InvalidRequestError, "The page token has expired; the list starts again from its first page."),
    "TOKEN_BOUND_DATA_MISMATCH": (InvalidRequestError, "The page token belongs to another module or order; the "
                                                       "list starts again from its first page."),
    "FILE_SIZE_MORE_THAN_ALLOWED_SIZE": (InvalidRequestError, "The file is larger than Zoho takes: attachments "
                                                              "may be up to 20 MB."),
}
# Answers to a page token that can no longer be used: start again from the first page.
STALE_PAGE_TOKEN = ("EXPIRED_VALUE", "TOKEN_BOUND_DATA_MISMATCH")

_STATUS_SENTENCES = {
    401: (InvalidTokenError, "Zoho did not accept this sign-in. Please sign in again."),
    404: (NotFoundError, "Zoho could not find what was asked for."),
    429: (RateLimitedError, "Zoho is receiving too many requests from this account. Please wait a little and try again."),
}


class ApiRequest(Value):
    """What the adapter should send."""

    FIELDS = ("method", "url", "headers", "body")
    NOT_SHOWN = ("headers", "body")  # the token, and the person's data

    def __init__(self, method, url, headers, body=None):
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body



def _check_path(path):
    """Refuse any path that could make the URL point somewhere other than the api_domain.

    Printable ASCII only; starts with one "/"; no backslash, "@" or ":" before the
    query; no "#"; no "." or ".." segments, even percent-encoded (browsers decode them).
    """
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        raise UnsafeRequestError()
    if not is_visible_ascii(path) or "#" in path:
        raise UnsafeRequestError()
    route, _, _ = path.partition("?")
    for bad in ("\\", "@", ":"):
        if bad in route:
            raise UnsafeRequestError()
    for segment in route.split("/"):
        if segment.lower() in (".", "..", ".%2e", "%2e.", "%2e%2e", "%2e"):
            raise UnsafeRequestError()


def _query_pairs(query):
    if isinstance(query, dict):
        # Sorted so the URL is the same on CPython and MicroPython (whose dicts are unordered).
        return sorted(query.items())
    return list(query)


def build_request(token: "TokenRecord", now: float, method: str, path: str,
                  query: "dict[str, str] | list[tuple[str, str]] | None" = None,
                  json_body: object = None) -> "ApiRequest":
    """A request to ``token.api_domain`` + ``path``; never to anywhere else.

    ``path`` may carry its own "?query"; ``query`` (pairs, or a dict sent in key
    order) is appended to it. The token goes only in the Authorization header.
    """
    if not token.is_usable(now):
        raise TokenExpiredError()
    method = method.upper() if isinstance(method, str) else method
    if method not in METHODS:
        raise ValueError("method must be one of " + ", ".join(METHODS))
    _check_path(path)
    url = token.api_domain + path
    if query:
        url += ("&" if "?" in path else "?") + urlencode(_query_pairs(query))
    headers = {
        "Authorization": AUTH_SCHEME + " " + token.access_token,
        "Accept": "application/json",
    }
    body = None
    if json_body is not None:
        body = json.dumps(json_body)
        headers["Content-Type"] = "application/json"
    return ApiRequest(method, url, headers, body)


class ApiResponse(Value):
    """A successful answer: ``data`` is the parsed JSON, or None for 204 or an empty body."""

    FIELDS = ("status", "data", "headers")
    NOT_SHOWN = ("data", "headers")

    def __init__(self, status, data, headers):
        self.status = status
        self.data = data
        self.headers = headers



def _lower_headers(headers):
    if headers is None:
        return {}
    items = headers.items() if isinstance(headers, dict) else headers
    return {str(k).lower(): str(v) for k, v in items}


def _retry_after(headers):
    value = headers.get("retry-after", "").strip()
    if is_ascii_digits(value) and len(value) <= 6:
        return int(value)
    return None  # absent, or an HTTP date (not worth parsing here)


def _error_fields(data):
    """Zoho's (code, message, details) from an error body; Nones when absent."""
    if isinstance(data, dict) and "code" not in data:
        items = data.get("data")
        if isinstance(items, list) and items and isinstance(items[0], dict):
            data = items[0]
    if not isinstance(data, dict):
        return None, None, {}
    code = data.get("code")
    message = data.get("message")
    details = data.get("details")
    return (
        code if isinstance(code, str) else None,
        message if isinstance(message, str) else None,
        details if isinstance(details, dict) else {},
    )


def _raise_error(status, headers, data, method, path):
    code, zoho_message, details = _error_fields(data)
    if status == 429:
        cls, sentence = _STATUS_SENTENCES[429]
    elif code in API_ERRORS:
        cls, sentence = API_ERRORS[code]
    elif status in _STATUS_SENTENCES:
        cls, sentence = _STATUS_SENTENCES[status]
    elif 500 <= status <= 599:
        cls, sentence = ServerError, "Zoho had a problem answering (HTTP {}). Please try again later.".format(status)
    elif 400 <= status <= 499:
        cls, sentence = InvalidRequestError, "Zoho refused the request (HTTP {}).".format(status)
    else:
        cls, sentence = UnexpectedResponseError, "Zoho answered with an unexpected HTTP status {}.".format(status)
    if zoho_message:
        sentence = '{} Zoho said: "{}".'.format(sentence, shorten(zoho_message))
    machine = code if code else "HTTP_{}".format(status)
    if cls is RateLimitedError:
        raise RateLimitedError(sentence, status, machine, details, retry_after=_retry_after(headers))
    if cls is ScopeMismatchError:
        required = required_scope_for(method, path) if method and path else None
        if required:
            sentence = "{} It needs {}.".format(sentence, required)
        raise ScopeMismatchError(sentence, status, machine, details, required_scope=required)
    raise cls(sentence, status, machine, details)


def interpret_response(status: int, headers: "dict[str, str] | list[tuple[str, str]] | None", body_text: str,
                       method: "str | None" = None, path: "str | None" = None) -> "ApiResponse":
    """Turn an HTTP answer into an ApiResponse, or raise the matching ApiError subclass."""
    headers = _lower_headers(headers)
    data = None
    parsed = False
    if body_text:
        try:
            data = json.loads(body_text)
            parsed = True
        except ValueError:
            data = None
    if not 200 <= status <= 299:
        _raise_error(status, headers, data, method, path)
    if status == 204 or not body_text:
        return ApiResponse(status, None, headers)
    if not parsed or not isinstance(data, (dict, list)):
        raise UnexpectedResponseError(
            "Zoho's answer was not JSON as expected (HTTP {}).".format(status), status, "UNEXPECTED_RESPONSE"
        )
    if isinstance(data, dict) and data.get("status") == "error" and isinstance(data.get("code"), str):
        _raise_error(status, headers, data, method, path)
    return ApiResponse(status, data, headers)


# --- Scopes a request needs -------------------------------------------------

_OPERATIONS = {"GET": "READ", "HEAD": "READ", "POST": "CREATE", "PUT": "UPDATE", "PATCH": "UPDATE", "DELETE": "DELETE"}
_CRM_RESOURCES = ("users", "org", "settings")


def required_scope_for(method: object, path: object) -> "str | None":
    """Best guess of the (broad) scope a CRM request needs, e.g. ZohoCRM.modules.READ; or None."""
    if not isinstance(method, str) or not isinstance(path, str):
        return None
    operation = _OPERATIONS.get(method.upper())
    segments = [s for s in path.partition("?")[0].split("/") if s]
    if operation is None or len(segments) < 3 or segments[0] != "crm":
        return None
    version = segments[1]
    if not (version.startswith("v") and is_ascii_digits(version[1:])):
        return None
    first = segments[2]
    if first == "coql":
        return "ZohoCRM.coql.READ"
    if first in _CRM_RESOURCES:
        return "ZohoCRM.{}.{}".format(first, operation)
    if first.startswith("_") or not is_visible_ascii(first):
        return None
    if segments[3:] == ["actions", "mass_update"]:  # Zoho's mass update has scopes of its own
        return "ZohoCRM.mass_update." + ("READ" if operation == "READ" else "UPDATE")
    return "ZohoCRM.modules." + operation


# --- Names that go into a path ----------------------------------------------

#: Zoho's record ids are 19 digits today; the spec allows ids up to 50 characters, all digits.
MAX_RECORD_ID_LENGTH = 50


def is_record_id(text: object) -> bool:
    """True for a Zoho record id: ASCII digits only, at most MAX_RECORD_ID_LENGTH of them."""
    return isinstance(text, str) and len(text) <= MAX_RECORD_ID_LENGTH and is_ascii_digits(text)


def is_api_name(text: object) -> bool:
    """True for a module's or field's API name: ASCII letters, digits and underscores, at most 100."""
    return isinstance(text, str) and len(text) <= 100 and is_word(text)


def record_path(module: str, record_id: "str | None" = None) -> str:
    """/crm/v8/{module} or /crm/v8/{module}/{record_id}; ValueError when either is not what its
    name says (so that a value from a link or a page never adds a path or a query)."""
    if not is_api_name(module):
        raise ValueError("a module's API name has letters, digits and underscores only")
    if record_id is None:
        return CRM + "/" + module
    if not is_record_id(record_id):
        raise ValueError("a record id has digits only")
    return CRM + "/" + module + "/" + record_id


# --- Shapes of CRM answers --------------------------------------------------


def _unexpected(what):
    return UnexpectedResponseError("Zoho's answer did not have the expected {}.".format(what), None, "UNEXPECTED_RESPONSE")


def items_of(response: "ApiResponse", key: str) -> "list[dict]":
    """The objects listed under ``key`` in an answer (``{"users": [...]}``); [] for any other shape."""
    data = response.data
    listed = data.get(key) if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    return [item for item in listed if isinstance(item, dict)]


def first_item(response: "ApiResponse", key: str) -> dict:
    """The first object listed under ``key``, or {} (an answer of another shape shows as empty)."""
    found = items_of(response, key)
    return found[0] if found else {}


class RecordsPage(Value):
    """One page of records."""

    FIELDS = ("records", "more_records", "next_page_token", "page", "per_page", "count")
    NOT_SHOWN = ("records", "next_page_token")

    def __init__(self, records, more_records=False, next_page_token=None, page=None, per_page=None, count=None):
        self.records = records
        self.more_records = more_records
        self.next_page_token = next_page_token
        self.page = page
        self.per_page = per_page
        self.count = count



def _optional(info, key, kinds):
    value = info.get(key)
    if value is None:
        return None
    if type(value) not in kinds:
        raise _unexpected("page information")
    return value


def parse_records_page(response: "ApiResponse") -> "RecordsPage":
    """Records and paging info from a list answer; 204 (an empty module) is an empty page."""
    if response.data is None:
        return RecordsPage([])
    data = response.data
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise _unexpected("list of records")
    records = data["data"]
    if not all(isinstance(r, dict) for r in records):
        raise _unexpected("list of records")
    info = data.get("info", {})
    if not isinstance(info, dict):
        raise _unexpected("page information")
    more = _optional(info, "more_records", (bool,))
    return RecordsPage(
        records,
        bool(more),
        _optional(info, "next_page_token", (str,)),
        _optional(info, "page", (int,)),
        _optional(info, "per_page", (int,)),
        _optional(info, "count", (int,)),
    )


class RecordResult(Value):
    """Zoho's answer for one record of a create/update/delete."""

    FIELDS = ("code", "status", "message", "id", "details")

    def __init__(self, code, status, message, id, details):
        self.code = code
        self.status = status
        self.message = message
        self.id = id
        self.details = details

    @property
    def ok(self) -> bool:
        return self.status == "success"



def _text(value):
    return value if isinstance(value, str) else ""


def parse_record_results(response: "ApiResponse") -> "list[RecordResult]":
    """Per-record results of a create/update/delete answer, in order."""
    data = response.data
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise _unexpected("per-record results")
    results = []
    for item in data["data"]:
        if not isinstance(item, dict):
            raise _unexpected("per-record results")
        details = item.get("details")
        details = details if isinstance(details, dict) else {}
        record_id = details.get("id")
        if type(record_id) is int:
            record_id = str(record_id)
        results.append(
            RecordResult(
                _text(item.get("code")),
                _text(item.get("status")),
                _text(item.get("message")),
                record_id if isinstance(record_id, str) else None,
                details,
            )
        )
    return results


# --- Copyable equivalents ---------------------------------------------------


def _token_of(request):
    value = request.headers.get("Authorization", "")
    prefix = AUTH_SCHEME + " "
    return value[len(prefix) :] if value.startswith(prefix) else ""


def _redact(text, token):
    return text.replace(token, TOKEN_PLACEHOLDER) if token else text


def _redacted_headers(request):
    headers = []
    for name in sorted(request.headers):
        value = request.headers[name]
        if name.lower() == "authorization":
            value = AUTH_SCHEME + " " + TOKEN_PLACEHOLDER
        headers.append((name, value))
    return headers


def _shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def as_curl(request: "ApiRequest") -> str:
    """A curl command doing the same request, with the token replaced by <YOUR_TOKEN>."""
    lines = ["curl -X {} {}".format(request.method, _shell_quote(request.url))]
    for name, value in _redacted_headers(request):
        lines.append("  -H " + _shell_quote(name + ": " + value))
    if request.body is not None:
        lines.append("  --data " + _shell_quote(request.body))
    return _redact(" \\\n".join(lines), _token_of(request))


def as_python_requests(request: "ApiRequest") -> str:
    """Python (requests) code doing the same request, with the token replaced by <YOUR_TOKEN>."""
    lines = [
        "import requests",
        "",
        "response = requests.request(",
        "    {},".format(json.dumps(request.method)),
        "    {},".format(json.dumps(request.url)),
        "    headers={",
    ]
    for name, value in _redacted_headers(request):
        lines.append("        {}: {},".format(json.dumps(name), json.dumps(value)))
    lines.append("    },")
    if request.body is not None:
        lines.append("    data={},".format(json.dumps(request.body)))
    lines.append("    timeout=30,")
    lines.append(")")
    lines.append("print(response.status_code, response.text)")
    return _redact("\n".join(lines), _token_of(request))


def as_fetch(request: "ApiRequest") -> str:
    """JavaScript (fetch) doing the same request, with the token replaced by <YOUR_TOKEN>."""
    lines = ["const response = await fetch(" + json.dumps(request.url) + ", {",
             "  method: " + json.dumps(request.method) + ",", "  headers: {"]
    for name, value in _redacted_headers(request):
        lines.append("    " + json.dumps(name) + ": " + json.dumps(value) + ",")
    lines.append("  },")
    if request.body is not None:
        lines.append("  body: " + json.dumps(request.body) + ",")
    lines += ["});", "console.log(response.status, await response.text());"]
    return _redact("\n".join(lines), _token_of(request))


# --- What a record is called ------------------------------------------------

# The field that names a record, by module, as in Zoho's own layouts; then the common ones.
NAME_FIELDS = ("Full_Name", "Account_Name", "Deal_Name", "Campaign_Name", "Subject", "Product_Name",
               "Vendor_Name", "Solution_Title", "Case_Number", "Name", "Last_Name", "Email")


def record_title(record: dict, name_field: "str | None" = None) -> str:
    """The name to head a record with: its ``name_field`` (the module's, when known: a Deal has an
    Account_Name too) or its first non-empty name field, else "Record <id>"."""
    for field in ((name_field,) if name_field else ()) + NAME_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip():
            return value["name"].strip()
    record_id = record.get("id")
    return "Record " + record_id if isinstance(record_id, str) and record_id else "Record"
