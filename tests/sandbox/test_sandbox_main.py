from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from sandbox.__main__ import build_parser, settings_from_args
from sandbox.settings import DEFAULT_CLIENT, RateLimit

from sandbox_helpers import CONTROL

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_the_flags() -> None:
    result = subprocess.run([sys.executable, "-m", "sandbox", "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0
    for flag in ("--client-id", "--redirect-uri", "--origin", "--token-lifetime", "--location", "--rate-limit",
                 "--db", "--seed", "--accounts-port", "--api-port", "--host"):
        assert flag in result.stdout


def test_defaults_map_to_the_default_settings() -> None:
    settings = settings_from_args(build_parser().parse_args([]))
    assert settings.clients == (DEFAULT_CLIENT,)
    assert (settings.accounts_port, settings.api_port, settings.token_lifetime) == (8701, 8702, 3600)
    assert settings.rate_limit is None and settings.db_path is None


def test_flags_map_to_settings(tmp_path: Path) -> None:
    args = build_parser().parse_args([
        "--client-id", "1000.MINE", "--redirect-uri", "http://127.0.0.1:5000/cb", "--redirect-uri",
        "http://localhost:5000/cb", "--origin", "http://127.0.0.1:5000", "--token-lifetime", "60", "--location", "eu",
        "--rate-limit", "10/5", "--db", str(tmp_path / "x.db"), "--seed", "9", "--api-port", "0",
    ])
    s = settings_from_args(args)
    [client] = s.clients
    assert client.client_id == "1000.MINE"
    assert client.redirect_uris == ("http://127.0.0.1:5000/cb", "http://localhost:5000/cb")
    assert client.js_origins == ("http://127.0.0.1:5000",)
    assert (s.token_lifetime, s.location, s.rate_limit, s.db_path, s.seed, s.api_port) == (
        60, "eu", RateLimit(10, 5.0), tmp_path / "x.db", 9, 0)


@pytest.mark.parametrize("argv", [["--host", "0.0.0.0"], ["--rate-limit", "fast"], ["--location", "mars"],
                                  ["--redirect-uri", "/cb"]])
def test_bad_flags_exit_with_usage_error(argv: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "sandbox", *argv], cwd=ROOT, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2 and "error" in result.stderr


def test_cli_serves_quickly_and_stops_on_sigterm() -> None:
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "--accounts-port", "0", "--api-port", "0", "--log-level", "warning"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        banner = "".join(process.stdout.readline() for _ in range(3))
        api_url = re.search(r"API:\s+(http://\S+)", banner).group(1)  # type: ignore[union-attr]
        assert httpx.get(f"{api_url}/_sandbox/state", headers=CONTROL, timeout=5).status_code == 200
        assert time.monotonic() - started < 5  # well under a second normally; slack for loaded machines
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
