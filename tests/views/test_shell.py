"""The shell's address bar: a view's place replaces the current history entry, or (a record opened
from a list) goes in a new one, so that the browser's Back returns to the place before."""

import types

import pytest

from tests.support import run_coroutine

from .fakes import install_pyscript


class RecordingView:
    name = "records"

    def __init__(self, services, shell):
        self.root = types.SimpleNamespace(hidden=True)
        self.at = [("module", "Leads")]
        self.entered = []

    def signed_in(self):
        pass

    async def enter(self, place):
        self.entered.append(place.pairs)

    def leave(self):
        pass

    def place(self):
        return self.at

    def unsaved_work(self):
        return None


class Address:
    """The browser's history as the shell drives it: each entry's query, and the one shown."""

    def __init__(self):
        self.entries = ["?view=records"]
        self.at = 0

    def push(self, url):
        self.entries = self.entries[:self.at + 1] + [url]
        self.at += 1

    def replace(self, url):
        self.entries[self.at] = url

    def search(self):
        return self.entries[self.at]


@pytest.fixture
def shell(monkeypatch):
    from tests.controller.fakes import FakeStorage
    from web.shell import Shell
    from web.views import ViewRegistry
    pyscript = install_pyscript()
    pyscript.document.load('<a href="?view=records" data-testid="nav-records">records</a>')
    popstate = []
    monkeypatch.setattr(pyscript.window, "window", types.SimpleNamespace(
        addEventListener=lambda kind, handler: popstate.append(handler) if kind == "popstate" else None),
        raising=False)
    address = Address()
    session = types.SimpleNamespace(
        on_signed_in=[], on_signed_out=[], unsaved_work=[], storage=FakeStorage(), config={}, token=object(),
        platform=types.SimpleNamespace(location_search=address.search, push_address=address.push,
                                       replace_address=address.replace, app_url=lambda query: query, now=lambda: 0),
        credentials=None, call=None, drive=None, usable_token=None, token_or_expire=None, handle_error=None,
        offer_scope=None, spawn=run_coroutine)
    registry = ViewRegistry([("records", "fake.records", "View")],
                            lambda path: types.SimpleNamespace(View=RecordingView))
    made = Shell(session, session.platform, registry)
    made.signed_in()
    return made, address, popstate[0]


def test_a_place_replaces_the_entry_and_a_new_entry_is_pushed_for_back(shell):
    made, address, popstate = shell
    view = made.current
    made.remember(view)
    assert address.entries == ["?view=records&module=Leads"]
    view.at = [("module", "Leads"), ("record", "101")]
    made.remember(view, new_entry=True)
    assert address.entries == ["?view=records&module=Leads", "?view=records&module=Leads&record=101"]
    address.at -= 1  # the browser's Back
    popstate(None)
    assert view.entered[-1] == [("module", "Leads")]
