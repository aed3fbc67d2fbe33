"""A record form's inputs as text: a field's value as its input shows it, what an input's text
means for ``fields.field_value``, and which inputs the person changed.

An input holds text (a checkbox "true"/"false", a multi-select one chosen value a line); the
page reads and writes that text, and these rules say what it is.
"""

from .fields import CHECKBOX, DATETIME, LOOKUP, MULTI_SELECT
from .display import value_text


def empty_text(field):
    """What ``field``'s input holds in a new form."""
    return "false" if field.input_kind == CHECKBOX else ""


def original_text(field, value):
    """A record's ``value`` of ``field`` as its input's text."""
    kind = field.input_kind
    if kind == CHECKBOX:
        return "true" if value is True else "false"
    if kind == MULTI_SELECT:
        return "\n".join(item for item in value if isinstance(item, str)) if isinstance(value, list) else ""
    if kind == LOOKUP:
        return value.get("id", "") if isinstance(value, dict) and isinstance(value.get("id"), str) else ""
    if kind == DATETIME and isinstance(value, str):
        return value[:16]  # the date and time as Zoho wrote them, without the offset
    return value_text(value)


def entry_of(field, text):
    """An input's text as fields.field_value takes it: a bool, a list, or the text."""
    kind = field.input_kind
    if kind == CHECKBOX:
        return text == "true"
    if kind == MULTI_SELECT:
        return [item for item in text.split("\n") if item]
    return text


def changed_texts(fields, texts, record):
    """{api_name: text} of the inputs whose text differs from what the form started with: the
    record's values (an edit), or empty inputs (``record`` None, a new record). ``texts`` maps
    API names to what each input holds now; fields without an input are left out."""
    changed = {}
    for field in fields:
        if field.api_name not in texts:
            continue
        text = texts[field.api_name]
        start = original_text(field, record.get(field.api_name)) if record is not None else empty_text(field)
        if text != start:
            changed[field.api_name] = text
    return changed


def entries_of(fields, texts):
    """The changed ``texts`` ({api_name: text}) as fields.build_record takes them."""
    entries = {}
    for field in fields:
        if field.api_name in texts:
            entries[field.api_name] = entry_of(field, texts[field.api_name])
    return entries
