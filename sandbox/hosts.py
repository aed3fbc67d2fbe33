"""Only the sandbox's own Host: no DNS rebinding.

A page on another site can make its own host name resolve to 127.0.0.1 and then read the
answers as same-origin. Its requests still name that host in the Host header, so each app
answers only ``<the sandbox's host>:<its port>`` and ``localhost:<its port>``.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .settings import SandboxSettings


def own_hosts(settings: SandboxSettings, port: int) -> frozenset[str]:
    """The Host header values (lower case) an app of the sandbox on ``port`` answers."""
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return frozenset({f"{host}:{port}".lower(), f"localhost:{port}"})


class OwnHostOnly:
    """Answers a request whose Host is not one of the sandbox's own with 421 and nothing else."""

    def __init__(self, app: ASGIApp, settings: SandboxSettings, port: int) -> None:
        self.app = app
        self.hosts = own_hosts(settings, port)
        self.expected = sorted(self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and Headers(scope=scope).get("host", "").lower() not in self.hosts:
            refusal = PlainTextResponse(
                f"This sandbox answers only requests for {' or '.join(self.expected)}.\n", status_code=421)
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)
