"""The notebook: the person's Python runs in Pyodide in a worker, started on first use.

The first screen runs on MicroPython; Pyodide (about 13 MB) loads only when the
person asks for it, in a worker, so the page stays responsive.
Its place in the address bar: ``?view=notebook``.
"""

from jsffi import JsException
from pyscript import document, workers

from web.shell import View
from web.view import by_id, on_click, set_text

WORKER_NAME = "scratch"


class NotebookView(View):
    name = "notebook"

    def __init__(self, session, shell):
        View.__init__(self, session, shell)
        self._worker = None
        self.status = self.part("scratch-status")
        self.code = self.part("scratch-code")
        self.output = self.part("scratch-output")
        self.run_button = self.part("scratch-run")
        on_click(self.part("scratch-start"), lambda: self.spawn(self.start()))
        on_click(self.run_button, lambda: self.spawn(self.run()))

    def reset(self):
        View.reset(self)
        set_text(self.output, "")

    async def start(self):
        if self._worker is not None:
            return
        self.part("scratch-start").disabled = True
        set_text(self.status, "Loading Python (Pyodide) in the background…")
        script = document.createElement("script")
        script.type = "py"
        script.setAttribute("worker", "")
        script.setAttribute("name", WORKER_NAME)
        app_files = document.querySelector('meta[name="app-files"]').content
        script.setAttribute("config", app_files + "pyodide.json")
        script.src = app_files + "py/scratch/worker.py"
        document.body.append(script)
        try:
            self._worker = await workers[WORKER_NAME]
            set_text(self.status, await self._worker.status())
        except JsException:
            set_text(self.status, "Python could not be started. If a new version of this site was "
                                  "published since the page was opened, reload the page.")
            return
        by_id("scratch-editor").hidden = False

    async def run(self):
        if self._worker is None:
            return
        token = await self.session.token_or_expire()
        if token is None:
            return
        self.run_button.disabled = True
        set_text(self.output, "Running…")
        try:
            result = await self._worker.run_cell(self.code.value, token.api_domain, token.access_token)
        except JsException:
            result = "The scratchpad's Python stopped unexpectedly. Reload the page to start it again."
        set_text(self.output, result)
        self.run_button.disabled = False
