"""Zoho's values as the text a person reads in a table, a record's details or an input."""


def display_text(value):
    """Zoho values as text: lookups show their name, lists are joined, None is empty."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for key in ("name", "full_name", "email", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return str(value)
    if isinstance(value, list):
        return ", ".join(display_text(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
