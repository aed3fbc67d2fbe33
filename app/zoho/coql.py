"""COQL for the Query view: the rows of a query page by page (``LIMIT offset, count``), and Zoho's
query errors as a sentence that names the clause (and the column, value or place) at fault.
"""

from .api import items_of
from .compat import is_ascii_digits
from .errors import QUERY_ERRORS, QUERY_WAYS_ON, shorten

#: Zoho's LIMIT when a query has none, and the most one call returns.
DEFAULT_COUNT = 200
MAX_COUNT = 2000
#: The most columns a query selects, and how far LIMIT's offset and count reach into the matching rows.
MAX_COLUMNS = 50
MAX_REACH = 100000
_WORD_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_WORD_REST = _WORD_START + "0123456789"


def _quoted_end(query, at):
    """The index just past the quoted text opening at ``at`` (a doubled quote stands for one)."""
    quote = query[at]
    at += 1
    while at < len(query):
        if query[at] == quote:
            if query[at + 1:at + 2] == quote:
                at += 2
                continue
            return at + 1
        at += 1
    return at


def _top_level_words(query):
    """[(word in lower case, index)] of the words outside quotes and parentheses."""
    words = []
    depth = 0
    at = 0
    while at < len(query):
        ch = query[at]
        if ch in "'\"":
            at = _quoted_end(query, at)
        elif ch in _WORD_START:
            end = at + 1
            while end < len(query) and query[end] in _WORD_REST:
                end += 1
            if depth == 0:
                words.append((query[at:end].lower(), at))
            at = end
        else:
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
            at += 1
    return words


def _without_end(query):
    text = query.strip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    return text


def _limit_at(text):
    starts = [at for word, at in _top_level_words(text) if word == "limit"]
    return starts[-1] if starts else None


def has_limit(query: str) -> bool:
    """Whether the query has a LIMIT clause of its own (at its top level, not in a string)."""
    return _limit_at(_without_end(query)) is not None


def read_limit(query: str) -> "tuple[int, int] | None":
    """(offset, count) of the query's LIMIT clause, (0, DEFAULT_COUNT) when it has none, or None when
    the clause is not one of ``limit count``, ``limit offset, count``, ``limit count offset offset``."""
    text = _without_end(query)
    at = _limit_at(text)
    if at is None:
        return (0, DEFAULT_COUNT)
    parts = text[at + len("limit"):].replace(",", " , ").split()
    numbers = [int(p) for p in parts if is_ascii_digits(p)]
    shape = ["n" if is_ascii_digits(p) else p.lower() for p in parts]
    if shape == ["n"]:
        return (0, numbers[0])
    if shape == ["n", ",", "n"]:
        return (numbers[0], numbers[1])
    if shape == ["n", "offset", "n"]:
        return (numbers[1], numbers[0])
    return None


def page_query(query: str, offset: int, count: int) -> str:
    """The query asking for ``count`` rows from row ``offset`` on: its LIMIT clause replaced, or added."""
    if type(offset) is not int or type(count) is not int or offset < 0 or not 1 <= count <= MAX_COUNT:
        raise ValueError("offset must be 0 or more and count from 1 to {}".format(MAX_COUNT))
    text = _without_end(query)
    at = _limit_at(text)
    base = text[:at].rstrip() if at is not None else text
    return "{} limit {}, {}".format(base, offset, count)


def next_page_query(query: str) -> "str | None":
    """The query for the rows after those the query asks for (as many again), or None when its LIMIT
    clause cannot be read."""
    limit = read_limit(query)
    if limit is None:
        return None
    offset, count = limit
    return page_query(query, offset + count, count)


def rows_and_next_query(response: "ApiResponse", query: str) -> "tuple[list[dict], str | None]":
    """The rows of Zoho's answer to ``query``, and the query for the rows after them: None when
    Zoho says there are no more (``info.more_records``) or when none came."""
    rows = items_of(response, "data")
    info = response.data.get("info") if isinstance(response.data, dict) else None
    more = isinstance(info, dict) and info.get("more_records") is True
    return rows, (next_page_query(query) if more and rows else None)


# --- Errors -----------------------------------------------------------------


def _quote(value):
    return '"' + shorten(value, 80) + '"'


def _clause(details, default):
    clause = details.get("clause")
    return (clause if isinstance(clause, str) and clause else default).upper()


def _where(details):
    """What an error's details point at, in words (the clause first), or "" when they say nothing."""
    column = details.get("column_name")
    if "line" in details and "near" in details:
        return "near {} (line {}, column {})".format(_quote(details["near"]), details["line"], details.get("column"))
    if "near" in details:
        return "near " + _quote(details["near"])
    if "value" in details and column is not None:
        return "in the WHERE clause, the value {} does not suit the column {}".format(
            _quote(details["value"]), _quote(column))
    if "operator" in details and column is not None:
        return "in the WHERE clause, the operator {} does not work with the column {}".format(
            _quote(details["operator"]), _quote(column))
    if "operator" in details:
        return "the operator {} is not supported (WHERE clause)".format(_quote(details["operator"]))
    if column is not None:
        return "the column {} in the {} clause".format(_quote(column), _clause(details, "select"))
    if "module" in details:
        return "the FROM clause names {}, which is not a module Zoho knows".format(_quote(details["module"]))
    if "clause" in details and "limit" in details:
        return "the {} clause goes beyond Zoho's maximum of {}".format(_clause(details, ""), details["limit"])
    for clause in ("limit", "offset"):
        if clause in details:
            return "the {} clause has {}, which is not a whole number".format(clause.upper(), _quote(details[clause]))
    if "clause" in details:
        return "check the {} clause".format(_clause(details, ""))
    return ""


def describe_query_error(code: str, details: object) -> "str | None":
    """A sentence for a COQL error answer (its ``code`` and ``details``) naming the clause and what
    in it is at fault; None for a code that is not one of COQL's (the error's own message stands)."""
    sentence = QUERY_ERRORS.get(code)
    if sentence is None:
        return None
    place = _where(details if isinstance(details, dict) else {})
    way_on = QUERY_WAYS_ON.get(code)
    return sentence + (": " + place if place else "") + "." + (" " + way_on if way_on else "")


def select_columns(query: str) -> "list[str]":
    """The columns a query selects, in its order (``Owner.last_name`` and ``COUNT(id)`` as
    written, an ``as`` alias when given): the rows' keys, which the page shows in this order;
    [] when the SELECT ... FROM part cannot be read."""
    return [key for written, key in select_terms(query)]


def select_terms(query: str) -> "list[tuple[str, str]]":
    """Each selected column as (what the query writes, its key in the rows): ``("sum(Amount)",
    "total")`` for ``sum(Amount) as total``; [] when the SELECT ... FROM part cannot be read."""
    words = _top_level_words(query)
    starts = [at for word, at in words if word == "select"]
    ends = [at for word, at in words if word == "from"]
    if not starts or not ends or ends[0] < starts[0]:
        return []
    selected = query[starts[0] + len("select"):ends[0]]
    columns = []
    depth, start = 0, 0
    for at, ch in enumerate(selected + ","):
        depth += 1 if ch == "(" else -1 if ch == ")" else 0
        if ch == "," and depth == 0:
            column = written = selected[start:at].strip()
            start = at + 1
            parts = column.split()
            if len(parts) == 3 and parts[1].lower() == "as":
                written, column = parts[0], parts[2]
            if column:
                columns.append((written, column))
    return columns


HISTORY_LIMIT = 20  # queries a tab's history keeps


def with_recent(history, query, limit=HISTORY_LIMIT):
    """The history of queries with ``query`` first, said once, ``limit`` at most."""
    return [query] + [earlier for earlier in history if earlier != query][:limit - 1]
