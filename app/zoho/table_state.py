"""A module's table as the person left it: the chosen fields and the sort, kept in the tab's
sessionStorage under ``zoho.table.<module>`` so they survive a reload and a module switch.

Storage is read back as untrusted: anything malformed, too long or of another shape is no state,
and names that are not API names are dropped. Given the module's fields as Zoho lists them now,
those no longer there are dropped too (the tab may have signed in to another organisation).
"""

import json

from .compat import Value, is_word
from .sorting import ASC, DESC, RECORDS_SORT_FIELDS, Sort

TABLE_PREFIX = "zoho.table."
MAX_STORED_LENGTH = 20000
MAX_FIELDS = 50  # Zoho's cap on a records list's ``fields``
VERSION = 1


class TableState(Value):
    """The fields chosen for a module's table, in order, and its Sort (or None)."""

    FIELDS = ("fields", "sort")

    def __init__(self, fields, sort=None):
        self.fields = list(fields)
        self.sort = sort


def table_key(module: str) -> str:
    """The sessionStorage key of a module's table; ValueError for a name that is not an API name."""
    if not is_word(module):
        raise ValueError("a module's API name has letters, digits and underscores only")
    return TABLE_PREFIX + module


def encode_table(state: "TableState") -> str:
    """The stored text of ``state``."""
    sort = None
    if state.sort is not None:
        sort = {"by": state.sort.sort_by, "order": state.sort.sort_order}
    return json.dumps({"v": VERSION, "fields": list(state.fields), "sort": sort})


def _fields(listed, known):
    if not isinstance(listed, list):
        return None
    kept = []
    for name in listed:
        if isinstance(name, str) and is_word(name) and name not in kept and (known is None or name in known):
            kept.append(name)
    return kept[:MAX_FIELDS]


def _sort(stored, known):
    if not isinstance(stored, dict):
        return None
    by, order = stored.get("by"), stored.get("order")
    if not isinstance(by, str) or not is_word(by) or order not in (ASC, DESC):
        return None
    if known is not None and by not in known and by not in RECORDS_SORT_FIELDS:
        return None
    return Sort(by, order)


def decode_table(text: object, known: "list[str] | None" = None) -> "TableState | None":
    """The TableState stored as ``text``, or None when there is none or it is not one of ours.
    ``known``: the module's field API names now (None: not known yet); others are dropped, and
    a state left with no field is None."""
    if not isinstance(text, str) or len(text) > MAX_STORED_LENGTH:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    names = _fields(data.get("fields"), known)
    if not names:
        return None
    return TableState(names, _sort(data.get("sort"), known))
