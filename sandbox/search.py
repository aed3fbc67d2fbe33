"""Zoho's record search (GET /{module}/search) without HTTP: criteria, email, phone and word."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .catalog import TEXT_TYPES, Field, Module
from .conditions import (
    comparable,
    contains,
    equal,
    literal,
    ordered,
    starts_with,
)
from .data import Record
from .records import MAX_PER_PAGE, RequestError, parse_fields, parse_sort, positive_int, select_fields, sorted_records

#: The four ways to search, in the order Zoho prefers them when a request gives several.
SEARCH_PARAMS = ("criteria", "email", "phone", "word")
MAX_CONDITIONS = 10
MAX_IN_VALUES = 100
WORD_LENGTHS = (2, 100)
MIN_PHONE_LENGTH = 3
#: Search reaches only the first 2000 matches, whatever the page.
MAX_SEARCH_RECORDS = 2000

_TEXT_OPERATORS = frozenset({"equals", "not_equal", "starts_with", "in"})
_ORDERED_OPERATORS = frozenset({"equals", "not_equal", "greater_equal", "greater_than", "less_equal", "less_than",
                                "between", "in"})
#: data_type -> the criteria operators Zoho allows on it.
OPERATORS: dict[str, frozenset[str]] = {
    "text": _TEXT_OPERATORS, "email": _TEXT_OPERATORS, "phone": _TEXT_OPERATORS, "website": _TEXT_OPERATORS,
    "textarea": frozenset({"equals", "not_equal", "starts_with"}),
    "picklist": frozenset({"equals", "not_equal", "in"}),
    "multiselectpicklist": frozenset({"equals", "not_equal", "in", "starts_with"}),
    "integer": _ORDERED_OPERATORS, "currency": _ORDERED_OPERATORS, "percent": _ORDERED_OPERATORS,
    "date": _ORDERED_OPERATORS, "datetime": _ORDERED_OPERATORS,
    "boolean": frozenset({"equals", "not_equal"}),
    "lookup": frozenset({"equals", "not_equal", "in"}), "ownerlookup": frozenset({"equals", "not_equal", "in"}),
    "autonumber": frozenset({"equals", "not_equal", "in"}), "double": _ORDERED_OPERATORS,
}
_ESCAPABLE = "(),\\"
_PHONE_CHARACTERS = frozenset("0123456789 -().")

Matcher = Callable[[Record], bool]


def _invalid(reason: str, **details: Any) -> RequestError:
    return RequestError("INVALID_QUERY", details | {"reason": reason})


@dataclass(frozen=True)
class Condition:
    field: Field
    operator: str
    values: tuple[Any, ...]  # literals, as conditions.literal() gives them

    def __call__(self, record: Record) -> bool:
        actual = comparable(self.field, record.get(self.field.api_name))
        first = self.values[0]
        if self.operator == "equals":
            return self._equals(actual, first)
        if self.operator == "not_equal":
            return not equal(actual, first)
        if self.operator == "starts_with":
            return starts_with(actual, first)
        if self.operator == "in":
            return any(equal(actual, value) for value in self.values)
        if self.operator == "between":
            return ordered("greater_equal", actual, first) and ordered("less_equal", actual, self.values[1])
        return ordered(self.operator, actual, first)

    def _equals(self, actual: Any, expected: Any) -> bool:
        # Zoho's equals finds the value inside text (ABC finds "ABC Inc."), but not in picklists.
        if self.field.data_type in TEXT_TYPES and self.field.data_type != "picklist":
            return contains(actual, expected)
        return equal(actual, expected)


@dataclass(frozen=True)
class Group:
    joiner: str  # "and" | "or"
    parts: tuple[Matcher, ...]

    def __call__(self, record: Record) -> bool:
        results = (part(record) for part in self.parts)
        return all(results) if self.joiner == "and" else any(results)


class _CriteriaParser:
    """(Field:operator:value) conditions joined by and/or, grouped by parentheses; one joiner per group."""

    def __init__(self, module: Module, text: str) -> None:
        self.module, self.text, self.at = module, text, 0
        self.conditions = 0

    def parse(self) -> Matcher:
        matcher = self.expression()
        self.skip_spaces()
        if self.at != len(self.text):
            raise _invalid(f"unexpected text at character {self.at + 1}")
        return matcher

    def skip_spaces(self) -> None:
        while self.at < len(self.text) and self.text[self.at] == " ":
            self.at += 1

    def expression(self) -> Matcher:
        parts = [self.group()]
        joiner = None
        while True:
            self.skip_spaces()
            if self.at == len(self.text) or self.text[self.at] == ")":
                break
            word = next((w for w in ("and", "or") if self.text[self.at:self.at + len(w)].casefold() == w), None)
            if word is None:
                raise _invalid(f"expected and/or at character {self.at + 1}")
            if joiner not in (None, word):
                raise _invalid("use parentheses to mix and with or")
            joiner = word
            self.at += len(word)
            parts.append(self.group())
        return parts[0] if joiner is None else Group(joiner, tuple(parts))

    def group(self) -> Matcher:
        self.skip_spaces()
        if self.text[self.at:self.at + 1] != "(":
            raise _invalid(f"expected ( at character {self.at + 1}")
        self.at += 1
        self.skip_spaces()
        if self.text[self.at:self.at + 1] == "(":
            inner = self.expression()
            self.skip_spaces()
            if self.text[self.at:self.at + 1] != ")":
                raise _invalid(f"expected ) at character {self.at + 1}")
            self.at += 1
            return inner
        return self.condition()

    def condition(self) -> Condition:
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise RequestError("CRITERIA_LIMIT_EXCEEDED", {"limit": MAX_CONDITIONS})
        name, operator = self.name_part(), self.name_part()
        values = self.values()
        field = self.module.field(name)
        if field is None:
            raise _invalid(f"the field {name} is not available in {self.module.api_name}")
        if operator not in OPERATORS.get(field.value_type, frozenset()):
            raise _invalid("invalid operator found", operator=operator)
        count = len(values)
        if (operator == "between" and count != 2) or (operator not in ("in", "between") and count != 1):
            raise _invalid(f"the {operator} operator takes {'two values' if operator == 'between' else 'one value'}")
        if count > MAX_IN_VALUES:
            raise RequestError("INVALID_QUERY", {"param_name": name},
                               f"at most {MAX_IN_VALUES} values are allowed in an in condition")
        try:
            typed = tuple(literal(field, value) for value in values)
        except ValueError:
            raise _invalid(f"a value of {name} does not fit its type", expected_data_type=field.value_type) from None
        return Condition(field, operator, typed)

    def name_part(self) -> str:
        end = self.text.find(":", self.at)
        if end < 0:
            raise _invalid("a condition needs the form (field:operator:value)")
        part, self.at = self.text[self.at:end].strip(), end + 1
        if not part or any(c in part for c in "() "):
            raise _invalid("a condition needs the form (field:operator:value)")
        return part

    def values(self) -> list[str]:
        """The value(s) up to the condition's closing parenthesis, split at commas; \\ escapes ( ) , \\."""
        values, current = [], []
        while self.at < len(self.text):
            char = self.text[self.at]
            self.at += 1
            if char == "\\" and self.text[self.at:self.at + 1] and self.text[self.at] in _ESCAPABLE:
                current.append(self.text[self.at])
                self.at += 1
            elif char == ",":
                values.append("".join(current))
                current = []
            elif char == ")":
                values.append("".join(current))
                return values
            elif char == "(":
                raise _invalid("escape ( in a value as \\(")
            else:
                current.append(char)
        raise _invalid("a condition is not closed with )")


def criteria_matcher(module: Module, text: str) -> Matcher:
    return _CriteriaParser(module, text).parse()


def _email_matcher(module: Module, text: str) -> Matcher:
    part = text.casefold()
    names = [f.api_name for f in module.fields if f.data_type == "email"]
    return lambda record: any(part in (record.get(name) or "").casefold() for name in names)


def _phone_matcher(module: Module, text: str) -> Matcher:
    if len(text) < MIN_PHONE_LENGTH or not set(text.removeprefix("+")) <= _PHONE_CHARACTERS:
        raise RequestError("INVALID_REQUEST", {"param_name": "phone"})
    digits = "".join(c for c in text if c.isdigit())
    names = [f.api_name for f in module.fields if f.data_type == "phone"]

    def matches(record: Record) -> bool:
        return any(digits in "".join(c for c in record.get(name) or "" if c.isdigit()) for name in names)

    return matches


def _word_matcher(module: Module, text: str) -> Matcher:
    """Every word of the text appears in some searchable field (a name in First_Name and Last_Name, say)."""
    if not WORD_LENGTHS[0] <= len(text.strip()) <= WORD_LENGTHS[1]:
        raise RequestError("INVALID_REQUEST", {"param_name": "word"})
    words = text.casefold().split()
    names = [f.api_name for f in module.fields if f.data_type in TEXT_TYPES]

    def matches(record: Record) -> bool:
        texts = [(record.get(name) or "").casefold() for name in names]
        return all(any(word in value for value in texts) for word in words)

    return matches


#: Search parameter -> how its value becomes a test of records.
_MATCHERS: dict[str, Callable[[Module, str], Matcher]] = {
    "criteria": criteria_matcher, "email": _email_matcher, "phone": _phone_matcher, "word": _word_matcher,
}


def search_matcher(module: Module, given: str, text: str) -> Matcher:
    """The test of records for one search parameter (criteria, email, phone or word) and its value."""
    return _MATCHERS[given](module, text)


def search_page(module: Module, records: list[Record],
                params: Mapping[str, str]) -> tuple[list[Record], dict[str, Any]] | None:
    """One page of the matching records with Zoho's `info`, or None when nothing matches."""
    given = next((name for name in SEARCH_PARAMS if params.get(name)), None)
    if given is None:
        raise RequestError("EXPECTED_PARAM_MISSING", {"param_names": list(SEARCH_PARAMS)})
    raw_fields = params.get("fields")
    fields = parse_fields(module, raw_fields) if raw_fields else None
    per_page = positive_int(params, "per_page", MAX_PER_PAGE, MAX_PER_PAGE)
    page = positive_int(params, "page", 1)
    if (page - 1) * per_page >= MAX_SEARCH_RECORDS:
        raise RequestError("LIMIT_REACHED", {"limit": str(MAX_SEARCH_RECORDS)})
    sort_by, sort_order = parse_sort(module, params, "desc")
    matcher = _MATCHERS[given](module, params[given])
    found = sorted_records([r for r in records if matcher(r)], sort_by, sort_order)[:MAX_SEARCH_RECORDS]
    start = (page - 1) * per_page
    rows = found[start:start + per_page]
    if not rows:
        return None
    info = {"per_page": per_page, "count": len(rows), "page": page, "sort_by": sort_by, "sort_order": sort_order,
            "more_records": start + len(rows) < len(found)}
    return [select_fields(r, fields) for r in rows], info
