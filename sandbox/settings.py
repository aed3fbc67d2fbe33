"""Configuration of the local Zoho sandbox (frozen, so one value describes one running sandbox)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

#: Zoho data-centre codes (ZOHO.md, "Data centres").
LOCATIONS = ("us", "eu", "in", "au", "jp", "ca", "sa", "uk", "cn")


def _check_origin(origin: str) -> None:
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or origin != f"{parts.scheme}://{parts.netloc}":
        raise ValueError(f"JavaScript origin {origin!r} must look like http://host[:port] (no path, no slash)")


def _check_redirect_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"redirect URI {uri!r} must be an absolute http(s) URL")
    if "#" in uri:
        raise ValueError(f"redirect URI {uri!r} must not contain a fragment")


@dataclass(frozen=True)
class SandboxClient:
    """A registered "client-based application" (no secret) with its redirect URIs and JS origins."""

    client_id: str
    name: str
    redirect_uris: tuple[str, ...]
    js_origins: tuple[str, ...]

    def __post_init__(self) -> None:
        # Accept any sequence (lists read naturally in callers) but store tuples: the value stays immutable.
        object.__setattr__(self, "redirect_uris", tuple(self.redirect_uris))
        object.__setattr__(self, "js_origins", tuple(self.js_origins))
        if not self.client_id:
            raise ValueError("client_id must not be empty")
        if not self.redirect_uris:
            raise ValueError(f"client {self.client_id} needs at least one redirect URI")
        for uri in self.redirect_uris:
            _check_redirect_uri(uri)
        for origin in self.js_origins:
            _check_origin(origin)


DEFAULT_CLIENT = SandboxClient(
    client_id="1000.LOCALSANDBOXCLIENT",
    name="Zoho PyScript (local sandbox)",
    redirect_uris=("http://127.0.0.1:8700/",),
    js_origins=("http://127.0.0.1:8700",),
)


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` API calls per access token in each `window` seconds."""

    requests: int
    window: float

    def __post_init__(self) -> None:
        if self.requests < 1 or self.window <= 0:
            raise ValueError("rate limit needs at least 1 request per a positive number of seconds")

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """Parse "N/SECONDS", e.g. "100/60"."""
        count, sep, seconds = text.partition("/")
        if not sep:
            raise ValueError(f"rate limit {text!r} must look like N/SECONDS, e.g. 100/60")
        try:
            return cls(int(count), float(seconds))
        except ValueError as exc:
            raise ValueError(f"rate limit {text!r} must look like N/SECONDS, e.g. 100/60 ({exc})") from None


@dataclass(frozen=True)
class SandboxSettings:
    host: str = "127.0.0.1"
    accounts_port: int = 8701
    api_port: int = 8702
    clients: tuple[SandboxClient, ...] = (DEFAULT_CLIENT,)
    token_lifetime: int = 3600
    location: str = "us"
    rate_limit: RateLimit | None = None
    db_path: Path | None = None
    seed: int = 1815

    def __post_init__(self) -> None:
        object.__setattr__(self, "clients", tuple(self.clients))
        if not ipaddress.ip_address(self.host).is_loopback:
            raise ValueError(f"host {self.host!r} is not a loopback address: the sandbox only listens locally")
        if not self.clients:
            raise ValueError("at least one client must be registered")
        ids = [client.client_id for client in self.clients]
        if len(set(ids)) != len(ids):
            raise ValueError("client ids must be unique")
        if self.token_lifetime < 1:
            raise ValueError("token lifetime must be at least 1 second")
        if self.location not in LOCATIONS:
            raise ValueError(f"location {self.location!r} is not one of {', '.join(LOCATIONS)}")

    def _origin(self, port: int) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}"

    @property
    def accounts_origin(self) -> str:
        return self._origin(self.accounts_port)

    @property
    def api_origin(self) -> str:
        return self._origin(self.api_port)

    def client(self, client_id: str) -> SandboxClient | None:
        return next((c for c in self.clients if c.client_id == client_id), None)

    @property
    def js_origins(self) -> frozenset[str]:
        """Origins allowed to call the APIs from a browser (those of every registered client)."""
        return frozenset(origin for client in self.clients for origin in client.js_origins)
