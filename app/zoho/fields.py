"""A module's fields as Zoho describes them (GET settings/fields), and what a form makes of them.

FieldMeta says how a field is labelled, typed and edited; ``input_kind`` names the form
input for its data type, ``field_value`` turns what the input holds into the JSON value Zoho
expects, and ``build_record`` does that for a whole form, checking the mandatory fields.

The older helpers below (``field_kind``, ``form_value``) guess a kind from record values, for
a module whose metadata is not known.
"""

from .compat import Value, is_ascii_digits
from .errors import UnexpectedResponseError

# Form input kinds (the page draws one input per kind).
TEXT_INPUT = "text"
TEXTAREA = "textarea"
EMAIL = "email"
TEL = "tel"
URL = "url"
NUMBER_INPUT = "number"
CURRENCY = "currency"
PERCENT = "percent"
DATE = "date"
DATETIME = "datetime-local"
CHECKBOX = "checkbox"
SELECT = "select"
MULTI_SELECT = "multi-select"
LOOKUP = "lookup"

#: Zoho data_type -> form input kind. Types not listed (formula, autonumber, file uploads, subforms ...)
#: are shown but not edited.
INPUT_KINDS = {
    "text": TEXT_INPUT,
    "textarea": TEXTAREA,
    "email": EMAIL,
    "phone": TEL,
    "website": URL,
    "integer": NUMBER_INPUT,
    "bigint": NUMBER_INPUT,
    "double": NUMBER_INPUT,
    "decimal": NUMBER_INPUT,
    "currency": CURRENCY,
    "percent": PERCENT,
    "date": DATE,
    "datetime": DATETIME,
    "boolean": CHECKBOX,
    "picklist": SELECT,
    "multiselectpicklist": MULTI_SELECT,
    "lookup": LOOKUP,
    "ownerlookup": LOOKUP,
    "userlookup": LOOKUP,
}
_WHOLE_NUMBER_TYPES = ("integer", "bigint")
# What a value must be, the end of a sentence that starts with the field's label (the form's own
# checks and Zoho's refusals, read by zoho.field_errors, say it in the same words).
MUST_BE_DATE = "must be a date, such as 2024-05-31"
MUST_BE_DATETIME = "must be a date and time, such as 2024-05-31T09:30"
MUST_BE_YES_OR_NO = "must be yes or no"
MUST_BE_WHOLE_NUMBER = "must be a whole number, such as 1250"
MUST_BE_NUMBER = "must be a number, such as 1250 or 99.50"
MUST_BE_AT_MOST = "must be at most {} characters long"
MUST_BE_EMAIL = "must be an email address, such as ada@example.com"
MUST_BE_RECORD_ID = "must be the id of a record (digits only)"
IS_REQUIRED = "is required"
#: Zoho's empty choice at the top of optional picklists.
NONE_CHOICE = "-None-"


class PicklistValue(Value):
    """One choice of a picklist: what the form shows, and what is sent."""

    FIELDS = ("display", "actual")

    def __init__(self, display, actual):
        self.display = display
        self.actual = actual


class FieldMeta(Value):
    """A field of a module, from Zoho's field metadata."""

    FIELDS = ("api_name", "label", "data_type", "json_type", "mandatory", "read_only", "length", "choices",
              "lookup_module", "sortable", "display_field")

    def __init__(self, api_name, label, data_type, json_type=None, mandatory=False, read_only=False, length=None,
                 choices=(), lookup_module=None, sortable=False, display_field=False):
        self.api_name = api_name
        self.label = label
        self.data_type = data_type
        self.json_type = json_type
        self.mandatory = mandatory
        self.read_only = read_only
        self.length = length
        self.choices = tuple(choices)
        self.lookup_module = lookup_module
        self.sortable = sortable  # Zoho's metadata says it can be sorted by (through COQL's order by)
        self.display_field = display_field  # the field that names a record of the module

    @property
    def input_kind(self):
        """The form input for this field, or None when it cannot be edited in a form."""
        return INPUT_KINDS.get(self.data_type)

    @property
    def editable(self):
        return not self.read_only and self.input_kind is not None


def _text(entry, key, default=None):
    value = entry.get(key)
    return value if isinstance(value, str) and value else default


def _choices(entry):
    values = entry.get("pick_list_values")
    choices = []
    for item in values if isinstance(values, list) else []:
        if not isinstance(item, dict):
            continue
        actual = _text(item, "actual_value", _text(item, "display_value"))
        if actual is not None and actual != NONE_CHOICE:
            choices.append(PicklistValue(_text(item, "display_value", actual), actual))
    return choices


def _lookup_module(entry):
    lookup = entry.get("lookup")
    module = lookup.get("module") if isinstance(lookup, dict) else None
    return _text(module, "api_name") if isinstance(module, dict) else None


def parse_fields(response):
    """The fields of a settings/fields answer (an api.ApiResponse), in Zoho's order.

    Entries without an API name are skipped; unknown keys are ignored. Read-only follows Zoho's
    ``read_only`` (for this user); its ``field_read_only`` is not used, as Zoho's own example
    sets it on the record owner, which can be changed.
    """
    data = response.data
    listed = data.get("fields") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        raise UnexpectedResponseError("Zoho's answer did not have the expected list of fields.", None,
                                      "UNEXPECTED_RESPONSE")
    fields = []
    for entry in listed:
        if not isinstance(entry, dict) or _text(entry, "api_name") is None:
            continue
        api_name = entry["api_name"]
        length = entry.get("length")
        fields.append(FieldMeta(
            api_name,
            _text(entry, "field_label", _text(entry, "display_label", api_name)),
            _text(entry, "data_type", "text"),
            _text(entry, "json_type"),
            entry.get("system_mandatory") is True,
            entry.get("read_only") is True,
            length if type(length) is int and length > 0 else None,
            _choices(entry),
            _lookup_module(entry),
            entry.get("sortable") is True,
            entry.get("display_field") is True,
        ))
    return fields


def name_field(fields):
    """The API name of the field that names a module's records (Zoho's ``display_field``), or None."""
    for field in fields:
        if field.display_field:
            return field.api_name
    return None


def label_of(fields, api_name):
    """The field's label (for table headers), or its API name when the field is not among ``fields``."""
    for field in fields:
        if field.api_name == api_name:
            return field.label
    return api_name


# --- From a form to Zoho's JSON ---------------------------------------------


def _days_in_month(year, month):
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _date(text):
    parts = text.split("-")
    if len(parts) != 3 or [len(p) for p in parts] != [4, 2, 2] or not all(is_ascii_digits(p) for p in parts):
        raise ValueError(MUST_BE_DATE)
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(year, month):
        raise ValueError("must be a date that exists, such as 2024-05-31")
    return text


def _clock(text):
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(len(p) == 2 and is_ascii_digits(p) for p in parts):
        raise ValueError(MUST_BE_DATETIME)
    if int(parts[0]) > 23 or int(parts[1]) > 59 or (len(parts) == 3 and int(parts[2]) > 59):
        raise ValueError("must be a time that exists, such as 09:30")
    return text if len(parts) == 3 else text + ":00"


def utc_offset_text(minutes):
    """+05:30 for 330 minutes east of UTC, -04:00 for 240 west."""
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return "{}{:02d}:{:02d}".format(sign, minutes // 60, minutes % 60)


def _datetime(text, utc_offset_minutes):
    day, separator, clock = text.partition("T")
    if not separator:
        day, separator, clock = text.partition(" ")
    if not separator:
        raise ValueError(MUST_BE_DATETIME)
    return _date(day) + "T" + _clock(clock) + utc_offset_text(utc_offset_minutes)


def _checked(entry):
    if isinstance(entry, bool):
        return entry
    lowered = entry.strip().lower()
    if lowered in ("true", "yes", "on", "1"):
        return True
    if lowered in ("false", "no", "off", "0", ""):
        return False
    raise ValueError(MUST_BE_YES_OR_NO)


def _choice(field, text):
    if text == NONE_CHOICE:
        return None
    for choice in field.choices:
        if text == choice.actual:
            return choice.actual
    raise ValueError("must be one of the listed choices")


def _number_of(field, text):
    number = _number(text)
    if field.data_type in _WHOLE_NUMBER_TYPES:
        if type(number) is not int:
            raise ValueError(MUST_BE_WHOLE_NUMBER)
        return str(number) if field.json_type == "string" else number
    return number


def _plain_text(field, text):
    if field.length is not None and len(text) > field.length:
        raise ValueError(MUST_BE_AT_MOST.format(field.length))
    if field.data_type == "email":
        name, at, domain = text.partition("@")
        if not name or not at or "@" in domain or "." not in domain.strip(".") or " " in text:
            raise ValueError(MUST_BE_EMAIL)
    return text


def field_value(field, entry, utc_offset_minutes=0):
    """The JSON value Zoho expects for what a form holds for ``field``, or None when it is empty.

    ``entry`` is the input's text (None counts as empty); for a checkbox it may be a bool, for a
    multi-select a list of texts (the chosen values). ``utc_offset_minutes`` is the person's offset
    from UTC (330 for India, -240 for New York in summer) and gives a date-time its zone. Raises
    ValueError with the end of a sentence ("must be a number, such as ...") when the entry does not
    fit.
    """
    kind = field.input_kind
    if entry is None:
        entry = [] if kind == MULTI_SELECT else ""
    if kind == CHECKBOX:
        return _checked(entry)
    if kind == MULTI_SELECT:
        values = [_choice(field, text) for text in entry if text]
        return [v for v in values if v is not None] or None
    text = entry.strip() if kind != TEXTAREA else entry
    if not text.strip():
        return None
    if kind == SELECT:
        return _choice(field, text)
    if kind == LOOKUP:
        if not is_ascii_digits(text):
            raise ValueError(MUST_BE_RECORD_ID)
        return {"id": text}
    if kind in (NUMBER_INPUT, CURRENCY, PERCENT):
        return _number_of(field, text)
    if kind == DATE:
        return _date(text)
    if kind == DATETIME:
        return _datetime(text, utc_offset_minutes)
    return _plain_text(field, text)


class FieldProblem(Value):
    """What is wrong with a field of a form, found by the form's own checks or said by Zoho:
    ``api_name`` the field to mark (None when it is no field of the form), ``message`` a sentence
    naming the field by its label."""

    FIELDS = ("api_name", "message")

    def __init__(self, api_name, message):
        self.api_name = api_name
        self.message = message


def check_record(fields, entries, creating, utc_offset_minutes=0):
    """(record, problems) for a form: the JSON values of the entries given, and a FieldProblem for
    each field that does not fit or is mandatory and missing, in the fields' order.

    ``entries`` maps API names to what each input holds (see field_value). Read-only fields and
    fields without an entry are left out; an empty entry is sent as null only on update (it
    clears the field), and a mandatory field must have a value when creating and cannot be
    cleared on update.
    """
    record = {}
    problems = []
    for field in fields:
        given = field.api_name in entries
        if not field.editable or not (given or creating):
            continue
        try:
            value = field_value(field, entries[field.api_name], utc_offset_minutes) if given else None
        except ValueError as exc:
            problems.append(FieldProblem(field.api_name, "{} {}.".format(field.label, exc.args[0])))
            continue
        if value is None and field.mandatory:
            problems.append(FieldProblem(field.api_name, "{} {}.".format(field.label, IS_REQUIRED)))
        elif value is not None or (given and not creating):
            record[field.api_name] = value
    return record, problems


def build_record(fields, entries, creating, utc_offset_minutes=0):
    """check_record, with each problem as its sentence only."""
    record, problems = check_record(fields, entries, creating, utc_offset_minutes)
    return record, [problem.message for problem in problems]


# --- Kinds guessed from record values (when the metadata is not known) ------

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
        raise ValueError(MUST_BE_YES_OR_NO)
    return text


def _number(text):
    sign = -1 if text.startswith("-") else 1
    digits = text[1:] if text[:1] in "+-" else text
    whole, dot, fraction = digits.partition(".")
    if not is_ascii_digits(whole or "0") or (dot and not is_ascii_digits(fraction)) or not (whole or fraction):
        raise ValueError(MUST_BE_NUMBER)
    if dot:
        return sign * float((whole or "0") + "." + fraction)
    return sign * int(whole)
