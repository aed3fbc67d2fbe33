"""Sorting a records table by a column click: Zoho's ``sort_by`` and ``sort_order`` (desc by default)."""

from .compat import Value

ASC, DESC = "asc", "desc"
#: Zoho's order when only sort_by is given.
DEFAULT_ORDER = DESC


class Sort(Value):
    """A column and its order."""

    FIELDS = ("sort_by", "sort_order")

    def __init__(self, sort_by, sort_order=DEFAULT_ORDER):
        if sort_order not in (ASC, DESC):
            raise ValueError("sort_order must be asc or desc")
        self.sort_by = sort_by
        self.sort_order = sort_order


def clicked(current: "Sort | None", column: str) -> "Sort":
    """The sort after a click on ``column``: the other order when it is the sorted column already,
    Zoho's default (descending) for any other column. ``current`` may be None (not sorted)."""
    if current is not None and current.sort_by == column:
        return Sort(column, ASC if current.sort_order == DESC else DESC)
    return Sort(column, DEFAULT_ORDER)


def sort_params(sort: "Sort | None") -> "list[tuple[str, str]]":
    """The query pairs for a sort (both, always: a page token must be asked with the same ones)."""
    if sort is None:
        return []
    return [("sort_by", sort.sort_by), ("sort_order", sort.sort_order)]


def records_query(fields: "list[str]", sort: "Sort | None", per_page: int,
                  page_token: "str | None" = None) -> "list[tuple[str, str]]":
    """The query for a page of a module's records: its fields, the sort, and the page token of
    the page after the first (asked with the same sort as the page that gave it)."""
    query = [("fields", ",".join(fields)), ("per_page", str(per_page))] + sort_params(sort)
    if page_token:
        query.append(("page_token", page_token))
    return query


def aria_sort(sort: "Sort | None", column: str) -> str:
    """The aria-sort of a column header: "ascending", "descending" or "none"."""
    if sort is None or sort.sort_by != column:
        return "none"
    return "ascending" if sort.sort_order == ASC else "descending"
