"""Small helpers that behave the same on CPython and MicroPython.

MicroPython's ``str`` lacks ``isalnum``/``isascii``, its ``isdigit`` and ``int()``
differ from CPython's (``int("1_0")`` is accepted), and its ``hmac`` has no
``compare_digest``; these helpers pin down one behaviour for both (on CPython,
tests check them against the standard library).
"""

_DIGITS = "0123456789"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def is_ascii_digits(text):
    """True for a non-empty run of 0-9 only (no sign, space, underscore or other scripts)."""
    if not text:
        return False
    for ch in text:
        if ch not in _DIGITS:
            return False
    return True


def is_ascii_letter(ch):
    return len(ch) == 1 and ch in _LETTERS


def is_word(text):
    """True for a non-empty run of ASCII letters, digits and underscores."""
    if not text:
        return False
    for ch in text:
        if ch not in _LETTERS and ch not in _DIGITS and ch != "_":
            return False
    return True


def is_visible_ascii(text):
    """True when every character is printable ASCII other than space (0x21-0x7E)."""
    for ch in text:
        code = ord(ch)
        if code < 0x21 or code > 0x7E:
            return False
    return True


def compare_digest(a, b):
    """Compare two strings in time that depends only on their lengths."""
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("compare_digest expects two str")
    a = a.encode()
    b = b.encode()
    result = len(a) ^ len(b)
    # Compare against itself when lengths differ so the loop length does not leak b.
    other = b if len(a) == len(b) else a
    for x, y in zip(a, other):
        result |= x ^ y
    return result == 0


class Value:
    """Equal when of the same class with equal ``_fields()``: the stand-in for a frozen
    dataclass that MicroPython also runs (it derives neither ``__ne__`` nor dataclasses)."""

    def _fields(self):
        raise NotImplementedError

    def __eq__(self, other):
        return type(other) is type(self) and self._fields() == other._fields()

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None
