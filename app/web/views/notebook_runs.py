"""The notebook's runs: cells waiting to run, run one at a time in the worker, Stop and
Restart Python. Split off app/web/views/notebook.py (which holds the cells)."""

import asyncio

from zoho.worker_messages import CHART

from pyscript import window

from web.chart import ChartPlace
from web.dom import element
from web.views.notebook_worker import POLL, WorkerClient, WorkerFailed

INTERRUPT_GRACE = 1.0  # seconds an interrupted cell gets to end before the worker is ended
RESET_NOTE = ("Stopped: Python was restarted, so the notebook's namespace was reset (variables and "
              "imports of earlier cells are gone).")
# Why Stop restarted rather than interrupted.
NOT_ISOLATED = (" Stop keeps them only where the page is cross-origin isolated, which this site's service "
                "worker makes it from the next load of the page on, where the browser allows one.")
NOT_INTERRUPTED = " The cell did not stop within a second of the interrupt (a call that never checks for it)."
INTERRUPTED = "{} stopped with KeyboardInterrupt; the namespace is kept (variables and imports of earlier cells)."
RESTARTED = "Python was restarted: variables and imports of earlier cells are gone."


class Runs:
    """Runs the notebook's cells in its worker. ``notebook`` gives ``cells``, ``spawn``,
    ``services`` (token_or_expire, config), ``say`` (the status line) and its ``part``s."""

    def __init__(self, notebook):
        self.notebook = notebook
        self.worker = WorkerClient(notebook.say, self._heard)
        self.stop_button = notebook.part("notebook-stop")
        self.start_button = notebook.part("notebook-start")
        self.object_urls = []  # of the downloads cells offered, revoked when the notebook is reset
        self._executions = 0  # execution counts, per worker (from 1 again once it ends)
        self._queue = []
        self._current = None  # the run in progress: {"cell", "number", "started"}
        self._runner = 0  # the id of the loop that runs the queue, 0 when none runs
        self._runners = 0

    def _heard(self, message, data):
        """An output of the running cell."""
        if self._current is not None:
            url = self._current["cell"].show_output(message, data)
            if url is not None:
                self.object_urls.append(url)
            if message["kind"] == CHART:
                self._chart(self._current["cell"], message["spec"])

    def _chart(self, cell, spec):
        """``zoho.chart``'s chart in its place among the cell's outputs, drawn once the library is loaded."""
        figure = element("figure", None, "chart")
        figure.setAttribute("data-testid", "chart")
        cell.output.append(figure)
        self.notebook.spawn(self._draw(figure, spec))

    async def _draw(self, figure, spec):
        problem = await ChartPlace(figure).draw(spec)
        if problem is not None:
            figure.replaceWith(element("p", problem, "cut"))

    @property
    def can_answer(self):
        """Whether Python can answer Tab and Shift+Tab now (it is running, and no cell is)."""
        return self.worker.ready and self._current is None

    async def start(self):
        """Start Python (once); True when it is ready."""
        self.start_button.disabled = True
        try:
            return await self.worker.start()
        finally:
            self.start_button.disabled = self.worker.ready

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
            self.notebook.spawn(self._run_queue(self._runner))

    def unqueue(self, cell):
        """``cell`` is deleted: it no longer waits to run."""
        if cell in self._queue:
            self._queue.remove(cell)
            cell.set_count(" ")

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

    def _where(self, cell, number):
        cells = self.notebook.cells
        return ("Cell " + str(cells.index(cell) + 1) if cell in cells else "Cell") + " [" + str(number) + "]"

    async def _run(self, cell):
        """Run one cell; True when it ended without an error."""
        services = self.notebook.services
        token = await services.token_or_expire()
        if token is None:
            cell.set_count(" ")
            return False
        self._executions += 1
        number = self._executions
        run = {"cell": cell, "number": number, "started": window.performance.now()}
        self._current = run
        cell.clear_output()
        cell.root.classList.add("running")
        self.notebook.say("Running " + self._where(cell, number) + "…")
        try:
            status = await self.worker.run(number, cell.code.value, token, services.config["api_domains"])
        except WorkerFailed:
            cell.note("Python stopped unexpectedly; it starts again for the next cell.", "cut")
            self._finish(run, " ")
            self._executions = 0  # the next worker counts from 1
            return False
        if status is None:
            return False  # stopped: the worker is gone, and whoever ended it has said so
        self._finish(run, str(number))
        failed = status != "ok"
        seconds = "{:.2f} s".format((window.performance.now() - run["started"]) / 1000)
        self.notebook.say(self._where(cell, number) + (" ended with an error after " if failed else " ran in ")
                          + seconds + ".")
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
        why = NOT_ISOLATED
        if self.worker.can_interrupt:
            self.worker.interrupt()
            waited = 0
            while self._current is run and waited < INTERRUPT_GRACE:
                await asyncio.sleep(POLL)
                waited += POLL
            if self._current is not run:
                self.notebook.say(INTERRUPTED.format(self._where(run["cell"], run["number"])))
                return
            why = NOT_INTERRUPTED
        self.end(RESET_NOTE + why)
        self.notebook.say(RESET_NOTE + why + " Starting Python again…", 0)
        self.notebook.spawn(self.start())

    def restart(self):
        """Restart Python on request: a new, empty namespace (a running cell is stopped)."""
        self.end(RESET_NOTE)
        self.notebook.say(RESTARTED + " Starting Python again…", 0)
        self.notebook.spawn(self.start())

    def end(self, note=None):
        """End the worker and every run: the one in progress says ``note``, the waiting ones go."""
        self._drop_queue()
        run = self._current
        self.worker.end()
        self._executions = 0  # counted per worker: the next one counts from 1 (not when a start that
        # waited on another, such as the one started ahead of time, returns after runs were counted)
        if run is not None:
            self._finish(run, " ")
            if note:
                run["cell"].note(note, "cut")
        self._current = None
        self._runner = 0
        self.stop_button.disabled = True
        self.start_button.disabled = False

    def forget_downloads(self):
        for url in self.object_urls:
            window.URL.revokeObjectURL(url)
        self.object_urls = []
