"""The hashes the build names versioned folders by, pins files with, and proves its output by."""

import base64
import hashlib
from pathlib import Path


def sha256(path: Path) -> str:
    """The file's SHA-256, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def short_digest(paths: list[Path], base: Path) -> str:
    """A short digest of the files' names (relative to ``base``) and contents."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def subresource_integrity(path: Path) -> str:
    """The value of an `integrity` attribute (Subresource Integrity) for the file."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode("ascii")


def csp_source(text: str) -> str:
    """The CSP source ('sha256-…') that allows exactly this inline text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
