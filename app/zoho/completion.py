"""The notebook's Tab and Shift+Tab, without I/O: which name a cell's cursor is on, and the
cell's code once a completion is chosen. (The worker finds the names: app/scratch/completion.py.)"""

from .compat import is_ascii_digits, is_ascii_letter

MAX_SHOWN = 30  # completions listed under a cell; the rest are said as a number


def _in_name(ch):
    return ch == "_" or ch == "." or is_ascii_letter(ch) or is_ascii_digits(ch) or ord(ch) > 127


def name_before(code, cursor):
    """The dotted name that ends at ``cursor`` ("zoho.ge", "pri", "rows."); "" when there is
    none (a number, a space, the start of the code)."""
    start = cursor
    while start and _in_name(code[start - 1]):
        start -= 1
    name = code[start:cursor]
    if not name or is_ascii_digits(name[0]) or name[0] == "." or ".." in name:
        return ""
    return name


def called_before(code, cursor):
    """What Shift+Tab describes: the name at ``cursor``, or the one before an open "(" there
    ("zoho.get(" describes zoho.get); "" when none."""
    if cursor and code[cursor - 1] == "(":
        cursor -= 1
    return name_before(code, cursor).rstrip(".")


def _common_start(words):
    first = words[0]
    end = len(first)
    for word in words[1:]:
        end = min(end, len(word))
        while word[:end] != first[:end]:
            end -= 1
    return first[:end]


def completed(code, cursor, name, matches):
    """(code, cursor, listed) once Tab completed ``name`` (ending at ``cursor``) with the
    worker's ``matches``: the longest start they share put in place of ``name``; ``listed``
    the matches to show when there is more than one (at most MAX_SHOWN), else []."""
    if not matches:
        return code, cursor, []
    common = _common_start(matches)
    if len(common) < len(name) or not common.startswith(name):
        common = name
    start = cursor - len(name)
    listed = matches[:MAX_SHOWN] if len(matches) > 1 else []
    return code[:start] + common + code[cursor:], start + len(common), listed


def listed_text(name, matches):
    """The line shown under the cell for ``matches`` of ``name``."""
    if not matches:
        return "No completions for " + name + "."
    shown = "  ".join(matches[:MAX_SHOWN])
    if len(matches) > MAX_SHOWN:
        shown += "  … (" + str(len(matches) - MAX_SHOWN) + " more)"
    return shown
