"""The signed-in workspace as it was last drawn, kept in the tab so that a repeat load paints it
before Python runs (issue 23): static/first-script.js reads ``sessionStorage[PAINT_KEY]``,
checks it as ``read_snapshot`` does, and shows it as text, marked as not yet live, until Python
takes over. What it holds is what the screen showed as text: the header's user, organisation and
data centre, the view's name and the address bar's query (never its fragment), and for the
Records view the module names, the open module's title and the table's text. Never the token:
a snapshot in which the token appears anywhere is not made. Sign-out removes it.
"""

import json

PAINT_KEY = "zoho.paint"
VERSION = 1
VIEWS = ("records", "query", "console", "notebook")
HEADER = ("user", "org", "dc")
MAX_TEXT = 200  # characters of one text (a longer one is cut, ending with "…")
MAX_MODULES = 100
MAX_COLUMNS = 20
MAX_ROWS = 50
MAX_SEARCH = 2000


def build_snapshot(view, search, header, modules=(), title="", head=(), rows=(), secret=""):
    """The snapshot's JSON text; None when there is nothing to keep (not a known view) or when
    ``secret`` (the access token) appears anywhere in it. ``header`` maps HEADER names to text;
    ``rows`` are lists of cell texts, cut to ``head``'s width."""
    if view not in VIEWS:
        return None
    head = [_text(cell) for cell in list(head)[:MAX_COLUMNS]]
    snapshot = {
        "v": VERSION,
        "view": view,
        "search": _search(search),
        "header": {name: _text(header.get(name, "")) for name in HEADER},
        "modules": [_text(name) for name in list(modules)[:MAX_MODULES]] if view == "records" else [],
        "title": _text(title) if view == "records" else "",
        "head": head if view == "records" else [],
        "rows": [[_text(cell) for cell in list(row)[:len(head)]] for row in list(rows)[:MAX_ROWS]]
        if view == "records" and head else [],
    }
    text = json.dumps(snapshot)
    if secret and (secret in text or json.dumps(secret)[1:-1] in text):
        return None
    return text


def read_snapshot(text):
    """The snapshot kept in ``text`` as a dict, or None when it is missing, corrupt or not one
    this version made (any unknown key, wrong type or size refuses it whole)."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or sorted(data) != sorted(_KEYS) or data["v"] != VERSION:
        return None
    header = data["header"]
    if data["view"] not in VIEWS or not _is_search(data["search"]) or not isinstance(header, dict) \
            or sorted(header) != sorted(HEADER) or not all(_is_text(header[name]) for name in HEADER):
        return None
    if not _is_texts(data["modules"], MAX_MODULES) or not _is_text(data["title"]) \
            or not _is_texts(data["head"], MAX_COLUMNS):
        return None
    rows = data["rows"]
    if not isinstance(rows, list) or len(rows) > MAX_ROWS \
            or not all(_is_texts(row, len(data["head"])) for row in rows):
        return None
    return data


_KEYS = ("v", "view", "search", "header", "modules", "title", "head", "rows")


def _text(value):
    text = value if isinstance(value, str) else ""
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def _search(search):
    """The address bar's query as kept: "" or "?..." with no fragment in it."""
    return search if _is_search(search) else ""


def _is_search(search):
    return isinstance(search, str) and len(search) <= MAX_SEARCH and "#" not in search \
        and (search == "" or search.startswith("?"))


def _is_text(value):
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _is_texts(values, most):
    return isinstance(values, list) and len(values) <= most and all(_is_text(value) for value in values)
