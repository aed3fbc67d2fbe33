"""The API console: any call relative to the api_domain, its raw answer, a history, and
copyable Python / curl equivalents with the token redacted.
"""

import json

from jsffi import JsException
from zoho.api import as_curl, as_python_requests, build_request, interpret_response
from zoho.errors import InvalidTokenError, ZohoError
from zoho.jsontext import pretty_json

from pyscript import window

from web import browser
from web.view import button, by_testid, element, on_click, set_text, show

HISTORY_LIMIT = 20
# The answers that mean Zoho no longer accepts the token itself.
TOKEN_REFUSED = ("INVALID_TOKEN", "AUTHENTICATION_FAILURE")


class ApiConsole:
    def __init__(self, session):
        self.session = session
        self.method = by_testid("console-method")
        self.path = by_testid("console-path")
        self.query = by_testid("console-query")
        self.body = by_testid("console-body")
        self.last_request = None
        on_click(by_testid("console-send"), lambda: session.spawn(self.send()))
        on_click(by_testid("copy-python"), lambda: session.spawn(self.copy(as_python_requests)))
        on_click(by_testid("copy-curl"), lambda: session.spawn(self.copy(as_curl)))

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
        page = self.session.page
        page.clear_error()
        token = await self.session.token_or_expire()
        if token is None:
            return
        method, path = self.method.value, self.path.value.strip()
        if any(ch.isspace() for ch in path):
            page.show_error("The path has spaces in it. Put query parameters (and any value with "
                            "spaces) in the Query parameters box, one name=value per line.")
            return
        try:
            body = self._body()
        except ValueError as error:
            page.show_error("The request body is not valid JSON: " + str(error))
            return
        try:
            request = build_request(token, browser.now(), method, path, self._query_pairs(), body)
        except ZohoError as error:  # UnsafeRequestError: the path would leave the api_domain
            page.show_error(error.message)
            return
        self.last_request = request
        self.session.progress.begin()
        try:
            started = browser.now()
            status, headers, text = await browser.fetch_text(request.url, method, request.headers, request.body)
            elapsed_ms = int((browser.now() - started) * 1000)
        except ZohoError as error:
            page.show_error(error.message)
            return
        finally:
            self.session.progress.end()
        self._show_answer(status, headers, text, elapsed_ms)
        self._remember(method, path, status, elapsed_ms)
        try:
            interpret_response(status, headers, text, method, path)
        except InvalidTokenError as error:
            if error.code in TOKEN_REFUSED:
                await self.session.drop_token(error.message + " Please sign in again.")
            else:  # a 401 of another kind (another Zoho service's own code): the token may be fine
                page.show_error(error.message)
        except ZohoError as error:
            page.show_error(error.message)

    def _show_answer(self, status, headers, text, elapsed_ms):
        set_text(by_testid("console-status"), "HTTP " + str(status))
        set_text(by_testid("console-time"), str(elapsed_ms) + " ms")
        set_text(by_testid("console-headers"), "\n".join(name + ": " + headers[name] for name in sorted(headers)))
        try:
            shown = pretty_json(json.loads(text)) if text else "(no body)"
        except ValueError:
            shown = text
        set_text(by_testid("console-response"), shown)
        show(by_testid("console-answer"))

    def _remember(self, method, path, status, elapsed_ms):
        entry = (method, path, self.query.value, self.body.value)
        listing = by_testid("console-history")
        item = element("li")
        label = method + " " + path + " → " + str(status) + " (" + str(elapsed_ms) + " ms)"
        item.append(button(label, lambda: self._restore(entry), "link"))
        listing.prepend(item)
        while listing.children.length > HISTORY_LIMIT:
            listing.lastElementChild.remove()

    def _restore(self, entry):
        self.method.value, self.path.value, self.query.value, self.body.value = entry

    async def copy(self, render):
        """Show the copyable text and put it on the clipboard where the browser allows it."""
        if self.last_request is None:
            return
        text = render(self.last_request)
        set_text(by_testid("console-copy"), text)
        show(by_testid("console-copy"))
        clipboard = window.navigator.clipboard
        if clipboard is None:
            return
        try:
            await clipboard.writeText(text)
        except JsException:
            pass  # a refused clipboard is fine: the text is on the page
