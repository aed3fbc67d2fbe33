"""Stop that keeps the namespace: KeyboardInterrupt in the running cell, asked for by the page
through a SharedArrayBuffer (only where the page is cross-origin isolated).

Pyodide's interrupt buffer alone does not do it (Pyodide 314): CPython's eval loop reads the
buffer every 50 ticks, but the SIGINT it trips is acted on only where code checks for signals
(``time.sleep``, I/O), never in a loop of plain Python; and written while the cell awaits, it
strikes whatever Python runs next, the event loop's own callbacks. So the buffer CPython reads
is a view (worker.py) that hands the page's request to ``Interrupter.interrupt``, which runs in
the middle of the code that is running: when a cell's frames are on the stack, it raises
KeyboardInterrupt in them (a trace function on those frames, and the signal for code that
waits); when the cell is waiting on an ``await``, it cancels the cell's task, which the kernel
shows as the KeyboardInterrupt it stands for.

Plain Python (CPython in the tests, Pyodide in the worker).
"""

import signal
import sys

from zoho.notebook import is_cell_file

SIGINT = int(signal.SIGINT)  # a plain int: it goes back to the JavaScript that asked


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
        """Stop was pressed while ``frame`` ran (the innermost frame of the running code); the
        signal for CPython to trip: SIGINT when it is on its way to a cell, else 0."""
        frames = []
        while frame is not None:
            frames.append(frame)
            frame = frame.f_back
        if not any(is_cell_file(each.f_code.co_filename) for each in frames):
            # No cell on the stack: it waits on an await (or none runs).
            if self._task is not None and not self._task.done():
                self.cancelled = True
                self._task.cancel()
            return 0
        self._frames = frames
        for each in frames:
            each.f_trace = self._trace
        sys.settrace(self._trace)
        return SIGINT

    def _trace(self, frame, event, arg):
        if any(each is frame for each in self._frames):
            self._deliver()
            return self._trace
        return None  # a frame the running code calls meanwhile: the interrupt waits for its return

    def _on_signal(self, signum, frame):
        self._deliver()

    def _deliver(self):
        """Raise KeyboardInterrupt once, from whichever comes first: the trace or the signal."""
        if not self._frames:
            return
        for each in self._frames:
            each.f_trace = None
        self._frames = []
        sys.settrace(None)
        raise KeyboardInterrupt
