"""The notebook's worker: Pyodide in a web worker, started by the page on demand
(app/web/views/notebook.py), with the kernel (scratch/kernel.py) and the ``zoho`` object
(zoho/notebook_helper.py).

The page calls the functions in ``__export__``. What a cell prints reaches the page while
the cell runs, as messages this worker posts to it (their names and kinds are in
zoho.worker_messages, shared with the page). pyodide-http makes ``requests`` and ``urllib.request`` go through
the browser's HTTP stack.
"""

import asyncio
import json
import sys
import time

import js
import pyodide
import pyodide_http
import pyodide_js
from pyodide.ffi import JsException, create_proxy, to_js

from scratch import completion, snapshot
from scratch.interrupt import LATER, SIGINT, Interrupter
from scratch.kernel import Kernel
from zoho import worker_messages as messages
from zoho.errors import NetworkError
from zoho.notebook_helper import Zoho
from zoho.token import TokenRecord

pyodide_http.patch_all()


def _post(payload, data=None):
    message = {messages.OUTPUT: messages.encode(payload)}
    if data is not None:
        message[messages.BYTES] = to_js(data)
    js.postMessage(to_js(message, dict_converter=js.Object.fromEntries))


def _headers(raw):
    headers = {}
    for line in raw.split("\r\n"):
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return headers


def send_request(request):
    """An ApiRequest over a synchronous XMLHttpRequest (a worker may block): (status, headers, text)."""
    xhr = js.XMLHttpRequest.new()
    try:
        xhr.open(request.method, request.url, False)
        for name, value in request.headers.items():
            xhr.setRequestHeader(name, value)
        xhr.send(request.body) if request.body is not None else xhr.send()
    except JsException:
        raise NetworkError.seen_by(js.navigator.onLine) from None
    if xhr.status == 0:
        raise NetworkError.seen_by(js.navigator.onLine)
    return xhr.status, _headers(xhr.getAllResponseHeaders()), xhr.responseText


interrupter = Interrupter()
kernel = Kernel(interrupter=interrupter)
zoho = Zoho(send_request, time.sleep, time.time, kernel)
kernel.namespace["zoho"] = zoho

# What CPython's eval loop reads as Pyodide's interrupt buffer (every 50 ticks, and where code
# checks for signals): a view of the page's buffer that hands the page's SIGINT to the
# interrupter (scratch/interrupt.py says why). JavaScript, because Pyodide also reads the
# buffer from code that runs without the GIL, where no Python may run.
_SIGNAL_VIEW = js.Function.new("page", "module", "interrupt", """
    const view = {};
    Object.defineProperty(view, 0, {
        get() {
            if (Atomics.load(page, 0) !== 2 || !module._PyGILState_Check()) {
                return 0;
            }
            Atomics.store(page, 0, 0);
            const signal = interrupt();
            if (signal < 0) {
                Atomics.store(page, 0, 2);  // LATER: asked again as the code goes on
                return 0;
            }
            return signal;
        },
        set: () => {},
    });
    return view;""")
_page_buffer = None


def _interrupt():
    return interrupter.interrupt(sys._getframe().f_back)


def _on_page_message(event):
    """The page's interrupt buffer (only where it is cross-origin isolated), then each Stop:
    KeyboardInterrupt in the running cell instead of a restart of the worker."""
    global _page_buffer
    buffer = getattr(event.data, messages.INTERRUPT, None)
    if buffer is not None:
        _page_buffer = buffer
        interrupter.install()
        pyodide_js.setInterruptBuffer(_SIGNAL_VIEW(buffer, pyodide_js._module, create_proxy(_interrupt)))
        _post({"kind": messages.INTERRUPT_READY})
    elif getattr(event.data, messages.STOP, None) is not None and _page_buffer is not None:
        # Stop while no Python runs (a cell waiting on a fetch, say): nothing reads the buffer.
        if js.Atomics.exchange(_page_buffer, 0, 0) == SIGINT and interrupter.interrupt(None) == LATER:
            js.Atomics.store(_page_buffer, 0, SIGINT)


js.addEventListener("message", create_proxy(_on_page_message))


def _patched():
    import urllib.request

    names = []
    if urllib.request.urlopen.__module__.startswith("pyodide_http"):
        names.append("urllib")
    try:
        import requests  # noqa: F401 - only to see whether it is there
    except ImportError:
        return names
    names.append("requests")
    return names


def start():
    """What runs here: Python's and Pyodide's versions, what pyodide-http patched, and whether
    Python started from a memory snapshot (scratch/snapshot.py)."""
    return json.dumps({"python": sys.version.split()[0], "pyodide": pyodide.__version__, "patched": _patched(),
                       "snapshot": snapshot.RESTORED})


async def run_cell(run, number, code, token_json, api_domains_json):
    """Run a cell as run number ``number`` with the sign-in ``token_json``; JSON of its
    status and of how many messages it posted (the page waits for them all)."""
    posted = 0

    def send(message, data=None):
        nonlocal posted
        posted += 1
        _post(dict(message, run=run), data)

    token = TokenRecord.from_json(token_json, json.loads(api_domains_json))
    zoho.use(token)
    task = asyncio.current_task()
    interrupter.running(task)
    try:
        status = await kernel.run(number, code, send, token.access_token)
    finally:
        interrupter.running(None)
        if task is not None:
            task.uncancel()  # a Stop that cancelled it was taken by the kernel
    return json.dumps({"status": status, "messages": posted})


def complete(name):
    """Tab: JSON of the names and attributes that start as ``name``."""
    return json.dumps(completion.complete(kernel.namespace, name))


def describe(name):
    """Shift+Tab: ``name``'s signature and the first line of its docstring."""
    return json.dumps(completion.describe(kernel.namespace, name))


__export__ = ["start", "run_cell", "complete", "describe"]
