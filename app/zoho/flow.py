"""The implicit-grant sign-in: the authorize URL, and checking what comes back in the fragment."""

import json
from binascii import hexlify

from .compat import Value, compare_digest, is_ascii_digits, is_visible_ascii, is_word
from .datacentres import by_location, normalise_origin
from .errors import (
    AuthorizationRefused,
    ConfigError,
    ForeignApiDomain,
    InvalidExpiry,
    MalformedCallback,
    MissingAccessToken,
    NoPendingSignIn,
    OversizedCallback,
    StateExpired,
    StateMismatch,
    StoredStateError,
    UnsupportedTokenType,
)
from .scopes import join_scopes, split_scopes, validate_scopes
from .token import MAX_TOKEN_LENGTH, TokenRecord, allowed_api_domain, is_finite, is_number, is_plausible_token
from .urlcodec import parse_pairs, urlencode

STATE_LIFETIME_SECONDS = 600
MIN_RANDOM_BYTES = 16
# Room for the longest token percent-encoded (3 characters for each of its own), plus 4 KB
# for the handful of other parameters (state, api_domain, expiry, location, scope, ...).
MAX_FRAGMENT_LENGTH = 3 * MAX_TOKEN_LENGTH + 4096
MAX_RETURN_PATH_LENGTH = 512
MAX_EXPIRY_SECONDS = 86400

CALLBACK_KEYS = ("access_token", "error", "state")
# A repeated key among these makes the answer ambiguous, so it is refused.
SINGLE_KEYS = (
    "access_token",
    "state",
    "error",
    "error_description",
    "api_domain",
    "expires_in",
    "expires_in_sec",
    "location",
    "accounts-server",
    "granted_for_session",
    "scope",
    "token_type",
)

_DOT_SEGMENTS = (".", "..", ".%2e", "%2e.", "%2e%2e", "%2e")


def _is_dot_segment(segment):
    return segment.lower() in _DOT_SEGMENTS


def safe_return_path(path: object) -> str:
    """The in-app place to come back to after sign-in, or "" (the app's start page).

    Only a relative reference resolved against the app's own URL is kept: empty,
    a query ("?view=leads"), or a relative path ("leads?page=2"). Returns "" for
    anything else (never raises): a scheme, "//", a leading "/" or "\\",
    backslashes, "#", ".." or "." segments (also percent-encoded), anything but
    printable ASCII, or more than MAX_RETURN_PATH_LENGTH characters. Refusing
    these leaves no way to name another site (no open redirect).
    """
    if not isinstance(path, str) or not path:
        return ""
    if len(path) > MAX_RETURN_PATH_LENGTH or not is_visible_ascii(path):
        return ""
    if "\\" in path or "#" in path or path.startswith("/"):
        return ""
    route, _, _ = path.partition("?")
    if ":" in route.split("/")[0]:
        return ""  # a scheme ("https:...", "javascript:...")
    for segment in route.split("/"):
        if _is_dot_segment(segment):
            return ""
    return path


def _base_url(url, what):
    """``url`` without trailing slashes, if it is a plain http(s) URL with at most a path."""
    if not isinstance(url, str) or not is_visible_ascii(url):
        raise ConfigError("The {} must be an http or https address.".format(what))
    lowered = url.lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")):
        raise ConfigError("The {} must be an http or https address.".format(what))
    if "?" in url or "#" in url or "@" in url or "\\" in url:
        raise ConfigError("The {} must not contain '?', '#', '@' or '\\'.".format(what))
    stripped = url.rstrip("/")
    scheme, _, rest = stripped.partition("://")
    if normalise_origin(scheme + "://" + rest.split("/", 1)[0]) is None:
        raise ConfigError("The {} does not name a valid host.".format(what))
    return stripped


class PendingSignIn(Value):
    """A sign-in started in this tab, kept until Zoho's answer comes back (once).

    ``window`` names the app's pop-up window it runs in ("" in the tab itself): the pop-up gets
    a copy of the tab's storage, and under cross-origin isolation (COOP same-origin) it loses
    its window name on the way through Zoho, so this is how it knows it is the pop-up.
    """

    FIELDS = ("state", "created_at", "return_path", "accounts_url", "scopes", "redirect_uri", "window")
    NOT_SHOWN = ("state",)

    def __init__(self, state, created_at, return_path, accounts_url, scopes, redirect_uri, window=""):
        self.state = state
        self.created_at = created_at
        self.return_path = return_path
        self.accounts_url = accounts_url
        self.scopes = list(scopes)
        self.redirect_uri = redirect_uri
        self.window = window

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: object) -> "PendingSignIn":
        """Read a stored pending sign-in back; StoredStateError for anything malformed."""
        if not isinstance(text, str):
            raise StoredStateError()
        try:
            data = json.loads(text)
        except ValueError:
            raise StoredStateError()
        if not isinstance(data, dict):
            raise StoredStateError()
        for key in ("state", "created_at", "return_path", "accounts_url", "scopes", "redirect_uri"):
            if key not in data:
                raise StoredStateError()
        state = data["state"]
        created_at = data["created_at"]
        scopes = data["scopes"]
        if not isinstance(state, str) or len(state) < 2 * MIN_RANDOM_BYTES or not is_word(state):
            raise StoredStateError()
        if not is_number(created_at) or not is_finite(created_at) or created_at < 0:
            raise StoredStateError()
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise StoredStateError()
        for key in ("return_path", "accounts_url", "redirect_uri"):
            if not isinstance(data[key], str):
                raise StoredStateError()
        if safe_return_path(data["return_path"]) != data["return_path"]:
            raise StoredStateError()
        window = data.get("window", "")  # absent in a sign-in started before the field existed
        if not isinstance(window, str) or not is_visible_ascii(window):
            raise StoredStateError()
        return cls(
            state, created_at, data["return_path"], data["accounts_url"], scopes, data["redirect_uri"], window
        )


def new_pending_sign_in(random_bytes: bytes, now: float, return_path: str, accounts_url: str, scopes: "list[str]",
                        redirect_uri: str, window: str = "") -> "PendingSignIn":
    """Start a sign-in (in the app's pop-up window named ``window``, or "" in the tab itself).
    ``random_bytes`` must come from a CSPRNG (crypto.getRandomValues).

    The state is the bytes in hex. An unsafe ``return_path`` becomes "" (see safe_return_path).
    """
    if not isinstance(random_bytes, (bytes, bytearray)) or len(random_bytes) < MIN_RANDOM_BYTES:
        raise ValueError("at least {} random bytes are needed".format(MIN_RANDOM_BYTES))
    state = hexlify(bytes(random_bytes)).decode()
    return PendingSignIn(
        state,
        now,
        safe_return_path(return_path),
        _base_url(accounts_url, "accounts server address"),
        validate_scopes(scopes),
        _redirect_uri(redirect_uri),
        window,
    )


def _redirect_uri(uri):
    if not isinstance(uri, str) or not is_visible_ascii(uri):
        raise ConfigError("The redirect URI must be an absolute http or https address.")
    lowered = uri.lower()
    if not (lowered.startswith("https://") or lowered.startswith("http://")) or "#" in uri:
        raise ConfigError("The redirect URI must be an absolute http or https address without '#'.")
    return uri


def authorize_url(accounts_url: str, client_id: str, scopes: "list[str]", redirect_uri: str, state: str,
                  renew: bool = False, prompt: "str | None" = None) -> str:
    """The address of Zoho's authorize (or, with ``renew``, silent renewal) endpoint."""
    if not isinstance(client_id, str) or not client_id or not is_visible_ascii(client_id):
        raise ConfigError("The Zoho client ID is missing or contains spaces or unusual characters.")
    if not isinstance(state, str) or not state or not is_visible_ascii(state):
        raise ValueError("state must be non-empty printable text")
    base = _base_url(accounts_url, "accounts server address")
    endpoint = base + ("/oauth/v2/auth/refresh" if renew else "/oauth/v2/auth")
    params = [
        ("response_type", "token"),
        ("client_id", client_id),
        ("scope", join_scopes(scopes)),
        ("redirect_uri", _redirect_uri(redirect_uri)),
        ("state", state),
    ]
    if prompt is not None:
        if not isinstance(prompt, str) or not is_word(prompt):
            raise ConfigError("The prompt value must be a single word such as consent.")
        params.append(("prompt", prompt))
    return endpoint + "?" + urlencode(params)


def is_callback_fragment(fragment: object) -> bool:
    """True when the fragment looks like an answer from Zoho (the page must then strip it).

    One longer than MAX_FRAGMENT_LENGTH is not parsed (complete_sign_in refuses it
    unread): it counts when a callback key starts it or follows a "&", the test the
    page's first script makes.
    """
    if not isinstance(fragment, str) or not fragment:
        return False
    if len(fragment) > MAX_FRAGMENT_LENGTH:
        return _names_callback_key(fragment)
    for key, _ in parse_pairs(fragment):
        if key in CALLBACK_KEYS:
            return True
    return False


def _names_callback_key(fragment):
    body = fragment[1:] if fragment.startswith("#") else fragment
    for key in CALLBACK_KEYS:
        marker = key + "="
        if body.startswith(marker) or "&" + marker in body:
            return True
    return False


def _parse_fragment(fragment):
    if not isinstance(fragment, str):
        raise MalformedCallback()
    if len(fragment) > MAX_FRAGMENT_LENGTH:
        raise OversizedCallback()
    values = {}
    for key, value in parse_pairs(fragment):
        if key in values and key in SINGLE_KEYS:
            raise MalformedCallback(
                'The answer from Zoho\'s sign-in page repeats "{}", so it was refused. '
                "Please sign in again.".format(key)
            )
        if key not in values:
            values[key] = value
    return values


def _expiry_seconds(values):
    raw = values.get("expires_in_sec")
    if raw is None:
        raw = values.get("expires_in")
    if raw is None or not is_ascii_digits(raw) or len(raw) > 10:
        raise InvalidExpiry()
    seconds = int(raw)
    if not 0 < seconds <= MAX_EXPIRY_SECONDS:
        raise InvalidExpiry()
    return seconds


def _location(raw):
    if raw is None:
        return None
    code = raw.lower()
    if by_location(code) is not None:
        return code
    if 0 < len(code) <= 8 and is_word(code) and "_" not in code:
        return code
    return None


def complete_sign_in(fragment: str, pending: "PendingSignIn | None", now: float,
                     allowed_api_domains: "list[str] | tuple[str, ...]") -> "TokenRecord":
    """Check Zoho's answer against the pending sign-in; return the TokenRecord or raise.

    Checks, in order: the fragment is at most MAX_FRAGMENT_LENGTH long (checked
    before anything is parsed) and parses; a sign-in is pending; the state
    matches; it is not older than STATE_LIFETIME_SECONDS; no ``error``; no
    ``token_type`` other than Bearer (any case; Zoho's examples send none); a
    usable access token; a usable expiry; an allowlisted ``api_domain``. Every
    refusal is a CallbackError. The caller deletes the pending sign-in whatever the
    outcome (it is one-time).
    """
    values = _parse_fragment(fragment)
    if pending is None:
        raise NoPendingSignIn()
    state = values.get("state")
    if state is None or not compare_digest(state, pending.state):
        raise StateMismatch()
    if now - pending.created_at > STATE_LIFETIME_SECONDS:
        raise StateExpired()
    if "error" in values:
        raise AuthorizationRefused(values["error"], values.get("error_description") or None)
    token_type = values.get("token_type")
    if token_type is not None and token_type.lower() != "bearer":
        raise UnsupportedTokenType(token_type)
    access_token = values.get("access_token")
    if not is_plausible_token(access_token):
        raise MissingAccessToken()
    seconds = _expiry_seconds(values)
    raw_domain = values.get("api_domain")
    api_domain = allowed_api_domain(raw_domain, allowed_api_domains)
    if api_domain is None:
        raise ForeignApiDomain(raw_domain)
    granted = split_scopes(values.get("scope", ""))
    return TokenRecord(
        access_token,
        now + seconds,
        api_domain,
        granted if granted else pending.scopes,
        _location(values.get("location")),
        # Zoho renews quietly a grant "for the session" or a "full grant" (its JS SDK reads both).
        "true" in (values.get("granted_for_session", "").lower(), values.get("full_grant", "").lower()),
        pending.accounts_url,
        normalise_origin(values.get("accounts-server")),
    )
