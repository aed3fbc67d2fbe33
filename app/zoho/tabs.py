"""What the app's open tabs tell each other (over a same-origin BroadcastChannel), checked
like anything else from outside, since any page of the origin can post there.

Messages are JSON text: ``{"type": "request"}`` (a new tab asks for the sign-in),
``{"type": "token", "record": "<TokenRecord JSON>", "org_id": ..., "user_id": ...,
"answer": bool}`` (a sign-in, with who it is as the sending tab learnt from Zoho; ``answer``
when it replies to a request rather than announcing a new sign-in or renewal),
``{"type": "signed-out", "access_token": "..."}`` (that token was signed out and is being
revoked), ``{"type": "popup-failed", "message": "..."}`` (the app's pop-up window could not
finish a sign-in).

A token offered passes every check a sign-in answer passes (flow.complete_sign_in): usable,
expiring within the longest life an answer may give, an allowlisted API domain of a known
environment, scopes Zoho could have granted. A tab takes one only for the organisation,
environment and user it is bound to (offer_action). A sign-out ends only the tabs that hold
the very token named: whoever sends it could revoke that token, so nothing is lost that was
not lost already; a page without it cannot sign anyone out.
"""

import json

from .compat import Value
from .environments import environment_of
from .errors import StoredTokenError, shorten
from .flow import MAX_EXPIRY_SECONDS
from .scopes import are_granted_scopes
from .token import TokenRecord, is_plausible_token

REQUEST, TOKEN, SIGNED_OUT, POPUP_FAILED = "request", "token", "signed-out", "popup-failed"
MAX_MESSAGE_LENGTH = 16384
MAX_ID_LENGTH = 64
# What a tab does with a token offered by another: take it, ask the person, or let it pass.
TAKE, ASK, IGNORE = "take", "ask", "ignore"


class Binding(Value):
    """What a tab's sign-in is bound to: the token's API domain (its data centre and
    environment) and who Zoho said it is, the organisation's and the user's ids (None until
    known)."""

    FIELDS = ("api_domain", "org_id", "user_id")

    def __init__(self, api_domain, org_id=None, user_id=None):
        self.api_domain = api_domain
        self.org_id = org_id
        self.user_id = user_id

    @property
    def known(self) -> bool:
        return self.org_id is not None and self.user_id is not None

    def same_as(self, other: "Binding | None") -> bool:
        """The same API domain, organisation and user, all of it known on both sides."""
        return other is not None and self.known and self == other


class TabMessage(Value):
    """A message from another tab: ``kind`` REQUEST; TOKEN with ``record``, ``binding`` and
    ``answer``; SIGNED_OUT with ``access_token``; POPUP_FAILED with ``message`` (a sentence
    safe to show)."""

    FIELDS = ("kind", "record", "message", "binding", "answer", "access_token")
    NOT_SHOWN = ("record", "access_token")

    def __init__(self, kind, record=None, message=None, binding=None, answer=False, access_token=None):
        self.kind = kind
        self.record = record
        self.message = message
        self.binding = binding
        self.answer = answer
        self.access_token = access_token


def request_message() -> str:
    return json.dumps({"type": REQUEST})


def token_message(record: TokenRecord, binding: "Binding | None" = None, answer: bool = False) -> str:
    known = binding is not None and binding.api_domain == record.api_domain
    return json.dumps({"type": TOKEN, "record": record.to_json(), "answer": answer,
                       "org_id": binding.org_id if known else None, "user_id": binding.user_id if known else None})


def signed_out_message(record: TokenRecord) -> str:
    return json.dumps({"type": SIGNED_OUT, "access_token": record.access_token})


def popup_failed_message(message: str) -> str:
    return json.dumps({"type": POPUP_FAILED, "message": message})


def _id(value):
    return value if isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH else None


def offered_token(data: dict, allowed_api_domains: "list[str]", environment_domains: "dict | None",
                  now: float) -> "TokenRecord | None":
    """The token record of a TOKEN message when it passes every check a sign-in answer
    passes, else None."""
    try:
        record = TokenRecord.from_json(data.get("record"), allowed_api_domains)
    except StoredTokenError:
        return None
    if not record.is_usable(now) or record.seconds_left(now) > MAX_EXPIRY_SECONDS:
        return None
    if environment_of(record.api_domain, environment_domains) is None or not are_granted_scopes(record.scopes):
        return None
    return record


def read_tab_message(text: object, allowed_api_domains: "list[str]", environment_domains: "dict | None",
                     now: float) -> "TabMessage | None":
    """The TabMessage in ``text``, or None for anything else (not ours, malformed, a token
    that fails the checks, a sign-out that names no token)."""
    if not isinstance(text, str) or len(text) > MAX_MESSAGE_LENGTH:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if kind == REQUEST:
        return TabMessage(kind)
    if kind == SIGNED_OUT:
        token = data.get("access_token")
        return TabMessage(kind, access_token=token) if is_plausible_token(token) else None
    if kind == POPUP_FAILED:
        message = data.get("message")
        return TabMessage(kind, message=shorten(message) if isinstance(message, str) else None)
    if kind != TOKEN:
        return None
    record = offered_token(data, allowed_api_domains, environment_domains, now)
    if record is None:
        return None
    binding = Binding(record.api_domain, _id(data.get("org_id")), _id(data.get("user_id")))
    return TabMessage(TOKEN, record, binding=binding, answer=data.get("answer") is True)


def offer_action(bound: "Binding | None", current: "TokenRecord | None", offer: TabMessage,
                 awaiting_popup: bool = False) -> str:
    """What a tab bound to ``bound`` (None: never signed in, or signed out here), holding
    ``current`` (None: signed out in another tab), does with a TOKEN ``offer``.

    TAKE when it has no binding; the answer of its own pop-up window (a sign-in, or a
    renewal for the same API domain); the same organisation, environment and user, when it has no token or the offer
    lasts longer (a renewal). ASK when it lost its sign-in in another tab and a new sign-in
    elsewhere is for someone or somewhere else. Anything else passes: a tab never changes
    organisation, environment or user by itself.
    """
    if bound is None:
        return TAKE
    if awaiting_popup and (current is None or offer.record.api_domain == bound.api_domain):
        return TAKE
    if bound.same_as(offer.binding):
        if current is None or offer.record.expires_at > current.expires_at:
            return TAKE
        return IGNORE
    if current is None and not offer.answer and offer.binding.known:
        return ASK
    return IGNORE


def signs_out(current: "TokenRecord | None", message: TabMessage) -> bool:
    """Whether a SIGNED_OUT ``message`` ends the sign-in of a tab holding ``current``: only
    when it names that very token."""
    return current is not None and message.access_token == current.access_token
