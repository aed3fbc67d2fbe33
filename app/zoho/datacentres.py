"""Zoho data centres, and strict origin normalisation for allowlist checks."""

from .compat import Value, is_ascii_digits


class DataCentre(Value):
    """One Zoho data centre. ``api_domain`` is None where Zoho's own pages and SDKs name none."""

    FIELDS = ("location", "label", "accounts_url", "api_domain")

    def __init__(self, location: str, label: str, accounts_url: str, api_domain: "str | None"):
        self.location = location
        self.label = label
        self.accounts_url = accounts_url
        self.api_domain = api_domain



DATA_CENTRES = (
    DataCentre("us", "United States", "https://accounts.zoho.com", "https://www.zohoapis.com"),
    DataCentre("eu", "Europe", "https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    DataCentre("in", "India", "https://accounts.zoho.in", "https://www.zohoapis.in"),
    DataCentre("au", "Australia", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    DataCentre("jp", "Japan", "https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    DataCentre("ca", "Canada", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    DataCentre("sa", "Saudi Arabia", "https://accounts.zoho.sa", "https://www.zohoapis.sa"),
    # Zoho's multi-DC page lists this accounts server, but neither Zoho's pages nor its CRM
    # SDKs name a UK API domain, so none is trusted (nor allowed by the page's CSP).
    DataCentre("uk", "United Kingdom", "https://accounts.zoho.uk", None),
    DataCentre("cn", "China", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"),
)

ZOHO_API_DOMAINS = tuple(dc.api_domain for dc in DATA_CENTRES if dc.api_domain is not None)
ZOHO_ACCOUNTS_URLS = tuple(dc.accounts_url for dc in DATA_CENTRES)

_DEFAULT_PORTS = {"http": "80", "https": "443"}
_HOST_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"
_HEX_CHARS = "0123456789abcdef"


def by_location(code: object) -> "DataCentre | None":
    """The data centre for a location code such as "eu" (any case), or None."""
    if not isinstance(code, str):
        return None
    code = code.lower()
    for dc in DATA_CENTRES:
        if dc.location == code:
            return dc
    return None


def _valid_host(host):
    if host.startswith("[") and host.endswith("]"):
        inner = host[1:-1]
        if ":" not in inner:
            return False
        for ch in inner:
            if ch not in _HEX_CHARS and ch not in ":.":
                return False
        return True
    if not host or len(host) > 253:
        return False
    for label in host.split("."):
        if not label or len(label) > 63 or label[0] == "-" or label[-1] == "-":
            return False
        for ch in label:
            if ch not in _HOST_CHARS:
                return False
    return True


def normalise_origin(url: object) -> "str | None":
    """``scheme://host[:port]`` in lower case, or None when ``url`` is anything more or less.

    Accepts http and https only and at most one trailing "/". Refuses userinfo,
    paths, queries, fragments, backslashes, whitespace, control and non-ASCII
    characters. A default port (80/443) is dropped, as browsers do.
    """
    if not isinstance(url, str):
        return None
    for ch in url:
        code = ord(ch)
        if code <= 0x20 or code >= 0x7F:
            return None
    url = url.lower()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in _DEFAULT_PORTS:
        return None
    if rest.endswith("/"):
        rest = rest[:-1]
    for ch in "/?#@\\%":
        if ch in rest:
            return None
    host, port = rest, None
    close = rest.rfind("]")
    colon = rest.rfind(":")
    if colon > close:
        host, port = rest[:colon], rest[colon + 1 :]
        if not is_ascii_digits(port) or len(port) > 5 or not 0 < int(port) <= 65535:
            return None
        port = str(int(port))
        if port == _DEFAULT_PORTS[scheme]:
            port = None
    if not _valid_host(host):
        return None
    if port is None:
        return scheme + "://" + host
    return scheme + "://" + host + ":" + port


def by_accounts_url(url: object) -> "DataCentre | None":
    """The data centre whose accounts server is ``url`` (origin compared exactly), or None."""
    origin = normalise_origin(url)
    if origin is None:
        return None
    for dc in DATA_CENTRES:
        if dc.accounts_url == origin:
            return dc
    return None


def is_zoho_accounts_url(url: object) -> bool:
    return by_accounts_url(url) is not None


def revoke_server(started_at: "str | None", location: "str | None", accounts_server: "str | None") -> "str | None":
    """Where to revoke a token: the user's own data centre when sign-in went through Zoho.

    A sign-in that started at a server other than Zoho's (a sandbox such as
    http://127.0.0.1:8701) is revoked there. Otherwise Zoho may have moved the user
    to another data centre: ``accounts_server`` (if a known Zoho accounts server)
    wins over ``location`` (if a known code), then ``started_at``. None when nothing
    names a server (a stored token with neither).
    """
    if started_at is not None and not is_zoho_accounts_url(started_at):
        return started_at
    dc = by_accounts_url(accounts_server)
    if dc is None:
        dc = by_location(location)
    if dc is None:
        return started_at
    return dc.accounts_url


def allowed_accounts_server(url: object, data_centres: object) -> "str | None":
    """The normalised origin of ``url`` if it is the accounts server of one of ``data_centres``, else None.

    ``data_centres`` is the site's configured list (``zoho_config.json``'s
    ``data_centres``: ``{"location", "label", "accounts_url"}`` each). Checked
    before starting a sign-in and before revoking, whatever named the server (the
    page's select, a stored token), so the user and the token only ever go to a
    server the site was built for.
    """
    origin = normalise_origin(url)
    if origin is None or not isinstance(data_centres, (list, tuple)):
        return None
    for centre in data_centres:
        if isinstance(centre, dict) and normalise_origin(centre.get("accounts_url")) == origin:
            return origin
    return None
