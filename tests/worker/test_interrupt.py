"""Stop in the worker (scratch/interrupt.py), on CPython: the page's request, handed over in the
middle of the running code, raises KeyboardInterrupt in the cell's own frames (a loop of plain
Python included), or cancels the cell's task while it awaits; the namespace stays."""

import asyncio
import signal
import sys

from scratch.interrupt import LATER, SIGINT, Interrupter
from scratch.kernel import ERROR, Kernel
from tests.support import run_coroutine


def _cell_run(kernel, interrupter, code):
    """Run ``code`` as cell 1 the way the worker does (its task known to the interrupter):
    the status and what went to stderr."""
    stderr = []

    def send(message, data=None):
        if message["kind"] == "stderr":
            stderr.append(message["text"])

    async def run_cell():
        interrupter.running(asyncio.current_task())
        try:
            return await kernel.run(1, code, send)
        finally:
            interrupter.running(None)

    return run_coroutine(run_cell()), "".join(stderr)


def _kernel():
    interrupter = Interrupter()
    return Kernel(interrupter=interrupter), interrupter


def test_a_loop_of_plain_python_ends_with_keyboard_interrupt_and_the_namespace_stays():
    kernel, interrupter = _kernel()
    answers = []

    def periodic_check():
        """What CPython's eval loop does every 50 ticks in the worker: read the buffer, here with SIGINT in it."""
        answers.append(interrupter.interrupt(sys._getframe().f_back))

    kernel.namespace["periodic_check"] = periodic_check
    status, stderr = _cell_run(kernel, interrupter, "n = 0\nwhile n < 10 ** 6:\n    n += 1\n    if n == 100:\n"
                                                    "        periodic_check()")
    assert status == ERROR and answers == [SIGINT]
    assert stderr.rstrip().endswith("KeyboardInterrupt") and 'File "Cell [1]", line' in stderr
    assert kernel.namespace["n"] == 100
    assert sys.gettrace() is None  # the trace is gone with the interrupt


def test_a_signal_checked_in_the_cell_delivers_it_once_and_a_later_one_is_ignored():
    kernel, interrupter = _kernel()
    saved = signal.getsignal(signal.SIGINT)
    interrupter.install()
    try:
        # Code the cell calls (a library) goes on to its end; the cell then stops at its signal check.
        kernel.namespace["interrupter"] = interrupter
        status, stderr = _cell_run(kernel, interrupter, (
            "import signal, sys\nsteps = []\n"
            "def library():\n    steps.append(interrupter.interrupt(sys._getframe()))\n"
            "    steps.append('library ends')\n"
            "library.__code__ = library.__code__.replace(co_filename='library.py')\n"
            "library(); signal.raise_signal(signal.SIGINT)\n"
            "steps.append('not reached')"))
        assert status == ERROR and stderr.rstrip().endswith("KeyboardInterrupt")
        assert kernel.namespace["steps"] == [SIGINT, "library ends"]
        signal.raise_signal(signal.SIGINT)  # tripped again with no Stop asked for: nothing happens
    finally:
        signal.signal(signal.SIGINT, saved)
        sys.settrace(None)


HELPER = """
def every_page(fetch):
    pages = []
    for number in range(1, 100):
        pages.append(fetch(number))
    return pages
"""


def test_the_zoho_helper_stops_between_two_pages_and_a_library_call_runs_to_its_end():
    kernel, interrupter = _kernel()
    helper = {"__name__": "zoho.paging"}  # a module of the zoho helper, as the worker has it
    exec(compile(HELPER, "/home/pyodide/zoho/paging.py", "exec"), helper)  # noqa: S102 - the test's own code
    fetched = []

    def fetch(number):
        """A library's call (a request): Stop comes while it runs the third time."""
        if number == 3:
            fetched.append(interrupter.interrupt(sys._getframe()))
        fetched.append(number)
        return number

    kernel.namespace.update(every_page=helper["every_page"], fetch=fetch)
    status, stderr = _cell_run(kernel, interrupter, "leads = []\nleads = every_page(fetch)")
    assert status == ERROR and stderr.rstrip().endswith("KeyboardInterrupt")
    assert fetched == [1, 2, SIGINT, 3]
    assert kernel.namespace["leads"] == []


def test_an_await_is_cancelled_and_shown_as_keyboard_interrupt():
    kernel, interrupter = _kernel()

    answers = []
    kernel.namespace["stop_soon"] = lambda: asyncio.get_running_loop().call_later(
        0.01, lambda: answers.append(interrupter.interrupt(None)))
    status, stderr = _cell_run(kernel, interrupter, "import asyncio\nx = 1\nstop_soon()\nawait asyncio.sleep(2)")
    assert answers == [0] and status == ERROR
    assert stderr.rstrip().endswith("KeyboardInterrupt") and "CancelledError" not in stderr
    assert 'File "Cell [1]", line 4' in stderr and kernel.namespace["x"] == 1


def test_a_cell_suspended_in_a_call_is_asked_again_and_a_late_stop_is_dropped():
    kernel, interrupter = _kernel()
    # Python that runs while the cell's own code is suspended in a call (Pyodide's time.sleep
    # lets the event loop run): the cell's task is running, and no cell is on this stack.
    kernel.namespace["from_elsewhere"] = lambda: interrupter.interrupt(None)
    kernel.namespace["steps"] = []
    _cell_run(kernel, interrupter, "steps.append(from_elsewhere())")
    assert kernel.namespace["steps"] == [LATER]
    assert interrupter.interrupt(None) == 0  # no cell runs: nothing to stop, nothing left armed
    assert sys.gettrace() is None
