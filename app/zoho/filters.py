"""The records list's filter bar: a field, an operator its data type allows, and a value, made into
Zoho's search criteria ``(Field:operator:value)`` (values escaped as Zoho requires), or into a COQL
condition where criteria cannot say it (a field that is empty, or not).

The operators by data type are those of the v8 search spec (zoho/crm-oas, module_search,
searchRecords' note "operator support by field type"), kept to those the count
(record_count, getRecordCount's table) takes too, since the list counts what it filters.
Lookups and owners are searched by record id, which a person does not know: they are not offered.
"""

from .compat import Value, is_word
from .fields import (CHECKBOX, DATE, DATETIME, MUST_BE_DATE, MUST_BE_DATETIME, MUST_BE_NUMBER, MUST_BE_WHOLE_NUMBER,
                     NUMBER_INPUT, SELECT, field_value)
from .search import condition

TEXT = "text"
NUMBER = "number"
IS_EMPTY, IS_NOT_EMPTY = "is_empty", "is_not_empty"
#: The two conditions only COQL can say (``is null``, ``is not null``).
COQL_OPERATORS = (IS_EMPTY, IS_NOT_EMPTY)
#: Types COQL takes in no condition: "You cannot use multi-line fields such as Description ... in
#: criteria" (Zoho's COQL limitations page).
NOT_IN_COQL_CONDITIONS = ("textarea",)
_TEXT = ("equals", "not_equal", "starts_with", "in")
_ORDERED = ("equals", "not_equal", "greater_than", "greater_equal", "less_than", "less_equal", "between", "in")
_CHOICES = ("equals", "not_equal", "in")
#: data_type -> Zoho's criteria operators for it.
OPERATORS = {
    "text": _TEXT, "email": _TEXT, "phone": _TEXT, "website": _TEXT,
    "textarea": ("equals", "not_equal", "starts_with"),
    "picklist": _CHOICES, "multiselectpicklist": _CHOICES, "autonumber": _CHOICES,
    "integer": _ORDERED, "bigint": _ORDERED, "double": _ORDERED, "decimal": _ORDERED, "currency": _ORDERED,
    "percent": _ORDERED, "date": _ORDERED, "datetime": _ORDERED,
    "boolean": ("equals", "not_equal"),
}
_CONTAINING = ("text", "email", "phone", "website", "textarea", "autonumber")
_NUMBERS = ("integer", "bigint", "double", "decimal", "currency", "percent")
_LABELS = {"equals": "is", "not_equal": "is not", "starts_with": "starts with", "in": "is one of",
           "between": "is between", "greater_than": "is more than", "greater_equal": "is at least",
           "less_than": "is less than", "less_equal": "is at most", IS_EMPTY: "is empty",
           IS_NOT_EMPTY: "is not empty"}
_TIME_LABELS = {"greater_than": "is after", "greater_equal": "is on or after", "less_than": "is before",
                "less_equal": "is on or before"}
#: Zoho's limits on criteria: 3,000 characters, 100 values in an ``in``.
MAX_CRITERIA_LENGTH = 3000
MAX_IN_VALUES = 100
CRITERIA, COQL = "criteria", "coql"


class Filter(Value):
    """What the filter bar asks for: ``kind`` CRITERIA (``text`` is the criteria) or COQL (``text``
    is the WHERE clause's condition), ``text`` being exactly what is sent."""

    FIELDS = ("kind", "text")

    def __init__(self, kind, text):
        self.kind = kind
        self.text = text


class Applied(Value):
    """The filter as the person chose it, kept for the tab: the field's API name, the operator and
    the inputs' ``entries`` (texts; a bool for a checkbox), so the bar can be put back as it was."""

    FIELDS = ("field", "operator", "entries")

    def __init__(self, field, operator, entries):
        self.field = field
        self.operator = operator
        self.entries = list(entries)


def restored_filter(applied: "Applied", fields: "list[FieldMeta]", coql: bool,
                    utc_offset_minutes: int = 0) -> "Filter | None":
    """The Filter a kept ``applied`` makes now, or None when it no longer can: its field is gone
    from the module's ``fields`` (or cannot be filtered by), the operator is not offered (``coql``:
    whether the sign-in may run COQL), or a value no longer fits (a choice taken away, say)."""
    found = [field for field in filter_fields(fields) if field.api_name == applied.field]
    if not found or applied.operator not in operators_for(found[0], coql):
        return None
    try:
        return build_filter(found[0], applied.operator, applied.entries, utc_offset_minutes)
    except ValueError:
        return None


def sent_words(sent: "Filter") -> str:
    """What the bar says before the text sent (shown as code): which of Zoho's calls filters."""
    how = "Zoho's search, criteria=" if sent.kind == CRITERIA else "a Zoho query (COQL), where "
    return "Filtered by " + how


def filter_fields(fields: "list[FieldMeta]") -> "list[FieldMeta]":
    """The fields the bar offers, in Zoho's order: those whose data type criteria can search."""
    return [field for field in fields if field.data_type in OPERATORS and is_word(field.api_name)]


def operators_for(field: "FieldMeta", coql: bool = False) -> "tuple[str, ...]":
    """Zoho's operators for ``field``; with ``coql`` (the sign-in may run COQL) also is empty / is
    not empty."""
    found = OPERATORS.get(field.data_type, ())
    return found + COQL_OPERATORS if coql and found and field.data_type not in NOT_IN_COQL_CONDITIONS else found


def operator_label(field: "FieldMeta", operator: str) -> str:
    """The operator in words for ``field``: Zoho's ``equals`` finds text inside text ("contains"),
    but whole choices and numbers."""
    if operator == "equals" and field.data_type in _CONTAINING:
        return "contains"
    if field.data_type in ("date", "datetime") and operator in _TIME_LABELS:
        return _TIME_LABELS[operator]
    return _LABELS.get(operator, operator)


def value_input(field: "FieldMeta", operator: str) -> "str | None":
    """The input the value takes: "checkbox", "select" (one of the field's choices), "date",
    "datetime-local", "number" or "text" ("in": values separated by commas); None when the
    operator takes no value."""
    if operator in COQL_OPERATORS:
        return None
    if field.data_type == "boolean":
        return CHECKBOX
    if operator == "in":
        return TEXT
    if field.data_type in ("picklist", "multiselectpicklist") and field.choices:
        return SELECT
    if field.data_type == "date":
        return DATE
    if field.data_type == "datetime":
        return DATETIME
    if field.data_type in _NUMBERS:
        return NUMBER_INPUT
    return TEXT


def value_count(operator: str) -> int:
    """How many inputs the operator takes: two for between, none for the COQL ones, else one."""
    return 2 if operator == "between" else 0 if operator in COQL_OPERATORS else 1


def _typed(field, entry, utc_offset_minutes):
    """``entry`` as criteria write it for ``field``; ValueError with the end of a sentence."""
    kind = value_input(field, "equals")
    if entry is None:  # something was typed that the input could not read (the browser's badInput)
        if kind in (DATE, DATETIME):
            raise ValueError(MUST_BE_DATE if kind == DATE else MUST_BE_DATETIME)
        raise ValueError(MUST_BE_WHOLE_NUMBER if field.data_type in ("integer", "bigint") else MUST_BE_NUMBER)
    if kind == CHECKBOX:
        return "true" if field_value(field, entry) else "false"
    text = entry.strip() if isinstance(entry, str) else ""
    if not text:
        raise ValueError("needs a value")
    if field.data_type in ("picklist", "multiselectpicklist") and field.choices:
        if text not in [choice.actual for choice in field.choices]:
            raise ValueError("must be one of its choices: " + ", ".join(c.actual for c in field.choices))
        return text
    if kind in (NUMBER_INPUT, DATE, DATETIME):
        return str(field_value(field, text, utc_offset_minutes))
    return text


def _values(field, operator, entries, utc_offset_minutes):
    if operator == "in":
        parts = [part.strip() for part in (entries[0] if entries else "").split(",")]
        parts = [part for part in parts if part]
        if not parts:
            raise ValueError("needs one value or more, separated by commas")
        if len(parts) > MAX_IN_VALUES:
            raise ValueError("takes at most {} values".format(MAX_IN_VALUES))
        return [_typed(field, part, utc_offset_minutes) for part in parts]
    if len(entries) < value_count(operator):
        raise ValueError("needs {} values".format(value_count(operator)))
    return [_typed(field, entry, utc_offset_minutes) for entry in entries[:value_count(operator)]]


def build_filter(field: "FieldMeta", operator: str, entries: "list", utc_offset_minutes: int = 0) -> "Filter":
    """The Filter for ``field`` ``operator`` ``entries`` (the inputs' values: texts, a bool for a
    checkbox, None for what an input could not read, such as 1e400 in a number input) in the person's ``utc_offset_minutes`` (for a date and time). Raises ValueError with a
    sentence naming the field when it cannot be sent."""
    if not is_word(field.api_name) or operator not in operators_for(field, True):
        raise ValueError("Zoho cannot filter {} by \"{}\".".format(field.label, operator))
    if operator in COQL_OPERATORS:
        return Filter(COQL, field.api_name + (" is null" if operator == IS_EMPTY else " is not null"))
    try:
        values = _values(field, operator, entries, utc_offset_minutes)
    except ValueError as error:
        raise ValueError("{} {}.".format(field.label, error))
    text = condition(field.api_name, operator, values if operator in ("in", "between") else values[0])
    if len(text) > MAX_CRITERIA_LENGTH:
        raise ValueError("Zoho takes criteria of at most {} characters; shorten the value.".format(MAX_CRITERIA_LENGTH))
    return Filter(CRITERIA, text)
