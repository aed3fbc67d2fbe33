"""The notebook's ``zoho`` object: Zoho CRM calls with the person's sign-in.

The same object in the page's notebook (scratch/worker.py drives it over the browser's HTTP)
and on the desktop (zoho.desktop, over requests): what it does with a call is decided here
once, the HTTP and the waiting are passed in. Every call is one of the core's flows
(zoho.calls), driven synchronously: a path that would leave the API domain is refused, and
the retry policy applies (a rate limit is waited out; a write is never repeated after a
server error). The token stays in this object; it goes only into the Authorization header
of calls to the API domain.
"""

import sys

from . import calls
from .api import AUTH_SCHEME, CRM, build_request, items_of
from .charts import bar_chart
from .errors import TokenExpiredError
from .notebook import RECORDS_PER_PAGE, module_path

MAX_FIELDS = 50  # Zoho lists at most this many fields of a record per call


def _query_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


class Zoho:
    """``send(request)`` does the HTTP call of an ApiRequest and returns (status, headers,
    text), or raises NetworkError when no answer came; ``sleep(seconds)`` waits; ``clock()``
    is the time in Unix seconds; ``show`` has ``table(rows, columns)``, ``download(name,
    data)`` and ``chart(spec)``: under the running cell in the page; on the desktop a printed
    table, a written file and the chart's bars as a printed table."""

    def __init__(self, send, sleep, clock, show):
        self._send = send
        self._sleep = sleep
        self._clock = clock
        self._show = show
        self._token = None
        self._credentials = calls.Credentials(self._token_if_usable, clock)

    def use(self, token):
        """The sign-in (a TokenRecord) for the calls from now on."""
        self._token = token

    def _token_if_usable(self):
        return self._token if self._token is not None and self._token.is_usable(self._clock()) else None

    def _usable_token(self):
        token = self._token_if_usable()
        if token is None:
            raise TokenExpiredError()
        return token

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
        return calls.result(self._drive(calls.call(self._credentials, method, path, query, json)))

    def _drive(self, flow):
        return calls.run(flow, self._send, self._sleep, self._notify)

    def _notify(self, notice):
        if notice:
            print(notice, file=sys.stderr)

    def _rows(self, flow):
        for page in self._drive(flow):
            for row in page.rows:
                yield row

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
        path = module_path(module)
        if isinstance(fields, str):
            fields = fields.split(",")
        query = [("fields", ",".join(name.strip() for name in fields)), ("per_page", str(per_page))]
        return self._rows(calls.record_pages(self._credentials, path, query))

    def coql(self, query):
        """Every row of a COQL query (up to its own LIMIT, if it has one), as a list."""
        return list(self._rows(calls.coql_pages(self._credentials, query, *calls.coql_wanted(query))))

    def table(self, rows, columns=None):
        """Show ``rows`` (dicts, or lists with ``columns``) as a table under the cell."""
        self._show.table(rows, columns)

    def download(self, name, data):
        """Offer a file under the cell: text, bytes, a dict (JSON) or rows (CSV, or JSON for a .json name)."""
        self._show.download(name, data)

    def chart(self, rows, x, y, title=None, sort=None):
        """Show ``rows`` (dicts) as a bar chart under the cell: a bar per row, labelled by its
        ``x`` value, as high as its ``y`` value; ``sort`` "x", "-x", "y" or "-y" (by label or
        value, "-" descending), else the rows' order. The chart is the Vega-Lite spec
        ``zoho.charts.bar_chart(rows, x, y, title, sort)`` makes (a dict: Altair's
        ``alt.Chart.from_dict`` reads it); rows that make none raise ChartError, saying why."""
        self._show.chart(bar_chart(rows, x, y, title, sort))
