"""What a person types into a record's field, as the JSON value Zoho expects."""

from .compat import is_ascii_digits

NUMBER, BOOLEAN, TEXT, STRUCTURED = "number", "boolean", "text", "structured"
_YES = ("yes", "true")
_NO = ("no", "false")


def field_kind(samples):
    """A field's kind, from values it has in records (the first one that is not None).

    STRUCTURED (lookups, lists) cannot be typed as text at all; a field never seen
    with a value is TEXT.
    """
    for value in samples:
        if value is None:
            continue
        if isinstance(value, bool):
            return BOOLEAN
        if isinstance(value, (int, float)):
            return NUMBER
        if isinstance(value, (dict, list)):
            return STRUCTURED
        return TEXT
    return TEXT


def form_value(kind, text):
    """The value for ``text`` typed into a field of ``kind``; None when left empty.

    Raises ValueError with the end of a sentence ("must be a number ...") when it does not fit.
    """
    text = text.strip()
    if not text:
        return None
    if kind == NUMBER:
        return _number(text)
    if kind == BOOLEAN:
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise ValueError("must be yes or no")
    return text


def _number(text):
    sign = -1 if text.startswith("-") else 1
    digits = text[1:] if text[:1] in "+-" else text
    whole, dot, fraction = digits.partition(".")
    if not is_ascii_digits(whole or "0") or (dot and not is_ascii_digits(fraction)) or not (whole or fraction):
        raise ValueError("must be a number, such as 1250 or 99.50")
    if dot:
        return sign * float((whole or "0") + "." + fraction)
    return sign * int(whole)
