"""COQL (POST /crm/v8/coql) without HTTP: a tokenizer, a parser for the subset below, and its evaluation.

    SELECT column [, column ...] FROM Module WHERE condition
        [ORDER BY column [ASC|DESC] [, ...]] [LIMIT count | LIMIT offset, count | LIMIT count OFFSET offset]

A column is a field's API name, `id`, or a lookup's field (`Account_Name.Industry`); a quoted name is a column
too (how Zoho lets reserved words be field names). A condition compares a column with =, !=, <>, <, >, <=, >=,
[not] like '%text%', [not] in (...), [not] between a and b, is [not] null; and/or join two conditions at a time
(Zoho asks for parentheses around pairs: ((A and B) or C)). Keywords are case-insensitive.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .catalog import ALL_MODULES, RECORD_MODULES, Field, Module
from .conditions import LOOKUP_TYPES, comparable, equal, literal, ordered
from .data import Record, RecordStore
from .coql_groups import AGGREGATES, Grouping, check_columns
from .field_meta import field_metadata
from .records import RequestError, sort_key

DEFAULT_LIMIT = 200
MAX_LIMIT = 2000
#: LIMIT and OFFSET reach only the first 100,000 records.
MAX_REACHABLE = 100_000

#: The `id` column every module has (not listed in the fields metadata).
ID_FIELD = Field("id", "Record Id", "text", read_only=True)

_KEYWORDS = frozenset({"select", "from", "where", "group", "order", "by", "as", "asc", "desc", "limit", "offset", "and", "or",
                       "not", "like", "in", "between", "is", "null", "true", "false"})
_SYMBOLS = ("!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ".", "*")
#: COQL comparison symbols -> conditions' ordering names.
_ORDERING_SYMBOLS = {">": "greater_than", ">=": "greater_equal", "<": "less_than", "<=": "less_equal"}
_EQUALITY = frozenset({"=", "!=", "in", "not in", "is null", "is not null"})
_TEXT_OPERATORS = _EQUALITY | {"like", "not like"}
_ORDERED_OPERATORS = _EQUALITY | set(_ORDERING_SYMBOLS) | {"between", "not between"}
#: data_type -> the operators a WHERE condition may use on it (textarea cannot be used in conditions at all).
OPERATORS: dict[str, frozenset[str]] = {
    "text": _TEXT_OPERATORS, "email": _TEXT_OPERATORS, "phone": _TEXT_OPERATORS, "website": _TEXT_OPERATORS,
    "picklist": _TEXT_OPERATORS, "multiselectpicklist": _TEXT_OPERATORS,
    "integer": _ORDERED_OPERATORS, "currency": _ORDERED_OPERATORS, "percent": _ORDERED_OPERATORS,
    "date": _ORDERED_OPERATORS, "datetime": _ORDERED_OPERATORS,
    "boolean": frozenset({"=", "!=", "is null", "is not null"}),
    "lookup": _EQUALITY, "ownerlookup": _EQUALITY, "autonumber": _TEXT_OPERATORS, "double": _ORDERED_OPERATORS,
}


def _syntax_error(message: str, details: dict[str, Any]) -> RequestError:
    return RequestError("SYNTAX_ERROR", details, message)


@dataclass(frozen=True)
class Token:
    kind: str  # word | string | number | symbol | end
    text: str  # the word, the string's content, the number or the symbol as written
    line: int
    column: int

    def keyword(self) -> str | None:
        return self.text.casefold() if self.kind == "word" and self.text.casefold() in _KEYWORDS else None

    def unexpected(self) -> RequestError:
        near = self.text if self.kind != "end" else "end of query"
        return _syntax_error("unexpected token", {"line": self.line, "column": self.column, "near": near})


def tokenize(query: str) -> list[Token]:
    tokens, at, line, line_start = [], 0, 1, 0
    while at < len(query):
        char = query[at]
        column = at - line_start + 1
        if char == "\n":
            at, line, line_start = at + 1, line + 1, at + 1
        elif char.isspace():
            at += 1
        elif char in "'\"":
            text, at = _quoted(query, at, line, column)
            tokens.append(Token("string", text, line, column))
        elif char.isascii() and (char.isalpha() or char == "_"):
            end = at
            while end < len(query) and query[end].isascii() and (query[end].isalnum() or query[end] == "_"):
                end += 1
            tokens.append(Token("word", query[at:end], line, column))
            at = end
        elif char.isascii() and char.isdigit() or (char == "-" and query[at + 1:at + 2].isdigit()):
            end = at + 1
            while end < len(query) and query[end].isascii() and (query[end].isdigit() or query[end] == "."):
                end += 1
            tokens.append(Token("number", query[at:end], line, column))
            at = end
        else:
            symbol = next((s for s in _SYMBOLS if query.startswith(s, at)), None)
            if symbol is None:
                raise _syntax_error("unexpected character", {"line": line, "column": column, "near": char})
            tokens.append(Token("symbol", symbol, line, column))
            at += len(symbol)
    tokens.append(Token("end", "", line, len(query) - line_start + 1))
    return tokens


def _quoted(query: str, start: int, line: int, column: int) -> tuple[str, int]:
    """The text of a quoted string starting at `start` (a doubled quote stands for one), and where it ends."""
    quote, at, text = query[start], start + 1, []
    while at < len(query):
        if query[at] == quote:
            if query[at + 1:at + 2] == quote:
                text.append(quote)
                at += 2
                continue
            return "".join(text), at + 1
        text.append(query[at])
        at += 1
    raise _syntax_error("a quoted text is not closed",
                        {"line": line, "column": column, "near": query[start:start + 20]})


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]  # ("Last_Name",) or ("Account_Name", "Industry")
    token: Token
    function: str | None = None  # an aggregate's: COUNT, SUM, MAX, MIN or AVG
    written: str | None = None  # an aggregate as the query writes it: sum(Amount)
    alias: str | None = None

    @property
    def name(self) -> str:
        return ".".join(self.path)

    @property
    def key(self) -> str:
        """The key of the column in the answer's rows: its alias, the aggregate as written, or its name."""
        return self.alias if self.alias is not None else self.written or self.name


@dataclass(frozen=True)
class Comparison:
    column: Column
    operator: str  # one of OPERATORS' values
    values: tuple[Token, ...]


@dataclass(frozen=True)
class Junction:
    joiner: str  # and | or
    left: Any  # Comparison | Junction
    right: Any


@dataclass(frozen=True)
class Query:
    columns: tuple[Column, ...]
    module: Token
    where: Comparison | Junction
    order_by: tuple[tuple[Column, bool], ...]  # (column, descending)
    offset: int
    limit: int
    group_by: tuple[Column, ...] = ()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens, self.at = tokens, 0

    @property
    def token(self) -> Token:
        return self.tokens[self.at]

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def take_keyword(self, *words: str) -> str | None:
        if self.token.keyword() in words:
            return self.take().text.casefold()
        return None

    def expect_keyword(self, word: str) -> None:
        if self.take_keyword(word) is None:
            raise self.token.unexpected()

    def at_symbol(self, symbol: str) -> bool:
        return (self.token.kind, self.token.text) == ("symbol", symbol)

    def expect_symbol(self, symbol: str) -> None:
        if not self.at_symbol(symbol):
            raise self.token.unexpected()
        self.take()

    def query(self) -> Query:
        if self.token.keyword() != "select":
            raise _syntax_error("only select queries are supported", {})
        self.take()
        columns = [self.selected()]
        while self.at_symbol(","):
            self.take()
            columns.append(self.selected())
        self.expect_keyword("from")
        if self.token.kind != "word" or self.token.keyword():
            raise self.token.unexpected()
        module = self.take()
        if self.take_keyword("where") is None:
            if self.token.kind == "end" or self.token.keyword() in ("order", "limit"):
                raise _syntax_error("the where clause is missing", {"clause": "where"})
            raise self.token.unexpected()
        where = self.condition()
        group_by = self.group_by() if self.take_keyword("group") else ()
        order_by = self.order_by() if self.take_keyword("order") else ()
        offset, limit = self.limit() if self.take_keyword("limit") else (0, DEFAULT_LIMIT)
        if self.token.kind != "end":
            raise self.token.unexpected()
        return Query(tuple(columns), module, where, order_by, offset, limit, group_by)

    def selected(self) -> Column:
        """A select column: a field or an aggregate, with an optional `as` alias."""
        column = self.column(functions=True)
        if self.take_keyword("as"):
            if self.token.kind not in ("word", "string") or self.token.keyword():
                raise self.token.unexpected()
            column = dataclasses.replace(column, alias=self.take().text)
        return column

    def group_by(self) -> tuple[Column, ...]:
        self.expect_keyword("by")
        columns = [self.column()]
        while self.at_symbol(","):
            self.take()
            columns.append(self.column())
        return tuple(columns)

    def aggregate(self) -> Column:
        """COUNT(col), SUM(col), MAX(col), MIN(col) or AVG(col); another function is INVALID_DATA (as the spec's
        example InvalidDataUnsupportedFunction)."""
        function = self.take()
        self.expect_symbol("(")
        inner = self.column()
        self.expect_symbol(")")
        written = f"{function.text}({inner.name})"
        if function.text.upper() not in AGGREGATES:
            raise RequestError("INVALID_DATA", {"reason": "unsupported aggregate function", "column": written},
                               "invalid data")
        return Column(inner.path, function, function.text.upper(), written)

    def column(self, functions: bool = False) -> Column:
        first, following = self.token, self.tokens[min(self.at + 1, len(self.tokens) - 1)]
        if first.kind == "word" and (following.kind, following.text) == ("symbol", "("):
            if functions:
                return self.aggregate()
            raise _syntax_error("functions (count, sum ...) are not supported here", {})
        if first.kind not in ("word", "string") or first.keyword():
            raise first.unexpected()
        path = [self.take().text]
        if self.at_symbol("."):
            self.take()
            if self.token.kind not in ("word", "string"):
                raise self.token.unexpected()
            path.append(self.take().text)
        return Column(tuple(path), first)

    def condition(self) -> Comparison | Junction:
        left = self.operand()
        joiner = self.take_keyword("and", "or")
        if joiner is None:
            return left
        # Two conditions at most: Zoho asks for parentheses around pairs, so a third and/or is unexpected.
        return Junction(joiner, left, self.operand())

    def operand(self) -> Comparison | Junction:
        if self.at_symbol("("):
            self.take()
            inner = self.condition()
            self.expect_symbol(")")
            return inner
        if self.token.keyword() == "not":
            raise _syntax_error("the not operator is not supported", {"operator": "not"})
        return self.comparison()

    def comparison(self) -> Comparison:
        column = self.column()
        token = self.token
        if token.kind == "symbol" and token.text in ("=", "!=", "<>", "<", ">", "<=", ">="):
            self.take()
            return Comparison(column, "!=" if token.text == "<>" else token.text, (self.value(),))
        if self.take_keyword("is"):
            negated = self.take_keyword("not")
            self.expect_keyword("null")
            return Comparison(column, "is not null" if negated else "is null", ())
        negated = "not " if self.take_keyword("not") else ""
        word = self.take_keyword("like", "in", "between")
        if word == "like":
            value = self.token
            if value.kind != "string":
                raise value.unexpected()
            self.take()
            return Comparison(column, negated + "like", (value,))
        if word == "in":
            self.expect_symbol("(")
            values = [self.value()]
            while self.at_symbol(","):
                self.take()
                values.append(self.value())
            self.expect_symbol(")")
            return Comparison(column, negated + "in", tuple(values))
        if word == "between":
            low = self.value()
            self.expect_keyword("and")
            return Comparison(column, negated + "between", (low, self.value()))
        raise self.token.unexpected()

    def value(self) -> Token:
        token = self.token
        if token.kind in ("string", "number") or token.keyword() in ("true", "false"):
            return self.take()
        raise token.unexpected()

    def order_by(self) -> tuple[tuple[Column, bool], ...]:
        self.expect_keyword("by")
        items = []
        while True:
            column = self.column(functions=True)
            items.append((column, self.take_keyword("asc", "desc") == "desc"))
            if not self.at_symbol(","):
                return tuple(items)
            self.take()

    def limit(self) -> tuple[int, int]:
        first = self.limit_number("limit")
        if self.at_symbol(","):
            self.take()
            return first, self.limit_number("limit")
        if self.take_keyword("offset"):
            return self.limit_number("offset"), first
        return 0, first

    def limit_number(self, clause: str) -> int:
        token = self.take()
        if token.kind != "number" or not token.text.isdigit():
            raise RequestError("INVALID_QUERY", {clause: token.text or "end of query"},
                               f"the {clause} is not a whole number")
        return int(token.text)


Fetch = Callable[[str, str], Record | None]
Test = Callable[[Record, Fetch], bool]


class Plan:
    """A parsed query checked against the module's fields, ready to run."""

    def __init__(self, query: Query) -> None:
        name = query.module.text
        if name not in ALL_MODULES:
            raise RequestError("INVALID_QUERY", {"module": name}, "the module given is not known")
        if name not in RECORD_MODULES:
            raise RequestError("INVALID_MODULE", {}, "the module is not supported in the API")
        self.module: Module = RECORD_MODULES[name]
        self.query = query
        if query.limit < 1:
            raise RequestError("INVALID_DATA", {}, "the limit must be greater than 0")
        if query.limit > MAX_LIMIT:
            raise RequestError("LIMIT_EXCEEDED", {"clause": "limit", "limit": MAX_LIMIT},
                               f"a query returns at most {MAX_LIMIT} records")
        if query.offset + query.limit > MAX_REACHABLE:
            raise RequestError("LIMIT_EXCEEDED", {"clause": "offset", "limit": MAX_REACHABLE},
                               f"offset and limit reach only the first {MAX_REACHABLE} records")
        check_columns(query.columns)
        self._resolved: dict[tuple[str, ...], Field] = {}
        self._readers: dict[tuple[str, ...], Callable[[Record, Fetch], Any]] = {}
        self.fields = {c.key: self.resolve(c, "select") for c in query.columns}
        self.owners = {c.key: self.owner(c) for c in query.columns}
        self.where = self.compile(query.where)
        self.grouping = Grouping(self, query) if query.group_by or any(c.function for c in query.columns) else None
        if self.grouping is not None:
            return
        self.order = [(c, self.resolve(c, "order by"), descending) for c, descending in query.order_by]
        unsortable = next((c for c, field, _ in self.order if not field.sortable or c.function), None)
        if unsortable is not None:
            raise RequestError("INVALID_QUERY", {"column_name": unsortable.name, "clause": "order by"},
                               "this column cannot be sorted")

    def resolve(self, column: Column, clause: str) -> Field:
        """The field a column names: a field of the module or `id`, or a field of the module a lookup points to."""
        known = self._resolved.get(column.path)
        if known is not None:
            return known
        invalid = RequestError("INVALID_QUERY", {"column_name": column.name, "clause": clause},
                               f"the column is not known in the {clause} clause")
        module, field = self.module, None
        for step, name in enumerate(column.path):
            if step:
                if field is None or field.lookup_module is None:
                    raise invalid
                module = RECORD_MODULES[field.lookup_module]
            field = ID_FIELD if name == "id" else module.field(name)
            if field is None:
                raise invalid
        assert field is not None
        self._resolved[column.path] = field
        return field

    def owner(self, column: Column) -> Module:
        """The module whose field a (resolved) column names."""
        module = self.module
        for name in column.path[:-1]:
            field = module.field(name)
            assert field is not None and field.lookup_module is not None
            module = RECORD_MODULES[field.lookup_module]
        return module

    def value(self, record: Record, column: Column, fetch: Fetch) -> Any:
        """The stored value of a column in a record, following a lookup to the record it points to."""
        return self.reader(column)(record, fetch)

    def reader(self, column: Column) -> Callable[[Record, Fetch], Any]:
        """value() for one (resolved) column, its lookup steps found once."""
        read = self._readers.get(column.path)
        if read is None:
            read = self._readers[column.path] = _reader(self.module, column.path)
        return read

    def compile(self, node: Comparison | Junction) -> Test:
        if isinstance(node, Junction):
            left, right = self.compile(node.left), self.compile(node.right)
            if node.joiner == "and":
                return lambda record, fetch: left(record, fetch) and right(record, fetch)
            return lambda record, fetch: left(record, fetch) or right(record, fetch)
        field = self.resolve(node.column, "where")
        if field.data_type == "textarea":
            raise RequestError("INVALID_QUERY", {"column_name": node.column.name, "clause": "where"},
                               "multi-line fields cannot be used in conditions")
        if node.operator not in OPERATORS.get(field.value_type, frozenset()):
            raise RequestError("INVALID_QUERY", {"reason": "invalid operator found", "column_name": node.column.name,
                                                 "operator": node.operator}, "the operator does not suit the column")
        literals = [self.literal(field, node, token) for token in node.values]
        test = _comparison(node.operator.removeprefix("not "), literals)
        negated = node.operator.startswith("not ") or node.operator == "!="
        read = self.reader(node.column)

        def matches(record: Record, fetch: Fetch) -> bool:
            actual = comparable(field, read(record, fetch))
            # A negated condition never matches an empty value, as in SQL.
            return actual is not None and not test(actual) if negated else test(actual)

        return matches

    def literal(self, field: Field, node: Comparison, token: Token) -> Any:
        try:
            if token.kind == "word" and field.data_type != "boolean":
                raise ValueError(token.text)
            if node.operator.endswith("like"):
                return _like_pattern(token.text)
            return literal(field, token.text)
        except ValueError:
            raise RequestError("INVALID_QUERY", {"cv_criteria": False, "column_name": node.column.name,
                                                 "value": token.text, "operator": node.operator},
                               "the value does not suit the column") from None

    def cell(self, record: Record, column: Column, fetch: Fetch) -> Any:
        """A column's value as the answer shows it."""
        return self.cell_reader(column)(record, fetch)

    def cell_reader(self, column: Column) -> Callable[[Record, Fetch], Any]:
        """cell() for one column: COQL answers lookups with their id only."""
        read = self.reader(column)
        if self.resolve(column, "select").data_type not in LOOKUP_TYPES:
            return read

        def read_id(record: Record, fetch: Fetch) -> Any:
            value = read(record, fetch)
            return {"id": value["id"]} if value is not None else value

        return read_id

    def execute(self, store: RecordStore, include_meta: bool) -> dict[str, Any] | None:
        """The answer's body, or None when no record matches. The matching records and their order are kept
        until a record of `store` changes (_kept), so the pages of one query cost only their own rows."""
        module, fetch = self.module.api_name, store.get
        where = (module, _signature(self.query.where))

        def matching_records() -> list[Record]:
            records = _kept(store, (module,), lambda: store.all(module))
            return sorted((r for r in records if self.where(r, fetch)), key=lambda r: int(r["id"]))

        matching = _kept(store, where, matching_records)
        if self.grouping is not None:
            return self.grouping.execute(matching, fetch)
        order = tuple((c.path, descending) for c, _, descending in self.order)
        ordered = _kept(store, (*where, order), lambda: self.sort(matching, fetch)) if order else matching
        offset, limit = self.query.offset, self.query.limit
        cells = [(c.key, self.cell_reader(c)) for c in self.query.columns]
        rows = [{"id": r["id"]} | {key: read(r, fetch) for key, read in cells} for r in ordered[offset:offset + limit]]
        if not rows:
            return None
        body: dict[str, Any] = {"data": rows,
                                "info": {"count": len(rows), "more_records": offset + len(rows) < len(ordered)}}
        if include_meta:
            body["fields"] = {c.key: _metadata(self.owners[c.key], self.fields[c.key]) for c in self.query.columns
                              if self.fields[c.key] is not ID_FIELD}
        return body

    def sort(self, records: list[Record], fetch: Fetch) -> list[Record]:
        """`records` (in id order) in the ORDER BY's order."""
        ordered = list(records)
        for column, _, descending in reversed(self.order):  # stable sorts, the first order-by column last
            read = self.reader(column)
            ordered.sort(key=lambda r: sort_key({"id": r["id"], "v": read(r, fetch)}, "v")[:2], reverse=descending)
        return ordered


def _reader(module: Module, path: tuple[str, ...]) -> Callable[[Record, Fetch], Any]:
    """How to read the stored value `path` names in a record of `module`, fetching the records lookups point to."""
    first, steps = path[0], []
    for step, name in enumerate(path[1:]):
        field = module.field(path[step])
        assert field is not None and field.lookup_module is not None
        module = RECORD_MODULES[field.lookup_module]
        steps.append((module.api_name, name))
    if not steps:
        return lambda record, fetch: record.get(first)

    def read(record: Record, fetch: Fetch) -> Any:
        value = record.get(first)
        for target_module, name in steps:
            target = fetch(target_module, value["id"]) if value else None
            value = target.get(name) if target else None
        return value

    return read


def _signature(node: Comparison | Junction) -> tuple[Any, ...]:
    """What a WHERE condition's result depends on (not where its tokens stand in the query)."""
    if isinstance(node, Junction):
        return node.joiner, _signature(node.left), _signature(node.right)
    return node.column.path, node.operator, tuple((token.kind, token.text) for token in node.values)


#: Per store: its version and what was computed from its records at that version (see _kept).
_KEPT: weakref.WeakKeyDictionary[Any, tuple[int, dict[tuple[Any, ...], list[Record]]]] = weakref.WeakKeyDictionary()
#: At most this many lists are kept per store version (distinct conditions and orders); then they start again.
_KEPT_LISTS = 64


def _kept(store: RecordStore, key: tuple[Any, ...], compute: Callable[[], list[Record]]) -> list[Record]:
    """compute() as it was at the store's current version (the version is read first: a write while computing
    makes the next call compute again). The lists kept are never changed by their users."""
    version = store.version
    kept = _KEPT.get(store)
    if kept is None or kept[0] != version or len(kept[1]) >= _KEPT_LISTS:
        kept = _KEPT[store] = (version, {})
    found = kept[1].get(key)
    if found is None:
        found = kept[1][key] = compute()
    return found


def _like_pattern(text: str) -> re.Pattern[str]:
    """SQL's like: % stands for any text; compared without regard to case."""
    return re.compile(".*".join(re.escape(part) for part in text.casefold().split("%")), re.DOTALL)


def _comparison(operator: str, literals: list[Any]) -> Callable[[Any], bool]:
    """The test of a comparable value for a (not negated) operator."""
    first = literals[0] if literals else None
    if operator in ("is null", "is not null"):
        return lambda actual: (actual is None) == (operator == "is null")
    if operator in ("=", "!="):
        return lambda actual: equal(actual, first)
    if operator == "in":
        return lambda actual: any(equal(actual, value) for value in literals)
    if operator == "like":
        return lambda actual: any(isinstance(item, str) and first.fullmatch(item) is not None
                                  for item in (actual if isinstance(actual, list) else [actual]))
    if operator == "between":
        return lambda actual: ordered("greater_equal", actual, first) and ordered("less_equal", actual, literals[1])
    return lambda actual: ordered(_ORDERING_SYMBOLS[operator], actual, first)


def prepare(query_text: Any) -> Plan:
    """The plan of a select_query, or RequestError (SYNTAX_ERROR, INVALID_QUERY, LIMIT_EXCEEDED ...)."""
    return Plan(_Parser(tokenize(query_text)).query())


def _metadata(module: Module, field: Field) -> dict[str, Any]:
    return field_metadata(module, field, module.fields.index(field) + 1)
