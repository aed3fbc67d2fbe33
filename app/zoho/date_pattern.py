"""The person's own date and time formats from Zoho (``users[].date_format`` "MM-dd-yyyy",
``time_format`` "hh:mm a": Java's SimpleDateFormat letters) applied to a date or an instant.

The browser's ``Intl.DateTimeFormat.formatToParts`` gives the parts of a day or an instant in the
person's time zone and language (month and weekday names, AM/PM); this module decides which parts
to ask for and puts them in the pattern's order, padded as the pattern says. A pattern with a letter
it does not know is not used (zoho.locale then keeps the locale's own style).
"""

#: letter -> (Intl part, whether the pattern's length chooses a name rather than a number)
LETTERS = {
    "y": ("year", False), "M": ("month", True), "d": ("day", False), "E": ("weekday", True),
    "h": ("hour", False), "H": ("hour", False), "m": ("minute", False), "s": ("second", False),
    "a": ("dayPeriod", True),
}
MAX_LENGTH = 80  # Zoho's formats are short (a date's and a time's together); anything longer is not one


DATE_PARTS = ("year", "month", "day", "weekday")
TIME_PARTS = ("hour", "minute", "second", "dayPeriod")


def _quoted(pattern, at):
    """(the literal text of the quote that starts at ``at``, where it ends); (None, at) when it is
    never closed."""
    if pattern[at + 1:at + 2] == "'":
        return "'", at + 2
    text, at = [], at + 1
    while True:
        end = pattern.find("'", at)
        if end == -1:
            return None, at
        text.append(pattern[at:end])
        if pattern[end + 1:end + 2] != "'":
            return "".join(text), end + 1
        text.append("'")
        at = end + 2


def tokens(pattern, allowed=DATE_PARTS + TIME_PARTS):
    """The pattern as a list of (letter, count) and literal texts ('quoted' text and anything but
    a letter); None unless every letter is one of LETTERS for a part in ``allowed``, each part once."""
    if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_LENGTH:
        return None
    found, at = [], 0
    while at < len(pattern):
        char = pattern[at]
        if char == "'":  # quoted text; '' is a quote, inside quotes or out
            text, at = _quoted(pattern, at)
            if text is None:
                return None
            found.append(text)
        elif ("a" <= char <= "z") or ("A" <= char <= "Z"):
            if char not in LETTERS:
                return None
            end = at
            while end < len(pattern) and pattern[end] == char:
                end += 1
            found.append((char, end - at))
            at = end
        else:
            found.append(char)
            at += 1
    parts = [LETTERS[token[0]][0] for token in found if isinstance(token, tuple)]
    if not parts or len(set(parts)) != len(parts) or any(part not in allowed for part in parts):
        return None
    return found


def date_format(pattern):
    """Zoho's ``date_format`` when it is a date's pattern this module follows (a day and a month at
    least, no time), else None."""
    found = tokens(pattern, DATE_PARTS)
    named = [LETTERS[token[0]][0] for token in found or () if isinstance(token, tuple)]
    return pattern if "day" in named and "month" in named else None


def time_format(pattern):
    """Zoho's ``time_format`` when it is a time's pattern this module follows (hours and minutes at
    least; AM/PM only with a 12-hour "h"), else None."""
    found = tokens(pattern, TIME_PARTS)
    letters = [token[0] for token in found or () if isinstance(token, tuple)]
    if not ("m" in letters and ("h" in letters or "H" in letters)) or ("a" in letters and "h" not in letters):
        return None
    return pattern


def intl_fields(found):
    """The Intl.DateTimeFormat options that give the parts ``found`` needs: numbers in Latin digits
    (padded here, not by Intl), names short or long by the letter's count, of the Gregorian calendar
    that Zoho's patterns count in (Intl's own for "th-TH" is Buddhist, 2569 for 2026; "fa-IR"'s Persian)."""
    options = {"numberingSystem": "latn", "calendar": "gregory"}
    for token in found:
        if not isinstance(token, tuple):
            continue
        letter, count = token
        part, named = LETTERS[letter]
        if letter == "a":
            continue  # comes with a 12-hour clock
        if letter == "h":
            options["hourCycle"] = "h12"
        elif letter == "H":
            options["hourCycle"] = "h23"
        if named and (letter == "E" or count >= 3):
            options[part] = "long" if count >= 4 else "short"
        else:
            options[part] = "numeric"
    return options


def _padded(number, width):
    return "0" * (width - len(number)) + number  # MicroPython's str has no rjust


def _number(token, value):
    letter, count = token
    digits = "".join(char for char in value if "0" <= char <= "9")
    if not digits:
        return None
    if letter == "y" and count == 2:
        return _padded(digits[-2:], 2)
    number = str(int(digits))
    return _padded(number, count) if count <= 2 else number


def assembled(found, parts):
    """The text of ``found`` (tokens) from ``parts`` (Intl part type -> its text, as
    formatToParts gives them); None when a part it needs is missing."""
    text = []
    for token in found:
        if not isinstance(token, tuple):
            text.append(token)
            continue
        part, named = LETTERS[token[0]]
        value = parts.get(part)
        if not isinstance(value, str) or not value:
            return None
        if not named or (token[0] == "M" and token[1] <= 2):
            value = _number(token, value)
            if value is None:
                return None
        text.append(value)
    return "".join(text)
