"""JSON as indented text for people to read (MicroPython's json.dumps has no ``indent``), and
JSON read with characters beyond U+FFFF whole (MicroPython's json.loads splits their escapes)."""

import json


def pretty_json(value: object, indent: str = "  ", _depth: int = 0) -> str:
    """``value`` as JSON text, objects and arrays spread over lines, keys sorted.

    Sorted, because MicroPython's dicts (and so its json.loads) keep no order.
    """
    pad = indent * (_depth + 1)
    end = indent * _depth
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [pad + json.dumps(str(key)) + ": " + pretty_json(item, indent, _depth + 1)
                 for key, item in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [pad + pretty_json(item, indent, _depth + 1) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(value)


def _hex4(text, at):
    """The value of the four hex digits at ``text[at:at + 4]``, or None."""
    digits = text[at:at + 4]
    if len(digits) != 4 or not all(ch in "0123456789abcdefABCDEF" for ch in digits):
        return None
    return int(digits, 16)


def join_surrogate_escapes(text):
    """JSON ``text`` with each escaped surrogate pair (``\\ud83d\\udc0d``) written as the
    character it stands for: MicroPython's json.loads decodes the halves one by one into two
    invalid characters (a browser shows six U+FFFD). Everything else is left as it is."""
    if "\\ud" not in text and "\\uD" not in text:
        return text
    parts = []
    start = at = 0
    while True:
        at = text.find("\\", at)
        if at < 0:
            break
        if text[at + 1:at + 2] != "u":
            at += 2  # an escape of another kind, "\\\\" included: its second character is not a new escape
            continue
        high, low = _hex4(text, at + 2), _hex4(text, at + 8) if text[at + 6:at + 8] == "\\u" else None
        if high is not None and low is not None and 0xD800 <= high < 0xDC00 and 0xDC00 <= low < 0xE000:
            parts.append(text[start:at])
            parts.append(chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)))
            at = start = at + 12
        else:
            at += 6
    parts.append(text[start:])
    return "".join(parts)


def loads(text):
    """json.loads, with characters beyond U+FFFF kept whole on MicroPython too."""
    return json.loads(join_surrogate_escapes(text))


def folded_json(value, levels, indent="  ", _depth=0):
    """``value`` as pretty_json lays it out, with what lies deeper than ``levels`` (1: only the
    top object's keys) folded into one line saying how much it holds: ``{…3 keys}``, ``[…200 items]``."""
    if not isinstance(value, (dict, list, tuple)) or not value:
        return pretty_json(value)
    if _depth >= levels:
        count = len(value)
        if isinstance(value, dict):
            return "{…" + str(count) + (" key}" if count == 1 else " keys}")
        return "[…" + str(count) + (" item]" if count == 1 else " items]")
    pad = indent * (_depth + 1)
    end = indent * _depth
    if isinstance(value, dict):
        items = [pad + json.dumps(str(key)) + ": " + folded_json(item, levels, indent, _depth + 1)
                 for key, item in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    items = [pad + folded_json(item, levels, indent, _depth + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + end + "]"


def find_spans(text, needle):
    """Where ``needle`` occurs in ``text``, ignoring case: (start, end) pairs, not overlapping."""
    if not needle:
        return []
    haystack, wanted = text.lower(), needle.lower()
    spans = []
    at = haystack.find(wanted)
    while at >= 0:
        spans.append((at, at + len(wanted)))
        at = haystack.find(wanted, at + len(wanted))
    return spans
