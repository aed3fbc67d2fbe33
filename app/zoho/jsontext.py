"""JSON as indented text for people to read (MicroPython's json.dumps has no ``indent``)."""

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
