"""Zoho's per-record results of a create, update or delete, as lines a person reads."""

from .fields import label_of


def result_lines(results, fields):
    """(text, ok) for each api.RecordResult: "Done: record added (id 7)", or "Not done: ..."
    with Zoho's code and the field it names (by its label among ``fields``)."""
    lines = []
    for result in results:
        text = ("Done: " if result.ok else "Not done: ") + result.message
        if result.id:
            text += " (id " + result.id + ")"
        elif not result.ok and result.code:
            text += " (" + result.code + _field_hint(result.details, fields) + ")"
        lines.append((text, result.ok))
    return lines


def _field_hint(details, fields):
    if isinstance(details, dict) and isinstance(details.get("api_name"), str):
        return ", field " + label_of(fields, details["api_name"])
    return ""
