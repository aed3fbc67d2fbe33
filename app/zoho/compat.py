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
    """A value object described by one field list, ``FIELDS``, which gives its equality,
    hash, repr and ``to_dict()`` (the stand-in for a frozen dataclass, which MicroPython
    lacks). Fields in ``NOT_SHOWN`` (secrets, long data) stay out of repr. Attributes are
    read-only by convention."""

    FIELDS = ()  # type: tuple[str, ...]
    NOT_SHOWN = ()  # type: tuple[str, ...]

    def to_dict(self):
        return {name: getattr(self, name) for name in self.FIELDS}

    def _values(self):
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other):
        return type(other) is type(self) and self._values() == other._values()

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._values())  # a TypeError, as for a list, when a field is mutable

    def __repr__(self):
        shown = [name + "=" + repr(getattr(self, name)) for name in self.FIELDS if name not in self.NOT_SHOWN]
        return type(self).__name__ + "(" + ", ".join(shown) + ")"
