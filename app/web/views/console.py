"""The API console: any call relative to the api_domain, sent exactly as typed (the body as
its text, once the browser's strict JSON.parse accepts it), its raw answer in a box of its
own, a history, and copyable Python / curl equivalents with the token redacted. Its rules:
zoho.console.

Its place in the address bar: ``?view=console``.
"""

import json

from jsffi import JsException
from zoho.api import as_curl, as_python_requests, interpret_response
from zoho.console import body_problem, console_request, has_body, json_body_problem, path_problem, query_pairs
from zoho.errors import ZohoError
from zoho.jsontext import pretty_json

from pyscript import window
from pyscript.ffi import create_proxy

from web.browser import guarded
from web.shell import View
from web.view import button, by_id, element, on_click, set_text, show

HISTORY_LIMIT = 20
DEFAULT_PATH = "/crm/v8/org"


class ConsoleView(View):
    name = "console"
    DRAFT = ("console-method", "console-path", "console-query", "console-body")

    def __init__(self, session, shell):
        View.__init__(self, session, shell)
        self.method = self.part("console-method")
        self.path = self.part("console-path")
        self.query = self.part("console-query")
        self.body = self.part("console-body")
        self.last_request = None
        self._sent = 0  # one per Send: the answer to an earlier one is not shown
        on_click(self.part("console-send"), lambda: self.spawn(self.send()))
        on_click(self.part("copy-python"), lambda: self.spawn(self.copy(as_python_requests)))
        on_click(self.part("copy-curl"), lambda: self.spawn(self.copy(as_curl)))
        self.path.addEventListener("keydown", create_proxy(lambda event: self._key(event, True)))
        self.query.addEventListener("keydown", create_proxy(lambda event: self._key(event, False)))
        self.body.addEventListener("keydown", create_proxy(lambda event: self._key(event, False)))

    def _key(self, event, enter_sends):
        """Enter in the path, Ctrl+Enter (or Cmd+Enter) in the boxes: Send."""
        if event.key == "Enter" and (enter_sends or event.ctrlKey or event.metaKey):
            event.preventDefault()
            self.spawn(self.send())

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

    async def _json_problem(self, text):
        """None when the browser's JSON.parse accepts ``text``; else where and why it does not."""
        flow = json_body_problem(text)
        asked = next(flow)
        try:
            while True:
                asked = flow.send(await _parse_error(asked))
        except StopIteration as done:
            return done.value

    async def send(self):
        self.message.begin(by_id("console-tools"))
        show(self.part("console-answer"), False)  # never the last answer beside a new request
        self.last_request = None
        self._sent += 1
        sent = self._sent
        token = await self.session.token_or_expire()
        if token is None:
            return
        method, path, body = self.method.value, self.path.value.strip(), self.body.value
        problem = path_problem(path) or body_problem(method, body)
        if problem is None and has_body(body):
            problem = await self._json_problem(body)
        if problem is not None:
            self.message.show_error(problem)
            return
        platform = self.session.platform
        try:
            request = console_request(token, platform.now(), method, path, query_pairs(self.query.value), body)
        except ZohoError as error:  # UnsafeRequestError: the path would leave the api_domain
            self.message.show_error(error.message)
            return
        self.session.progress.begin()
        try:
            started = platform.now()
            status, headers, text = await platform.fetch_text(request.url, method, request.headers, request.body)
            elapsed_ms = int((platform.now() - started) * 1000)
        except ZohoError as error:
            self.message.show_error(error.message)
            return
        finally:
            self.session.progress.end()
        if sent != self._sent:
            return  # a newer Send has begun: this answer is not its
        self.last_request = request
        self._show_answer(status, headers, text, elapsed_ms)
        self._remember(method, path, status, elapsed_ms)
        try:
            interpret_response(status, headers, text, method, path)
        except ZohoError as error:
            await self.session.handle_error(error, self.message)

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


async def _parse_error(text):
    """The browser's JSON.parse error message for ``text``, or None when it parses."""
    try:
        await guarded(window.JSON.parse, text)
    except JsException as error:
        # Its args: (the JS error, its name, its message).
        return ": ".join(arg for arg in error.args if isinstance(arg, str)) or str(error)
    return None
