"""Every field type shown honestly: the text a table, a record's details or a form shows for a
Zoho value of a given data type, and whether this app edits that type (and if not, why not).

Values come as Zoho's records answers carry them: a lookup ``{"name", "id"}`` (only ``{"id"}`` in
a COQL answer), a multi-select lookup a list of linking rows ``[{"Contact": {"name", "id"}, "id"}]``,
a subform a list of row objects, a file or image field a list of ``{"File_Name__s", "Size__s",
"File_Id__s", "id"}``. Text only: the view puts it in the page with ``textContent``.
"""

from .compat import Value, is_ascii_digits
from .fields import INPUT_KINDS

#: Keys of a subform row or linking row that Zoho keeps itself (not the person's data).
ROW_SYSTEM_KEYS = ("id", "Parent_Id", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Owner",
                   "Layout")
FILE_TYPES = ("fileupload", "imageupload")
LOOKUP_TYPES = ("lookup", "ownerlookup", "userlookup")
#: Types shown but not edited here, and why (a sentence for the form).
READ_ONLY_TYPES = {
    "formula": "Zoho computes this field from others; it cannot be typed in.",
    "autonumber": "Zoho numbers this field itself; it cannot be typed in.",
    "fileupload": "Files are read-only here: change them in Zoho CRM.",
    "imageupload": "Images are read-only here: change them in Zoho CRM.",
    "subform": "Subform rows are read-only here: change them in Zoho CRM.",
    "multiselectlookup": "Multi-select lookups are read-only here: change them in Zoho CRM.",
}
READ_ONLY_FOR_YOU = "Zoho makes this field read-only for you."
NOT_SUPPORTED = "Fields of this type are read-only here: change them in Zoho CRM."


def _grouped(whole):
    """1234567 -> "1,234,567" (by hand: MicroPython's format has no "," option)."""
    digits = str(whole)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ",".join(groups)


def money_text(amount: "int | float", symbol: "str | None" = None) -> str:
    """A currency amount with two decimals and grouped thousands: 1250 -> "1,250.00" ("$1,250.00")."""
    if not abs(amount) < 1e15:  # past this a float holds no cents (and * 100 can overflow to infinity)
        return ("-" if amount < 0 else "") + (symbol or "") + _grouped(int(abs(amount)))
    cents = int(round(abs(amount) * 100))
    text = "{}.{:02d}".format(_grouped(cents // 100), cents % 100)
    return ("-" if amount < 0 and cents else "") + (symbol or "") + text


def _number_text(value):
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _name_of(value):
    """A lookup's text: its name (a user's full name or email), else "id <id>"."""
    for key in ("name", "full_name", "email"):
        if isinstance(value.get(key), str) and value[key]:
            return value[key]
    if isinstance(value.get("id"), str):
        return "id " + value["id"]
    return ""


def _linked_names(rows):
    """The names in a multi-select lookup's linking rows (the lookup in each row, not the row's id)."""
    names = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        for key in sorted(row):
            if key not in ROW_SYSTEM_KEYS and isinstance(row[key], dict):
                names.append(_name_of(row[key]))
                break
    return names


def _row_text(row):
    """A subform row's values (Zoho's own keys left out), in the order of their API names."""
    if not isinstance(row, dict):
        return value_text(row)
    return ", ".join(value_text(row[key]) for key in sorted(row)
                     if key not in ROW_SYSTEM_KEYS and not key.startswith("$") and row[key] is not None)


def _file_text(entry):
    if not isinstance(entry, dict):
        return value_text(entry)
    name = entry.get("File_Name__s") or entry.get("file_Name") or entry.get("name")
    return name if isinstance(name, str) and name else "a file"


def _count(number, one, many):
    return "{} {}".format(number, one if number == 1 else many)


def value_text(value: object, data_type: "str | None" = None, currency_symbol: "str | None" = None) -> str:
    """The text shown for ``value``, a field's value of Zoho's ``data_type`` (None: not known,
    shown by its JSON shape). Empty (None, [], "") is ""."""
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if data_type == "subform" and isinstance(value, list):
        return _count(len(value), "row", "rows") + ": " + "; ".join(_row_text(row) for row in value)
    if data_type == "multiselectlookup" and isinstance(value, list):
        return ", ".join(_linked_names(value))
    if data_type in FILE_TYPES and isinstance(value, list):
        return ", ".join(_file_text(entry) for entry in value)
    if isinstance(value, (int, float)):
        if data_type == "currency":
            return money_text(value, currency_symbol)
        return _number_text(value) + ("%" if data_type == "percent" else "")
    if isinstance(value, dict):
        return _name_of(value) or ", ".join(key + ": " + value_text(value[key]) for key in sorted(value))
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value)
    return str(value)


def field_text(field: "FieldMeta | None", value: object, currency_symbol: "str | None" = None) -> str:
    """value_text for a field of the module (``field`` None: its metadata is not known)."""
    return value_text(value, field.data_type if field is not None else None, currency_symbol)


class EditRule(Value):
    """How a form treats a field: ``input_kind`` (zoho.fields' kinds) when this app edits it, else
    None with ``reason``, a sentence shown beside the read-only value."""

    FIELDS = ("input_kind", "reason")

    def __init__(self, input_kind, reason=None):
        self.input_kind = input_kind
        self.reason = reason

    @property
    def editable(self):
        return self.input_kind is not None


def edit_rule(field: "FieldMeta") -> "EditRule":
    """Whether the app edits ``field`` (its input kind), or why it shows it read-only."""
    if field.data_type in READ_ONLY_TYPES:
        return EditRule(None, READ_ONLY_TYPES[field.data_type])
    if field.read_only:
        return EditRule(None, READ_ONLY_FOR_YOU)
    kind = INPUT_KINDS.get(field.data_type)
    return EditRule(kind) if kind is not None else EditRule(None, NOT_SUPPORTED)


# --- Links: email, phone and website values a person can follow ------------------------------

LINK_TYPES = ("email", "phone", "website")
_HOST_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-."
_EMAIL_LOCAL_CHARS = _HOST_CHARS + "_+'"
_PHONE_SEPARATORS = " -.()"
_URL_FORBIDDEN = " \t\r\n\\\"'<>`{}|^"


def _is_host(text):
    labels = text.lower().split(".")
    return len(labels) >= 2 and all(label and all(ch in _HOST_CHARS for ch in label)
                                    and label[0] != "-" and label[-1] != "-" for label in labels)


def _email_href(text):
    local, at, domain = text.partition("@")
    if not at or not local or len(text) > 254 or not all(ch in _EMAIL_LOCAL_CHARS for ch in local.lower()):
        return None
    return "mailto:" + text if _is_host(domain) else None


def _phone_href(text):
    number = "".join(ch for ch in text if ch not in _PHONE_SEPARATORS)
    digits = number[1:] if number.startswith("+") else number
    if not 3 <= len(digits) <= 20 or not all(ch in "0123456789" for ch in digits):
        return None
    return "tel:" + number


def _website_href(text):
    """Only an https: address whose host is a plain domain name (no user part, which could pass
    one site off as another); anything else (http:, javascript:, no scheme) stays text."""
    if text[:8].lower() != "https://" or any(ch in _URL_FORBIDDEN or ord(ch) < 0x20 or ord(ch) > 0x7E for ch in text):
        return None
    rest = text[8:]
    end = len(rest)
    for mark in "/?#":
        if mark in rest:
            end = min(end, rest.index(mark))
    host, _, port = rest[:end].partition(":")
    if not _is_host(host) or (port and not (is_ascii_digits(port) and len(port) <= 5)):
        return None
    return "https://" + rest


def link_href(data_type: "str | None", value: object) -> "str | None":
    """The address a value of an email, phone or website field links to (``mailto:``, ``tel:``,
    ``https:``), or None when it is shown as plain text: any other type, or a value that is not
    plainly one of these (``javascript:``, ``http:``, a name with spaces...)."""
    if data_type not in LINK_TYPES or not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if data_type == "email":
        return _email_href(text)
    if data_type == "phone":
        return _phone_href(text)
    return _website_href(text)
