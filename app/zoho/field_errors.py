"""Zoho's refusal of a field, as the form shows it: the field to mark and a sentence naming it.

A write that Zoho refuses answers, per record, ``{"code": "INVALID_DATA", "details": {"api_name":
"Email", "json_path": "$.data[0].Email", ...}, "message": ..., "status": "error"}`` (inside ``data``
for a create or update, flat for a call on one id; with HTTP 400 the whole answer is raised as an
api.ApiError carrying ``code`` and ``details``). ``maximum_length`` names a too-long value,
``expected_data_type`` a value of the wrong type (the mass update's answer has none: the field's
own type says it then, with Zoho's ``range`` when given), MANDATORY_NOT_FOUND a missing one. The sentences
are those of the form's own checks (fields.check_record), so both are shown the same way.
"""

from .compat import is_ascii_digits, is_word
from .errors import shorten
from .fields import (
    IS_REQUIRED,
    MUST_BE_AT_MOST,
    MUST_BE_DATE,
    MUST_BE_DATETIME,
    MUST_BE_EMAIL,
    MUST_BE_NUMBER,
    MUST_BE_WHOLE_NUMBER,
    MUST_BE_YES_OR_NO,
    FieldProblem,
)

#: Zoho's expected_data_type -> what the value must be.
EXPECTED_TYPES = {
    "integer": MUST_BE_WHOLE_NUMBER,
    "bigint": MUST_BE_WHOLE_NUMBER,
    "long": MUST_BE_WHOLE_NUMBER,
    "double": MUST_BE_NUMBER,
    "decimal": MUST_BE_NUMBER,
    "currency": MUST_BE_NUMBER,
    "percent": MUST_BE_NUMBER,
    "date": MUST_BE_DATE,
    "datetime": MUST_BE_DATETIME,
    "boolean": MUST_BE_YES_OR_NO,
    "email": MUST_BE_EMAIL,
    "text": "must be text",
    "jsonobject": "must be a single record or value, not text or a list",
    "jsonarray": "must be a list of values",
}


#: Types a value can be refused for by its type alone: when Zoho's refusal does not say what it
#: expected (the mass update's INVALID_DATA gives no expected_data_type), the field's own type does.
TYPE_CHECKED = ("integer", "bigint", "long", "double", "decimal", "currency", "percent", "date", "datetime", "boolean")


def _range_text(span):
    """The words ' from -5 to 5' for Zoho's ``range`` detail ``{"from": -5, "to": 5}``; '' for another shape."""
    if not isinstance(span, dict):
        return ""
    low, high = span.get("from"), span.get("to")
    if type(low) is not int or type(high) is not int:
        return ""
    return " from {} to {}".format(low, high)


def field_of_path(json_path: object) -> "str | None":
    """The top-level field a ``json_path`` points into: ``$.data[0].Email`` -> "Email",
    ``$.data[0].Items[2].Quantity`` -> "Items" (the subform); None for any other shape."""
    if not isinstance(json_path, str) or not json_path.startswith("$.data["):
        return None
    index, bracket, rest = json_path[len("$.data["):].partition("]")
    if not bracket or not is_ascii_digits(index) or not rest.startswith("."):
        return None
    name = rest[1:]
    for mark in ".[":
        name = name.partition(mark)[0]
    return name if is_word(name) else None


def _labels(fields):
    return {field.api_name: field.label for field in fields}


def _what(code, details, zoho_message, labels, data_type):
    """The end of the sentence that begins with the field's label (``data_type``: the field's
    own, when it is among the form's fields)."""
    if code == "MANDATORY_NOT_FOUND":
        return IS_REQUIRED
    if code == "DUPLICATE_DATA":
        return "has a value that another record already has, and it must be unique"
    if code == "DEPENDENT_FIELD_MISSING":
        dependee = details.get("dependee")
        name = dependee.get("api_name") if isinstance(dependee, dict) else None
        if isinstance(name, str):
            return "{} when {} is given".format(IS_REQUIRED, shorten(labels.get(name, name), 80))
        return IS_REQUIRED
    if code == "INVALID_DATA":
        length = details.get("maximum_length")
        if type(length) is int:
            return MUST_BE_AT_MOST.format(length)
        expected = details.get("expected_data_type")
        if isinstance(expected, str):
            return EXPECTED_TYPES.get(expected, "must be a value of type " + shorten(expected, 40))
        supported = details.get("supported_values")
        if isinstance(supported, list) and supported:
            return "must be one of: " + ", ".join(shorten(value, 60) for value in supported[:20])
        places = details.get("maximum_decimal_place")
        if type(places) is int and places >= 0:
            return MUST_BE_WHOLE_NUMBER if places == 0 else "must have at most {} decimal place{}".format(
                places, "" if places == 1 else "s")
        span = _range_text(details.get("range"))
        if data_type in TYPE_CHECKED:
            said = EXPECTED_TYPES[data_type]
            return said.partition(",")[0] + span if span else said  # with a range, no example
        if span:
            return "must be" + span
        return "has a value Zoho does not accept"
    said = ' (Zoho said: "{}")'.format(shorten(zoho_message)) if zoho_message else ""
    return "was refused by Zoho: {}{}".format(shorten(code or "error", 60), said)


def field_problem(code: object, details: object, zoho_message: object, fields: "list[FieldMeta]") -> "FieldProblem | None":
    """The FieldProblem for Zoho's error ``code`` and ``details`` about a record, or None when they
    name no field. ``api_name`` is that of a field among ``fields`` (the form's), else None: the
    sentence then names the field Zoho gave, for the form's own message."""
    if not isinstance(details, dict):
        return None
    name = field_of_path(details.get("json_path"))
    if name is None and isinstance(details.get("api_name"), str) and is_word(details["api_name"]):
        name = details["api_name"]
    if name is None:
        return None
    labels = _labels(fields)
    types = {field.api_name: field.data_type for field in fields}
    what = _what(code if isinstance(code, str) else None, details,
                 zoho_message if isinstance(zoho_message, str) else None, labels, types.get(name))
    return FieldProblem(name if name in labels else None, "{} {}.".format(labels.get(name, name), what))


def result_problem(result: "RecordResult", fields: "list[FieldMeta]") -> "FieldProblem | None":
    """The FieldProblem of one record's result of a create or update (None when it succeeded or
    names no field)."""
    if result.ok:
        return None
    return field_problem(result.code, result.details, result.message, fields)


def error_problem(error: "ApiError", fields: "list[FieldMeta]") -> "FieldProblem | None":
    """The FieldProblem of a write that Zoho refused as a whole (an api.ApiError raised for a
    per-record error answered with HTTP 400), or None when it names no field."""
    return field_problem(getattr(error, "code", None), getattr(error, "details", None), None, fields)
