"""Running the two apps with uvicorn: in a background thread (tests, the run command) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import signal
import socket
import threading
import time
from collections.abc import Iterator
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from .accounts import create_accounts_app
from .api import create_api_app
from .control import ConnectionDropRequested
from .settings import SandboxSettings
from .state import SandboxState

_STARTUP_TIMEOUT = 10.0


class _AbortOnDrop:
    """Per connection: turns ConnectionDropRequested into closing the socket with no HTTP response at all.

    uvicorn answers any other failure with a 500, so this has to sit at the protocol level, where the
    transport is known.
    """

    def __init__(self, app: ASGIApp, transport: asyncio.Transport) -> None:
        self.app = app
        self.transport = transport

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except ConnectionDropRequested:
            self.transport.abort()
            # Wait until uvicorn has seen the disconnect, or it would log an error and try to send a 500.
            while (await receive())["type"] != "http.disconnect":
                pass


class _DroppingH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.app = _AbortOnDrop(self.app, transport)


class _Server(uvicorn.Server):
    """Signals are handled once for both servers by serve(); each server must not install its own handlers."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


class _Prepared:
    """Bound sockets (so port 0 becomes a real port before the apps learn their origins), state and servers."""

    def __init__(self, settings: SandboxSettings, log_level: str) -> None:
        # The accounts origin, then one API origin per environment served (production, and sandbox/developer).
        self.sockets: list[socket.socket] = []
        try:
            for port in (settings.accounts_port, *settings.api_ports.values()):
                self.sockets.append(_listen(settings.host, port))
        except OSError:
            for sock in self.sockets:
                sock.close()
            raise
        accounts_port, *api_ports = (sock.getsockname()[1] for sock in self.sockets)
        bound = dict(zip(settings.api_ports, api_ports))
        self.settings = dataclasses.replace(
            settings, accounts_port=accounts_port, api_port=bound["production"],
            sandbox_api_port=bound.get("sandbox"), developer_api_port=bound.get("developer"),
        )
        self.state = SandboxState(self.settings)
        apps = [create_accounts_app(self.state, self.settings)]
        apps += [create_api_app(self.state, self.settings, env) for env in self.settings.api_ports]
        self.servers = [_Server(self._config(app, log_level)) for app in apps]

    @staticmethod
    def _config(app: ASGIApp, log_level: str) -> uvicorn.Config:
        return uvicorn.Config(app, http=_DroppingH11Protocol, loop="asyncio", lifespan="off", log_level=log_level,
                              access_log=log_level in ("debug", "trace", "info"), proxy_headers=False)

    async def run(self) -> None:
        try:
            await asyncio.gather(*(server.serve(sockets=[sock]) for server, sock in zip(self.servers, self.sockets)))
        finally:
            self.state.close()

    def request_stop(self) -> None:
        for server in self.servers:
            server.should_exit = True


class RunningSandbox:
    """A sandbox serving in a background thread. Use as a context manager, or call stop()."""

    def __init__(self, prepared: _Prepared, thread: threading.Thread) -> None:
        self._prepared = prepared
        self._thread = thread
        self.settings = prepared.settings
        self.state = prepared.state

    @property
    def accounts_url(self) -> str:
        return self.settings.accounts_origin

    @property
    def api_url(self) -> str:
        return self.settings.api_origin

    @property
    def api_urls(self) -> dict[str, str]:
        """Each served environment's API origin: production, and sandbox / developer when asked for."""
        return self.settings.api_origins

    def stop(self) -> None:
        self._prepared.request_stop()
        self._thread.join(timeout=10)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def start_in_thread(settings: SandboxSettings | None = None, log_level: str = "warning") -> RunningSandbox:
    """Start both apps (port 0 picks free ports) and return once both servers accept connections."""
    prepared = _Prepared(settings or SandboxSettings(), log_level)
    thread = threading.Thread(target=lambda: asyncio.run(prepared.run()), name="zoho-sandbox", daemon=True)
    thread.start()
    deadline = time.monotonic() + _STARTUP_TIMEOUT
    while not all(server.started for server in prepared.servers):
        if not thread.is_alive() or time.monotonic() > deadline:
            prepared.request_stop()
            raise RuntimeError("the sandbox servers did not start")
        time.sleep(0.01)
    return RunningSandbox(prepared, thread)


async def serve(settings: SandboxSettings, log_level: str = "info") -> None:
    """Serve both apps until SIGINT/SIGTERM (the CLI)."""
    prepared = _Prepared(settings, log_level)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, prepared.request_stop)
    s = prepared.settings
    client = s.clients[0]
    others = "".join(f"\n  API ({env}): {origin}" for env, origin in s.api_origins.items() if env != "production")
    print(
        f"Zoho sandbox\n  accounts: {s.accounts_origin}\n  API:      {s.api_origin}{others}\n"
        f"  client_id {client.client_id}, redirect URIs {', '.join(client.redirect_uris)}, "
        f"origins {', '.join(client.js_origins) or '(none)'}",
        flush=True,
    )
    await prepared.run()
