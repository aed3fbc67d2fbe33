"""Drafts: what the person was typing (a console request, a record form, a query), kept in
the tab's sessionStorage so a reload, a renewal or a sign-in round trip loses nothing.

A draft is a flat JSON object of text values under ``zoho.draft.<view>``. Only what the
person typed goes in: never the token, never data that came from Zoho. Storage is read
back as untrusted: anything malformed is no draft.
"""

import json

DRAFT_PREFIX = "zoho.draft."
MAX_DRAFT_LENGTH = 100000


def draft_key(view: str) -> str:
    return DRAFT_PREFIX + view


def encode_draft(values: "dict[str, str | None]") -> str:
    """The stored text of ``values`` (names to text); None values and non-text are left out."""
    return json.dumps({name: value for name, value in values.items()
                       if isinstance(name, str) and isinstance(value, str)})


def read_draft(text: object) -> "dict[str, str]":
    """The draft stored as ``text``: a dict of text values, or {} when there is none or it is
    not one."""
    if not isinstance(text, str) or len(text) > MAX_DRAFT_LENGTH:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: value for name, value in data.items() if isinstance(value, str)}
