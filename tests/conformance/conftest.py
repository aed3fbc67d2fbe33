"""The sandbox in-process (httpx's ASGI transport, through Starlette's TestClient) with tokens to call it."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from sandbox.api import create_api_app
from sandbox.scopes import parse_scope
from sandbox.settings import SandboxSettings
from sandbox.state import SandboxState

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 under TestClient; httpx still works and is what the project installs.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

ALL_SCOPES = ("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ",
              "ZohoCRM.coql.READ")


class Clock:
    def __init__(self) -> None:
        self.now = 1_717_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def state() -> Iterator[SandboxState]:
    st = SandboxState(SandboxSettings(), Clock())
    yield st
    st.close()


@pytest.fixture
def api(state: SandboxState) -> Iterator[TestClient]:
    settings = state.settings
    with TestClient(create_api_app(state, settings), base_url=settings.api_origin) as client:
        yield client


Mint = Callable[..., dict[str, str]]


@pytest.fixture
def mint(state: SandboxState) -> Mint:
    def _mint(*scopes: str, lifetime: int | None = None) -> dict[str, str]:
        record = state.issue_token(state.settings.clients[0].client_id, tuple(parse_scope(s) for s in scopes),
                                   lifetime)
        return {"Authorization": f"Zoho-oauthtoken {record.token}"}

    return _mint


@pytest.fixture
def full(mint: Mint) -> dict[str, str]:
    return mint(*ALL_SCOPES)
