"""How values are formatted for the person: which locale, currency and time zone (from Zoho's org and
current-user answers), and which kind of format a field's data type takes.

The core decides WHAT is formatted and how (the number or instant to format, and the options of the
browser's ``Intl.NumberFormat`` / ``Intl.DateTimeFormat``); the page hands them to ``Intl``, the
browser's own locale data and time-zone database, which MicroPython has none of (web.intl).
"""

from .compat import Value, is_ascii_digits, is_ascii_letter, is_word
from .date_pattern import date_format, intl_fields, time_format, tokens
from .display import value_text

DEFAULT_LOCALE = "en-US"
DEFAULT_TIME_ZONE = "UTC"
#: Format kinds and the Intl formatter each uses.
NUMBER_KINDS = ("currency", "number", "percent")
DATE_KINDS = ("date", "datetime")
#: Zoho's data types shown through a number format (bigint is not: past 2**53 a JS number loses digits).
_NUMBER_TYPES = {"currency": "currency", "double": "number", "integer": "number", "percent": "percent"}
YES_NO = ("Yes", "No")


class Formats(Value):
    """The settings values are formatted with: ``locale`` (BCP 47, "en-US"), ``currency`` (ISO 4217
    code, or None), ``currency_locale``, ``time_zone`` (IANA name), ``hour12`` (True, False, or None:
    the locale's own habit), and the person's own ``date_format`` and ``time_format`` (Zoho's patterns,
    zoho.date_pattern; None: the locale's medium style)."""

    FIELDS = ("locale", "currency", "currency_locale", "time_zone", "hour12", "date_format", "time_format")

    def __init__(self, locale=DEFAULT_LOCALE, currency=None, currency_locale=None, time_zone=DEFAULT_TIME_ZONE,
                 hour12=None, date_format=None, time_format=None):
        self.locale = locale
        self.currency = currency
        self.currency_locale = currency_locale or locale
        self.time_zone = time_zone
        self.hour12 = hour12
        self.date_format = date_format
        self.time_format = time_format


def bcp47(zoho_locale):
    """Zoho's locale ("en_US", "de_DE", "zh_CN") as a BCP 47 tag ("en-US"); None unless it is one."""
    if not isinstance(zoho_locale, str):
        return None
    language, _, region = zoho_locale.replace("-", "_").partition("_")
    if not (2 <= len(language) <= 3 and all(is_ascii_letter(ch) for ch in language)):
        return None
    if region and not (len(region) == 2 and all(is_ascii_letter(ch) for ch in region)):
        return None
    return language.lower() + ("-" + region.upper() if region else "")


def _currency_code(code):
    if isinstance(code, str) and len(code) == 3 and all(is_ascii_letter(ch) for ch in code):
        return code.upper()
    return None


def _time_zone(name):
    """An IANA zone name's shape ("America/Los_Angeles", "Etc/GMT+5", "UTC"); the browser still checks it."""
    if not isinstance(name, str) or not 2 <= len(name) <= 64:
        return None
    for part in name.split("/"):
        if not is_word(part.replace("-", "_").replace("+", "_")):
            return None
    return name


def _hour12(time_format):
    """Zoho's ``time_format`` ("hh:mm a", "HH:mm"): 12-hour when it has the am/pm marker."""
    if not isinstance(time_format, str) or not time_format:
        return None
    return "a" in time_format


def formats_from(org, user):
    """The Formats for the org answer's entry ``org`` and the current user's entry ``user`` (dicts,
    either may be None): the user's locale, time zone, clock and date and time formats; the org's
    currency and its locale."""
    org = org if isinstance(org, dict) else {}
    user = user if isinstance(user, dict) else {}
    locale = bcp47(user.get("locale")) or bcp47(org.get("currency_locale")) or DEFAULT_LOCALE
    return Formats(locale, _currency_code(org.get("iso_code")), bcp47(org.get("currency_locale")) or locale,
                   _time_zone(user.get("time_zone")) or _time_zone(org.get("time_zone")) or DEFAULT_TIME_ZONE,
                   _hour12(user.get("time_format")), date_format(user.get("date_format")),
                   time_format(user.get("time_format")))


def patterns(formats):
    """kind -> the tokens (zoho.date_pattern) its values are put in, for the kinds that follow the
    person's own formats: a date by ``date_format``; an instant by both, a space between."""
    if formats.date_format is None:
        return {}
    kinds = {"date": tokens(formats.date_format)}
    if formats.time_format is not None:
        kinds["datetime"] = tokens(formats.date_format + " " + formats.time_format)
    return kinds


def intl_options(formats):
    """kind -> (locale, options) for the browser's Intl formatter of that kind."""
    money = ({"style": "currency", "currency": formats.currency} if formats.currency
             else {"minimumFractionDigits": 2, "maximumFractionDigits": 2})
    clock = {"timeZone": formats.time_zone, "dateStyle": "medium", "timeStyle": "short"}
    if formats.hour12 is not None:
        clock["hour12"] = formats.hour12
    day = {"timeZone": "UTC", "dateStyle": "medium"}
    own = patterns(formats)
    if "date" in own:
        day = dict(intl_fields(own["date"]), timeZone="UTC")
    if "datetime" in own:
        clock = dict(intl_fields(own["datetime"]), timeZone=formats.time_zone)
    return {
        "currency": (formats.currency_locale, money),
        "number": (formats.locale, {"maximumFractionDigits": 6}),
        "percent": (formats.locale, {"style": "percent", "maximumFractionDigits": 4}),
        # A date has no time zone: it is formatted as that day at midnight UTC, in UTC.
        "date": (formats.locale, day),
        "datetime": (formats.locale, clock),
    }


def _days_from_civil(year, month, day):
    """Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm)."""
    if month <= 2:
        year -= 1
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _number(text, low, high):
    if not is_ascii_digits(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def date_days(text):
    """Days since the Unix epoch of Zoho's date "YYYY-MM-DD"; None for anything else."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    year, month, day = _number(text[:4], 1, 9999), _number(text[5:7], 1, 12), _number(text[8:], 1, 31)
    if year is None or month is None or day is None or day > _MONTH_DAYS[month - 1]:
        return None
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return None
    return _days_from_civil(year, month, day)


def instant_ms(text):
    """Milliseconds since the Unix epoch of Zoho's datetime "YYYY-MM-DDTHH:MM:SS+HH:MM" (or "Z");
    None for anything else (a time without its offset is not an instant)."""
    if not isinstance(text, str) or len(text) not in (20, 25) or text[10] != "T":
        return None
    days = date_days(text[:10])
    clock = text[11:19]
    if days is None or clock[2] != ":" or clock[5] != ":":
        return None
    hours, minutes, seconds = _number(clock[:2], 0, 23), _number(clock[3:5], 0, 59), _number(clock[6:], 0, 59)
    if hours is None or minutes is None or seconds is None:
        return None
    zone = text[19:]
    if zone == "Z":
        offset = 0
    elif len(zone) == 6 and zone[0] in "+-" and zone[3] == ":":
        zone_hours, zone_minutes = _number(zone[1:3], 0, 23), _number(zone[4:], 0, 59)
        if zone_hours is None or zone_minutes is None:
            return None
        offset = (zone_hours * 60 + zone_minutes) * (1 if zone[0] == "+" else -1)
    else:
        return None
    return float((days * 86400 + hours * 3600 + minutes * 60 + seconds - offset * 60) * 1000)


def format_plan(data_type, value):
    """(kind, number) to hand to the Intl formatter of ``kind`` for a ``data_type`` value, or None when
    it is shown as text (zoho.display). Numbers go as floats: JS integers above 2**31 truncate
    across MicroPython's FFI."""
    if isinstance(value, bool) or value is None:
        return None
    kind = _NUMBER_TYPES.get(data_type)
    if kind is not None and isinstance(value, (int, float)):
        return kind, float(value) / 100 if kind == "percent" else float(value)
    if data_type == "date":
        days = date_days(value)
        return None if days is None else ("date", float(days * 86400000))
    if data_type == "datetime":
        instant = instant_ms(value)
        return None if instant is None else ("datetime", instant)
    return None


def formatted_text(data_type, value, format_with=None):
    """The text shown for a ``data_type`` value: Yes / No for a boolean, ``format_with(kind, number)``
    (the page's Intl formatters; None when it has none for that kind) for what format_plan formats,
    zoho.display's text for the rest."""
    if isinstance(value, bool):
        return YES_NO[0] if value else YES_NO[1]
    plan = format_plan(data_type, value) if format_with is not None else None
    text = format_with(plan[0], plan[1]) if plan is not None else None
    return value_text(value, data_type) if text is None else text
