"""Percent-encoding for URLs and fragments, the same on CPython and MicroPython.

MicroPython has no ``urllib``, so these are written out; on CPython, tests check
them against ``urllib.parse`` (the oracle, never a second code path here).
"""

_ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_HEX = "0123456789ABCDEFabcdef"
_REPLACEMENT = "\ufffd"


def quote(text: str, safe: str = "") -> str:
    if not isinstance(text, str):
        raise TypeError("quote expects str")
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if byte < 0x80 and (ch in _ALWAYS_SAFE or ch in safe):
            out.append(ch)
        else:
            out.append("%{:02X}".format(byte))
    return "".join(out)


# Second-byte range and continuation count for each UTF-8 lead byte (Unicode
# "maximal subpart" rule, which CPython's errors="replace" follows).
def _lead(byte):
    if 0xC2 <= byte <= 0xDF:
        return 1, 0x80, 0xBF
    if byte == 0xE0:
        return 2, 0xA0, 0xBF
    if 0xE1 <= byte <= 0xEC or 0xEE <= byte <= 0xEF:
        return 2, 0x80, 0xBF
    if byte == 0xED:
        return 2, 0x80, 0x9F
    if byte == 0xF0:
        return 3, 0x90, 0xBF
    if 0xF1 <= byte <= 0xF3:
        return 3, 0x80, 0xBF
    if byte == 0xF4:
        return 3, 0x80, 0x8F
    return 0, 0, 0


def decode_utf8(data: "bytes | bytearray") -> str:
    """Decode UTF-8, replacing each invalid sequence with U+FFFD (never raises)."""
    out = []
    i = 0
    n = len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
            continue
        need, low, high = _lead(byte)
        if need == 0:
            out.append(_REPLACEMENT)
            i += 1
            continue
        point = byte & (0x3F >> need)
        j = i + 1
        complete = True
        for k in range(need):
            if j >= n or not (low if k == 0 else 0x80) <= data[j] <= (high if k == 0 else 0xBF):
                complete = False
                break
            point = (point << 6) | (data[j] & 0x3F)
            j += 1
        out.append(chr(point) if complete else _REPLACEMENT)
        i = j
    return "".join(out)


def unquote(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError("unquote expects str")
    if "%" not in text:
        return text
    out = []
    pending = bytearray()
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "%" and i + 2 < n and text[i + 1] in _HEX and text[i + 2] in _HEX:
            pending.append(int(text[i + 1 : i + 3], 16))
            i += 3
            continue
        if ord(ch) < 0x80:
            pending.append(ord(ch))
        else:
            # Non-ASCII text ends a byte run, as in CPython.
            out.append(decode_utf8(pending))
            pending = bytearray()
            out.append(ch)
        i += 1
    out.append(decode_utf8(pending))
    return "".join(out)


def unquote_plus(text: str) -> str:
    return unquote(text.replace("+", " "))


def _check_value(value):
    if isinstance(value, str):
        return value
    if type(value) is int:
        return str(value)
    raise TypeError("URL parameters must be str or int, not {}".format(type(value).__name__))


def _checked_pairs(pairs):
    if isinstance(pairs, (str, bytes, dict)):
        raise TypeError("urlencode expects a list of (key, value) pairs")
    return [(_check_value(k), _check_value(v)) for k, v in pairs]


def urlencode(pairs: "list[tuple[str, str]]") -> str:
    return "&".join(
        quote(k) + "=" + quote(v) for k, v in _checked_pairs(pairs)
    )


def _strip_prefix(text):
    if text.startswith("#") or text.startswith("?"):
        return text[1:]
    return text


def parse_pairs(text: str) -> "list[tuple[str, str]]":
    if not isinstance(text, str):
        raise TypeError("parse_pairs expects str")
    result = []
    for piece in _strip_prefix(text).split("&"):
        if not piece:
            continue
        key, _, value = piece.partition("=")
        result.append((unquote_plus(key), unquote_plus(value)))
    return result
