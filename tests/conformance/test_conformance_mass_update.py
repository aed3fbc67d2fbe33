"""Issue 21's mass update (POST /{module}/actions/mass_update with ids) against the v8 mass_update spec."""

from __future__ import annotations

from typing import Any

import zoho_schemas as z
from conformance_helpers import check
from sandbox.state import SandboxState

Headers = dict[str, str]
URL = "/crm/v8/Leads/actions/mass_update"


def lead_ids(state: SandboxState, count: int) -> list[str]:
    return sorted((r["id"] for r in state.store.all("Leads")), key=int)[:count]


def test_the_same_value_for_several_records(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 3)
    body = check(api.post(URL, json={"data": [{"Lead_Status": "Contacted"}], "ids": ids}, headers=full), 200,
                 z.MASS_UPDATED)
    assert [r["details"]["id"] for r in body["data"]] == ids
    assert {state.store.get("Leads", i)["Lead_Status"] for i in ids} == {"Contacted"}


def test_an_unknown_id_among_them(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 1) + ["5725767000000999999"]
    body = check(api.post(URL, json={"data": [{"City": "Oslo"}], "ids": ids}, headers=full), 207, z.MASS_UPDATED)
    assert body["data"][1]["details"] == {"id": "5725767000000999999"}


def test_values_are_checked_as_an_update_s(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 2)
    body = check(api.post(URL, json={"data": [{"Last_Name": ""}], "ids": ids}, headers=full), 400,
                 z.MASS_UPDATE_FAILED)
    assert body["data"][0]["code"] == "MANDATORY_NOT_FOUND"
    body = check(api.post(URL, json={"data": [{"No_of_Employees": "many"}], "ids": ids}, headers=full), 400,
                 z.MASS_UPDATE_FAILED)
    assert body["data"][0]["details"]["expected_data_type"] == "integer"


def test_at_most_100_ids(api: Any, full: Headers, state: SandboxState) -> None:
    body = check(api.post(URL, json={"data": [{"City": "Oslo"}], "ids": lead_ids(state, 101)}, headers=full), 400,
                 z.WRITE_BODY_ERROR)
    assert body["code"] == "LIMIT_EXCEEDED"
