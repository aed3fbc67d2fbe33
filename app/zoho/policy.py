"""The session's rules as plain functions: when a failed call is tried again, when an
expiring sign-in is renewed, what a revoke answer means, and where an API error goes.

The page's session controller only carries these decisions out.
"""

import json

from .compat import Value
from .errors import (
    InvalidTokenError,
    NetworkError,
    RateLimitedError,
    ScopeMismatchError,
    ScopeSyntaxError,
    ServerError,
    TokenExpiredError,
    ZohoError,
)
from .scopes import validate_scopes
from .token import TokenRecord

# --- Retrying a call --------------------------------------------------------

MAX_ATTEMPTS = 3
# Reads only: after a 5xx, or a request whose answer was lost, Zoho may have done the work,
# and a second create would double it.
RETRIED_AFTER_SERVER_ERROR = ("GET", "HEAD")


def retry_delay(method: str, error: Exception, attempt: int, max_attempts: int = MAX_ATTEMPTS, default: int = 1,
                cap: int = 30) -> "int | None":
    """Seconds to wait before another try after ``attempt`` tries of ``method`` failed with
    ``error``; None to stop.

    A rate limit means Zoho did nothing, so any method is tried again, after Retry-After
    when Zoho sent it, else with exponential backoff from ``default``. A 5xx, or no answer
    at all (NetworkError), is tried again only for reads. Never longer than ``cap``; never
    more than ``max_attempts`` tries.
    """
    if attempt >= max_attempts:
        return None
    if isinstance(error, RateLimitedError):
        if error.retry_after is not None:
            return min(cap, error.retry_after)
    elif not (isinstance(error, (ServerError, NetworkError)) and method in RETRIED_AFTER_SERVER_ERROR):
        return None
    return min(cap, default * 2 ** (max(attempt, 1) - 1))


def retry_notice(error: Exception, delay: int, attempt: int, max_attempts: int = MAX_ATTEMPTS) -> str:
    """The sentence shown while waiting to try again (``attempt`` tries done so far)."""
    if isinstance(error, RateLimitedError):
        why = "Zoho asked to slow down"
    elif isinstance(error, NetworkError):
        why = "Zoho could not be reached"
    else:
        why = "Zoho had a problem"
    return "{}; trying again in {} s (attempt {} of {})…".format(why, delay, attempt + 1, max_attempts)


# --- Renewing an expiring sign-in -------------------------------------------

RENEW, EXPIRE = "renew", "expire"
# A renewal that comes back with a token about to expire again must not loop.
MIN_SECONDS_BETWEEN_RENEWALS = 300


def expiry_action(record: "TokenRecord | None", last_renewal: "str | None", now: float) -> str:
    """RENEW when Zoho may renew ``record`` without asking (it was granted for the session)
    and no renewal was started in the last MIN_SECONDS_BETWEEN_RENEWALS; else EXPIRE.

    ``last_renewal`` is the stored Unix time of the last renewal (text), or None. Text that
    is not a number counts as long ago: it was not written by a renewal of this app.
    """
    if record is None or not record.granted_for_session:
        return EXPIRE
    if last_renewal is not None:
        try:
            since = now - float(last_renewal)
        except ValueError:
            since = MIN_SECONDS_BETWEEN_RENEWALS
        if 0 <= since < MIN_SECONDS_BETWEEN_RENEWALS:
            return EXPIRE
    return RENEW


def renewal_scopes(record: "TokenRecord", configured: "list[str]") -> "list[str]":
    """The scopes to ask a renewal for: what Zoho granted (as it echoed them) when that is
    valid syntax, else the configured ones. Zoho renews only what was granted."""
    try:
        return validate_scopes(record.scopes)
    except ScopeSyntaxError:
        return list(configured)


# --- Revoking at sign-out ---------------------------------------------------

REVOKED, REFUSED, UNREADABLE = "revoked", "refused", "unreadable"


def read_revoke_answer(status: int, text: str) -> str:
    """REVOKED only for a 2xx JSON ``{"status": "success"}``; anything else is REFUSED.

    (UNREADABLE is for the caller: fetch failed, so there was no answer to read.)
    """
    try:
        answer = json.loads(text)
    except ValueError:
        return REFUSED
    if 200 <= status < 300 and isinstance(answer, dict) and answer.get("status") == "success":
        return REVOKED
    return REFUSED


# --- Where an error goes ----------------------------------------------------

# The codes that mean Zoho no longer accepts the token itself. Other 401s (another Zoho
# service's own codes) say nothing about the token.
TOKEN_REFUSED = ("INVALID_TOKEN", "AUTHENTICATION_FAILURE")


class DropSession(Value):
    """Forget the token and offer to sign in again, with ``message``."""

    FIELDS = ("message",)

    def __init__(self, message: str):
        self.message = message



class Expired(Value):
    """The token is past its usable life: renew it or drop it (see expiry_action)."""


class OfferScope(Value):
    """Say ``message`` and offer to sign in again with ``scope`` added."""

    FIELDS = ("message", "scope")

    def __init__(self, message: str, scope: str):
        self.message = message
        self.scope = scope



class ShowSentence(Value):
    """Say ``message`` where the action was; the session stays as it is."""

    FIELDS = ("message",)

    def __init__(self, message: str):
        self.message = message



def route_error(error: ZohoError, explain=None) -> Value:
    """Where a ZohoError raised by a call goes: DropSession, Expired, OfferScope or ShowSentence.

    ``explain(error)`` may give a better sentence for the errors of one kind of call (COQL's
    clause-naming ones, say); None from it keeps the usual sentence.
    """
    if isinstance(error, TokenExpiredError):
        return Expired()
    if isinstance(error, InvalidTokenError) and error.code in TOKEN_REFUSED:
        return DropSession(error.message)
    if isinstance(error, ScopeMismatchError) and error.required_scope is not None:
        return OfferScope(error.message + " This needs the scope " + error.required_scope
                          + ", which this sign-in did not grant.", error.required_scope)
    explained = explain(error) if explain is not None else None
    if explained:
        return ShowSentence(explained)
    return ShowSentence(error.message + _field_hint(getattr(error, "details", None)))


def _field_hint(details: object) -> str:
    if isinstance(details, dict) and isinstance(details.get("api_name"), str):
        return " (field " + details["api_name"] + ")"
    return ""


def with_scope(scopes: "list[str]", scope: str) -> "list[str]":
    """``scopes`` with ``scope`` added at the end, once."""
    scopes = list(scopes)
    if scope not in scopes:
        scopes.append(scope)
    return scopes


# --- Renewing without leaving the page --------------------------------------

# A quiet renewal (in a pop-up window) is tried this long before the token's end; the
# full redirect stays the last resort, at the token's expiry margin.
RENEW_AHEAD_SECONDS = 300


def renewal_due(record: "TokenRecord | None", now: float) -> bool:
    """Whether to renew ``record`` without leaving the page now: Zoho granted it for the
    session, and fewer than RENEW_AHEAD_SECONDS are left (but it is still usable)."""
    return (record is not None and record.granted_for_session and record.is_usable(now)
            and record.seconds_left(now) <= RENEW_AHEAD_SECONDS)
