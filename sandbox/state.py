"""Everything the two apps share: tokens, session grants, records, injected failures, rate windows, request log."""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from dataclasses import asdict, dataclass, field
from typing import Any

from .catalog import RECORD_MODULES
from .data import RecordStore, open_store
from .related import RelatedStore, seeded
from .records import Ordering, order_records
from .scopes import Scope, all_covered
from .settings import ENVIRONMENTS, SandboxSettings

Clock = Callable[[], float]


@dataclass
class TokenRecord:
    token: str
    client_id: str
    scopes: tuple[Scope, ...]
    issued_at: float
    expires_at: float
    revoked: bool = False


@dataclass
class FailureRule:
    """Answer the next `remaining` requests whose path starts with `path_prefix` with `status` (or drop them)."""

    status: int | None
    drop: bool
    retry_after: int | None
    remaining: int
    path_prefix: str


@dataclass
class RequestRecord:
    app: str
    method: str
    path: str
    query: str
    origin: str | None
    referer: str | None
    token: str | None
    status: int | None = None


@dataclass
class _Window:
    start: float
    count: int


@dataclass
class _Runtime:
    """The part of the state that lives only in memory and is cleared by a reset."""

    tokens: dict[str, TokenRecord] = field(default_factory=dict)
    sessions: dict[str, list[tuple[str, tuple[Scope, ...]]]] = field(default_factory=dict)
    failures: list[FailureRule] = field(default_factory=list)
    windows: dict[str, _Window] = field(default_factory=dict)
    requests: list[RequestRecord] = field(default_factory=list)
    page_tokens: dict[str, Any] = field(default_factory=dict)
    orderings: dict[tuple[str, str, str, str], tuple[int, Ordering]] = field(default_factory=dict)
    #: Mass updates by custom view (sandbox/mass_update.py), per environment: (module, job_id) -> its status.
    mass_update_jobs: dict[str, dict[tuple[str, str], dict[str, Any]]] = field(default_factory=dict)


def _environment_db(db_path: Path | None, environment: str) -> Path | None:
    """Production keeps its records in the --db file; other environments in files beside it."""
    if db_path is None or environment == "production":
        return db_path
    return db_path.with_name(f"{db_path.stem}-{environment}{db_path.suffix}")


def new_access_token() -> str:
    """Zoho's shape: 1000.<32 hex>.<32 hex>."""
    return f"1000.{secrets.token_hex(16)}.{secrets.token_hex(16)}"


class SandboxState:
    """Shared by the accounts and API apps. `clock` (seconds, like time.time) lets tests move time."""

    def __init__(self, settings: SandboxSettings, clock: Clock = time.time) -> None:
        self.settings = settings
        self.clock = clock
        #: Each served environment is an organisation of its own: its own records (and seed); --records sizes
        #: production's, the others keep the sample sizes.
        self.stores: dict[str, RecordStore] = {
            env: open_store(_environment_db(settings.db_path, env), settings.seed + ENVIRONMENTS.index(env),
                            settings.record_counts if env == "production" else None)
            for env in settings.api_ports
        }
        self.store = self.stores["production"]
        self.related: dict[str, RelatedStore]
        self.related = {env: seeded(store, RECORD_MODULES) for env, store in self.stores.items()}
        self._rt = _Runtime()

    def close(self) -> None:
        for store in self.stores.values():
            store.close()

    def reset(self) -> None:
        """Back to the seed data, with no tokens, sessions, injected failures, rate windows, page tokens, mass update
        jobs or logged requests."""
        for store in self.stores.values():
            store.reset()
        self.related = {env: seeded(store, RECORD_MODULES) for env, store in self.stores.items()}
        self._rt = _Runtime()

    # Tokens -----------------------------------------------------------------------------------------------------
    def issue_token(self, client_id: str, scopes: tuple[Scope, ...], lifetime: int | None = None) -> TokenRecord:
        now = self.clock()
        seconds = self.settings.token_lifetime if lifetime is None else lifetime
        record = TokenRecord(new_access_token(), client_id, scopes, now, now + seconds)
        self._rt.tokens[record.token] = record
        return record

    def valid_token(self, token: str) -> TokenRecord | None:
        """The token's record if it exists, is not revoked and has not expired."""
        record = self._rt.tokens.get(token)
        if record is None or record.revoked or self.clock() >= record.expires_at:
            return None
        return record

    def revoke(self, token: str) -> None:
        """Unknown tokens are ignored, as Zoho answers success for them too."""
        record = self._rt.tokens.get(token)
        if record is not None:
            record.revoked = True

    # Session grants (what the accounts sign-in cookie remembers) ------------------------------------------------------
    def grant_for_session(self, session_id: str | None, client_id: str, scopes: tuple[Scope, ...]) -> str:
        """Remember the grant; returns the session id (a new one if `session_id` is unknown)."""
        if session_id not in self._rt.sessions:
            session_id = secrets.token_urlsafe(32)
            self._rt.sessions[session_id] = []
        self._rt.sessions[session_id].append((client_id, scopes))
        return session_id

    def session_covers(self, session_id: str | None, client_id: str, scopes: tuple[Scope, ...]) -> bool:
        grants = self._rt.sessions.get(session_id or "", [])
        granted = tuple(s for cid, grant in grants if cid == client_id for s in grant)
        return bool(granted) and all_covered(granted, scopes)

    # Failure injection and rate limiting ----------------------------------------------------------------------------
    def add_failure(self, rule: FailureRule) -> None:
        self._rt.failures.append(rule)

    def take_failure(self, path: str) -> FailureRule | None:
        """The first pending rule matching `path`, counting this request against it."""
        for rule in self._rt.failures:
            if path.startswith(rule.path_prefix):
                rule.remaining -= 1
                if rule.remaining == 0:
                    self._rt.failures.remove(rule)
                return rule
        return None

    def rate_limited(self, token: str) -> int | None:
        """Seconds until the token may call again, or None (and the call is counted) if it is within its rate."""
        limit = self.settings.rate_limit
        if limit is None:
            return None
        now = self.clock()
        window = self._rt.windows.get(token)
        if window is None or now - window.start >= limit.window:
            window = self._rt.windows[token] = _Window(now, 0)
        if window.count >= limit.requests:
            return max(1, math.ceil(window.start + limit.window - now))
        window.count += 1
        return None

    # Page tokens (opaque to clients, like Zoho's; what they point at is records.PageCursor) -------------------------
    def issue_page_token(self, cursor: Any) -> str:
        token = secrets.token_hex(24)
        self._rt.page_tokens[token] = cursor
        return token

    def page_cursor(self, token: str) -> Any:
        """What `token` points at, or None for a token this sandbox never issued (or forgot in a reset)."""
        return self._rt.page_tokens.get(token)

    def mass_update_jobs(self, environment: str) -> dict[tuple[str, str], dict[str, Any]]:
        """The environment's mass update jobs (forgotten in a reset)."""
        return self._rt.mass_update_jobs.setdefault(environment, {})

    def ordered_records(self, environment: str, module: str, sort_by: str, sort_order: str) -> Ordering:
        """A module's records in an order, computed again only once a record has changed (pages of 10,000
        records would otherwise sort them all for each page)."""
        store = self.stores[environment]
        key = (environment, module, sort_by, sort_order)
        kept = self._rt.orderings.get(key)
        if kept is None or kept[0] != store.version:
            kept = self._rt.orderings[key] = (store.version, order_records(store.all(module), sort_by, sort_order))
        return kept[1]

    # Request log ------------------------------------------------------------------------------------------------------
    def log_request(self, record: RequestRecord) -> None:
        self._rt.requests.append(record)

    def snapshot(self) -> dict[str, object]:
        """What GET /_sandbox/state answers."""
        now = self.clock()
        tokens = self._rt.tokens.values()
        return {
            "records": self.store.counts(),
            "environments": {env: store.counts() for env, store in self.stores.items()},
            "tokens": {
                "active": sum(1 for t in tokens if not t.revoked and now < t.expires_at),
                "expired": sum(1 for t in tokens if not t.revoked and now >= t.expires_at),
                "revoked": [t.token for t in tokens if t.revoked],
            },
            "sessions": len(self._rt.sessions),
            "pending_failures": [asdict(rule) for rule in self._rt.failures],
            "requests": [asdict(r) for r in self._rt.requests],
        }
