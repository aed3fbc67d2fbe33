"""One cell of the notebook on the page: its code (or markdown), its controls (kind, run, move,
delete) and its output as the worker sends it (see app/web/views/notebook.py)."""

from zoho.notebook import MARKDOWN, cell_source, is_markdown, markdown_cell, redact
from zoho.worker_messages import CUT, DOWNLOAD, RESULT, STDOUT, STREAMS, TABLE

from pyscript.ffi import create_proxy

from web.dom import element, fill_table, object_url, on_click, set_text
from web.views.notebook_completion import on_tab
from web.views.notebook_markdown import render_into

KINDS = (("code", "Code"), (MARKDOWN, "Markdown"))


def file_size(size):
    return "{:,} bytes".format(size) if size < 10000 else "{:,} kB".format(size // 1000)


def offer_file(name, blob_parts, media_type):
    """A link that downloads ``blob_parts`` as ``name``; its object URL is the caller's to revoke."""
    link = element("a", "Download " + name)
    link.href = object_url(blob_parts, media_type)
    link.setAttribute("download", name)
    return link


class Cell:
    """One cell on the page: its code or markdown (``content``: see zoho.notebook), its controls,
    its output (a markdown cell's: its text rendered)."""

    def __init__(self, notebook, content):
        self.notebook = notebook
        self.messages = []  # the outputs of its last run, for a .ipynb with outputs
        self.execution = None  # its execution count, once run
        code = cell_source(content)
        self.root = element("li", None, "cell")
        self.root.setAttribute("data-testid", "cell")
        head = element("div", None, "cell-head")
        self.count = element("span", "[ ]", "count")
        self.count.setAttribute("data-testid", "cell-count")
        self.kind = element("select")
        self.kind.setAttribute("data-testid", "cell-kind")
        for value, label in KINDS:
            option = element("option", label)
            option.value = value
            self.kind.append(option)
        self.kind.value = MARKDOWN if is_markdown(content) else "code"
        self.kind.addEventListener("change", create_proxy(lambda event: self._kind_changed()))
        self.run_button = self._button(head, "Run", "cell-run", self.run, "primary")
        self.up = self._button(head, "↑", "cell-up", lambda: notebook.move(self, -1))
        self.down = self._button(head, "↓", "cell-down", lambda: notebook.move(self, 1))
        self.delete = self._button(head, "Delete", "cell-delete", lambda: notebook.delete(self))
        head.prepend(self.count, self.kind)
        self.code = element("textarea")
        self.code.setAttribute("data-testid", "cell-code")
        self.code.spellcheck = False
        self.code.setAttribute("wrap", "off")  # code keeps its lines; a long one scrolls
        self.code.value = code
        self.code.addEventListener("input", create_proxy(lambda event: self.edited()))
        self.code.addEventListener("keydown", create_proxy(self._key))
        self.hint = element("pre", None, "cell-hint")  # what Tab and Shift+Tab found
        self.hint.setAttribute("data-testid", "cell-hint")
        self.hint.hidden = True
        self.output = element("div", None, "cell-output")
        self.output.setAttribute("data-testid", "cell-output")
        self.output.setAttribute("aria-live", "polite")
        self.root.append(head, self.code, self.hint, self.output)
        self._fit()
        if self.is_markdown():
            self._show_kind()

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
                           (self.code, "Code of cell "), (self.kind, "Kind of cell ")):
            node.setAttribute("aria-label", what + str(position))

    def is_markdown(self):
        return self.kind.value == MARKDOWN

    def content(self, secret):
        """What is kept and downloaded of this cell (zoho.notebook's cell), ``secret`` taken out."""
        text = redact(self.code.value, secret)
        return markdown_cell(text) if self.is_markdown() else text

    def run(self):
        """Run: code goes to Python; markdown is shown rendered (Python is not needed)."""
        if self.is_markdown():
            self.render()
        else:
            self.notebook.queue(self)

    def render(self):
        self.notebook.spawn(render_into(self.output, self.code.value))

    def _show_kind(self):
        if self.is_markdown():
            self.root.classList.add("markdown")
        else:
            self.root.classList.remove("markdown")
        self.clear_output()
        self.set_count(" ")
        if self.is_markdown():
            self.render()

    def _kind_changed(self):
        self.notebook.runs.unqueue(self)
        self._show_kind()
        self.notebook.autosave()

    def _fit(self):
        self.code.rows = max(2, min(30, len(self.code.value.split("\n"))))

    def edited(self):
        self._fit()
        self.hint.hidden = True
        if self.is_markdown():
            self.render()
        self.notebook.autosave()

    def _key(self, event):
        if event.key == "Tab" and not self.is_markdown():
            on_tab(self, event)
        elif event.key == "Enter" and (event.shiftKey or event.ctrlKey):
            event.preventDefault()
            self.run()
            if event.shiftKey:
                self.notebook.focus_after(self)

    def set_count(self, text):
        self.execution = int(text) if text.isdigit() else None
        set_text(self.count, "[" + text + "]")

    def clear_output(self):
        self.hint.hidden = True
        self.messages = []
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

    def show_opened(self, text):
        """The outputs an opened .ipynb had for this cell, as text (kept as such in the next)."""
        self.messages.append({"kind": STDOUT, "text": text})
        self.output.append(element("pre", text, "stream opened"))

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

    def show_output(self, message, data=None):
        """One output message of the worker (see zoho.worker_messages); returns the object URL
        of a download (the caller revokes it when the notebook is reset), else None."""
        kind = message["kind"]
        self.messages.append(message)
        if kind in STREAMS:
            self.stream(kind, message["text"])
        elif kind == CUT:
            self.note(message["text"], "cut")
        elif kind == RESULT:
            self.result(message["text"])
        elif kind == TABLE:
            self.table(message["columns"], message["rows"], message["total"])
        elif kind == DOWNLOAD:
            link = offer_file(message["name"], [data], message["type"])
            line = element("p", None, "download")
            line.append(link, " (" + file_size(message["size"]) + ")")
            self.output.append(line)
            return link.href
        return None
