"""Comparing record values with the literals of search criteria and COQL conditions (shared by both)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from .catalog import TEXT_TYPES, Field
from .data import zoho_time

#: Ordering comparisons by Zoho's search operator names (COQL's symbols map onto them).
ORDERINGS: dict[str, Callable[[Any, Any], bool]] = {
    "greater_than": operator.gt,
    "greater_equal": operator.ge,
    "less_than": operator.lt,
    "less_equal": operator.le,
}
NUMBER_TYPES = frozenset({"integer", "double", "currency", "percent"})
ORDERED_TYPES = NUMBER_TYPES | {"date", "datetime"}
LOOKUP_TYPES = frozenset({"lookup", "ownerlookup"})


def comparable(field: Field, value: Any) -> Any:
    """A stored value as conditions compare it: text without case, lookups by id, None when empty."""
    if value is None or value == []:
        return None
    if field.data_type in LOOKUP_TYPES:
        return value.get("id")
    if field.data_type == "multiselectpicklist":
        return [item.casefold() for item in value]
    return value.casefold() if isinstance(value, str) else value


def _integer(text: str) -> int:
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(text)
    return int(text)


def _number(text: str) -> float:
    if text.strip("-.0123456789"):  # no exponents, nan or inf: plain decimals only
        raise ValueError(text)
    return float(text)


def _boolean(text: str) -> bool:
    lowered = text.casefold()
    if lowered not in ("true", "false"):
        raise ValueError(text)
    return lowered == "true"


def _date(text: str) -> str:
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text).isoformat()


def _datetime(text: str) -> str:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(text)
    return zoho_time(moment).casefold()


_LITERALS: dict[str, Callable[[str], Any]] = {
    "integer": _integer, "double": _number, "currency": _number, "percent": _number, "boolean": _boolean,
    "date": _date, "datetime": _datetime,
}


def literal(field: Field, text: str) -> Any:
    """The value `text` stands for when compared with `field` (as comparable() gives it); ValueError if none."""
    parse = _LITERALS.get(field.value_type)
    if parse is not None:
        return parse(text)
    if field.data_type in TEXT_TYPES or field.data_type == "multiselectpicklist":
        return text.casefold()
    return text  # a lookup's record id


def equal(actual: Any, expected: Any) -> bool:
    """Equality of a comparable value (a list for multi-select fields: any item) and a literal."""
    if isinstance(actual, list):
        return expected in actual
    return actual is not None and actual == expected


def ordered(name: str, actual: Any, expected: Any) -> bool:
    return actual is not None and not isinstance(actual, list) and ORDERINGS[name](actual, expected)


def starts_with(actual: Any, prefix: str) -> bool:
    items = actual if isinstance(actual, list) else [actual]
    return any(isinstance(item, str) and item.startswith(prefix) for item in items)


def contains(actual: Any, part: str) -> bool:
    items = actual if isinstance(actual, list) else [actual]
    return any(isinstance(item, str) and part in item for item in items)
