"""Zoho's caps on search and COQL, said where they are reached, with the way on.

- Search (GET /{module}/search) gives at most 2,000 matching records in all: a page past that is
  answered LIMIT_REACHED ({"limit": "2000"}). The way on: a narrower search, or COQL, which pages
  past it.
- COQL gives at most 2,000 rows a call (LIMIT up to 2,000) and reaches only the first 100,000
  matching rows (LIMIT's offset and count together). The way on: page by page (the Next button, the
  export), and past 100,000 a narrower WHERE clause, one part at a time.
The error codes themselves get their sentences from the explicit tables (api.API_ERRORS,
errors.QUERY_ERRORS); these functions keep the app from asking for what Zoho would refuse.
"""

from .coql import MAX_COUNT, MAX_REACH, read_limit, rows_and_next_query
from .errors import COQL_COUNT, COQL_REACH, SEARCH_CAP

SEARCH_MAX_RESULTS = 2000


def search_next_page(page: int, per_page: int, more_records: bool) -> "tuple[int | None, str | None]":
    """(the next search page to ask for, or None; a sentence when Zoho's cap stops it, else None)
    after page ``page`` of ``per_page`` records, when Zoho said ``more_records``."""
    if not more_records:
        return None, None
    if (page + 1) * per_page > SEARCH_MAX_RESULTS:
        return None, SEARCH_CAP
    return page + 1, None


def query_page_end(response: "ApiResponse", query: str) -> "tuple[list[dict], str | None, str | None]":
    """(rows, the query for the next page or None, a sentence when COQL's reach stops it, else
    None) of Zoho's answer to ``query`` (see coql.rows_and_next_query)."""
    rows, following = rows_and_next_query(response, query)
    if following is None:
        return rows, None, None
    offset, count = read_limit(following)
    if offset >= MAX_REACH:
        return rows, None, COQL_REACH
    if offset + count > MAX_REACH:
        following = following[:following.rindex(" limit ")] + " limit {}, {}".format(offset, MAX_REACH - offset)
    return rows, following, None


def query_limit_problem(query: str) -> "str | None":
    """A sentence when the query's own LIMIT asks for more than Zoho gives (more than 2,000 rows, or
    past the 100,000th row), before it is sent; None otherwise."""
    limit = read_limit(query)
    if limit is None:
        return None
    offset, count = limit
    if count > MAX_COUNT:
        return COQL_COUNT
    if offset + count > MAX_REACH:
        return COQL_REACH
    return None
