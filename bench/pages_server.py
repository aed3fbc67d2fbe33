"""A static file server that answers like GitHub Pages, for the benchmarks.

What it copies from GitHub Pages (as seen in its answers' headers):

- ``Cache-Control: max-age=600``, a strong ``ETag`` (nginx style: mtime and size in hex) and
  ``Last-Modified``; ``If-None-Match`` / ``If-Modified-Since`` answered with ``304``;
- gzip ``Content-Encoding`` (with ``Vary: Accept-Encoding``) chosen by content type: text,
  JavaScript, JSON, XML, SVG and WebAssembly; already-compressed types (zip, wheels) and
  types it does not know as text (the app's ``.mpy`` bytecode, which the MIME tables call
  ``application/vnd.ibm.minipay``) are sent as they are.

Not copied: HTTP/2 (this is HTTP/1.1, so Chromium opens at most 6 connections to it, where
GitHub Pages multiplexes every request over one), TLS, and the CDN's own caching.

Each answer is logged as (port, path, status, body bytes sent) in a ``ServerLog``.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_AGE = 600
GZIP_LEVEL = 6
COMPRESSED_TYPES = ("application/javascript", "application/json", "application/manifest+json",
                    "application/xml", "application/wasm", "image/svg+xml")


def compressible(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in COMPRESSED_TYPES


class ServerLog:
    """What the site servers answered, in order: (port, path, status, body bytes sent)."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, str, int, int]] = []
        self._lock = threading.Lock()

    def add(self, port: int, path: str, status: int, sent: int) -> None:
        with self._lock:
            self.entries.append((port, path, status, sent))

    def mark(self) -> int:
        with self._lock:
            return len(self.entries)

    def since(self, mark: int, port: int) -> list[tuple[str, int, int]]:
        with self._lock:
            return [(path, status, sent) for p, path, status, sent in self.entries[mark:] if p == port]


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as browsers use with any real server
    log: ServerLog
    gzipped: dict[tuple[str, float], bytes]  # (file, mtime) -> gzip body, shared by the threads
    gzip_lock: threading.Lock

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, headers, body = self._answer()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.log.add(self.server.server_port, self.path, status, len(body))

    def _answer(self) -> tuple[int, dict[str, str], bytes]:
        path = Path(self.translate_path(urlsplit(self.path).path))
        if path.is_dir():
            if not unquote(urlsplit(self.path).path).endswith("/"):
                return 301, {"Location": urlsplit(self.path).path + "/", "Content-Length": "0"}, b""
            path = path / "index.html"
        if not path.is_file():
            return 404, {"Content-Type": "text/plain", "Content-Length": "9"}, b"not found"
        stat = path.stat()
        etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
        validators = {"ETag": etag, "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
                      "Cache-Control": f"max-age={MAX_AGE}", "Vary": "Accept-Encoding"}
        if self._not_modified(etag, stat.st_mtime):
            return 304, validators, b""
        content_type = self.guess_type(str(path))
        headers = {**validators, "Content-Type": content_type}
        body = path.read_bytes()
        if compressible(content_type) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self._gzip(path, stat.st_mtime, body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        return 200, headers, body

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # takes precedence over If-Modified-Since (RFC 9110)
            return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _gzip(self, path: Path, mtime: float, body: bytes) -> bytes:
        key = (str(path), mtime)
        with self.gzip_lock:
            if key not in self.gzipped:
                self.gzipped[key] = gzip.compress(body, GZIP_LEVEL, mtime=0)
            return self.gzipped[key]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("SITE_LOG"):
            super().log_message(format, *args)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A tab closed while its answer was on the way is no error; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PagesServer:
    """Serves ``directory`` on 127.0.0.1:``port`` in a thread; a context manager."""

    def __init__(self, directory: Path, port: int, log: ServerLog):
        handler = type("Handler", (_PagesHandler,), {
            "log": log, "gzipped": {}, "gzip_lock": threading.Lock()})
        self._server = _QuietServer(
            ("127.0.0.1", port), lambda *args: handler(*args, directory=str(directory)))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "PagesServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
