"""Stop that keeps the namespace: KeyboardInterrupt in the running cell, asked for by the page
through a SharedArrayBuffer (only where the page is cross-origin isolated).

Pyodide's interrupt buffer alone does not do it (Pyodide 314): CPython's eval loop reads the
buffer every 50 ticks, but the SIGINT it trips is acted on only where code checks for signals
(``time.sleep``, I/O), never in a loop of plain Python; and written while the cell awaits, it
strikes whatever Python runs next, the event loop's own callbacks. So the buffer CPython reads
is a view (worker.py) that hands the page's request to ``Interrupter.interrupt``, which runs in
the middle of the code that is running: when a cell's frames are on the stack, it raises
KeyboardInterrupt in them or in the ``zoho`` helper's (a trace function on those frames, and
the signal for code that waits); when the cell is waiting on an ``await``, it cancels the cell's task, which the kernel
shows as the KeyboardInterrupt it stands for; when the cell is in the middle of a call that
Pyodide suspended (``time.sleep`` lets the event loop run meanwhile), it waits until the cell
runs again.

Plain Python (CPython in the tests, Pyodide in the worker).
"""

import inspect
import signal
import sys

from zoho.notebook import is_cell_file

SIGINT = int(signal.SIGINT)  # a plain int: it goes back to the JavaScript that asked
LATER = -1  # the cell is suspended in a call: ask again when it runs


class Interrupter:
    def __init__(self):
        self._task = None  # the task running a cell, while one runs
        self._frames = []  # the frames a KeyboardInterrupt is on its way to
        self.cancelled = False  # Stop cancelled the running cell's task (it waited on an await)

    def install(self):
        """Take SIGINT: it raises KeyboardInterrupt only in a cell Stop was pressed for."""
        signal.signal(signal.SIGINT, self._on_signal)

    def running(self, task):
        """A cell runs as ``task`` (None once it has ended)."""
        self._task = task
        self.cancelled = False

    def interrupt(self, frame):
        """Stop was pressed while ``frame`` ran (the innermost frame of the running code, None
        when none runs); the signal for CPython to trip: SIGINT when it is on its way to the
        cell's frames, LATER when the cell is suspended in a call, else 0."""
        stoppable = []
        cells = False
        while frame is not None:
            in_cell = is_cell_file(frame.f_code.co_filename)
            cells = cells or in_cell
            if in_cell or frame.f_globals.get("__name__", "").split(".")[0] == "zoho":
                stoppable.append(frame)
            frame = frame.f_back
        if not cells:
            if self._task is None or self._task.done():
                return 0  # no cell runs: a Stop that came too late
            if inspect.getcoroutinestate(self._task.get_coro()) != inspect.CORO_SUSPENDED:
                return LATER
            self.cancelled = True  # it waits on an await
            self._task.cancel()
            return 0
        # Raised only in the cells' own code (functions defined in cells included) and the
        # ``zoho`` helper's (between two pages of a paging call, say): other code the cell called
        # (a library, Pyodide's own, which may not expect it) goes on to its end first.
        self._frames = stoppable
        for each in stoppable:
            each.f_trace = self._trace
        sys.settrace(self._trace)
        return SIGINT

    def _trace(self, frame, event, arg):
        if self._deliver_in(frame):
            return self._trace
        return None  # other code the cell called: the interrupt waits until it returns

    def _on_signal(self, signum, frame):
        self._deliver_in(frame)  # (a signal checked in other code the cell called leaves it to the trace)

    def _deliver_in(self, frame):
        """Raise KeyboardInterrupt once, in a frame it may stop (a cell's, the zoho helper's),
        from whichever comes first: the trace or the signal; False when ``frame`` is not one."""
        if not any(each is frame for each in self._frames):
            return False
        for each in self._frames:
            each.f_trace = None
        self._frames = []
        sys.settrace(None)
        raise KeyboardInterrupt
