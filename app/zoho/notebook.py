"""The notebook's rules, without I/O: its cells (code, or markdown) kept and exported (``.py``
with ``# %%`` markers, ``.ipynb``), read back from a file; which links a markdown cell may have; what a cell prints, buffered, capped and with the
token taken out; tables as text; cells' names in tracebacks. (Paging is zoho.calls'.)

The page (MicroPython) uses the file formats; the notebook's worker (Pyodide) the rest.
"""

import json

from .api import CRM, TOKEN_PLACEHOLDER
from .compat import is_ascii_digits, is_word
from .export import CsvExport, cell_text
from .jsontext import pretty_json
from .worker_messages import CUT, STDOUT

# --- Cells, kept and exported -------------------------------------------------------------

CELL_MARKER = "# %%"
# The notebook a person starts with: the first cell says what the `zoho` object offers.
DEFAULT_CELLS = (
    "# `zoho` calls Zoho CRM with your sign-in; the token stays in this notebook's worker.\n"
    "#   zoho.get(path, **params)           GET, the answer's JSON (also post, put, delete)\n"
    "#   zoho.post(path, json=..., **params)\n"
    "#   zoho.records(module, fields=[...])  every record, page after page (page_token)\n"
    "#   zoho.coql(query)                    every row of a COQL query\n"
    "#   zoho.fields(module)                 the module's fields\n"
    "#   zoho.table(rows, columns=None)      rows shown as a table\n"
    "#   zoho.download(name, data)           offer a file (text, bytes, or rows as .csv/.json)\n"
    "#   zoho.chart(rows, x=\"Stage\", y=\"n\")  a bar chart: a bar per row, x its label, y its height\n"
    "# requests and urllib.request work too: zoho.url(path) and zoho.headers.\n"
    "me = zoho.get(\"/crm/v8/users\", type=\"CurrentUser\")[\"users\"][0]\n"
    "print(\"Signed in as\", me[\"full_name\"])",
    "leads = zoho.records(\"Leads\", fields=[\"Last_Name\", \"Email\", \"Company\"])\n"
    "rows = list(leads)\n"
    "print(len(rows), \"leads\")\n"
    "rows[:20]",
)
MAX_FILE_CHARACTERS = 5000000
# The first cell of a downloaded notebook (.py and .ipynb). Outside the page it makes `zoho` with
# the desktop helper (zoho.desktop); in the page `zoho` is there already and it does nothing.
# Opening the file in the page again leaves it out, so it is never there twice.
SETUP_CELL = (
    "# Outside the Zoho CRM page, this cell makes `zoho` with the zoho-pyscript package:\n"
    "#   pip install \".[desktop]\"   (in a copy of the project)\n"
    "#   ZOHO_ACCESS_TOKEN=<token> ZOHO_API_DOMAIN=https://www.zohoapis.eu python notebook.py\n"
    "# In the page `zoho` is there already, and this cell does nothing.\n"
    "try:\n"
    "    zoho\n"
    "except NameError:\n"
    "    try:\n"
    "        from zoho.desktop import connect_or_exit\n"
    "    except ImportError as missing:\n"
    "        raise SystemExit(\"Outside the Zoho CRM page, this notebook needs the zoho-pyscript package: \"\n"
    "                         \"pip install '.[desktop]' in a copy of the project (\" + str(missing) + \").\") from None\n"
    "    zoho = connect_or_exit()"
)


# A cell is its code (a str), or a markdown cell: {"cell_type": MARKDOWN, "source": its text}
# (nbformat's words, so the .ipynb and the tab's draft say it the same way).
MARKDOWN = "markdown"
MARKDOWN_MARKER = CELL_MARKER + " [markdown]"  # Jupytext's, VS Code's and Spyder's percent format
LINK_SCHEMES = ("https:", "mailto:")  # the only links a rendered markdown cell keeps


def markdown_cell(text):
    return {"cell_type": MARKDOWN, "source": text}


def is_markdown(cell):
    return isinstance(cell, dict) and cell.get("cell_type") == MARKDOWN and isinstance(cell.get("source"), str)


def cell_source(cell):
    """The text of a cell, code or markdown."""
    return cell["source"] if is_markdown(cell) else cell


def is_allowed_link(url):
    """Whether a rendered markdown cell may link to ``url``: https: and mailto: only (never
    javascript:, data:, http: or a page of this site)."""
    if not isinstance(url, str):
        return False
    url = url.strip().lower()
    return any(url.startswith(scheme) for scheme in LINK_SCHEMES)


def _lines(text):
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _trimmed(lines):
    """``lines`` without the blank lines at their end."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def is_cell_marker(line):
    return line.startswith(CELL_MARKER) or line.startswith("#%%")


def without_setup(cells):
    """``cells`` without the SETUP_CELL a downloaded notebook begins with (the page has its own
    ``zoho``); [""] when nothing else is left."""
    if cells and cells[0] == SETUP_CELL:
        cells = cells[1:]
    return cells or [""]


def to_percent_script(cells):
    """The cells as a Python script, each after a ``# %%`` line (the "percent" format that
    Jupytext, VS Code, Spyder and PyCharm read as cells), after the SETUP_CELL."""
    parts = []
    for cell in [SETUP_CELL] + list(cells):
        lines = _trimmed(_lines(cell_source(cell)))
        if is_markdown(cell):
            parts.append(MARKDOWN_MARKER + "\n" + "\n".join(("# " + line).rstrip() for line in lines) + "\n")
        else:
            parts.append(CELL_MARKER + "\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)


def _is_markdown_marker(line):
    return line.replace("#%%", CELL_MARKER, 1).startswith(MARKDOWN_MARKER)


def _uncommented(lines):
    """A markdown cell's text from its ``# `` comment lines."""
    return [line[2:] if line.startswith("# ") else line[1:] if line.startswith("#") else line for line in lines]


def from_percent_script(text):
    """The cells of a Python script: split at ``# %%`` lines. A script without any is one
    cell; code before the first marker is a cell of its own; a ``# %% [markdown]`` cell is
    markdown (its ``# `` taken off); a first SETUP_CELL is left out."""
    preamble, cells, current = [], [], None
    for line in _lines(text):
        if is_cell_marker(line):
            if current is not None:
                cells.append(current)
            current = (_is_markdown_marker(line), [])
        elif current is None:
            preamble.append(line)
        else:
            current[1].append(line)
    if current is not None:
        cells.append(current)
    if any(line.strip() for line in preamble):
        cells.insert(0, (False, preamble))
    return without_setup([markdown_cell("\n".join(_trimmed(_uncommented(lines)))) if markdown
                          else "\n".join(_trimmed(lines)) for markdown, lines in cells])


NBFORMAT = 4
NBFORMAT_MINOR = 5


def _source_lines(code):
    """nbformat's multi-line string: a list of lines, each but the last ending in a newline."""
    lines = _lines(code)
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def to_ipynb(cells, outputs=None):
    """The cells as a Jupyter notebook (nbformat 4.5), after the SETUP_CELL (its id "setup").
    ``outputs``, one per cell, are (execution count, nbformat outputs: see
    zoho.notebook_outputs) of code cells; without them no outputs or execution counts."""
    outputs = list(outputs) if outputs is not None else [(None, [])] * len(cells)
    numbered = [("setup", SETUP_CELL, (None, []))] + [
        ("cell-" + str(number), cell, outputs[number - 1]) for number, cell in enumerate(cells, 1)]
    notebook = {
        "cells": [_ipynb_cell(name, cell, kept) for name, cell, kept in numbered],
        "metadata": {
            "kernelspec": {"display_name": "Python (Pyodide)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": NBFORMAT,
        "nbformat_minor": NBFORMAT_MINOR,
    }
    return pretty_json(notebook, " ")


def _ipynb_cell(name, cell, kept):
    source = _source_lines("\n".join(_trimmed(_lines(cell_source(cell)))))
    if is_markdown(cell):
        return {"cell_type": MARKDOWN, "id": name, "metadata": {}, "source": source}
    count, outputs = kept
    return {"cell_type": "code", "execution_count": count, "id": name, "metadata": {}, "outputs": outputs,
            "source": source}


def _source_text(source):
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    raise ValueError("A cell's source in this notebook is neither text nor a list of lines.")


def from_ipynb(text):
    """The cells of a Jupyter notebook (format 4): code and markdown cells as they are; raw
    cells as comments, so nothing of them is lost; a first SETUP_CELL left out."""
    return [cell for cell, _ in read_ipynb(text)] or [""]


def read_ipynb(text):
    """(cell, its nbformat outputs as they are in the file) of each cell from_ipynb keeps."""
    try:
        notebook = json.loads(text)
    except ValueError:
        raise ValueError("This .ipynb file is not JSON, so it is not a Jupyter notebook.")
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError("This .ipynb file has no list of cells (only notebooks of format 4 can be opened).")
    if notebook.get("nbformat") != NBFORMAT:
        raise ValueError("This notebook is of format {}; only format 4 can be opened.".format(
            notebook.get("nbformat")))
    cells = []
    for cell in notebook["cells"]:
        if not isinstance(cell, dict):
            raise ValueError("A cell of this notebook is not an object.")
        code = "\n".join(_trimmed(_lines(_source_text(cell.get("source", "")))))
        outputs = cell.get("outputs")
        if cell.get("cell_type") == "code":
            cells.append((code, outputs if isinstance(outputs, list) else []))
        elif cell.get("cell_type") == MARKDOWN:
            cells.append((markdown_cell(code), []))
        elif code.strip():
            cells.append(("\n".join(("# " + line).rstrip() for line in _lines(code)), []))
    if cells and cells[0][0] == SETUP_CELL:
        cells = cells[1:]
    return cells


def read_notebook_file(name, text):
    """The cells of an opened file, by its name: ``.ipynb`` or a Python script."""
    if len(text) > MAX_FILE_CHARACTERS:
        raise ValueError("This file is too large to open here (over {} characters).".format(MAX_FILE_CHARACTERS))
    if name.lower().endswith(".ipynb"):
        return from_ipynb(text)
    if name.lower().endswith(".py"):
        return from_percent_script(text)
    raise ValueError("Open a Python script (.py) or a Jupyter notebook (.ipynb).")


def encode_cells(cells):
    """What is kept of the notebook in the tab: its cells' code and markdown, nothing else."""
    return json.dumps([cell for cell in cells if isinstance(cell, str) or is_markdown(cell)])


def decode_cells(text):
    """Kept cells back, trusting nothing: a list of cells (code, markdown), or None when ``text``
    is not one."""
    if not isinstance(text, str):
        return None
    try:
        cells = json.loads(text)
    except ValueError:
        return None
    if not isinstance(cells, list) or not cells:
        return None
    for cell in cells:
        if not (isinstance(cell, str) or is_markdown(cell)):
            return None
    return [markdown_cell(cell["source"]) if is_markdown(cell) else cell for cell in cells]


def redact(text, secret):
    """``text`` with ``secret`` replaced by a placeholder (a courtesy against showing it by
    accident: code that holds the secret can always show it some other way)."""
    return text.replace(secret, TOKEN_PLACEHOLDER) if secret else text


# --- What a cell prints ---------------------------------------------------------------------

OUTPUT_CAP = 100000  # characters of output shown for one run of a cell
SEND_AT = 4096  # a partial line this long is sent without waiting for its end


def cut_note(cap=OUTPUT_CAP):
    return "Output cut: this cell printed more than {:,} characters; the rest is not shown.".format(cap)


class CellOutput:
    """What a running cell writes, on its way to the page: ``send(kind, text)`` gets whole
    lines (or pieces of SEND_AT characters), stdout and stderr in the order written, the
    secret replaced, and nothing past ``cap`` characters but one CUT note."""

    def __init__(self, send, secret="", cap=OUTPUT_CAP):
        self._send = send
        self._secret = secret
        self._cap = cap
        self._kind = STDOUT
        self._pending = ""
        self.shown = 0
        self.cut = False

    def write(self, kind, text):
        if self.cut or not text:
            return
        if kind != self._kind:
            self.flush()
            self._kind = kind
        self._pending += text
        if "\n" in text:
            self._release(self._pending.rfind("\n") + 1)
        elif len(self._pending) >= SEND_AT:
            # Keep back what could be the start of the secret, so it is never sent in two halves.
            self._release(len(self._pending) - max(0, len(self._secret) - 1))

    def flush(self):
        self._release(len(self._pending))

    def allow(self, size):
        """Whether a rich output of ``size`` characters still fits under the cap (it counts)."""
        self.flush()
        if self.cut:
            return False
        if self.shown + size > self._cap:
            self._cut()
            return False
        self.shown += size
        return True

    def _release(self, end):
        text, self._pending = self._pending[:end], self._pending[end:]
        text = redact(text, self._secret)
        if not text or self.cut:
            return
        room = self._cap - self.shown
        if len(text) > room:
            if room:
                self._send(self._kind, text[:room])
            self.shown = self._cap
            self._cut()
            return
        self.shown += len(text)
        self._send(self._kind, text)

    def _cut(self):
        self.cut = True
        self._pending = ""
        self._send(CUT, cut_note(self._cap))


# --- Tables ---------------------------------------------------------------------------------

TABLE_ROWS_SHOWN = 500


def is_table(value):
    """A non-empty list (or tuple) of dicts: shown as a table when a cell ends with it."""
    if not isinstance(value, (list, tuple)) or not value:
        return False
    for item in value:
        if not isinstance(item, dict):
            return False
    return True


def table_of(rows, columns=None, limit=TABLE_ROWS_SHOWN):
    """(columns, the first ``limit`` rows as lists of text, the number of rows).

    ``rows`` are dicts (a column per key, in the order first seen, unless ``columns`` names
    them) or sequences (with ``columns`` as their headings, else numbered).
    """
    rows = list(rows)
    if columns is None:
        columns = []
        for row in rows:
            keys = row if isinstance(row, dict) else range(len(row))
            for key in keys:
                if key not in columns:
                    columns.append(key)
    columns = list(columns)
    shown = []
    for row in rows[:limit]:
        if isinstance(row, dict):
            shown.append([cell_text(row.get(name)) for name in columns])
        else:
            values = list(row)
            shown.append([cell_text(values[i]) if i < len(values) else "" for i in range(len(columns))])
    return [cell_text(name) for name in columns], shown, len(rows)


TEXT_CELL_WIDTH = 40  # characters of a cell a text table shows; a longer one ends in "…"


def _one_line(text, width):
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def table_text(rows, columns=None, limit=TABLE_ROWS_SHOWN, width=TEXT_CELL_WIDTH):
    """A table as text, for a terminal (``zoho.table`` on the desktop): the headings, a rule,
    the rows' cells on one line each and padded to their column's widest, and a last line
    saying how many rows were not shown; "(no rows)" for none."""
    names, shown, total = table_of(rows, columns, limit)
    if not total:
        return "(no rows)"
    lines = [[_one_line(text, width) for text in line] for line in [names] + shown]
    widths = [max(len(line[i]) for line in lines) for i in range(len(names))]
    lines.insert(1, ["-" * size for size in widths])
    text = "\n".join("  ".join(cell + " " * (size - len(cell)) for cell, size in zip(line, widths)).rstrip()
                     for line in lines)
    if total > len(shown):
        text += "\n({:,} rows; the first {:,} shown)".format(total, len(shown))
    return text


# --- Downloads ------------------------------------------------------------------------------

MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "txt": "text/plain",
    "py": "text/x-python",
    "ipynb": "application/x-ipynb+json",
    "html": "text/plain",  # never rendered as a page: a download of data shows as text
}
MAX_NAME = 120


def download_name(name):
    """A file name to offer: no folders, no control characters, not empty, not too long."""
    name = str(name).replace("\\", "/").split("/")[-1]
    kept = "".join(ch for ch in name if ord(ch) >= 0x20 and ord(ch) != 0x7F).strip().lstrip(".")
    return kept[-MAX_NAME:] or "download"


def media_type(name):
    _, dot, extension = name.rpartition(".")
    return MEDIA_TYPES.get(extension.lower(), "application/octet-stream") if dot else "application/octet-stream"


def download_bytes(name, data):
    """What ``zoho.download`` offers: text and bytes as they are; rows (a list of dicts or of
    lists) as CSV, or as JSON when the name ends in .json; a dict as JSON. (CPython only:
    the worker's and the desktop's.)"""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, dict) or (isinstance(data, (list, tuple)) and name.lower().endswith(".json")):
        return json.dumps(data, indent=1, ensure_ascii=False, default=str).encode("utf-8")
    if isinstance(data, (list, tuple)):
        columns, rows, _ = table_of(data, limit=len(data))
        export = CsvExport(columns)
        records = [dict(zip(columns, row)) for row in rows]
        return (export.start() + export.rows(records) + export.end()).encode("utf-8")
    raise TypeError("zoho.download(name, data) takes text, bytes, a dict, or rows (a list of dicts "
                    "or of lists), not " + type(data).__name__)


# --- Tracebacks -----------------------------------------------------------------------------

def cell_filename(number):
    """The file name a cell's code runs as: tracebacks then name the cell ("Cell [3]")."""
    return "Cell [" + str(number) + "]"


def is_cell_file(filename):
    return filename.startswith("Cell [") and filename.endswith("]") and is_ascii_digits(filename[6:-1])


# --- Paging (the flows are zoho.calls') ------------------------------------------------------

RECORDS_PER_PAGE = 200


def module_path(module):
    """The records path of ``module``; ValueError for anything but a module's API name."""
    if not isinstance(module, str) or not is_word(module):
        raise ValueError("{!r} is not a module's API name (such as Leads or Contacts).".format(module))
    return CRM + "/" + module
