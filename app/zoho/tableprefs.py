"""What the tab keeps of a module's records table (in the Records view's draft): the chosen
columns and the sort, as text, read back as untrusted."""

from .columns import MAX_COLUMNS
from .compat import is_word
from .sorting import ASC, DESC, Sort


def columns_text(names):
    return ",".join(names)


def read_columns(text):
    """The API names kept as ``text``; names that are not API names are dropped."""
    if not isinstance(text, str):
        return []
    return [name for name in text.split(",") if is_word(name)][:MAX_COLUMNS]


def sort_text(sort):
    """``Last_Name desc``; "" for no sort."""
    return "" if sort is None else sort.sort_by + " " + sort.sort_order


def read_sort(text):
    """The Sort kept as ``text``, or None (no sort, or text that is not one)."""
    if not isinstance(text, str):
        return None
    column, _, order = text.partition(" ")
    if not is_word(column) or order not in (ASC, DESC):
        return None
    return Sort(column, order)
