"""The Python scratchpad's interpreter: Pyodide in a worker, started on demand.

pyodide-http makes `urllib.request` (and `requests`, where installed) go through
the browser's own HTTP stack, so user code can call Zoho's API from the page.
"""

import contextlib
import io
import traceback

import pyodide_http

pyodide_http.patch_all()

TOKEN_PLACEHOLDER = "<YOUR_TOKEN>"


class ZohoConnection:
    """What a cell needs to call Zoho: the API domain and the auth header."""

    def __init__(self, api_domain, access_token):
        self.api_domain = api_domain
        self._access_token = access_token

    @property
    def headers(self):
        return {"Authorization": "Zoho-oauthtoken " + self._access_token}

    def url(self, path):
        return self.api_domain + path

    def __repr__(self):
        return f"ZohoConnection(api_domain={self.api_domain!r})"


def status():
    return "Python ready (Pyodide, pyodide_http patched: " + ", ".join(_patched()) + ")"


def _patched():
    import urllib.request

    names = []
    if urllib.request.urlopen.__module__.startswith("pyodide_http"):
        names.append("urllib")
    try:
        import requests  # noqa: F401 - only to see whether it is there
    except ImportError:
        return names
    names.append("requests")
    return names


def run_cell(code, api_domain, access_token):
    """Run the user's code; return its output and any traceback, with the token redacted."""
    namespace = {"__name__": "__scratchpad__", "zoho": ZohoConnection(api_domain, access_token)}
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        try:
            exec(compile(code, "<scratchpad>", "exec"), namespace)
        except BaseException:  # the user's code may raise anything: show it like Python would
            traceback.print_exc()
    return output.getvalue().replace(access_token, TOKEN_PLACEHOLDER)


__export__ = ["status", "run_cell"]
