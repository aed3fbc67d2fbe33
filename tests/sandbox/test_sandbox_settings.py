from __future__ import annotations

import pytest

from sandbox.settings import DEFAULT_CLIENT, RateLimit, SandboxClient, SandboxSettings


def test_default_client_is_the_one_the_project_registers() -> None:
    assert DEFAULT_CLIENT.client_id == "1000.LOCALSANDBOXCLIENT"
    assert DEFAULT_CLIENT.name == "Zoho PyScript (local sandbox)"
    assert DEFAULT_CLIENT.redirect_uris == ("http://127.0.0.1:8700/",)
    assert DEFAULT_CLIENT.js_origins == ("http://127.0.0.1:8700",)


def test_defaults_and_origins() -> None:
    s = SandboxSettings()
    assert (s.host, s.accounts_port, s.api_port, s.token_lifetime, s.location) == ("127.0.0.1", 8701, 8702, 3600, "us")
    assert s.accounts_origin == "http://127.0.0.1:8701"
    assert s.api_origin == "http://127.0.0.1:8702"
    assert s.rate_limit is None and s.db_path is None


def test_settings_are_frozen_and_client_lists_become_tuples() -> None:
    client = SandboxClient("1000.X", "X", ["http://127.0.0.1:1/cb"], ["http://127.0.0.1:1"])
    assert client.redirect_uris == ("http://127.0.0.1:1/cb",)
    s = SandboxSettings(clients=[client])
    with pytest.raises(AttributeError):
        s.api_port = 1  # type: ignore[misc]
    assert s.client("1000.X") is client and s.client("nope") is None


def test_js_origins_are_collected_from_all_clients() -> None:
    a = SandboxClient("1000.A", "A", ["http://127.0.0.1:1/"], ["http://127.0.0.1:1"])
    b = SandboxClient("1000.B", "B", ["http://127.0.0.1:2/"], ["http://127.0.0.1:2", "http://localhost:2"])
    assert SandboxSettings(clients=(a, b)).js_origins == {"http://127.0.0.1:1", "http://127.0.0.1:2", "http://localhost:2"}


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "8.8.8.8"])
def test_only_loopback_hosts(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SandboxSettings(host=host)


def test_ipv6_loopback_origin_is_bracketed() -> None:
    assert SandboxSettings(host="::1", api_port=9).api_origin == "http://[::1]:9"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"redirect_uris": ["http://127.0.0.1:8700/#x"]}, "fragment"),
        ({"redirect_uris": ["/relative"]}, "absolute"),
        ({"redirect_uris": []}, "at least one"),
        ({"js_origins": ["http://127.0.0.1:8700/"]}, "no path"),
        ({"js_origins": ["127.0.0.1:8700"]}, "no path"),
        ({"client_id": ""}, "empty"),
    ],
)
def test_invalid_clients(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"client_id": "1000.X", "name": "X", "redirect_uris": ["http://127.0.0.1:1/"],
                                 "js_origins": ["http://127.0.0.1:1"]} | kwargs
    with pytest.raises(ValueError, match=message):
        SandboxClient(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"location": "mars"}, "location"),
        ({"token_lifetime": 0}, "lifetime"),
        ({"clients": ()}, "at least one client"),
        ({"clients": (DEFAULT_CLIENT, DEFAULT_CLIENT)}, "unique"),
    ],
)
def test_invalid_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SandboxSettings(**kwargs)  # type: ignore[arg-type]


def test_rate_limit_parse() -> None:
    assert RateLimit.parse("100/60") == RateLimit(100, 60.0)
    assert RateLimit.parse("5/0.5") == RateLimit(5, 0.5)


@pytest.mark.parametrize("text", ["100", "x/60", "10/y", "0/60", "10/0", "-1/5"])
def test_rate_limit_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        RateLimit.parse(text)
