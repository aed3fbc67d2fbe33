"""Configuration of the local Zoho sandbox (frozen, so one value describes one running sandbox)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .catalog import RECORD_MODULES

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


def parse_record_count(text: str) -> tuple[str, int]:
    """Parse --records: "N" (that many Leads) or "Module=N"."""
    module, sep, count = text.rpartition("=")
    if not (count.isascii() and count.isdigit()):
        raise ValueError(f"records {text!r} must look like N or Module=N, e.g. 10000 or Contacts=5000")
    return (module if sep else "Leads"), int(count)


#: Zoho CRM environments: production (www.zohoapis.<dc>), sandbox.zohoapis.<dc>, developer.zohoapis.<dc>.
ENVIRONMENTS = ("production", "sandbox", "developer")


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
    #: (module, number of seeded records) pairs that replace the default sample sizes.
    records: tuple[tuple[str, int], ...] = ()
    #: Extra API origins standing in for sandbox.zohoapis.<dc> and developer.zohoapis.<dc> (None: not served).
    sandbox_api_port: int | None = None
    developer_api_port: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "clients", tuple(self.clients))
        object.__setattr__(self, "records", tuple((module, count) for module, count in self.records))
        for module, count in self.records:
            if module not in RECORD_MODULES:
                raise ValueError(f"records: {module!r} is not one of {', '.join(RECORD_MODULES)}")
            if count < 0:
                raise ValueError(f"records: {module} cannot have {count} records")
        fixed = [p for p in (self.accounts_port, *self.api_ports.values()) if p != 0]
        if len(set(fixed)) != len(fixed):
            raise ValueError("the accounts origin and each API origin need ports of their own")
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

    @property
    def api_ports(self) -> dict[str, int]:
        """The port of each environment's API origin, production first."""
        ports = {"production": self.api_port, "sandbox": self.sandbox_api_port, "developer": self.developer_api_port}
        return {env: port for env, port in ports.items() if port is not None}

    @property
    def api_origins(self) -> dict[str, str]:
        return {env: self._origin(port) for env, port in self.api_ports.items()}

    @property
    def record_counts(self) -> dict[str, int]:
        return dict(self.records)

    def client(self, client_id: str) -> SandboxClient | None:
        return next((c for c in self.clients if c.client_id == client_id), None)

    @property
    def js_origins(self) -> frozenset[str]:
        """Origins allowed to call the APIs from a browser (those of every registered client)."""
        return frozenset(origin for client in self.clients for origin in client.js_origins)
