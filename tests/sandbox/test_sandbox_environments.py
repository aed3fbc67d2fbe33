"""Sandbox and developer organisations (sandbox.zohoapis.<dc>, developer.zohoapis.<dc>) on API ports of their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sandbox.__main__ import build_parser, settings_from_args
from sandbox.api import create_api_app
from sandbox.server import start_in_thread
from sandbox.settings import SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import CONTROL, FakeClock, TestClient

Headers = dict[str, str]
ENVIRONMENTS = ("production", "sandbox", "developer")


@pytest.fixture
def settings() -> SandboxSettings:
    return SandboxSettings(sandbox_api_port=8703, developer_api_port=8704)


@pytest.fixture
def apis(state: SandboxState, settings: SandboxSettings) -> Iterator[dict[str, TestClient]]:
    clients = {env: TestClient(create_api_app(state, settings, env), base_url=settings.api_origins[env])
               for env in ENVIRONMENTS}
    for client in clients.values():
        client.__enter__()
    yield clients
    for client in clients.values():
        client.__exit__(None, None, None)


def test_each_environment_is_an_org_of_its_own(apis: dict[str, TestClient], full: Headers, mint: Any) -> None:
    headers = full | mint("ZohoCRM.org.READ")
    orgs = {env: client.get("/crm/v8/org", headers=headers).json()["org"][0] for env, client in apis.items()}
    assert {env: org["type"] for env, org in orgs.items()} == {env: env for env in ENVIRONMENTS}
    assert len({org["id"] for org in orgs.values()}) == 3
    assert "Sandbox" in orgs["sandbox"]["company_name"] and "Developer" in orgs["developer"]["company_name"]


def test_one_token_works_in_every_environment_with_records_of_its_own(apis: dict[str, TestClient],
                                                                      full: Headers) -> None:
    def names(env: str) -> list[str]:
        body = apis[env].get("/crm/v8/Leads", params={"fields": "Full_Name", "per_page": 20}, headers=full).json()
        return [row["Full_Name"] for row in body["data"]]

    assert len({tuple(names(env)) for env in ENVIRONMENTS}) == 3
    created = apis["sandbox"].post("/crm/v8/Tasks", json={"data": [{"Subject": "Try it in the sandbox"}]},
                                   headers=full)
    assert created.status_code == 201
    subjects = {env: apis[env].get("/crm/v8/Tasks", params={"fields": "Subject"}, headers=full) for env in ENVIRONMENTS}
    assert [row["Subject"] for row in subjects["sandbox"].json()["data"]] == ["Try it in the sandbox"]
    assert subjects["production"].status_code == subjects["developer"].status_code == 204


def test_a_page_token_belongs_to_its_environment(apis: dict[str, TestClient], full: Headers) -> None:
    token = apis["sandbox"].get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10},
                                headers=full).json()["info"]["next_page_token"]
    response = apis["production"].get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10,
                                                               "page_token": token}, headers=full)
    assert response.json()["code"] == "TOKEN_BOUND_DATA_MISMATCH"


def test_each_environment_answers_only_its_own_host(apis: dict[str, TestClient], settings: SandboxSettings) -> None:
    production_host = settings.api_origins["production"].removeprefix("http://")
    assert apis["sandbox"].get("/crm/v8/org", headers={"Host": production_host}).status_code == 421
    assert apis["sandbox"].get("/crm/v8/org").status_code == 401  # its own host: on to the token check


def test_tokens_minted_in_an_environment_name_its_api_domain(apis: dict[str, TestClient],
                                                             settings: SandboxSettings) -> None:
    answer = apis["developer"].post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]}, headers=CONTROL).json()
    assert answer["api_domain"] == settings.api_origins["developer"]


def test_state_and_reset_cover_every_environment(apis: dict[str, TestClient], full: Headers,
                                                 state: SandboxState) -> None:
    apis["developer"].post("/crm/v8/Campaigns", json={"data": [{"Campaign_Name": "Dev"}]}, headers=full)
    snapshot = apis["production"].get("/_sandbox/state", headers=CONTROL).json()
    assert snapshot["environments"]["developer"]["Campaigns"] == 1
    assert snapshot["environments"]["production"]["Campaigns"] == 0 == snapshot["records"]["Campaigns"]
    state.reset()
    assert state.stores["developer"].counts()["Campaigns"] == 0


def test_ports_must_differ() -> None:
    with pytest.raises(ValueError, match="ports of their own"):
        SandboxSettings(api_port=8702, sandbox_api_port=8702)
    with pytest.raises(ValueError, match="ports of their own"):
        SandboxSettings(sandbox_api_port=8701)
    assert SandboxSettings(api_port=0, sandbox_api_port=0, developer_api_port=0).api_ports == {
        "production": 0, "sandbox": 0, "developer": 0}


def test_only_the_environments_asked_for_are_served() -> None:
    assert SandboxSettings().api_origins == {"production": "http://127.0.0.1:8702"}
    assert SandboxSettings(developer_api_port=9004).api_origins == {
        "production": "http://127.0.0.1:8702", "developer": "http://127.0.0.1:9004"}


def test_command_line_options() -> None:
    args = build_parser().parse_args(["--sandbox-api-port", "9003", "--developer-api-port", "9004",
                                      "--records", "10000", "--records", "Contacts=25"])
    settings = settings_from_args(args)
    assert (settings.sandbox_api_port, settings.developer_api_port) == (9003, 9004)
    assert settings.record_counts == {"Leads": 10000, "Contacts": 25}
    defaults = settings_from_args(build_parser().parse_args([]))
    assert (defaults.sandbox_api_port, defaults.developer_api_port, defaults.records) == (None, None, ())


def test_the_environments_through_real_sockets() -> None:
    with start_in_thread(SandboxSettings(accounts_port=0, api_port=0, sandbox_api_port=0,
                                         developer_api_port=0)) as running:
        urls = running.api_urls
        assert list(urls) == list(ENVIRONMENTS) and len(set(urls.values())) == 3
        assert running.api_url == urls["production"]
        token = httpx.post(f"{running.accounts_url}/_sandbox/tokens", json={"scopes": ["ZohoCRM.org.READ"]},
                           headers=CONTROL).json()["access_token"]
        for env, url in urls.items():
            org = httpx.get(f"{url}/crm/v8/org", headers={"Authorization": f"Zoho-oauthtoken {token}"}).json()
            assert org["org"][0]["type"] == env


def test_each_environment_keeps_its_records_in_a_file_of_its_own(tmp_path: Path) -> None:
    settings = SandboxSettings(db_path=tmp_path / "crm.db", sandbox_api_port=8703)
    first = SandboxState(settings, FakeClock())
    record = first.stores["sandbox"].all("Leads")[0] | {"Last_Name": "Kept"}
    first.stores["sandbox"].put("Leads", record)
    first.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm-sandbox.db", "crm.db"]
    again = SandboxState(settings, FakeClock())
    assert again.stores["sandbox"].get("Leads", record["id"])["Last_Name"] == "Kept"  # type: ignore[index]
    assert again.store.get("Leads", record["id"])["Last_Name"] != "Kept"  # type: ignore[index]
    again.close()
