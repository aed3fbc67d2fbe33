"""What a view is given, faked: the session's services (call, token, storage, spawn), the shell,
and the browser's `pyscript` module over the fake DOM (tests/views/fakedom.py)."""

import asyncio
import json
import sys
import types
from pathlib import Path

from urllib.parse import parse_qsl, urlsplit

from zoho import calls
from zoho.api import CRM
from zoho.errors import ZohoError
from zoho.place import Place, read_place
from zoho.policy import route_error
from zoho.token import TokenRecord

from web.driver import drive

from tests.controller.fakes import ACCOUNTS, API, NOW, FakeStorage, answer
from tests.controller.sessions import TOKEN, settle

from .fakedom import Document, view_section

TEMPLATE = Path(__file__).resolve().parents[2] / "static" / "index.html.j2"
ALL_SCOPES = ["ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ", "ZohoCRM.modules.ALL"]


class FakeWindow:
    """The few browser globals the views use."""

    class Date:
        @staticmethod
        def new():
            return types.SimpleNamespace(getTimezoneOffset=lambda: 0)

    def __init__(self):
        self.files = []  # (parts, options) of each file made for a download
        self.window = self  # as in PyScript: the JS global scope's `window` is the Window
        self.listeners = {}  # event type -> handlers added to the window
        self.URL = types.SimpleNamespace(createObjectURL=self._object_url, revokeObjectURL=lambda url: None)
        self.Blob = types.SimpleNamespace(new=lambda parts, options: (parts, options))
        self.Uint8Array = types.SimpleNamespace(new=bytes)

    def addEventListener(self, kind, handler):
        self.listeners.setdefault(kind, []).append(handler)

    def dispatch(self, kind, **properties):
        """Fire ``kind`` at the window; the event, to read what the handlers did to it."""
        event = types.SimpleNamespace(type=kind, returnValue=None, default_prevented=False, **properties)
        event.preventDefault = lambda: setattr(event, "default_prevented", True)
        for handler in list(self.listeners.get(kind, ())):
            handler(event)
        return event

    def _object_url(self, blob):
        self.files.append(blob)
        return "blob:" + str(len(self.files))


def install_pyscript():
    """A `pyscript` module (and MicroPython's `jsffi`) whose document is the fake DOM; the same one for the whole run, as the
    page's modules bind ``document`` when they are imported."""
    if "pyscript" in sys.modules:
        return sys.modules["pyscript"]
    pyscript = types.ModuleType("pyscript")
    pyscript.document = Document()
    pyscript.window = FakeWindow()
    pyscript.workers = {}  # for the notebook view, imported with the package; not used here
    ffi = types.ModuleType("pyscript.ffi")
    ffi.create_proxy = lambda function: function
    ffi.to_js = lambda value: value
    pyscript.ffi = ffi
    sys.modules["pyscript"] = pyscript
    sys.modules["pyscript.ffi"] = ffi
    jsffi = types.ModuleType("jsffi")  # MicroPython's, imported by the other views of the package
    jsffi.JsException = type("JsException", (Exception,), {})
    sys.modules["jsffi"] = jsffi
    return pyscript


def load_view_section(document, view):
    document.load(view_section(TEMPLATE.read_text(encoding="utf-8"), view))


class FakeServices:
    """The session's services as a view uses them, over the core's real call flows
    (zoho.calls, driven by web.driver): answers are given per (method, path), replacing any given
    before, and used in order, the last one repeating; a call's errors are routed as the session
    routes them (by zoho.policy), said in the view's message."""

    def __init__(self, scopes=None):
        self.storage = FakeStorage()
        self.scopes = list(ALL_SCOPES if scopes is None else scopes)
        self.answers = {}
        self.sent = []  # (method, path, query pairs, JSON body)
        self.offered = []  # the scopes a sign-in was asked for by a view's "Sign in with" button
        self.credentials = calls.Credentials(self.usable_token, lambda: NOW)

    def answer(self, method, path, *answers):
        self.answers[(method, path)] = list(answers)

    def answer_formats(self, org=None, user=None):
        """Answer the organisation's and the user's settings, which format values (none by default)."""
        self.answer("GET", CRM + "/org", answer(200, {"org": [org] if org else []}))
        self.answer("GET", CRM + "/users", answer(200, {"users": [user] if user else []}))

    def secret(self):
        token = getattr(self, "token", None)
        return token.access_token if token is not None else ""

    def usable_token(self):
        return TokenRecord(TOKEN, NOW + 3600, API, self.scopes, "us", True, ACCOUNTS)

    def offer_scope(self, report, message, scope):
        """As the session: ``message`` with a button that signs in again asking for ``scope`` too."""
        report.show_error(message, [("Sign in with " + scope, lambda: self.offered.append(scope))])

    def spawn(self, coroutine):
        """As the session's: a task whose result is None (web.session.spawn keeps errors, not results)."""
        return asyncio.get_running_loop().create_task(_no_result(coroutine))

    async def fetch_text(self, url, method="GET", headers=None, body=None):
        address = urlsplit(url)
        self.sent.append((method, address.path, parse_qsl(address.query), json.loads(body) if body else None))
        queue = self.answers.get((method, address.path))
        if not queue:
            raise AssertionError("no answer queued for " + method + " " + url)
        await asyncio.sleep(0)
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):  # no answer at all (NetworkError: the device is offline)
            raise reply
        return reply

    async def sleep(self, seconds):
        await asyncio.sleep(0)

    async def drive(self, flow, report=None, explain=None, on_rows=None):
        try:
            return await drive(flow, self, report, on_rows)
        except ZohoError as error:
            report.show_error(route_error(error, explain).message)
            return None

    async def call(self, method, path, query=None, json_body=None, report=None, explain=None):
        return await self.drive(calls.call(self.credentials, method, path, query, json_body), report, explain)

    def requests(self, method, path):
        return [(query, body) for m, p, query, body in self.sent if m == method and p == path]


class FakeShell:
    """The shell as a view uses it; ``history`` is the address bar's history, as the places put
    there (a new entry appended, the current one replaced), ``at`` the entry shown."""

    def __init__(self):
        self.current = None
        self.remembered = []
        self.history = []
        self.at = -1

    def remember(self, view, new_entry=False):
        self.remembered.append(view.place())
        if new_entry or not self.history:
            self.history = self.history[:self.at + 1] + [view.place()]
            self.at += 1
        else:
            self.history[self.at] = view.place()

    async def back(self, view):
        """The browser's Back: the entry before, and the view told to show it (as the shell does on popstate)."""
        self.at -= 1
        await view.enter(Place("records", self.history[self.at]))


async def _no_result(coroutine):
    await coroutine


def stored(storage, key):
    return json.loads(storage.items[key]) if key in storage.items else None


def records_page():
    """The page's Records section, loaded afresh into the fake DOM (a new page: no window listeners)."""
    pyscript = install_pyscript()
    load_view_section(pyscript.document, "records")
    pyscript.window.listeners = {}
    return pyscript.document


async def open_records(services, address):
    """A Records view, signed in, at the place the address bar's ``address`` names."""
    from web.views.records import RecordsView
    shell = FakeShell()
    view = RecordsView(services, shell)
    shell.current = view
    view.root.hidden = False  # as the shell shows it
    view.signed_in()
    await settle()
    await view.enter(read_place(address, ["records"], "records"))
    await settle()
    return view
