"""The access token record, and how it is stored (``sessionStorage[STORAGE_KEY]``)."""

import json

from .compat import Value
from .datacentres import normalise_origin
from .errors import StoredTokenError

EXPIRY_MARGIN_SECONDS = 60
STORAGE_KEY = "zoho.token"
PENDING_KEY = "zoho.pending"
MAX_TOKEN_LENGTH = 4096


_TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/="


def is_plausible_token(text: object) -> bool:
    """1 to MAX_TOKEN_LENGTH characters of RFC 6750's b64token alphabet (Zoho's are "1000.hex.hex").

    This keeps the token free of spaces, quotes and backslashes, so it can go in a
    header and be found again for redaction in any quoting.
    """
    if not isinstance(text, str) or not 0 < len(text) <= MAX_TOKEN_LENGTH:
        return False
    for ch in text:
        if ch not in _TOKEN_CHARS:
            return False
    return True


def allowed_api_domain(url: object, allowed_api_domains: "list[str] | tuple[str, ...]") -> "str | None":
    """The normalised origin of ``url`` if it is in the (normalised) allowlist, else None."""
    origin = normalise_origin(url)
    if origin is None:
        return None
    for candidate in allowed_api_domains:
        if normalise_origin(candidate) == origin:
            return origin
    return None


def is_number(value: object) -> bool:
    # bool is an int on CPython but not on MicroPython: exclude it on both.
    return type(value) in (int, float)


def is_finite(value: float) -> bool:
    return value == value and value not in (float("inf"), float("-inf"))


class TokenRecord(Value):
    """A granted access token. Attributes are read-only by convention.

    ``expires_at`` is in Unix epoch seconds. ``accounts_url`` is where sign-in
    started; ``accounts_server`` is what Zoho's answer named (or None).
    """

    FIELDS = ("access_token", "expires_at", "api_domain", "scopes", "location", "granted_for_session",
              "accounts_url", "accounts_server")
    NOT_SHOWN = ("access_token",)  # never the token itself

    def __init__(
        self,
        access_token,
        expires_at,
        api_domain,
        scopes,
        location=None,
        granted_for_session=False,
        accounts_url=None,
        accounts_server=None,
    ):
        self.access_token = access_token
        self.expires_at = expires_at
        self.api_domain = api_domain
        self.scopes = list(scopes)
        self.location = location
        self.granted_for_session = granted_for_session
        self.accounts_url = accounts_url
        self.accounts_server = accounts_server

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: object, allowed_api_domains: "list[str] | tuple[str, ...]") -> "TokenRecord":
        """Read a stored record back, trusting nothing in it."""
        if not isinstance(text, str):
            raise StoredTokenError()
        try:
            data = json.loads(text)
        except ValueError:
            raise StoredTokenError()
        if not isinstance(data, dict):
            raise StoredTokenError()
        for key in ("access_token", "expires_at", "api_domain", "scopes", "location"):
            if key not in data:
                raise StoredTokenError()
        access_token = data["access_token"]
        expires_at = data["expires_at"]
        scopes = data["scopes"]
        location = data["location"]
        granted = data.get("granted_for_session", False)
        accounts_url = data.get("accounts_url")
        accounts_server = data.get("accounts_server")
        if not is_plausible_token(access_token):
            raise StoredTokenError()
        if not is_number(expires_at) or not is_finite(expires_at) or expires_at < 0:
            raise StoredTokenError()
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise StoredTokenError()
        if type(granted) is not bool:
            raise StoredTokenError()
        for optional in (location, accounts_url, accounts_server):
            if optional is not None and not isinstance(optional, str):
                raise StoredTokenError()
        # Where the token would be revoked: an origin or nothing, never a path of this site.
        for origin in (accounts_url, accounts_server):
            if origin is not None and normalise_origin(origin) is None:
                raise StoredTokenError()
        api_domain = allowed_api_domain(data["api_domain"], allowed_api_domains)
        if api_domain is None:
            raise StoredTokenError()
        return cls(
            access_token,
            expires_at,
            api_domain,
            scopes,
            location,
            granted,
            accounts_url,
            accounts_server,
        )

    def seconds_left(self, now: float) -> float:
        return self.expires_at - now

    def is_usable(self, now: float) -> bool:
        """True while more than EXPIRY_MARGIN_SECONDS remain."""
        return self.seconds_left(now) > EXPIRY_MARGIN_SECONDS


def format_remaining(seconds: float) -> str:
    """Time left in words: "1 h 5 min", "59 min 12 s", "45 s" or "expired"."""
    if not is_number(seconds) or not is_finite(seconds) or seconds < 1:
        return "expired"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return "{} h {} min".format(hours, minutes)
    if minutes:
        return "{} min {} s".format(minutes, secs)
    return "{} s".format(secs)
