"""Export what a view shows, every page of it, to a CSV or JSON file made in the browser.

The core's export flow (zoho.calls.export) fetches the pages as its pages' flow says (COQL pages
side by side, or records pages one after the other; retries as the flow says), with the rows so
far on show, the way it goes, and a Cancel; the file is offered as a download, with the calls
and API credits it took said, and nothing leaves for any other server.
"""

import asyncio
import time

from zoho.calls import export
from zoho.export import BOM, CsvExport, JsonExport

from pyscript import window
from pyscript.ffi import to_js

from web.dom import object_url, offer_download, on_click, set_text, show

#: Seconds paused between the parts of an export, once LONG_TASK seconds went by without a pause.
#: Not 0: MicroPython's asyncio (webassembly port) runs a task that slept 0 again in the same
#: JavaScript task, so the browser would not paint until the whole export is written; a timer
#: gives it the turn (a few ms each time: not after every part).
PAUSE = 0.001
LONG_TASK = 0.05


class Exporter:
    def __init__(self, view, progress, cancel_button, status):
        self.view = view
        self.progress = progress
        self.status = status
        self.count = status.querySelector(".export-count")
        self.running = False
        self.cancelled = False
        on_click(cancel_button, self.cancel)

    def cancel(self):
        if self.running:
            self.cancelled = True

    async def run(self, kind, name, columns, labels, pages, explain=None, said="", reached=""):
        """Export every page of the ``pages`` flow (zoho.calls.record_pages, coql_side_by_side
        ...) to ``name``.csv or .json, ``said`` (the way it goes) on show meanwhile, ``reached``
        said after it when the flow ended at a reach (its result True); the zoho.calls.Exported,
        or None when a page could not be had (the view's message says why, with ``explain`` as
        for View.call) or on Cancel."""
        if self.running:
            return None
        writer = CsvExport(columns, labels) if kind == "csv" else JsonExport(columns)
        counted = [0]
        paused = [time.time()]
        self.running, self.cancelled = True, False
        self.progress.removeAttribute("value")  # how many there are is not known
        set_text(self.count, (said + " " if said else "") + "Exporting…")
        show(self.status)

        async def on_rows(page):
            counted[0] += len(page.rows)
            self.progress.value = counted[0]
            self.progress.max = counted[0] + (1 if page.more else 0)
            set_text(self.count, (said + " " if said else "") + str(counted[0]) + " records so far")
            if page.more and time.time() - paused[0] >= LONG_TASK:
                await asyncio.sleep(PAUSE)  # let the page paint, and Cancel be pressed, between parts
                paused[0] = time.time()
            return not self.cancelled

        try:
            done = None if self.cancelled else await self.view.drive(export(pages, writer), explain, on_rows)
        finally:
            self.running = False
            show(self.status, False)
        if self.cancelled:
            self.view.message.show_done("Export cancelled; no file was made.")
            return None
        if done is None:
            return None
        filename = name + "." + writer.extension
        download(filename, done.text, writer.media_type)
        self.view.message.show_done("Exported {} records to {} ({} {}, {} API {}).{}".format(
            done.rows, filename, done.calls, "call" if done.calls == 1 else "calls",
            done.credits, "credit" if done.credits == 1 else "credits",
            " " + reached if reached and done.ended is True else ""))
        return done


def download(filename, text, media_type):
    """Offer ``text`` as a file named ``filename``, made here in the browser."""
    parts = [text]
    if text.startswith(BOM):
        # Python text reaches JavaScript through a UTF-8 decoder that drops a leading BOM:
        # the BOM goes in as its bytes.
        parts = [window.Uint8Array.new(to_js(list(BOM.encode()))), text[len(BOM):]]
    offer_download(object_url(parts, media_type), filename)
