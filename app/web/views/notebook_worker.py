"""The notebook's worker client: starts Pyodide in a web worker (app/scratch/worker.py) on
first use, runs a cell there, hears what it prints, interrupts or ends it.

The first screen runs on MicroPython; Pyodide (about 13 MB) loads only when the person
starts the notebook or runs a cell, in a worker, so the page stays responsive. What a cell
prints comes back while it runs, as messages the worker posts (zoho.worker_messages).
"""

import asyncio
import json

from jsffi import JsException
from zoho import worker_messages as messages

from pyscript import document, window, workers
from pyscript.ffi import create_proxy, to_js

WORKER_PREFIX = "notebook-"
SIGINT = 2  # what Pyodide's interrupt buffer takes to raise KeyboardInterrupt
POLL = 0.02
CANNOT_START = ("Python could not be started. If a new version of this site was published since the page "
                "was opened, reload the page.")


def _megabytes(size):
    return "{:.1f} MB".format(size / 1000000)


class WorkerFailed(Exception):
    """The worker ended while it ran a cell (not a Stop: it crashed, or ran out of memory)."""


class WorkerClient:
    """One worker at a time; ``say(text, progress=None, total=None)`` tells the status line,
    ``hear(message, data)`` gets the outputs of the run in progress."""

    def __init__(self, say, hear):
        self._say = say
        self._hear = hear
        self._script = None  # the <script> of the running worker
        self._kernel = None  # its exported functions, once it is ready
        self._starting = False
        self._generation = 0  # one per worker: messages of an ended one are ignored
        self._interrupt = None  # Int32Array on a SharedArrayBuffer, where the page is isolated
        self.run_number = None  # the run whose outputs are awaited
        self._received = 0

    @property
    def ready(self):
        return self._kernel is not None

    @property
    def can_interrupt(self):
        return self._interrupt is not None

    async def start(self):
        """Start Python (once); True when it is ready."""
        while self._starting:
            await asyncio.sleep(POLL)
        if self._kernel is not None:
            return True
        self._starting = True
        try:
            return await self._start()
        finally:
            self._starting = False

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
            self.end()
            self._say(CANNOT_START)
            return False
        if generation != self._generation:
            return False  # ended (a sign-out) while it started
        script.xworker.addEventListener("message", create_proxy(lambda event: self._heard(generation, event)))
        self._kernel = kernel
        script.dataset.pythonStart = "snapshot" if about.get("snapshot") else "full"
        self._offer_interrupt(script.xworker)
        self._say("Python " + about["python"] + " is ready (Pyodide " + about["pyodide"] + "; "
                  + " and ".join(about["patched"]) + " go through the browser).")
        return True

    def _offer_interrupt(self, xworker):
        """Where the page is cross-origin isolated (served by the site's service worker, which
        adds COOP and COEP), hand the worker an interrupt buffer, a SharedArrayBuffer: Stop then
        raises KeyboardInterrupt in the cell instead of ending the worker with its namespace."""
        if not window.crossOriginIsolated:
            return
        self._interrupt = window.Int32Array.new(window.SharedArrayBuffer.new(4))
        xworker.postMessage(to_js({messages.INTERRUPT: self._interrupt}))

    async def _fetch_ahead(self, config_url):
        """Download what the worker is about to load (the build lists it in the worker's config),
        showing how far it got: the worker then finds it in the browser's cache (or the service
        worker's)."""
        answer = await window.fetch(config_url)
        files = json.loads(await answer.text())["notebook_files"]
        urls = [window.URL.new(name, config_url).href for name in files]
        wheels = [name for name in files if name.endswith(".whl")]
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

    def end(self):
        """End the worker (the only way to stop any code at all): its namespace goes with it."""
        if self._script is not None:
            if self._script.xworker is not None:
                self._script.xworker.terminate()
            self._script.remove()
        self._script = None
        self._kernel = None
        self._interrupt = None
        self.run_number = None
        self._generation += 1

    def _heard(self, generation, event):
        if generation != self._generation:
            return
        message = messages.decode(getattr(event.data, messages.OUTPUT, None))
        if message is None or not messages.belongs_to(message, self.run_number):
            return
        self._received += 1
        self._hear(message, getattr(event.data, messages.BYTES, None))

    async def run(self, number, code, token, api_domains):
        """Run ``code`` as run ``number``; its status ("ok" or "error") once every output has
        arrived, or None when the worker was ended meanwhile (a Stop, a sign-out).
        Raises WorkerFailed when the worker itself failed."""
        generation = self._generation
        self.run_number, self._received = number, 0
        if self._interrupt is not None:
            window.Atomics.store(self._interrupt, 0, 0)  # a Stop that came too late for the last run
        try:
            outcome = json.loads(await self._kernel.run_cell(number, number, code, token.to_json(),
                                                             json.dumps(api_domains)))
        except JsException:
            if generation != self._generation:
                return None
            self.end()
            raise WorkerFailed() from None
        if generation != self._generation:
            return None
        while self._received < outcome["messages"]:  # the last lines may still be on their way
            await asyncio.sleep(POLL)
        self.run_number = None
        return outcome["status"]

    async def ask(self, what, name):
        """The worker's ``complete`` (a list of names) or ``describe`` (a text) of ``name``;
        None when Python is not running or ended meanwhile."""
        if self._kernel is None:
            return None
        generation = self._generation
        try:
            answer = json.loads(await getattr(self._kernel, what)(name))
        except JsException:
            return None
        return answer if generation == self._generation else None

    def interrupt(self):
        """Raise KeyboardInterrupt in the running cell (only where the page is isolated): the
        worker reads the buffer as its code runs, and hears of it when none runs (an await)."""
        window.Atomics.store(self._interrupt, 0, SIGINT)
        self._script.xworker.postMessage(to_js({messages.STOP: self.run_number or 0}))
