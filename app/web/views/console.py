"""The API console: any call relative to the api_domain, its raw answer, a history, and
copyable Python / curl equivalents with the token redacted.

Its place in the address bar: ``?view=console``.
"""

import json

from jsffi import JsException
from zoho.api import as_curl, as_python_requests, build_request, interpret_response
from zoho.errors import ZohoError
from zoho.jsontext import pretty_json

from pyscript import window

from web.shell import View
from web.view import button, by_id, element, on_click, set_text, show

HISTORY_LIMIT = 20
DEFAULT_PATH = "/crm/v8/org"


class ConsoleView(View):
    name = "console"
    DRAFT = ("console-method", "console-path", "console-query", "console-body")

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.method = self.part("console-method")
        self.path = self.part("console-path")
        self.query = self.part("console-query")
        self.body = self.part("console-body")
        self.last_request = None
        on_click(self.part("console-send"), lambda: self.spawn(self.send()))
        on_click(self.part("copy-python"), lambda: self.spawn(self.copy(as_python_requests)))
        on_click(self.part("copy-curl"), lambda: self.spawn(self.copy(as_curl)))

    def reset(self, forget_drafts=True):
        View.reset(self, forget_drafts)
        self.last_request = None
        for name in ("console-status", "console-time", "console-headers", "console-response", "console-copy"):
            set_text(self.part(name), "")
        show(self.part("console-answer"), False)
        self.part("console-history").replaceChildren()
        self.method.value = "GET"
        self.path.value = DEFAULT_PATH
        self.query.value = ""
        self.body.value = ""

    def _query_pairs(self):
        """One ``name=value`` per line; a line without "=" is a name with an empty value."""
        pairs = []
        for line in self.query.value.split("\n"):
            line = line.strip()
            if line:
                name, _, value = line.partition("=")
                pairs.append((name.strip(), value.strip()))
        return pairs

    def _body(self):
        text = self.body.value.strip()
        if not text or self.method.value in ("GET", "DELETE"):
            return None
        return json.loads(text)

    async def send(self):
        self.message.begin(by_id("console-tools"))
        show(self.part("console-answer"), False)  # never the last answer beside a new request
        self.last_request = None
        token = await self.services.token_or_expire()
        if token is None:
            return
        method, path = self.method.value, self.path.value.strip()
        if any(ch.isspace() for ch in path):
            self.message.show_error("The path has spaces in it. Put query parameters (and any value with "
                            "spaces) in the Query parameters box, one name=value per line.")
            return
        try:
            body = self._body()
        except ValueError as error:
            self.message.show_error("The request body is not valid JSON: " + str(error))
            return
        try:
            request = build_request(token, self.services.now(), method, path, self._query_pairs(), body)
        except ZohoError as error:  # UnsafeRequestError: the path would leave the api_domain
            self.message.show_error(error.message)
            return
        self.services.progress.begin()
        try:
            started = self.services.now()
            status, headers, text = await self.services.fetch_text(request.url, method, request.headers, request.body)
            elapsed_ms = int((self.services.now() - started) * 1000)
        except ZohoError as error:
            self.message.show_error(error.message)
            return
        finally:
            self.services.progress.end()
        self.last_request = request
        self._show_answer(status, headers, text, elapsed_ms)
        self._remember(method, path, status, elapsed_ms)
        try:
            interpret_response(status, headers, text, method, path)
        except ZohoError as error:
            await self.services.handle_error(error, self.message)

    def _show_answer(self, status, headers, text, elapsed_ms):
        set_text(self.part("console-status"), "HTTP " + str(status))
        set_text(self.part("console-time"), str(elapsed_ms) + " ms")
        set_text(self.part("console-headers"), "\n".join(name + ": " + headers[name] for name in sorted(headers)))
        try:
            shown = pretty_json(json.loads(text)) if text else "(no body)"
        except ValueError:
            shown = text
        set_text(self.part("console-response"), shown)
        set_text(self.part("console-copy"), "")
        show(self.part("console-copy"), False)
        show(self.part("console-answer"))

    def _remember(self, method, path, status, elapsed_ms):
        entry = (method, path, self.query.value, self.body.value)
        listing = self.part("console-history")
        item = element("li")
        label = method + " " + path + " → " + str(status) + " (" + str(elapsed_ms) + " ms)"
        item.append(button(label, lambda: self._restore(entry), "link"))
        listing.prepend(item)
        while listing.children.length > HISTORY_LIMIT:
            listing.lastElementChild.remove()

    def _restore(self, entry):
        self.method.value, self.path.value, self.query.value, self.body.value = entry
        self.spawn(self.save_draft())

    async def copy(self, render):
        """Show the copyable text and put it on the clipboard where the browser allows it."""
        if self.last_request is None:
            return
        text = render(self.last_request)
        set_text(self.part("console-copy"), text)
        show(self.part("console-copy"))
        clipboard = window.navigator.clipboard
        if clipboard is None:
            return
        try:
            await clipboard.writeText(text)
        except JsException:
            pass  # a refused clipboard is fine: the text is on the page
