"""Pyodide's memory snapshot of the notebook's worker (py/scratch/python.mjs, from
static/scratch/python.mjs.j2): what is imported before it is taken, and what a start from it renews.

``prepare`` imports what worker.py imports (requests and pyodide-http's patches included), nothing
more: no module here may keep a JavaScript object other than one of the worker's globals (such as
XMLHttpRequest), and nothing of a session (token, cell) exists yet. worker.py then finds every
module imported, in a full start and in a start from the snapshot alike.
"""

import importlib
import sys

# What worker.py imports but the JavaScript modules (js, pyodide_js: the worker's own), and what
# pyodide_http.patch_all() imports there (requests and urllib3 through pyodide_http._requests).
MODULES = (
    "asyncio", "json", "sys", "time", "urllib.request",
    "pyodide", "pyodide.ffi", "pyodide_http", "pyodide_http._requests", "pyodide_http._urllib", "requests",
    "scratch.completion", "scratch.interrupt", "scratch.kernel",
    "zoho.errors", "zoho.notebook_helper", "zoho.token", "zoho.worker_messages",
)
RESTORED = False  # this worker's Python started from a snapshot


def prepare():
    for name in MODULES:
        importlib.import_module(name)


def renew():
    """After a start from the snapshot: what must not be the same in every worker started from it."""
    global RESTORED
    RESTORED = True
    random = sys.modules.get("random")
    if random is not None:
        random.seed()  # its state would otherwise repeat in each worker (os.urandom is not in the snapshot)
    # Pyodide puts "" first in sys.path at each start, the snapshot's own included.
    sys.path[:] = [entry for index, entry in enumerate(sys.path) if entry not in sys.path[:index]]
