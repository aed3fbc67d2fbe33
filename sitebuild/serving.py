"""The built site on loopback, as GitHub Pages serves it, and the local Zoho sandbox beside it."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild.config import SiteConfig

LOOPBACK = "127.0.0.1"

class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them, optionally under a sub-path."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("SITE_LOG"):
            super().log_message(format, *args)


class SiteServer:
    """A threaded static file server for the built site on loopback."""

    def __init__(self, directory: Path, port: int, prefix: str = "/", host: str = LOOPBACK):
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError("prefix must start and end with '/'")
        handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
        self._server = http.server.ThreadingHTTPServer(
            (host, port), lambda *args: handler(*args, directory=str(directory)))
        self.url = f"http://{host}:{self._server.server_port}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "SiteServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _loopback_port(url: str) -> int | None:
    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname == LOOPBACK and parts.port:
        return parts.port
    return None


def uses_local_sandbox(config: SiteConfig) -> bool:
    """A config whose accounts server and first API domain are http://127.0.0.1 ports."""
    return (_loopback_port(config.accounts_url) is not None
            and _loopback_port(config.api_domains[0]) is not None)


def start_sandbox_for(config: SiteConfig, site_urls: list[str], records: tuple[tuple[str, int], ...] = ()):
    """Start the local Zoho sandbox where ``config`` expects it, with the site registered.

    Each site URL is registered as a redirect URI, and its origin as a JavaScript domain.
    ``records``: (module, how many records) pairs to seed instead of the sandbox's sample sizes.
    """
    from sandbox.server import start_in_thread
    from sandbox.settings import SandboxClient, SandboxSettings

    origins = tuple(dict.fromkeys(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in site_urls))
    settings = SandboxSettings(
        host=LOOPBACK,
        accounts_port=_loopback_port(config.accounts_url),
        api_port=_loopback_port(config.api_domains[0]),
        sandbox_api_port=_loopback_port(config.environment_api_domains.get("sandbox", "")),
        developer_api_port=_loopback_port(config.environment_api_domains.get("developer", "")),
        records=records,
        clients=(SandboxClient(client_id=config.client_id, name="Zoho PyScript (local sandbox)",
                               redirect_uris=tuple(site_urls), js_origins=origins),),
    )
    return start_in_thread(settings)


def serve(config: SiteConfig, out: Path, port: int) -> None:
    """Serve the site built into ``out`` until Ctrl+C; a loopback config (the default) also starts the
    sandbox."""
    site_url = f"http://{LOOPBACK}:{port}/"
    with contextlib.ExitStack() as running:
        if uses_local_sandbox(config):
            sandbox = running.enter_context(start_sandbox_for(config, [site_url]))
            print(f"sandbox: Zoho Accounts stand-in at {sandbox.accounts_url}", flush=True)
            for environment, url in sandbox.api_urls.items():
                print(f"sandbox: Zoho CRM API stand-in ({environment}) at {url}", flush=True)
        running.enter_context(SiteServer(out, port))
        print(f"\n  Open the app: {site_url}\n  (Ctrl+C stops it)\n", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped")
