"""The notebook's kernel: runs cells in one namespace, streams what they print, shows the
value a cell ends with, and cuts tracebacks down to the person's own cells.

Plain Python (CPython in the tests, Pyodide in the worker): worker.py hands it ``send``,
the way a message reaches the page.
"""

import ast
import asyncio
import builtins
import inspect
import io
import json
import linecache
import sys
import traceback

from zoho.notebook import (
    CellOutput,
    cell_filename,
    download_bytes,
    download_name,
    is_cell_file,
    is_table,
    media_type,
    redact,
    table_of,
)
from zoho.worker_messages import CHART, DOWNLOAD, RESULT, STDERR, STDOUT, TABLE

OK, ERROR = "ok", "error"


class Stream(io.TextIOBase):
    """sys.stdout or sys.stderr while a cell runs."""

    def __init__(self, output, kind):
        self._output = output
        self._kind = kind

    def writable(self):
        return True

    def write(self, text):
        self._output.write(self._kind, str(text))
        return len(text)

    def flush(self):
        self._output.flush()


def _compile_cell(code, filename):
    """The cell's code, and its last statement as an expression when it is one (its value is
    shown, unless the line ends with ";"). Top-level ``await`` is allowed."""
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree = ast.parse(code, filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not code.rstrip().endswith(";"):
        last = ast.Expression(tree.body.pop().value)
        last = compile(last, filename, "eval", flags=flags)
    return compile(tree, filename, "exec", flags=flags), last


async def _evaluate(code, namespace):
    """Run compiled cell code; code with a top-level ``await`` gives a coroutine to await."""
    result = eval(code, namespace)  # noqa: S307 - running the person's own code is the point
    if code.co_flags & inspect.CO_COROUTINE:
        result = await result
    return result


def _keep_cells(exception, seen):
    """Leave only the frames of the person's cells in a TracebackException and its chain."""
    if exception is None or id(exception) in seen:
        return
    seen.add(id(exception))
    exception.stack = traceback.StackSummary.from_list(
        [frame for frame in exception.stack if is_cell_file(frame.filename)])
    _keep_cells(exception.__cause__, seen)
    _keep_cells(exception.__context__, seen)
    for inner in getattr(exception, "exceptions", None) or ():
        _keep_cells(inner, seen)


def format_error(error):
    """A traceback of ``error`` that names only the person's cells ("Cell [3]", line 2)."""
    summary = traceback.TracebackException.from_exception(error)
    _keep_cells(summary, set())
    return "".join(summary.format())


class Kernel:
    """One Python namespace; cells run in it one at a time."""

    def __init__(self, names=None, interrupter=None):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, **(names or {})}
        self._interrupter = interrupter  # scratch.interrupt's, in the worker
        self._send = None
        self._output = None
        self._secret = ""

    async def run(self, number, code, send, secret=""):
        """Run the code of a cell as run number ``number``; OK or ERROR.

        ``send(message, data=None)`` gets each output as it comes: {"kind": "stdout" |
        "stderr" | "cut", "text"}, {"kind": "result", "text"}, {"kind": "table", "columns",
        "rows", "total"} or {"kind": "download", "name", "type", "size"} with the bytes.
        """
        filename = cell_filename(number)
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        self._send, self._secret = send, secret
        self._output = CellOutput(lambda kind, text: send({"kind": kind, "text": text}), secret)
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = Stream(self._output, STDOUT), Stream(self._output, STDERR)
        try:
            body, last = _compile_cell(code, filename)
            await _evaluate(body, self.namespace)
            if last is not None:
                self.display(await _evaluate(last, self.namespace))
            return OK
        except BaseException as error:  # noqa: BLE001 - the person's code may raise anything, even SystemExit
            if isinstance(error, asyncio.CancelledError) and self._stopped():
                error = KeyboardInterrupt().with_traceback(error.__traceback__)  # Stop, during an await
            self._output.write(STDERR, format_error(error))
            return ERROR
        finally:
            self._output.flush()
            sys.stdout, sys.stderr = saved
            self._send = None

    def _stopped(self):
        return self._interrupter is not None and self._interrupter.cancelled

    def _rich(self, message, data=None):
        """Send a rich output in its place among the printed lines (it counts against the cap)."""
        if self._send is None:
            raise RuntimeError("tables and downloads can be shown only while a cell runs")
        size = sum(len(text) for row in message.get("rows", ()) for text in row) + len(message.get("text", ""))
        if self._output.allow(size):
            self._send(message, data)

    def display(self, value):
        """Show the value a cell ends with: a list of dicts as a table, anything else by its repr."""
        if value is None:
            return
        if is_table(value):
            self.table(value)
            return
        self._rich({"kind": RESULT, "text": redact(repr(value), self._secret)})

    def table(self, rows, columns=None):
        columns, shown, total = table_of(rows, columns)
        self._rich({"kind": TABLE, "columns": [redact(text, self._secret) for text in columns],
                    "rows": [[redact(text, self._secret) for text in row] for row in shown], "total": total})

    def download(self, name, data):
        name = download_name(name)
        payload = download_bytes(name, data)
        self._rich({"kind": DOWNLOAD, "name": name, "type": media_type(name), "size": len(payload)}, payload)

    def chart(self, spec):
        """A Vega-Lite spec (zoho.charts) for the page to draw, the token masked in its text."""
        self._rich({"kind": CHART, "spec": json.loads(redact(json.dumps(spec), self._secret))})
