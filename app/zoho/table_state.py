"""A module's table as the person left it: the chosen fields, the sort, the page size, the
custom view and the filter applied (zoho.filters.Applied), kept in the tab's
sessionStorage under ``zoho.table.<module>`` so they survive a reload and a module switch.

Storage is read back as untrusted: anything malformed, too long or of another shape is no state,
and names that are not API names are dropped. Given the module's fields as Zoho lists them now,
those no longer there are dropped too (the tab may have signed in to another organisation).
"""

import json

from .compat import Value, is_word
from .filters import MAX_CRITERIA_LENGTH, Applied
from .record_list import PAGE_SIZES, is_view_id
from .sorting import ASC, DESC, RECORDS_SORT_FIELDS, Sort

TABLE_PREFIX = "zoho.table."
MAX_STORED_LENGTH = 20000
MAX_FIELDS = 50  # Zoho's cap on a records list's ``fields``
VERSION = 1


class TableState(Value):
    """The fields chosen for a module's table, in order, its Sort, page size, custom view's id and
    filter applied (zoho.filters.Applied) (each None when not chosen)."""

    FIELDS = ("fields", "sort", "per_page", "view", "filter")

    def __init__(self, fields, sort=None, per_page=None, view=None, filter=None):
        self.fields = list(fields)
        self.sort = sort
        self.per_page = per_page
        self.view = view
        self.filter = filter


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
    kept = {"v": VERSION, "fields": list(state.fields), "sort": sort}
    if state.per_page is not None:
        kept["per_page"] = state.per_page
    if state.view is not None:
        kept["view"] = state.view
    if state.filter is not None:
        kept["filter"] = {"field": state.filter.field, "operator": state.filter.operator,
                          "values": list(state.filter.entries)}
    return json.dumps(kept)


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


def _filter(stored, known):
    """The Applied filter stored, or None: its field and operator names, and up to two values (texts
    or a checkbox's bool); whether they still make a filter is zoho.filters.restored_filter's."""
    if not isinstance(stored, dict):
        return None
    field, operator, values = stored.get("field"), stored.get("operator"), stored.get("values")
    if not isinstance(field, str) or not is_word(field) or not isinstance(operator, str) or not is_word(operator):
        return None
    if known is not None and field not in known:
        return None
    if not isinstance(values, list) or len(values) > 2:
        return None
    for value in values:
        if not (type(value) is bool or isinstance(value, str) and len(value) <= MAX_CRITERIA_LENGTH):
            return None
    return Applied(field, operator, values)


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
    per_page = data.get("per_page")
    view = data.get("view")
    return TableState(names, _sort(data.get("sort"), known),
                      per_page if type(per_page) is int and per_page in PAGE_SIZES else None,
                      view if is_view_id(view) else None, _filter(data.get("filter"), known))
