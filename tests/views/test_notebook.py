"""The notebook view against the fake DOM, with a fake worker client: undo of Delete and
Open…, unsaved work, cells kept after a sign-out, the runs of cells, Stop and Restart."""

import asyncio
import json
import types

import pytest

from zoho.notebook import DEFAULT_CELLS
from zoho.token import TokenRecord

from tests.controller.fakes import API, NOW
from tests.controller.sessions import run, settle

from .fakes import FakeServices, FakeShell, install_pyscript, load_view_section


class FakeWorker:
    """The worker client as the runs use it: each run's outputs and status are given ahead."""

    def __init__(self, say, hear):
        self.hear = hear
        self.ready = False
        self.can_interrupt = False
        self.ran = []  # the code of each run
        self.ended = 0
        self.outcomes = {}  # code -> (outputs, status); a status None: the run never ends (until end())
        self.answers = {}  # ("complete" | "describe", name) -> what Python answers
        self.asked = []
        self._hang = None

    async def start(self):
        self.ready = True
        return True

    async def run(self, number, code, token, api_domains):
        self.ran.append(code)
        outputs, status = self.outcomes.get(code, ([], "ok"))
        for message in outputs:
            self.hear(dict(message, run=number), None)
        if status is None:
            self._hang = asyncio.get_running_loop().create_future()
            return await self._hang
        return status

    def end(self):
        self.ended += 1
        self.ready = False
        if self._hang is not None and not self._hang.done():
            self._hang.set_result(None)  # as the runs see it: the worker was ended meanwhile

    def interrupt(self):
        raise AssertionError("not isolated: no interrupt")

    async def ask(self, what, name):
        self.asked.append((what, name))
        return self.answers[(what, name)]


class NotebookServices(FakeServices):
    def __init__(self):
        FakeServices.__init__(self)
        self.token = TokenRecord("1000.notebook-secret", NOW + 3600, API, ["ZohoCRM.modules.ALL"], "us")
        self.config = {"api_domains": [API]}

    async def token_or_expire(self):
        return self.token


@pytest.fixture
def page():
    pyscript = install_pyscript()
    load_view_section(pyscript.document, "notebook")
    pyscript.window.performance = types.SimpleNamespace(now=lambda: 0)
    return pyscript.document


def new_notebook():
    from web.views import notebook_runs
    from web.views.notebook import NotebookView
    original = notebook_runs.WorkerClient
    notebook_runs.WorkerClient = FakeWorker
    try:
        view = NotebookView(NotebookServices(), FakeShell())
    finally:
        notebook_runs.WorkerClient = original
    view.root.hidden = False
    return view


def by_testid(within, name):
    return within.querySelector('[data-testid="' + name + '"]')


def codes(view):
    return [cell.code.value for cell in view.cells]


def test_a_deleted_cell_comes_back_with_its_output_where_it_was(page):
    async def scenario():
        view = new_notebook()
        view.add_cell("third = 3")
        second = view.cells[1]
        second.note("an output of cell 2")
        view.delete(second)
        assert codes(view) == [DEFAULT_CELLS[0], "third = 3"]
        undo = by_testid(page, "cell-undo")
        assert not undo.hidden and undo.textContent == "Undo delete of cell 2"
        undo.click()
        assert view.cells[1] is second and "an output of cell 2" in second.output.textContent
        assert [node for node in by_testid(page, "cells").children] == [cell.root for cell in view.cells]
        assert undo.hidden
    run(scenario)()


def test_open_replaces_the_cells_and_undo_brings_them_back(page):
    async def scenario():
        view = new_notebook()
        view.cells[0].code.value = "mine = 1"
        chosen = types.SimpleNamespace(name="other.py", text=lambda: _text("# %%\nprint('one')\n# %%\nprint('two')\n"))
        opener = types.SimpleNamespace(files=types.SimpleNamespace(length=1, item=lambda n: chosen), value="x")
        await view.open_file(opener)
        assert codes(view) == ["print('one')", "print('two')"]
        assert "Opened other.py: 2 cells" in by_testid(page, "view-message").textContent
        assert view.unsaved_work() is None  # just opened: kept in the file
        by_testid(page, "cell-undo").click()
        assert codes(view) == ["mine = 1", DEFAULT_CELLS[1]]
    run(scenario)()


async def _text(text):
    return text


def test_unsaved_work_counts_cells_until_they_are_downloaded(page):
    async def scenario():
        view = new_notebook()
        assert view.unsaved_work() is None
        view.cells[0].code.value = "analysis = 1"
        assert view.unsaved_work() == "2 notebook cells are not downloaded; they are kept nowhere else."
        view.download_py()
        assert view.unsaved_work() is None
    run(scenario)()


def test_after_a_sign_out_the_cells_stay_with_download_and_discard(page):
    async def scenario():
        view = new_notebook()
        view.cells[0].code.value = "analysis = 1"
        view.cells[0].note("data of the person")
        view.keep_after_sign_out()
        kept = by_testid(page, "notebook-kept")
        assert not kept.hidden and "Your cells are still here" in kept.textContent
        assert codes(view)[0] == "analysis = 1" and "data of the person" not in view.root.textContent
        assert view.runs.worker.ended == 1  # Python (with the person's data) ended
        by_testid(page, "notebook-kept-discard").click()
        assert codes(view) == list(DEFAULT_CELLS) and kept.hidden
    run(scenario)()


def test_signed_out_with_cells_kept_nothing_runs_until_the_next_sign_in(page):
    async def scenario():
        view = new_notebook()
        view.keep_after_sign_out()
        commands = [by_testid(page, name) for name in ("notebook-run-all", "notebook-start", "notebook-restart")]
        assert all(button.disabled for button in commands)
        assert all(cell.run_button.disabled for cell in view.cells)
        assert "sign in again" in by_testid(page, "notebook-status").textContent
        view.add_cell("x = 1")
        assert view.cells[-1].run_button.disabled
        view.cells[0].run()  # Shift+Enter takes this way too
        view.run_all()
        await settle()
        assert view.runs.worker.ran == [] and not view.runs.worker.ready  # Python never started
        view.signed_in()
        assert not any(button.disabled for button in commands) and not view.cells[0].run_button.disabled
    run(scenario)()


def test_cells_run_in_turn_and_an_error_drops_the_waiting_ones(page):
    async def scenario():
        view = new_notebook()
        for code in ("a = 1", "1 / 0", "b = 2"):
            view.add_cell(code)
        worker = view.runs.worker
        worker.outcomes["a = 1"] = ([{"kind": "stdout", "text": "one\n"}], "ok")
        worker.outcomes["1 / 0"] = ([{"kind": "stderr", "text": "ZeroDivisionError\n"}], "error")
        for cell in view.cells[2:]:
            view.queue(cell)
        await settle()
        assert worker.ran == ["a = 1", "1 / 0"]
        assert [cell.count.textContent for cell in view.cells[2:]] == ["[1]", "[2]", "[ ]"]
        assert view.cells[2].output.textContent == "one\n"
        assert view.cells[3].root.classList.contains("failed")
    run(scenario)()


def test_a_start_that_waited_on_another_does_not_count_the_runs_from_1_again(page):
    # Python started ahead of time (web.views.notebook_preheat) returns from its wait after the
    # first cell ran: the next cell is still [2], not [1] a second time.
    async def scenario():
        view = new_notebook()
        worker = view.runs.worker
        late = asyncio.get_running_loop().create_future()
        calls = []

        async def start():
            calls.append(1)
            if len(calls) == 1:
                await late  # the start ahead of time, still waiting
            worker.ready = True
            return True

        worker.start = start
        ahead = asyncio.ensure_future(view.runs.start())
        await asyncio.sleep(0)
        view.queue(view.cells[0])
        for _ in range(50):  # (not settle(): it would wait on the start still waiting)
            await asyncio.sleep(0)
        assert view.cells[0].count.textContent == "[1]"
        late.set_result(None)
        assert await ahead
        view.queue(view.cells[1])
        await settle()
        assert [cell.count.textContent for cell in view.cells[:2]] == ["[1]", "[2]"]
    run(scenario)()


def _stopped(isolated, interrupted=False):
    """A cell that never ends by itself, and one waiting, then Stop, with the page cross-origin
    isolated or not; the view, once it settled. ``interrupted``: whether the worker's
    KeyboardInterrupt ends the run."""
    views = []

    async def scenario():
        view = new_notebook()
        views.append(view)
        worker = view.runs.worker
        if isolated:
            worker.can_interrupt = True
            worker.interrupt = lambda: interrupted and worker._hang.set_result("error")
        view.cells[0].code.value = "while True: pass"
        worker.outcomes["while True: pass"] = ([], None)
        view.queue(view.cells[0])
        view.queue(view.cells[1])
        for _ in range(5):
            await asyncio.sleep(0)
        await view.runs.stop()
        await settle()
        assert worker.ran == ["while True: pass"]  # the waiting cell was dropped
        assert view.cells[1].count.textContent == "[ ]"
    run(scenario)()
    return views[0]


def test_stop_without_isolation_restarts_python_and_says_the_namespace_went_and_why(page):
    view = _stopped(isolated=False)
    assert "namespace was reset" in view.cells[0].output.textContent
    assert "only where the page is cross-origin isolated" in view.cells[0].output.textContent
    assert by_testid(page, "notebook-stop").disabled


def test_stop_where_isolated_interrupts_the_cell_and_keeps_python(page):
    view = _stopped(isolated=True, interrupted=True)
    assert view.runs.worker.ended == 0 and view.runs.worker.ready
    assert by_testid(page, "notebook-status").textContent == (
        "Cell 1 [1] stopped with KeyboardInterrupt; the namespace is kept (variables and imports of earlier cells).")
    assert "reset" not in view.cells[0].output.textContent
    assert view.cells[0].count.textContent == "[1]"


def test_stop_where_isolated_restarts_a_cell_the_interrupt_does_not_end_and_says_why(page, monkeypatch):
    from web.views import notebook_runs
    monkeypatch.setattr(notebook_runs, "INTERRUPT_GRACE", 0.05)
    view = _stopped(isolated=True, interrupted=False)
    assert view.runs.worker.ended == 1
    note = view.cells[0].output.textContent
    assert "namespace was reset" in note and "did not stop within a second of the interrupt" in note


@pytest.fixture
def rendered(monkeypatch):
    """Markdown cells rendered by a stand-in for markdown-it (its script is the browser's):
    the cells' text each time one is shown."""
    from web.views import notebook_cell
    shown = []

    async def render_into(node, text):
        shown.append(text)
        node.textContent = "rendered: " + text
    monkeypatch.setattr(notebook_cell, "render_into", render_into)
    return shown


def test_a_markdown_cell_is_shown_rendered_kept_as_markdown_and_never_run(page, rendered):
    async def scenario():
        view = new_notebook()
        view.add_cell("# Notes")
        kind = by_testid(view.cells[2].root, "cell-kind")
        assert kind.value == "code"
        kind.value = "markdown"
        kind.dispatch("change")
        await settle()
        assert rendered == ["# Notes"] and view.cells[2].output.textContent == "rendered: # Notes"
        assert view.draft()["cells"].endswith('{"cell_type": "markdown", "source": "# Notes"}]')
        by_testid(page, "notebook-run-all").click()
        by_testid(view.cells[2].root, "cell-run").click()
        await settle()
        assert view.runs.worker.ran == list(DEFAULT_CELLS)  # the markdown cell went to no Python
        assert rendered == ["# Notes", "# Notes"]  # Run shows it rendered again
        view.cells[2].code.type_text("# Notes, edited")
        await settle()
        assert rendered[-1] == "# Notes, edited"
        view.keep_after_sign_out()
        assert view.cells[2].output.textContent == "rendered: # Notes, edited"  # no output of Python's
    run(scenario)()


def press_tab(cell, cursor, shift=False):
    cell.code.selectionStart = cell.code.selectionEnd = cursor
    cell.code.setSelectionRange = lambda start, end: setattr(cell.code, "selectionStart", start)
    return cell.code.dispatch("keydown", key="Tab", shiftKey=shift, ctrlKey=False, altKey=False, metaKey=False,
                              preventDefault=lambda: cell.code.setAttribute("data-prevented", "yes"))


def test_tab_completes_from_python_and_shift_tab_describes_under_the_cell(page):
    async def scenario():
        view = new_notebook()
        cell = view.cells[1]
        cell.code.value = "x = json.du\nrest"
        press_tab(cell, 11)
        assert cell.code.getAttribute("data-prevented") is None  # Python is not running: focus moves on
        await view.runs.start()
        worker = view.runs.worker
        worker.answers[("complete", "json.du")] = ["json.dump", "json.dumps"]
        worker.answers[("describe", "json.dumps")] = "json.dumps(obj)\nSerialize obj."
        press_tab(cell, 11)
        await settle()
        assert cell.code.value == "x = json.dump\nrest" and cell.code.selectionStart == 13
        hint = by_testid(cell.root, "cell-hint")
        assert not hint.hidden and hint.textContent == "json.dump  json.dumps"
        cell.code.value = "json.dumps("
        press_tab(cell, 11, shift=True)
        await settle()
        assert hint.textContent == "json.dumps(obj)\nSerialize obj."
        cell.code.type_text("json.dumps(1)")
        assert hint.hidden  # typing hides it
        cell.code.value = "x = 1 "
        cell.code.removeAttribute("data-prevented")
        press_tab(cell, 6)
        assert cell.code.getAttribute("data-prevented") is None and worker.asked == [
            ("complete", "json.du"), ("describe", "json.dumps")]
    run(scenario)()


def test_outputs_go_into_the_ipynb_only_when_asked_and_an_opened_ipynb_shows_them_as_text(page):
    async def scenario():
        view = new_notebook()
        worker = view.runs.worker
        worker.outcomes[DEFAULT_CELLS[0]] = ([{"kind": "stdout", "text": "Signed in as Ada 1000.notebook-secret\n"}],
                                             "ok")
        view.queue(view.cells[0])
        await settle()
        plain = json.loads(view._ipynb(view._codes()))
        assert [c["outputs"] for c in plain["cells"]] == [[], [], []]
        by_testid(page, "notebook-keep-outputs").click()
        kept = view._ipynb(view._codes())
        assert "1000.notebook-secret" not in kept
        cells = json.loads(kept)["cells"]
        assert cells[1]["execution_count"] == 1 and cells[1]["outputs"] == [
            {"output_type": "stream", "name": "stdout", "text": ["Signed in as Ada <YOUR_TOKEN>\n"]}]
        assert cells[2]["outputs"] == [] and cells[2]["execution_count"] is None
        chosen = types.SimpleNamespace(name="kept.ipynb", text=lambda: _text(kept))
        await view.open_file(types.SimpleNamespace(files=types.SimpleNamespace(length=1, item=lambda n: chosen),
                                                   value="x"))
        assert view.cells[0].output.textContent == "Signed in as Ada <YOUR_TOKEN>"
        assert view.cells[1].output.textContent == ""
    run(scenario)()
