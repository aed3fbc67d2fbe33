"""The views are imported lazily (issue 23): the registry imports a view's module only when the
shell first needs the view, and the shell makes the views only for a signed-in page."""

import types

import pytest

from tests.support import run_coroutine

from .fakes import install_pyscript

NAV = "".join('<a href="?view={0}" data-testid="nav-{0}">{0}</a>'.format(name)
              for name in ("records", "query", "console", "notebook"))


def recording_registry(imported, fetch_code=None):
    """A registry of four fake views whose import is recorded in ``imported``."""
    from web.views import ViewRegistry

    def import_module(path):
        imported.append(path)
        name = path.rsplit(".", 1)[1]
        view_class = type("FakeView", (FakeView,), {"name": name})
        return types.SimpleNamespace(View=view_class)

    entries = [(name, "fake." + name, "View") for name in ("records", "query", "console", "notebook")]
    return ViewRegistry(entries, import_module, fetch_code)


class FakeView:
    name = ""
    made = []

    def __init__(self, services, shell):
        self.root = types.SimpleNamespace(hidden=True)
        self.calls = []
        FakeView.made.append(self.name)

    def signed_in(self):
        self.calls.append("signed_in")

    async def enter(self, place):
        self.calls.append("enter")

    def leave(self):
        pass

    def place(self):
        return []

    def unsaved_work(self):
        return None

    def reset(self, forget_drafts=True):
        self.calls.append("reset")


class FakeSession:
    def __init__(self):
        from tests.controller.fakes import FakeStorage
        self.on_signed_in, self.on_signed_out, self.unsaved_work = [], [], []
        self.storage = FakeStorage()
        self.config = {}
        self.token = None
        self.platform = types.SimpleNamespace(now=lambda: 0, location_search=lambda: "?view=query",
                                              push_address=lambda url: None, replace_address=lambda url: None,
                                              app_url=lambda query: query)
        self.credentials = self.call = self.drive = self.usable_token = self.token_or_expire = None
        self.handle_error = self.offer_scope = None

    def spawn(self, coroutine):
        run_coroutine(coroutine)


@pytest.fixture
def shell_parts(monkeypatch):
    pyscript = install_pyscript()
    pyscript.document.load(NAV)
    monkeypatch.setattr(pyscript.window, "window", types.SimpleNamespace(addEventListener=lambda kind, handler: None),
                        raising=False)
    FakeView.made = []
    from web.shell import Shell
    return Shell, FakeSession()


def test_the_registry_names_the_views_in_order_and_imports_only_the_one_loaded():
    imported = []
    registry = recording_registry(imported)
    assert registry.names == ["records", "query", "console", "notebook"]
    assert imported == []
    assert registry.load("console").name == "console"
    assert imported == ["fake.console"]


def test_every_registered_view_is_the_class_of_that_name():
    install_pyscript()
    from web.views import VIEWS, ViewRegistry
    registry = ViewRegistry()
    assert [registry.load(name).name for name, _module, _cls in VIEWS] == ["records", "query", "console", "notebook"]


def test_a_shell_makes_no_view_until_the_page_will_be_signed_in(shell_parts):
    Shell, session = shell_parts
    imported = []
    shell = Shell(session, session.platform, recording_registry(imported))
    assert (imported, FakeView.made, shell.views) == ([], [], [])
    pauses = []

    async def pause():
        pauses.append(list(FakeView.made))

    run_coroutine(shell.load_views(pause))
    assert FakeView.made == ["records", "query", "console", "notebook"]
    assert pauses == [["records"], ["records", "query"], ["records", "query", "console"], FakeView.made]
    assert len(session.unsaved_work) == 4


def test_a_sign_in_without_loaded_views_makes_them_all_and_shows_the_place(shell_parts):
    Shell, session = shell_parts
    shell = Shell(session, session.platform, recording_registry([]))
    session.token = object()
    shell.signed_in()
    assert [view.name for view in shell.views] == ["records", "query", "console", "notebook"]
    assert {view.name: view.calls for view in shell.views} == {
        "records": ["signed_in"], "query": ["signed_in", "enter"], "console": ["signed_in"], "notebook": ["signed_in"]}
    assert shell.current.name == "query"


def test_a_sign_out_forgets_the_drafts_of_views_never_made(shell_parts):
    Shell, session = shell_parts
    from zoho.drafts import draft_key
    shell = Shell(session, session.platform, recording_registry([]))
    session.storage.items = {draft_key("query"): "{}", draft_key("notebook"): "{}", "zoho.other": "1"}
    shell.signed_out(forget_drafts=True)
    assert session.storage.items == {"zoho.other": "1"}
    assert FakeView.made == []


def fetching_registry(events):
    """A registry whose views' code must be fetched first, each step recorded in ``events``."""
    async def fetch_code():
        events.append("fetched")
    return recording_registry(events, fetch_code)


def test_the_views_code_is_fetched_once_before_the_first_view_is_made(shell_parts):
    Shell, session = shell_parts
    events = []
    registry = fetching_registry(events)
    shell = Shell(session, session.platform, registry)
    assert events == [] and not registry.fetched

    async def pause():
        pass

    run_coroutine(shell.load_views(pause))
    run_coroutine(shell.load_views(pause))
    assert events == ["fetched", "fake.records", "fake.query", "fake.console", "fake.notebook"]


def test_a_sign_in_waits_for_the_views_code(shell_parts):
    Shell, session = shell_parts
    events = []
    spawned = []
    session.spawn = spawned.append  # run later, by hand
    shell = Shell(session, session.platform, fetching_registry(events))
    session.token = object()
    shell.signed_in()
    assert (events, shell.views) == ([], [])  # nothing made before the code is here
    run_coroutine(spawned.pop(0))
    assert events[:2] == ["fetched", "fake.records"]
    assert shell.current.name == "query"
    for coroutine in spawned:  # the view entered
        run_coroutine(coroutine)


def test_views_code_that_does_not_come_is_said_and_asked_again_next_time():
    from zoho.errors import SiteCodeError
    answers = [OSError("the network is gone"), None]

    async def fetch_code():
        failure = answers.pop(0)
        if failure is not None:
            raise failure

    registry = recording_registry([], fetch_code)
    with pytest.raises(SiteCodeError) as raised:
        run_coroutine(registry.fetch())
    assert "Reload the page" in raised.value.message and not registry.fetched
    run_coroutine(registry.fetch())
    assert registry.fetched and answers == []
