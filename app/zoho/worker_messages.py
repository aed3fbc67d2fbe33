"""What the notebook's page (app/web/views/notebook*.py, MicroPython) and its worker
(app/scratch/worker.py, Pyodide) say to each other, named once for both sides.

The worker posts ``{OUTPUT: JSON text, BYTES: a download's content}``; the JSON is one of the
kinds below, with the number of the run it belongs to. The page posts ``{INTERRUPT: an
Int32Array}`` where it is cross-origin isolated, and ``{STOP: run number}`` at each Stop.
"""

import json

OUTPUT = "zohoNotebook"  # the key of a worker message's JSON text
BYTES = "bytes"  # the key of a download's content, beside it
INTERRUPT = "zohoNotebookInterrupt"  # the key of the page's interrupt buffer
STOP = "zohoNotebookStop"  # the key of the page's Stop (the run's number), after it wrote SIGINT to the buffer

# The kinds of output (the "kind" of the JSON).
STDOUT = "stdout"  # {"text"}: what the cell printed
STDERR = "stderr"  # {"text"}
CUT = "cut"  # {"text"}: the output cap was reached, or Python stopped
RESULT = "result"  # {"text"}: the repr of the value the cell ended with
TABLE = "table"  # {"columns", "rows", "total"}
DOWNLOAD = "download"  # {"name", "type", "size"}, the content under BYTES
INTERRUPT_READY = "interrupt-ready"  # the worker took the interrupt buffer
CHART = "chart"  # {"spec"}: a Vega-Lite spec (zoho.charts), drawn under the cell by the page's web/chart.py
STREAMS = (STDOUT, STDERR)


def encode(payload):
    """The JSON text of a message, in the worker (CPython): characters as they are, not as
    ``\\u`` escapes, because the page's MicroPython json.loads turns an escaped surrogate
    pair (any character beyond U+FFFF, an emoji) into two invalid characters."""
    return json.dumps(payload, ensure_ascii=False)


def decode(text):
    """The message of a worker's JSON text, on the page: a dict, or None when it is none of ours."""
    if not isinstance(text, str):
        return None
    message = json.loads(text)
    return message if isinstance(message, dict) and isinstance(message.get("kind"), str) else None


def belongs_to(message, run_number):
    """Whether an output message is of the run the page is waiting for (not of an ended one)."""
    return run_number is not None and message.get("run") == run_number
