"""What the app's open tabs tell each other (over a same-origin BroadcastChannel), checked
like anything else from outside: a token offered by another tab is read as a stored token
(same record contract, allowlisted api_domain) and taken only while usable.

Messages are JSON text: ``{"type": "request"}`` (a new tab asks for the sign-in),
``{"type": "token", "record": "<TokenRecord JSON>"}`` (the current sign-in, on request
or after a renewal), ``{"type": "signed-out"}`` (sign-out in one tab ends every tab's), ``{"type":
"popup-failed", "message": "..."}`` (the app's pop-up window could not finish a sign-in).
"""

import json

from .compat import Value
from .errors import StoredTokenError, shorten
from .token import TokenRecord

REQUEST, TOKEN, SIGNED_OUT, POPUP_FAILED = "request", "token", "signed-out", "popup-failed"
MAX_MESSAGE_LENGTH = 16384


class TabMessage(Value):
    """A message from another tab: ``kind`` REQUEST, TOKEN (with ``record``), SIGNED_OUT or
    POPUP_FAILED (with ``message``, a sentence safe to show)."""

    FIELDS = ("kind", "record", "message")
    NOT_SHOWN = ("record",)

    def __init__(self, kind: str, record: "TokenRecord | None" = None, message: "str | None" = None):
        self.kind = kind
        self.record = record
        self.message = message


def request_message() -> str:
    return json.dumps({"type": REQUEST})


def token_message(record: TokenRecord) -> str:
    return json.dumps({"type": TOKEN, "record": record.to_json()})


def signed_out_message() -> str:
    return json.dumps({"type": SIGNED_OUT})


def popup_failed_message(message: str) -> str:
    return json.dumps({"type": POPUP_FAILED, "message": message})


def read_tab_message(text: object, allowed_api_domains: "list[str]", now: float) -> "TabMessage | None":
    """The TabMessage in ``text``, or None for anything else (not ours, malformed, a token
    that fails the stored-token checks or is no longer usable)."""
    if not isinstance(text, str) or len(text) > MAX_MESSAGE_LENGTH:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if kind in (REQUEST, SIGNED_OUT):
        return TabMessage(kind)
    if kind == POPUP_FAILED:
        message = data.get("message")
        return TabMessage(kind, message=shorten(message) if isinstance(message, str) else None)
    if kind != TOKEN:
        return None
    try:
        record = TokenRecord.from_json(data.get("record"), allowed_api_domains)
    except StoredTokenError:
        return None
    if not record.is_usable(now):
        return None
    return TabMessage(TOKEN, record)


def takes_offer(current: "TokenRecord | None", offered: TokenRecord) -> bool:
    """Whether a tab holding ``current`` (a TokenRecord or None) takes the ``offered`` one:
    when it has none, or the offer lasts longer (a renewal in another tab)."""
    return current is None or offered.expires_at > current.expires_at
