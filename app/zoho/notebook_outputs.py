"""A cell's outputs in a downloaded ``.ipynb`` (kept when the person asks for them), and the
outputs of an opened ``.ipynb`` read back as text. Pure; the page's output messages are
zoho.worker_messages' kinds."""

import json

from .charts import MEDIA_TYPE, bars, is_bar_chart
from .notebook import read_ipynb, redact, table_text
from .worker_messages import CHART, CUT, RESULT, STDERR, STDOUT, STREAMS, TABLE


def _lines(text):
    """nbformat's multi-line string: a list of lines, each but the last ending in a newline."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _table(message):
    text = table_text(message["rows"], message["columns"])
    if message["total"] > len(message["rows"]):
        text += "\n({:,} rows; the first {:,} kept)".format(message["total"], len(message["rows"]))
    return text


def _chart(spec, secret):
    """A chart as its Vega-Lite spec under Vega-Lite 6's media type (drawn by a viewer that knows it;
    JupyterLab's and VS Code's own renderers know v5 at most) with its bars as text, which every
    viewer shows; text only when the spec holds the token."""
    columns, rows = bars(spec)
    data = {"text/plain": _lines(redact(table_text(rows, columns), secret))}
    if not (secret and secret in json.dumps(spec)):
        data[MEDIA_TYPE] = spec
    return {"output_type": "display_data", "metadata": {}, "data": data}


def to_nbformat(messages, count, secret=""):
    """The nbformat outputs of a cell's output messages: what it printed as streams (in the
    order printed), its value as an execute_result of ``count``, a table as text, a chart as
    Vega-Lite with its bars as text, a cut note on stderr; the token masked again (it may have
    been renewed since). Downloads are left out: they are files, not text."""
    outputs = []
    for message in messages:
        kind = message["kind"]
        if kind in STREAMS or kind == CUT:
            name = STDOUT if kind == STDOUT else STDERR
            text = redact(message["text"], secret) + ("\n" if kind == CUT else "")
            if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == name:
                outputs[-1]["text"] += text
            else:
                outputs.append({"output_type": "stream", "name": name, "text": text})
        elif kind == RESULT:
            outputs.append({"output_type": "execute_result", "execution_count": count, "metadata": {},
                            "data": {"text/plain": _lines(redact(message["text"], secret))}})
        elif kind == TABLE:
            outputs.append({"output_type": "display_data", "metadata": {},
                            "data": {"text/plain": _lines(redact(_table(message), secret))}})
        elif kind == CHART and is_bar_chart(message["spec"]):  # the page draws no other either
            outputs.append(_chart(message["spec"], secret))
    for output in outputs:
        if output["output_type"] == "stream":
            output["text"] = _lines(output["text"])
    return outputs


def _text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    return ""


def output_text(outputs):
    """An opened notebook's outputs of one cell as plain text (streams, values and displays
    by their text/plain, errors by name and message); "" for none. Nothing is rendered."""
    parts = []
    for output in outputs:
        if not isinstance(output, dict):
            continue
        kind = output.get("output_type")
        if kind == "stream":
            parts.append(_text(output.get("text")))
        elif kind in ("execute_result", "display_data") and isinstance(output.get("data"), dict):
            text = _text(output["data"].get("text/plain"))
            parts.append(text + ("\n" if text and not text.endswith("\n") else ""))
        elif kind == "error":
            parts.append(_text(output.get("ename")) + ": " + _text(output.get("evalue")) + "\n")
    return "".join(parts).rstrip("\n")


def opened_outputs(name, text):
    """The outputs as text of each cell zoho.notebook.read_notebook_file gives for the same
    ``.ipynb`` file ("" for a cell without); None for a script, which has none."""
    if not name.lower().endswith(".ipynb"):
        return None
    return [output_text(outputs) for _, outputs in read_ipynb(text)] or [""]
