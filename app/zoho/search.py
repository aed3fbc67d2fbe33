"""The one search box: what its text is (an address, a phone number, Zoho criteria or words), the
query for GET /crm/v8/{module}/search, and criteria built with values escaped as Zoho requires.
"""

from .compat import is_word

EMAIL, PHONE, CRITERIA, WORD = "email", "phone", "criteria", "word"
#: Zoho searches words of 2 to 100 characters.
MIN_WORD_LENGTH = 2
MAX_WORD_LENGTH = 100
#: Fewer digits than this read as a word (a year, a house number), not a phone number.
MIN_PHONE_DIGITS = 7
#: Zoho's criteria operators.
OPERATORS = ("equals", "not_equal", "starts_with", "in", "between", "greater_than", "greater_equal", "less_than",
             "less_equal")
_PHONE_CHARACTERS = "0123456789 -()."
_ESCAPED = "\\(),"  # the backslash first, so that escapes are not escaped again


def _is_email(text):
    """An address, or the part of one Zoho can search for: ada@example.com, @example.com."""
    name, at, domain = text.partition("@")
    if not at or "@" in domain or " " in text:
        return False
    host, dot, tld = domain.rpartition(".")
    return bool(host) and bool(dot) and bool(tld)


def _is_phone(text):
    body = text[1:] if text.startswith("+") else text
    digits = 0
    for ch in body:
        if ch not in _PHONE_CHARACTERS:
            return False
        if ch in "0123456789":
            digits += 1
    return digits >= MIN_PHONE_DIGITS


def _group(text):
    """(field, operator) when ``text`` begins ``field:operator:`` (spaces allowed), else None."""
    name, colon, rest = text.partition(":")
    operator, colon2, _ = rest.partition(":")
    if colon and colon2 and is_word(name.strip()) and is_word(operator.strip()):
        return (name.strip(), operator.strip())
    return None


def _groups(text):
    """The (field, operator) of each ``(field:operator:`` group, reading past backslash escapes."""
    found, at = [], 0
    while at < len(text):
        ch = text[at]
        at += 1
        if ch == "\\":
            at += 1
        elif ch == "(":
            group = _group(text[at:])
            if group is not None:
                found.append(group)
    return found


def _is_criteria(text):
    """The shape of criteria, (field:operator:...) at the start after any opening parentheses,
    whatever the operator and however it is closed (search_query checks both)."""
    inner = text.lstrip("( ")
    return len(inner) < len(text) and _group(inner) is not None


def _balanced(text):
    """Whether every unescaped ``(`` of ``text`` is closed by a ``)`` after it, and no more."""
    depth, at = 0, 0
    while at < len(text) and depth >= 0:
        ch = text[at]
        at += 2 if ch == "\\" else 1
        depth += 1 if ch == "(" else -1 if ch == ")" else 0
    return depth == 0


def unknown_operators(text: str) -> "list[str]":
    """The operators of criteria ``text`` that Zoho does not have, each once, in order."""
    unknown = []
    for _, operator in _groups(text):
        if operator.lower() not in OPERATORS and operator not in unknown:
            unknown.append(operator)
    return unknown


def classify_search(text: object) -> "tuple[str, str] | None":
    """(kind, value) for the search box's text, or None when it is blank.

    Text in the shape of Zoho's criteria, ``(Last_Name:equals:Babbage)``, is criteria (sent as
    typed once search_query has checked its parentheses and operators); an
    address as ``email``; digits with phone punctuation (at least MIN_PHONE_DIGITS of them) as
    ``phone``; anything else as ``word``.
    """
    text = text.strip() if isinstance(text, str) else ""
    if not text:
        return None
    if _is_criteria(text):
        return (CRITERIA, text)
    if _is_email(text):
        return (EMAIL, text)
    if _is_phone(text):
        return (PHONE, text)
    return (WORD, text)


def search_query(text: str, fields: "list[str] | None" = None, page: int = 1,
                 per_page: "int | None" = None) -> "list[tuple[str, str]]":
    """The query pairs of a search for the box's text. Raises ValueError with a sentence when there
    is nothing Zoho can search for (a blank box, a single letter, more than 100 characters) or
    the criteria name an operator Zoho does not have."""
    found = classify_search(text)
    if found is None:
        raise ValueError("Type something to search for.")
    kind, value = found
    if kind == CRITERIA and not _balanced(value):
        raise ValueError("These criteria's parentheses do not pair up: each condition is "
                         "(field:operator:value), joined by and/or inside parentheses.")
    unknown = unknown_operators(value) if kind == CRITERIA else []
    if unknown:
        raise ValueError("Zoho has no criteria operator {}. Its operators are: {}.".format(
            " or ".join(repr(operator) for operator in unknown), ", ".join(OPERATORS)))
    if kind == WORD and not MIN_WORD_LENGTH <= len(value) <= MAX_WORD_LENGTH:
        raise ValueError("Search for {} to {} characters.".format(MIN_WORD_LENGTH, MAX_WORD_LENGTH))
    pairs = [(kind, value)]
    if fields:
        pairs.append(("fields", ",".join(fields)))
    pairs.append(("page", str(page)))
    if per_page is not None:
        pairs.append(("per_page", str(per_page)))
    return pairs


def escape_value(value: object) -> str:
    """A criteria value with ``\\``, ``(``, ``)`` and ``,`` escaped by a backslash."""
    text = value if isinstance(value, str) else str(value)
    for ch in _ESCAPED:
        text = text.replace(ch, "\\" + ch)
    return text


def condition(field: str, operator: str, value: "str | list[str] | tuple[str, ...]") -> str:
    """``(field:operator:value)``; ``in`` and ``between`` take a list (of two, for between)."""
    if not is_word(field):
        raise ValueError("a field's API name has letters, digits and underscores only")
    if operator not in OPERATORS:
        raise ValueError("operator must be one of " + ", ".join(OPERATORS))
    if operator in ("in", "between"):
        values = list(value)
        if not values or (operator == "between" and len(values) != 2):
            raise ValueError("between takes two values, in at least one")
        text = ",".join(escape_value(v) for v in values)
    else:
        text = escape_value(value)
    return "(" + field + ":" + operator + ":" + text + ")"


def _joined(joiner, conditions):
    conditions = list(conditions)
    if not conditions:
        raise ValueError("give at least one condition")
    if len(conditions) == 1:
        return conditions[0]
    return "(" + joiner.join(conditions) + ")"


def all_of(conditions: "list[str]") -> str:
    """Criteria matching records that meet every condition: ``((A)and(B))``."""
    return _joined("and", conditions)


def any_of(conditions: "list[str]") -> str:
    """Criteria matching records that meet at least one condition: ``((A)or(B))``."""
    return _joined("or", conditions)
