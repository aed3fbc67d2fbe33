"""The notebook: cells of the person's Python, run by Pyodide in a worker started on first use.

The first screen runs on MicroPython; Pyodide (about 13 MB) loads only when the person
starts the notebook or runs a cell, in a worker, so the page stays responsive. What a cell
prints comes back while it runs (messages the worker posts, see app/scratch/worker.py);
Stop ends any cell: with the interrupt buffer where the page is cross-origin isolated,
otherwise (always on GitHub Pages) by ending the worker and starting a new one.

Only the cells' code is kept in the tab (a draft, see zoho.drafts), never outputs or the token.
Its place in the address bar: ``?view=notebook``.
"""

import asyncio
import json

from jsffi import JsException
from zoho.drafts import MAX_DRAFT_LENGTH
from zoho.notebook import (
    DEFAULT_CELLS,
    decode_cells,
    encode_cells,
    read_notebook_file,
    redact,
    to_ipynb,
    to_percent_script,
)

from pyscript import document, window, workers
from pyscript.ffi import create_proxy, to_js

from web.shell import View
from web.view import by_id, element, fill_table, object_url, on_click, set_text, show

WORKER_PREFIX = "notebook-"
# Pyodide's own files, beside its pyodide.mjs (what build.py copies of the npm package).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SIGINT = 2  # what Pyodide's interrupt buffer takes to raise KeyboardInterrupt
INTERRUPT_GRACE = 1.0  # seconds an interrupted cell gets to end before the worker is ended
POLL = 0.02
NOT_STARTED = "Python is not running yet: start it, or run a cell (that starts it)."
RESET_NOTE = ("Stopped: Python was restarted, so the notebook's namespace was reset (variables and "
              "imports of earlier cells are gone).")


def _megabytes(size):
    return "{:.1f} MB".format(size / 1000000)


def _size(size):
    return "{:,} bytes".format(size) if size < 10000 else "{:,} kB".format(size // 1000)


def offer_file(name, blob_parts, media_type):
    """A link that downloads ``blob_parts`` as ``name``; its object URL is the caller's to revoke."""
    link = element("a", "Download " + name)
    link.href = object_url(blob_parts, media_type)
    link.setAttribute("download", name)
    return link


class Cell:
    """One cell on the page: its code, its controls, its output."""

    def __init__(self, notebook, code):
        self.notebook = notebook
        self.root = element("li", None, "cell")
        self.root.setAttribute("data-testid", "cell")
        head = element("div", None, "cell-head")
        self.count = element("span", "[ ]", "count")
        self.count.setAttribute("data-testid", "cell-count")
        self.run_button = self._button(head, "Run", "cell-run", lambda: notebook.queue(self), "primary")
        self.up = self._button(head, "↑", "cell-up", lambda: notebook.move(self, -1))
        self.down = self._button(head, "↓", "cell-down", lambda: notebook.move(self, 1))
        self.delete = self._button(head, "Delete", "cell-delete", lambda: notebook.delete(self))
        head.prepend(self.count)
        self.code = element("textarea")
        self.code.setAttribute("data-testid", "cell-code")
        self.code.spellcheck = False
        self.code.setAttribute("wrap", "off")  # code keeps its lines; a long one scrolls
        self.code.value = code
        self.code.addEventListener("input", create_proxy(lambda event: self._edited()))
        self.code.addEventListener("keydown", create_proxy(self._key))
        self.output = element("div", None, "cell-output")
        self.output.setAttribute("data-testid", "cell-output")
        self.output.setAttribute("aria-live", "polite")
        self.root.append(head, self.code, self.output)
        self._fit()

    def _button(self, parent, label, testid, handler, kind="secondary"):
        node = element("button", label, kind)
        node.type = "button"
        node.setAttribute("data-testid", testid)
        on_click(node, handler)
        parent.append(node)
        return node

    def number(self, position):
        """Say which cell this is (position from 1) to people using a screen reader."""
        for node, what in ((self.run_button, "Run cell "), (self.up, "Move up cell "),
                           (self.down, "Move down cell "), (self.delete, "Delete cell "),
                           (self.code, "Code of cell ")):
            node.setAttribute("aria-label", what + str(position))

    def _fit(self):
        self.code.rows = max(2, min(30, len(self.code.value.split("\n"))))

    def _edited(self):
        self._fit()
        self.notebook.autosave()

    def _key(self, event):
        if event.key == "Enter" and (event.shiftKey or event.ctrlKey):
            event.preventDefault()
            self.notebook.queue(self)
            if event.shiftKey:
                self.notebook.focus_after(self)

    def set_count(self, text):
        set_text(self.count, "[" + text + "]")

    def clear_output(self):
        self.output.replaceChildren()
        self.root.classList.remove("failed")

    def stream(self, kind, text):
        last = self.output.lastElementChild
        if last is None or last.tagName != "PRE" or not last.classList.contains(kind):
            last = element("pre", None, "stream " + kind)
            self.output.append(last)
        last.append(text)

    def note(self, text, kind="note"):
        self.output.append(element("p", text, kind))

    def result(self, text):
        self.output.append(element("pre", text, "result"))

    def table(self, columns, rows, total):
        wrap = element("div", None, "table-wrap")
        table = element("table", None, "records")
        fill_table(table, columns, [dict(zip(columns, row)) for row in rows])
        wrap.append(table)
        shown = "{:,} rows".format(total) if len(rows) == total else \
            "The first {:,} of {:,} rows (zoho.download saves them all)".format(len(rows), total)
        self.output.append(wrap, element("p", shown, "muted"))


class NotebookView(View):
    name = "notebook"

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.cells = []
        self.list = self.part("cells")
        self.status = self.part("notebook-status")
        self.bar = self.part("notebook-progress")
        self.stop_button = self.part("notebook-stop")
        self._script = None  # the <script> of the running worker
        self._kernel = None  # its exported functions, once it is ready
        self._starting = False
        self._generation = 0  # one per worker: messages of an ended one are ignored
        self._interrupt = None  # Int32Array on a SharedArrayBuffer, where the page is isolated
        self._executions = 0  # execution counts, per worker
        self._queue = []
        self._current = None  # the run in progress: {"cell", "number", "received"}
        self._runner = 0  # the id of the loop that runs the queue, 0 when none runs
        self._runners = 0
        self._object_urls = []
        self._file_url = None
        on_click(self.part("notebook-start"), lambda: self.spawn(self.start()))
        on_click(self.part("notebook-run-all"), self.run_all)
        on_click(self.stop_button, lambda: self.spawn(self.stop()))
        on_click(self.part("cell-add"), lambda: self.add_cell("", focus=True))
        on_click(self.part("notebook-download-py"), lambda: self.download(to_percent_script, ".py", "text/x-python"))
        on_click(self.part("notebook-download-ipynb"),
                 lambda: self.download(to_ipynb, ".ipynb", "application/x-ipynb+json"))
        opener = self.part("notebook-file")
        on_click(self.part("notebook-open"), lambda: opener.click())
        opener.addEventListener("change", create_proxy(lambda event: self.spawn(self.open_file(opener))))
        self._fill(DEFAULT_CELLS)

    # --- cells ---------------------------------------------------------------------------------

    def _fill(self, codes):
        for cell in self.cells:
            cell.root.remove()
        self.cells = []
        for code in codes:
            self.add_cell(code, save=False)

    def add_cell(self, code, focus=False, save=True):
        cell = Cell(self, code)
        self.cells.append(cell)
        self.list.append(cell.root)
        self._renumber()
        if focus:
            cell.code.focus()
        if save:
            self.autosave()
        return cell

    def _renumber(self):
        for position, cell in enumerate(self.cells, 1):
            cell.number(position)
            cell.up.disabled = position == 1
            cell.down.disabled = position == len(self.cells)
            cell.delete.disabled = len(self.cells) == 1

    def move(self, cell, step):
        at = self.cells.index(cell)
        to = at + step
        if not 0 <= to < len(self.cells):
            return
        other = self.cells[to]
        self.cells[at], self.cells[to] = other, cell
        if step < 0:
            other.root.before(cell.root)
        else:
            other.root.after(cell.root)
        self._renumber()
        pressed = cell.up if step < 0 else cell.down
        (cell.code if pressed.disabled else pressed).focus()
        self.autosave()

    def delete(self, cell):
        if len(self.cells) == 1:
            return
        if cell in self._queue:
            self._queue.remove(cell)
        at = self.cells.index(cell)
        self.cells.remove(cell)
        cell.root.remove()
        self._renumber()
        self.cells[min(at, len(self.cells) - 1)].code.focus()
        self.autosave()

    def focus_after(self, cell):
        at = self.cells.index(cell)
        if at + 1 < len(self.cells):
            self.cells[at + 1].code.focus()
        else:
            self.add_cell("", focus=True)

    # --- kept in the tab, downloaded, opened -----------------------------------------------------

    def _codes(self):
        """The cells' code, without the token (should someone paste it into a cell)."""
        token = self.services.token
        secret = token.access_token if token is not None else ""
        return [redact(cell.code.value, secret) for cell in self.cells]

    def draft(self):
        return {"cells": encode_cells(self._codes())}

    def restore(self, draft):
        codes = decode_cells(draft.get("cells"))
        if codes is not None:
            self._fill(codes)

    def autosave(self):
        if len(self.draft()["cells"]) > MAX_DRAFT_LENGTH:
            self.message.begin(self.part("cell-add"))
            self.message.show_notice("This notebook is too large to keep in the tab over a reload; "
                                     "download it (.py or .ipynb) to keep it.")
            return
        self.spawn(self.save_draft())

    def download(self, render, extension, media_type):
        """Offer the cells (code only, no outputs) as a file, from the person's click."""
        self.message.begin(by_id("notebook-tools"))
        if self._file_url is not None:
            window.URL.revokeObjectURL(self._file_url)
        link = offer_file("notebook" + extension, [render(self._codes())], media_type)
        self._file_url = link.href
        link.click()

    async def open_file(self, opener):
        self.message.begin(by_id("notebook-tools"))
        chosen = opener.files.item(0) if opener.files.length else None
        if chosen is None:
            return
        name = chosen.name
        try:
            codes = read_notebook_file(name, await chosen.text())
        except ValueError as error:
            self.message.show_error("Could not open " + name + ": " + str(error))
            return
        except JsException:
            self.message.show_error("Could not read " + name + ".")
            return
        finally:
            opener.value = ""
        if self._codes() != list(DEFAULT_CELLS) and not window.confirm(
                "Open " + name + "? Its " + str(len(codes)) + " cells replace the cells of this notebook "
                "(download them first to keep them)."):
            return
        self._fill(codes)
        self.autosave()
        self.message.show_done("Opened " + name + ": " + str(len(codes)) + " cells.")

    # --- the worker --------------------------------------------------------------------------------

    def _say(self, text, progress=None, total=None):
        """The status line, with the progress bar: hidden (None), running (total None) or a fraction."""
        set_text(self.status, text)
        show(self.bar, progress is not None)
        if progress is not None and total:
            self.bar.max = total
            self.bar.value = progress
        elif progress is not None:
            self.bar.removeAttribute("value")

    async def start(self):
        """Start Python (once); True when it is ready."""
        while self._starting:
            await asyncio.sleep(POLL)
        if self._kernel is not None:
            return True
        self._starting = True
        self.part("notebook-start").disabled = True
        try:
            return await self._start()
        finally:
            self._starting = False
            self.part("notebook-start").disabled = self._kernel is not None

    async def _start(self):
        app_files = document.querySelector('meta[name="app-files"]').content
        config_url = window.URL.new(app_files + "pyodide.json", document.baseURI).href
        try:
            await self._fetch_ahead(config_url)
        except (JsException, ValueError, KeyError):
            pass  # the worker then fetches the files itself, without a progress bar
        self._say("Starting Python and unpacking its packages…", 0)
        self._generation += 1
        generation = self._generation
        script = document.createElement("script")
        script.type = "py"
        script.setAttribute("worker", "")
        script.setAttribute("name", WORKER_PREFIX + str(generation))
        script.setAttribute("config", config_url)
        script.src = app_files + "py/scratch/worker.py"
        document.body.append(script)
        self._script = script
        try:
            kernel = await workers[WORKER_PREFIX + str(generation)]
            about = json.loads(await kernel.start())
        except JsException:
            self._end_worker()
            self._say("Python could not be started. If a new version of this site was published since "
                      "the page was opened, reload the page.")
            return False
        if generation != self._generation:
            return False  # ended (a sign-out) while it started
        script.xworker.addEventListener("message", create_proxy(lambda event: self._heard(generation, event)))
        self._kernel = kernel
        self._executions = 0
        if window.crossOriginIsolated:
            self._interrupt = window.Int32Array.new(window.SharedArrayBuffer.new(4))
            script.xworker.postMessage(to_js({"zohoNotebookInterrupt": self._interrupt}))
        self._say("Python " + about["python"] + " is ready (Pyodide " + about["pyodide"] + "; "
                  + " and ".join(about["patched"]) + " go through the browser).")
        return True

    async def _fetch_ahead(self, config_url):
        """Download what the worker is about to load, showing how far it got: the worker then
        finds it in the browser's cache (or the service worker's)."""
        answer = await window.fetch(config_url)
        config = json.loads(await answer.text())
        runtime = window.URL.new(config["interpreter"], config_url).href
        urls = [window.URL.new(name, runtime).href for name in RUNTIME_FILES]
        wheels = [name for name in config["files"] if name.endswith(".whl")]
        urls += [window.URL.new(name, config_url).href for name in wheels]
        packages = ", ".join(name.split("/")[-1].split("-")[0].replace("_", "-") for name in wheels)
        what = "Downloading Python (Pyodide) and its packages (" + packages + ")"
        responses = []
        for url in urls:
            responses.append(await window.fetch(url))
        total = 0
        for response in responses:
            size = response.headers.get("content-length")
            if size is None or response.headers.get("content-encoding") is not None:
                total = None
                break
            total += int(size)
        loaded = 0
        self._say(what + "…", 0, total)
        for response in responses:
            reader = response.body.getReader()
            while True:
                chunk = await reader.read()
                if chunk.done:
                    break
                loaded += chunk.value.byteLength
                self._say(what + ": " + _megabytes(loaded) + (" of " + _megabytes(total) if total else ""),
                          loaded, total)

    def _end_worker(self):
        if self._script is not None:
            if self._script.xworker is not None:
                self._script.xworker.terminate()
            self._script.remove()
        self._script = None
        self._kernel = None
        self._interrupt = None
        self._generation += 1

    def _heard(self, generation, event):
        """A message from the worker: output of the running cell."""
        text = getattr(event.data, "zohoNotebook", None)
        if generation != self._generation or not isinstance(text, str):
            return
        message = json.loads(text)
        run = self._current
        if run is None or message.get("run") != run["number"]:
            return
        run["received"] += 1
        cell, kind = run["cell"], message["kind"]
        if kind in ("stdout", "stderr"):
            cell.stream(kind, message["text"])
        elif kind == "cut":
            cell.note(message["text"], "cut")
        elif kind == "result":
            cell.result(message["text"])
        elif kind == "table":
            cell.table(message["columns"], message["rows"], message["total"])
        elif kind == "download":
            link = offer_file(message["name"], [event.data.bytes], message["type"])
            self._object_urls.append(link.href)
            append = element("p", None, "download")
            append.append(link, " (" + _size(message["size"]) + ")")
            cell.output.append(append)

    # --- running cells ----------------------------------------------------------------------------

    def queue(self, cell):
        """Run ``cell`` after those already waiting (Python starts first when it is not running)."""
        if cell in self._queue or (self._current is not None and self._current["cell"] is cell):
            return
        self._queue.append(cell)
        cell.set_count("*")
        self.stop_button.disabled = False
        if not self._runner:
            self._runners += 1
            self._runner = self._runners
            self.spawn(self._run_queue(self._runner))

    def run_all(self):
        for cell in self.cells:
            self.queue(cell)

    async def _run_queue(self, me):
        """Run the waiting cells in turn; a Stop makes a new loop (this one may never wake up:
        the call to an ended worker never answers)."""
        while self._queue and self._runner == me:
            if not await self.start():
                self._drop_queue()
                break
            if self._runner != me or not self._queue:
                break
            cell = self._queue.pop(0)
            if not await self._run(cell):
                self._drop_queue()
        if self._runner == me:
            self._runner = 0
            self.stop_button.disabled = True

    def _drop_queue(self):
        for cell in self._queue:
            cell.set_count(" ")
        self._queue = []

    async def _run(self, cell):
        """Run one cell; True when it ended without an error."""
        token = await self.services.token_or_expire()
        if token is None:
            cell.set_count(" ")
            return False
        self._executions += 1
        number = self._executions
        run = {"cell": cell, "number": number, "received": 0, "started": window.performance.now()}
        self._current = run
        generation = self._generation
        cell.clear_output()
        cell.root.classList.add("running")
        self._say("Running cell " + str(self.cells.index(cell) + 1) + " [" + str(number) + "]…")
        try:
            outcome = json.loads(await self._kernel.run_cell(number, number, cell.code.value, token.to_json(),
                                                             json.dumps(self.services.config["api_domains"])))
        except JsException:
            if generation == self._generation:  # the worker failed: not a Stop
                cell.note("Python stopped unexpectedly; it starts again for the next cell.", "cut")
                self._end_worker()
                self._finish(run, " ")
            return False
        if generation != self._generation:
            return False  # stopped: the worker is gone, and _restart has said so
        while run["received"] < outcome["messages"]:  # the last lines may still be on their way
            await asyncio.sleep(POLL)
        self._finish(run, str(number))
        failed = outcome["status"] != "ok"
        seconds = "{:.2f} s".format((window.performance.now() - run["started"]) / 1000)
        where = "Cell " + str(self.cells.index(cell) + 1) + " [" + str(number) + "]" if cell in self.cells else \
            "Cell [" + str(number) + "]"
        self._say(where + (" ended with an error after " if failed else " ran in ") + seconds + ".")
        if failed:
            cell.root.classList.add("failed")
        return not failed

    def _finish(self, run, count):
        run["cell"].set_count(count)
        run["cell"].root.classList.remove("running")
        if self._current is run:
            self._current = None

    async def stop(self):
        """End the running cell and drop the waiting ones, within two seconds whatever the cell does."""
        self._drop_queue()
        run = self._current
        if run is None:
            self.stop_button.disabled = True
            return
        if self._interrupt is not None:
            window.Atomics.store(self._interrupt, 0, SIGINT)
            waited = 0
            while self._current is run and waited < INTERRUPT_GRACE:
                await asyncio.sleep(POLL)
                waited += POLL
            if self._current is not run:
                return  # KeyboardInterrupt ended it; the namespace is kept
        self._restart(run)

    def _restart(self, run):
        """End the worker (the only way to stop any code at all) and start a new one."""
        self._end_worker()
        self._finish(run, " ")
        run["cell"].note(RESET_NOTE, "cut")
        self._runner = 0
        self.stop_button.disabled = True
        self._say(RESET_NOTE + " Starting Python again…", 0)
        self.spawn(self.start())

    # --- the view -----------------------------------------------------------------------------------

    def reset(self, forget_drafts=True):
        """Signed out: the worker (and the namespace with the person's data) ends, outputs and kept
        cells go, and the notebook is the starting one again."""
        View.reset(self, forget_drafts)
        self._queue = []
        self._current = None
        self._runner = 0
        self._end_worker()
        for url in self._object_urls:
            window.URL.revokeObjectURL(url)
        self._object_urls = []
        self._fill(DEFAULT_CELLS)
        self.stop_button.disabled = True
        self.part("notebook-start").disabled = False
        self._say(NOT_STARTED)
