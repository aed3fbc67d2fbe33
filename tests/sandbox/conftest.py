"""Fixtures for the sandbox tests: ASGI clients on a fake clock, and a helper to mint tokens."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from sandbox.accounts import create_accounts_app
from sandbox.api import create_api_app
from sandbox.scopes import parse_scope
from sandbox.settings import SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import FakeClock, TestClient


@pytest.fixture
def settings() -> SandboxSettings:
    return SandboxSettings()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state(settings: SandboxSettings, clock: FakeClock) -> Iterator[SandboxState]:
    st = SandboxState(settings, clock)
    yield st
    st.close()


@pytest.fixture
def accounts(state: SandboxState, settings: SandboxSettings) -> Iterator[TestClient]:
    with TestClient(create_accounts_app(state, settings), base_url=settings.accounts_origin,
                    follow_redirects=False) as client:
        yield client


@pytest.fixture
def api(state: SandboxState, settings: SandboxSettings) -> Iterator[TestClient]:
    with TestClient(create_api_app(state, settings), base_url=settings.api_origin) as client:
        yield client


Mint = Callable[..., dict[str, str]]


@pytest.fixture
def mint(state: SandboxState, settings: SandboxSettings) -> Mint:
    """mint("ZohoCRM.modules.ALL", ...) -> Authorization header for a fresh token with those scopes."""

    def _mint(*scopes: str, lifetime: int | None = None) -> dict[str, str]:
        record = state.issue_token(settings.clients[0].client_id, tuple(parse_scope(s) for s in scopes), lifetime)
        return {"Authorization": f"Zoho-oauthtoken {record.token}"}

    return _mint


@pytest.fixture
def full(mint: Mint) -> dict[str, str]:
    """Headers of a token allowed to do everything the API offers."""
    return mint("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ")
