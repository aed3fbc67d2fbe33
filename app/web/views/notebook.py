"""The notebook: cells of the person's Python, run by Pyodide in a worker started on first use
(the worker client: app/web/views/notebook_worker.py; a cell: notebook_cell.py).

Stop ends any cell: with KeyboardInterrupt, the namespace kept, where the page is
cross-origin isolated (served by the site's service worker, which adds COOP and COEP),
otherwise by ending the worker and starting a new one, said so (notebook_runs.py). Delete of a
cell and Open… can be undone (zoho.notebook_edits); signed out in another tab, the cells
stay with Download and Discard.

Markdown cells are shown rendered (notebook_markdown.py). Only the cells' code and markdown is kept in the tab (a draft, see zoho.drafts), never outputs or the token.
Its place in the address bar: ``?view=notebook``.
"""

from jsffi import JsException
from zoho.drafts import MAX_DRAFT_LENGTH
from zoho.notebook import (
    DEFAULT_CELLS,
    decode_cells,
    encode_cells,
    read_notebook_file,
    to_ipynb,
    to_percent_script,
)
from zoho.notebook_edits import Undo, unsaved_work
from zoho.notebook_outputs import opened_outputs, to_nbformat

from pyscript import window
from pyscript.ffi import create_proxy

from web.view import View
from web.dom import by_id, on_click, set_text, show
from web.views.notebook_cell import Cell, offer_file
from web.views.notebook_runs import Runs

NOT_STARTED = "Python is not running yet: start it, or run a cell (that starts it)."
SIGNED_OUT = "Signed out: sign in again to run cells. Your cells stay here to download or discard."
KEPT_NOTE = ("You are signed out, so Python was stopped and the outputs are gone. Your cells are still "
             "here: download them to keep them, or discard them.")


class NotebookView(View):
    name = "notebook"

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.runnable = True  # False while signed out, with cells kept (see keep_after_sign_out)
        self.cells = []
        self.list = self.part("cells")
        self.status = self.part("notebook-status")
        self.bar = self.part("notebook-progress")
        self.undo_button = self.part("cell-undo")
        self.kept_note = self.part("notebook-kept")
        self.runs = Runs(self)
        self.undo = Undo()
        self._kept = list(DEFAULT_CELLS)  # the cells as last downloaded or opened: nothing to lose
        self._file_url = None
        on_click(self.part("notebook-start"), lambda: self.spawn(self.runs.start()))
        on_click(self.part("notebook-run-all"), self.run_all)
        on_click(self.part("notebook-stop"), lambda: self.spawn(self.runs.stop()))
        on_click(self.part("notebook-restart"), self.runs.restart)
        on_click(self.part("cell-add"), lambda: self.add_cell("", focus=True))
        on_click(self.undo_button, self.undo_last)
        on_click(self.part("notebook-download-py"), self.download_py)
        self.keep_outputs = self.part("notebook-keep-outputs")
        on_click(self.part("notebook-download-ipynb"),
                 lambda: self.download(self._ipynb, ".ipynb", "application/x-ipynb+json"))
        on_click(self.part("notebook-kept-download"), self.download_py)
        on_click(self.part("notebook-kept-discard"), self.discard)
        opener = self.part("notebook-file")
        on_click(self.part("notebook-open"), lambda: opener.click())
        opener.addEventListener("change", create_proxy(lambda event: self.spawn(self.open_file(opener))))
        self._fill(DEFAULT_CELLS)

    # --- cells ---------------------------------------------------------------------------------

    def _fill(self, cells):
        self._show_cells([Cell(self, content) for content in cells])

    def _show_cells(self, cells):
        self.cells = list(cells)
        self.list.replaceChildren(*[cell.root for cell in self.cells])
        self._renumber()

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
            cell.run_button.disabled = not self.runnable
        label = self.undo.label()
        show(self.undo_button, label is not None)
        set_text(self.undo_button, label or "")

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
        self.runs.unqueue(cell)
        at = self.cells.index(cell)
        self.undo.deleted(self.cells, at)
        self.cells.remove(cell)
        cell.root.remove()
        self._renumber()
        self.cells[min(at, len(self.cells) - 1)].code.focus()
        self.autosave()

    def undo_last(self):
        """Undo the latest Delete or Open…: the cells come back as they were, outputs included."""
        if self.undo.label() is None:
            return
        cells, focus = self.undo.undo(self.cells)
        self._show_cells(cells)
        self.cells[focus].code.focus()
        self.autosave()

    def focus_after(self, cell):
        at = self.cells.index(cell)
        if at + 1 < len(self.cells):
            self.cells[at + 1].code.focus()
        else:
            self.add_cell("", focus=True)

    # --- kept in the tab, downloaded, opened -----------------------------------------------------

    def _ipynb(self, cells):
        """The .ipynb, with the cells' outputs when the person asked for them."""
        if not self.keep_outputs.checked:
            return to_ipynb(cells)
        secret = self.services.secret()
        return to_ipynb(cells, [(cell.execution, to_nbformat(cell.messages, cell.execution, secret))
                                for cell in self.cells])

    def _codes(self):
        """The cells (code, markdown), without the token (should someone paste it into a cell)."""
        secret = self.services.secret()
        return [cell.content(secret) for cell in self.cells]

    def draft(self):
        return {"cells": encode_cells(self._codes()), "kept": encode_cells(self._kept)}

    def restore(self, draft):
        codes = decode_cells(draft.get("cells"))
        if codes is not None:
            self._fill(codes)
        self._kept = decode_cells(draft.get("kept")) or list(DEFAULT_CELLS)

    def autosave(self):
        if len(self.draft()["cells"]) > MAX_DRAFT_LENGTH:
            self.message.begin(self.part("cell-add").parentElement)
            self.message.show_notice("This notebook is too large to keep in the tab over a reload; "
                                     "download it (.py or .ipynb) to keep it.")
            return
        self.spawn(self.save_draft())

    def unsaved_work(self):
        """A short sentence when the cells hold work kept nowhere else (for sign-out to ask)."""
        return unsaved_work(self._codes(), self._kept)

    def download_py(self):
        self.download(to_percent_script, ".py", "text/x-python")

    def download(self, render, extension, media_type):
        """Offer the cells as a file (outputs only in a .ipynb, when asked), from the person's click."""
        self.message.begin(by_id("notebook-tools"))
        if self._file_url is not None:
            window.URL.revokeObjectURL(self._file_url)
        codes = self._codes()
        link = offer_file("notebook" + extension, [render(codes)], media_type)
        self._file_url = link.href
        link.click()
        self._kept = codes
        self.autosave()

    async def open_file(self, opener):
        self.message.begin(by_id("notebook-tools"))
        chosen = opener.files.item(0) if opener.files.length else None
        if chosen is None:
            return
        name = chosen.name
        try:
            text = await chosen.text()
            codes = read_notebook_file(name, text)
            outputs = opened_outputs(name, text) or []
        except ValueError as error:
            self.message.show_error("Could not open " + name + ": " + str(error))
            return
        except JsException:
            self.message.show_error("Could not read " + name + ".")
            return
        finally:
            opener.value = ""
        self.undo.replaced(self.cells, name)
        self._fill(codes)
        for cell, output in zip(self.cells, outputs):
            if output:
                cell.show_opened(output)
        self._kept = codes
        self.autosave()
        self.message.show_done("Opened " + name + ": " + str(len(codes)) + " cells (" + self.undo.label()
                               + " brings back the cells it replaced).")

    # --- the status line, running cells --------------------------------------------------------------------------------

    def say(self, text, progress=None, total=None):
        """The status line, with the progress bar: hidden (None), running (total None) or a fraction."""
        set_text(self.status, text)
        show(self.bar, progress is not None)
        if progress is not None and total:
            self.bar.max = total
            self.bar.value = progress
        elif progress is not None:
            self.bar.removeAttribute("value")

    def queue(self, cell):
        if self.runnable:
            self.runs.queue(cell)

    def run_all(self):
        if not self.runnable:
            return
        for cell in self.cells:
            if not cell.is_markdown():
                self.runs.queue(cell)

    # --- the view -----------------------------------------------------------------------------------

    def _forget_outputs(self):
        for cell in self.cells:
            if not cell.is_markdown():  # its rendered text is no output of Python's
                cell.clear_output()
                cell.set_count(" ")
        self.runs.forget_downloads()

    def keep_after_sign_out(self):
        """Signed out (in another tab, or here choosing to keep the cells): Python ends (its
        namespace held the person's data) and the outputs go, but the cells stay, with Download
        and Discard."""
        self.runs.end()
        self._forget_outputs()
        self.message.clear()
        set_text(self.kept_note.querySelector("p"), KEPT_NOTE)
        show(self.kept_note)
        self._set_runnable(False)
        self.say(SIGNED_OUT)

    def signed_in(self):
        show(self.kept_note, False)
        self._set_runnable(True)
        self.say(NOT_STARTED)
        View.signed_in(self)

    def _set_runnable(self, runnable):
        """Signed out, nothing may run (Python would have no sign-in to call Zoho with): the
        commands that start Python or run cells are off until the next sign-in."""
        self.runnable = runnable
        for testid in ("notebook-run-all", "notebook-start", "notebook-restart"):
            self.part(testid).disabled = not runnable
        self._renumber()

    def discard(self):
        """The kept cells go: the notebook is the starting one again."""
        self.reset()

    def reset(self, forget_drafts=True):
        """Signed out: the worker (and the namespace with the person's data) ends, outputs and kept
        cells go, and the notebook is the starting one again."""
        View.reset(self, forget_drafts)
        self.runs.end()
        self._forget_outputs()
        self.undo.forget()
        self._kept = list(DEFAULT_CELLS)
        self._fill(DEFAULT_CELLS)
        show(self.kept_note, False)
        self.say(NOT_STARTED)
