"""Export what a view shows, every page of it, to a CSV or JSON file made in the browser.

Pages are fetched one after the other (Zoho's concurrency limit; the session retries after
a 429), with the rows so far on show and a Cancel; the file is offered as a download, and
nothing leaves for any other server.
"""

import asyncio

from zoho.export import BOM, CsvExport, JsonExport

from pyscript import document, window
from pyscript.ffi import to_js

from web.view import object_url, on_click, set_text, show


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

    async def run(self, kind, name, columns, labels, next_page):
        """Export to ``name``.csv or .json: ``next_page(cursor)`` gives (records, cursor) for
        each page, the first with cursor None, until the cursor is None again; None when a
        page could not be had (the view's message says why)."""
        if self.running:
            return
        export = CsvExport(columns, labels) if kind == "csv" else JsonExport(columns)
        chunks = [export.start()]
        rows = 0
        self.running, self.cancelled = True, False
        self.progress.removeAttribute("value")  # how many there are is not known
        set_text(self.count, "Exporting…")
        show(self.status)
        try:
            cursor = None
            while not self.cancelled:
                page = await next_page(cursor)
                if page is None:
                    return
                records, cursor = page
                chunks.append(export.rows(records))
                rows += len(records)
                self.progress.value = rows
                self.progress.max = rows + (1 if cursor is not None else 0)
                set_text(self.count, str(rows) + " records so far")
                if cursor is None:
                    break
                await asyncio.sleep(0)  # let the page answer between pages
        finally:
            self.running = False
            show(self.status, False)
        if self.cancelled:
            self.view.message.show_done("Export cancelled; no file was made.")
            return
        chunks.append(export.end())
        filename = name + "." + export.extension
        download(filename, "".join(chunks), export.media_type)
        self.view.message.show_done("Exported " + str(rows) + " records to " + filename + ".")


def download(filename, text, media_type):
    """Offer ``text`` as a file named ``filename``, made here in the browser."""
    parts = [text]
    if text.startswith(BOM):
        # Python text reaches JavaScript through a UTF-8 decoder that drops a leading BOM:
        # the BOM goes in as its bytes.
        parts = [window.Uint8Array.new(to_js(list(BOM.encode()))), text[len(BOM):]]
    url = object_url(parts, media_type)
    link = document.createElement("a")
    link.href = url
    link.download = filename
    document.body.append(link)
    link.click()
    link.remove()
    window.URL.revokeObjectURL(url)
