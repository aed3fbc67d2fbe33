"""The API console: any call relative to the api_domain, sent exactly as typed (the body as
its text, once the browser's strict JSON.parse accepts it, and the person's own headers), its
raw answer in a box of its own with the next page when Zoho gives a page token, the request
copyable as Python, curl or fetch before it is sent (the token redacted), saved requests and
the tab's history (app/web/views/console_kept.py). Its rules: zoho.console.

Its place in the address bar: ``?view=console``.
"""

from jsffi import JsException
from zoho.api import CRM, as_curl, as_fetch, as_python_requests, interpret_response
from zoho.calls import send_once
from zoho.console import (
    body_problem,
    console_request,
    decode_headers,
    encode_headers,
    has_body,
    json_body_problem,
    next_page_pairs,
    path_problem,
    query_pairs,
    typed_request,
)
from zoho.errors import NetworkError, ZohoError
from zoho.notebook import redact
from zoho.results import Results

from pyscript import window
from pyscript.ffi import create_proxy

from web.view import View
from web.dom import by_id, on_click, set_text, show
from web.views.console_answer import AnswerView
from web.views.console_browser import json_parse_error
from web.views.console_headers import HeadersEditor
from web.views.console_kept import KeptRequests

DEFAULT_PATH = CRM + "/org"
OWN_HEADERS_NOTE = (" If your own headers are the cause: Zoho's API answers a browser only for the headers "
                    "it allows (CORS); without them, try the request in curl or Python (Copy as…).")
COPIES = {"copy-python": as_python_requests, "copy-curl": as_curl, "copy-fetch": as_fetch}


class ConsoleView(View):
    name = "console"
    DRAFT = ("console-method", "console-path", "console-query", "console-body")

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.method = self.part("console-method")
        self.path = self.part("console-path")
        self.query = self.part("console-query")
        self.body = self.part("console-body")
        self.next_page = self.part("console-next-page")
        self.viewer = AnswerView(self.part)
        self.headers = HeadersEditor(self.part("console-header-list"), self.part("console-header-add"),
                                     lambda: self.spawn(self.save_draft()))
        self.kept = KeptRequests(self.part("console-saved"), self.part("console-history"), self.reopen, self.spawn)
        self._next_pairs = None  # the query of the next page of the last answer, when it has one
        self.answers = Results()  # zoho.results: the answer to an earlier Send is not shown
        on_click(self.part("console-send"), lambda: self.spawn(self.send()))
        on_click(self.next_page, lambda: self.spawn(self.send_next_page()))
        on_click(self.part("console-save"), lambda: self.spawn(self.save()))
        for testid, render in COPIES.items():
            on_click(self.part(testid), self._copier(render))
        self.path.addEventListener("keydown", create_proxy(lambda event: self._key(event, True)))
        self.query.addEventListener("keydown", create_proxy(lambda event: self._key(event, False)))
        self.body.addEventListener("keydown", create_proxy(lambda event: self._key(event, False)))

    def _copier(self, render):
        return lambda: self.spawn(self.copy(render))

    def _key(self, event, enter_sends):
        """Enter in the path, Ctrl+Enter (or Cmd+Enter) in the boxes: Send."""
        if event.key == "Enter" and (enter_sends or event.ctrlKey or event.metaKey):
            event.preventDefault()
            self.spawn(self.send())

    # --- kept: the draft (with the headers and the history), saved requests ------------------------

    def draft(self):
        """What was typed, the token replaced wherever it was pasted (a draft never holds it)."""
        secret = self.services.secret()
        kept = {name: redact(text, secret) for name, text in View.draft(self).items()}
        kept["headers"] = redact(encode_headers(self.headers.pairs()), secret)
        kept["history"] = self.kept.history_text()
        return kept

    def restore(self, draft):
        View.restore(self, draft)
        self.headers.set(decode_headers(draft.get("headers")))
        self.kept.restore_history(draft.get("history"))

    def signed_in(self):
        View.signed_in(self)
        self.spawn(self.kept.load_saved())

    def reopen(self, request):
        """Put a saved request or a history entry back into the boxes (not sent)."""
        self.method.value = request["method"]
        self.path.value, self.query.value, self.body.value = request["path"], request["query"], request["body"]
        self.headers.set(request["headers"])
        self.spawn(self.save_draft())

    def _typed(self):
        return typed_request(self.method.value, self.path.value.strip(), self.query.value, self.body.value,
                             self.headers.pairs(), self.services.secret())

    async def save(self):
        self.message.begin(by_id("console-tools"))
        name = self.part("console-save-name").value.strip()
        if not name:
            self.message.show_error("Give the request a name to save it under.")
            return
        if await self.kept.save(name, self._typed()):
            self.message.show_done("Saved as " + name + " in this browser (without your sign-in).")
        else:
            self.message.show_error("This browser refused to keep the request (its storage is full or "
                                    "turned off).")

    def reset(self, forget_drafts=True):
        View.reset(self, forget_drafts)
        self._forget_answer()
        set_text(self.part("console-copy"), "")
        show(self.part("console-copy"), False)
        self.kept.forget_history()
        self.headers.set([])
        self.method.value = "GET"
        self.path.value = DEFAULT_PATH
        self.query.value = ""
        self.body.value = ""

    # --- the request, as typed ---------------------------------------------------------------------

    async def _json_problem(self, text):
        """None when the browser's JSON.parse accepts ``text``; else where and why it does not."""
        flow = json_body_problem(text)
        asked = next(flow)
        try:
            while True:
                asked = flow.send(await json_parse_error(asked))
        except StopIteration as done:
            return done.value

    async def _request(self, pairs=None):
        """The request for what is typed (with ``pairs`` for its query, when given), or None once
        what is wrong with it is said."""
        token = await self.services.token_or_expire()
        if token is None:
            return None
        method, path, body = self.method.value, self.path.value.strip(), self.body.value
        problem = path_problem(path) or body_problem(method, body) or self.headers.problem()
        if problem is None and has_body(body):
            problem = await self._json_problem(body)
        if problem is not None:
            self.message.show_error(problem)
            return None
        try:
            return console_request(token, self.services.now(), method, path,
                                   query_pairs(self.query.value) if pairs is None else pairs, body,
                                   self.headers.pairs())
        except ZohoError as error:  # UnsafeRequestError: the path would leave the api_domain
            self.message.show_error(error.message)
            return None

    async def copy(self, render):
        """Show the request as code (Python, curl, fetch) and put it on the clipboard where the
        browser allows it; no need to send it first."""
        self.message.begin(by_id("console-tools"))
        request = await self._request()
        if request is None:
            return
        text = render(request)
        set_text(self.part("console-copy"), text)
        show(self.part("console-copy"))
        clipboard = window.navigator.clipboard
        if clipboard is None:
            return
        try:
            await clipboard.writeText(text)
        except JsException:
            pass  # a refused clipboard is fine: the text is on the page

    # --- sending, the answer -------------------------------------------------------------------------

    def _forget_answer(self):
        """Nothing shown any more (a new Send: the last answer is not its, whatever comes of it)."""
        self.answers.cleared()
        self._next_pairs = None
        self.viewer.clear()

    async def send(self, pairs=None):
        self.message.begin(by_id("console-tools"))
        self._forget_answer()
        ticket = self.answers.started(self.path.value.strip())
        request = await self._request(pairs)
        if request is None:  # what is wrong with it is said
            self.answers.failed(ticket, "Not sent.")
            return
        typed = self._typed()
        started = self.services.now()
        # The core's flow for one request as typed: sent once, never retried (the page says so).
        done = await self.services.drive(send_once(request), self.message, self._explain)
        elapsed_ms = int((self.services.now() - started) * 1000)
        if done is None:  # no answer came; the message says why
            self.answers.failed(ticket, "No answer.")
            return
        status, headers, text = done.status, done.headers, done.text
        if not self.answers.answered(ticket, text):
            return  # a newer Send has begun: this answer is not its
        answer = self.viewer.show(status, headers, text, elapsed_ms)
        self._next_pairs = next_page_pairs(query_pairs(self.query.value) if pairs is None else pairs, answer)
        show(self.next_page, self._next_pairs is not None)
        self.kept.remember(typed, request.method + " " + typed["path"] + " → " + str(status) + " ("
                           + str(elapsed_ms) + " ms)")
        self.spawn(self.save_draft())
        try:
            interpret_response(status, headers, text, request.method, typed["path"])
        except ZohoError as error:
            await self.services.handle_error(error, self.message)

    def _explain(self, error):
        """No answer came: the person's own headers may be why (CORS)."""
        if isinstance(error, NetworkError) and self.headers.pairs():
            return error.message + OWN_HEADERS_NOTE
        return None

    async def send_next_page(self):
        """The next page of the last answer: the same request with Zoho's page token."""
        if self._next_pairs is not None:
            await self.send(self._next_pairs)
