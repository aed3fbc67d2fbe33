"""A records list's count, page size and custom views, within what Zoho allows.

- Count: ``GET /crm/v8/{module}/actions/count`` gives the number of all records, of a custom view's
  (``cvid``) or of a search's (one of ``criteria``, ``email``, ``phone``, ``word``), never of both
  (Zoho answers AMBIGUITY_DURING_PROCESSING). Shown as "1–20 of 250"; without a count, "1–20".
- Page size: ``per_page`` of the records list and of a search is 1 to 200; a page sorted through
  COQL takes the same as its LIMIT.
- Custom views: ``GET /crm/v8/settings/custom_views?module=X``; a view's records are the records
  list with ``cvid=``. Within a view, Zoho's records list sorts by its own ``sort_by`` fields only
  (COQL knows nothing of views).
"""

from .api import CRM, items_of
from .compat import Value, is_ascii_digits, is_word
from .display import _grouped  # the app's one grouping of thousands (10,000)
from .sorting import BY_COQL, SortPlan

#: The page sizes offered; Zoho gives at most 200 records a call.
PAGE_SIZES = (10, 20, 50, 100, 200)
DEFAULT_PAGE_SIZE = 20
EN_DASH = "\u2013"
MAX_VIEW_ID_LENGTH = 30


def page_size(value: object) -> int:
    """The page size ``value`` names (an int or its digits) when it is one of PAGE_SIZES, else
    DEFAULT_PAGE_SIZE."""
    if isinstance(value, str) and is_ascii_digits(value) and len(value) <= 3:
        value = int(value)
    return value if type(value) is int and value in PAGE_SIZES else DEFAULT_PAGE_SIZE


def count_text(page_number: int, per_page: int, shown: int, total: "int | None" = None) -> str:
    """What the list says of where it is: "1–20 of 250" for page ``page_number`` of ``per_page``
    showing ``shown`` records out of ``total`` (None: Zoho did not count them, so "1–20");
    "No records" for an empty page."""
    if shown <= 0:
        return "No records" if not total else "0 of " + _grouped(total)
    first = (page_number - 1) * per_page + 1
    text = _grouped(first) + EN_DASH + _grouped(first + shown - 1)
    return text if total is None else text + " of " + _grouped(total)


def is_view_id(text: object) -> bool:
    return isinstance(text, str) and is_ascii_digits(text) and len(text) <= MAX_VIEW_ID_LENGTH


def count_call(module: str, cvid: "str | None" = None,
               search: "tuple[str, str] | None" = None) -> "tuple[str, list[tuple[str, str]]]":
    """(path, query) of the count of ``module``'s records: all of them, a custom view's (``cvid``)
    or a search's (``search``: (kind, value) as zoho.search.classify_search gives it). Raises
    ValueError for both at once, which Zoho refuses, and for names that are not Zoho's."""
    if not is_word(module):
        raise ValueError("a module's API name has letters, digits and underscores only")
    if cvid is not None and search is not None:
        raise ValueError("Zoho counts the records of a custom view or of a search, not of both")
    query = []
    if cvid is not None:
        if not is_view_id(cvid):
            raise ValueError("a custom view's id is digits")
        query.append(("cvid", cvid))
    if search is not None:
        query.append((search[0], search[1]))
    return CRM + "/" + module + "/actions/count", query


def read_count(response: "ApiResponse") -> "int | None":
    """The count in Zoho's answer, or None when it holds none."""
    data = response.data
    count = data.get("count") if isinstance(data, dict) else None
    return count if type(count) is int and count >= 0 else None


def coql_count_body(module: str, where: str) -> dict:
    """The COQL call's body counting ``module``'s records ``where`` a filter only COQL can say
    holds (the records list's count knows criteria, not COQL)."""
    if not is_word(module):
        raise ValueError("a module's API name has letters, digits and underscores only")
    return {"select_query": "select count(id) from {} where {}".format(module, where)}


def read_coql_count(response: "ApiResponse") -> "int | None":
    """The count in Zoho's answer to a coql_count_body, or None."""
    if response.data is None:
        return 0  # 204: nothing matches
    rows = response.data.get("data") if isinstance(response.data, dict) else None
    count = rows[0].get("count(id)") if isinstance(rows, list) and rows and isinstance(rows[0], dict) else None
    return count if type(count) is int and count >= 0 else None


class CustomView(Value):
    """One of Zoho's custom views of a module: its id (``cvid``), its name, and whether it is the
    module's default."""

    FIELDS = ("id", "name", "default")

    def __init__(self, id, name, default=False):
        self.id = id
        self.name = name
        self.default = default


def custom_views_call(module: str) -> "tuple[str, list[tuple[str, str]]]":
    if not is_word(module):
        raise ValueError("a module's API name has letters, digits and underscores only")
    return CRM + "/settings/custom_views", [("module", module)]


def parse_custom_views(response: "ApiResponse") -> "list[CustomView]":
    """The views of a custom_views answer (204: none), in Zoho's order; entries without an id or
    a name are skipped."""
    if response.data is None:
        return []
    views = []
    for entry in items_of(response, "custom_views"):
        name = entry.get("display_value") or entry.get("name")
        if is_view_id(entry.get("id")) and isinstance(name, str) and name:
            views.append(CustomView(entry["id"], name, entry.get("default") is True))
    return views


def kept_view(cvid: "str | None", views: "list[CustomView]") -> "str | None":
    """``cvid`` when it is one of ``views`` (a view kept for the tab may be gone), else None."""
    for view in views:
        if view.id == cvid:
            return cvid
    return None


def within_view(plan: "SortPlan", cvid: "str | None") -> "SortPlan":
    """``plan`` for a list of the custom view ``cvid`` (None: no view): a sort through COQL cannot
    keep to a view, so only the records list's own sort fields sort there."""
    if cvid is None or plan.how != BY_COQL:
        return plan
    return SortPlan(plan.column, None, "Within a custom view Zoho sorts only by id, Created Time and Modified Time; "
                                       "choose \"All records\" to sort by this column.")


def records_list_query(query: "list[tuple[str, str]]", cvid: "str | None") -> "list[tuple[str, str]]":
    """The records list's ``query`` for the custom view ``cvid`` (None: every record)."""
    if cvid is None:
        return list(query)
    if not is_view_id(cvid):
        raise ValueError("a custom view's id is digits")
    return list(query) + [("cvid", cvid)]

