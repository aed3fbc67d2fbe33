"""Shared by the sandbox tests (a uniquely named module: conftest.py cannot be imported reliably)."""

from __future__ import annotations

import warnings

from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 under TestClient; httpx still works and is what the project installs.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

APP_ORIGIN = "http://127.0.0.1:8700"
OTHER_ORIGIN = "http://127.0.0.1:9999"
CONTROL = {"X-Sandbox-Control": "1"}  # what every /_sandbox/ call must send (POSTs: with a JSON body)

__all__ = ["APP_ORIGIN", "CONTROL", "OTHER_ORIGIN", "FakeClock", "TestClient"]


class FakeClock:
    def __init__(self, now: float = 1_717_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
