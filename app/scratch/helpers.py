"""The notebook's ``zoho`` object: Zoho CRM calls with the person's sign-in.

Every call goes through the core's build_request, so a path that would leave the API
domain is refused, and through the core's retry policy, so a rate limit (429) is waited
out. The token stays in this object, in the worker; it goes only into the Authorization
header of calls to the API domain.
"""

import sys

from zoho.api import AUTH_SCHEME, CRM, build_request, interpret_response, items_of
from zoho.errors import TokenExpiredError, ZohoError
from zoho.notebook import RECORDS_PER_PAGE, iter_coql, iter_records
from zoho.policy import MAX_ATTEMPTS, retry_delay, retry_notice

MAX_FIELDS = 50  # Zoho lists at most this many fields of a record per call


def _query_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


class Zoho:
    """``send(request)`` does the HTTP call of an ApiRequest and returns (status, headers,
    text); ``sleep(seconds)`` waits; ``clock()`` is the time in Unix seconds; ``show`` puts
    tables and downloads under the running cell."""

    def __init__(self, send, sleep, clock, show):
        self._send = send
        self._sleep = sleep
        self._clock = clock
        self._show = show
        self._token = None

    def use(self, token):
        """The sign-in (a TokenRecord) for the calls from now on."""
        self._token = token

    def _usable_token(self):
        if self._token is None or not self._token.is_usable(self._clock()):
            raise TokenExpiredError()
        return self._token

    @property
    def api_domain(self):
        return self._usable_token().api_domain

    @property
    def headers(self):
        """The Authorization header, for requests or urllib."""
        return {"Authorization": AUTH_SCHEME + " " + self._usable_token().access_token}

    def url(self, path):
        """The API domain and ``path``; a path that would lead elsewhere is refused."""
        return build_request(self._usable_token(), self._clock(), "GET", path).url

    def __repr__(self):
        domain = self._token.api_domain if self._token is not None else "(not signed in)"
        return "<zoho: Zoho CRM at " + domain + "; see the first cell for what it offers>"

    def call(self, method, path, params=None, json=None):
        """One API call, tried again as the core's retry policy says; the ApiResponse."""
        query = [(name, _query_value(value)) for name, value in sorted((params or {}).items())
                 if value is not None]
        attempt = 0
        while True:
            attempt += 1
            request = build_request(self._usable_token(), self._clock(), method, path, query, json)
            try:
                status, headers, text = self._send(request)
                return interpret_response(status, headers, text, request.method, path)
            except ZohoError as error:
                delay = retry_delay(request.method, error, attempt, MAX_ATTEMPTS)
                if delay is None:
                    raise
                print(retry_notice(error, delay, attempt, MAX_ATTEMPTS), file=sys.stderr)
                self._sleep(delay)

    def get(self, path, **params):
        """GET ``path`` on the API domain; Zoho's JSON answer (None when it sent none)."""
        return self.call("GET", path, params).data

    def post(self, path, json=None, **params):
        return self.call("POST", path, params, json).data

    def put(self, path, json=None, **params):
        return self.call("PUT", path, params, json).data

    def delete(self, path, **params):
        return self.call("DELETE", path, params).data

    def fields(self, module):
        """The fields of ``module`` (Zoho's field metadata: api_name, field_label, data_type …)."""
        return items_of(self.call("GET", CRM + "/settings/fields", {"module": module}), "fields")

    def records(self, module, fields=None, per_page=RECORDS_PER_PAGE):
        """Every record of ``module``, an iterator that fetches page after page as it goes.
        Without ``fields``: the module's first 50 fields."""
        if fields is None:
            fields = [field["api_name"] for field in self.fields(module) if isinstance(field.get("api_name"), str)]
            fields = fields[:MAX_FIELDS]
        return iter_records(lambda path, query: self.call("GET", path, dict(query)), module, fields, per_page)

    def coql(self, query):
        """Every row of a COQL query (up to its own LIMIT, if it has one), as a list."""
        return list(iter_coql(lambda text: self.call("POST", CRM + "/coql", None, {"select_query": text}), query))

    def table(self, rows, columns=None):
        """Show ``rows`` (dicts, or lists with ``columns``) as a table under the cell."""
        self._show.table(rows, columns)

    def download(self, name, data):
        """Offer a file under the cell: text, bytes, a dict (JSON) or rows (CSV, or JSON for a .json name)."""
        self._show.download(name, data)
