"""Issue 21's record counts and custom views (settings/custom_views, records with cvid), against their v8 specs."""

from __future__ import annotations

from typing import Any

import pytest

import zoho_schemas as z
from conformance_helpers import check
from sandbox.state import SandboxState

Headers = dict[str, str]


def views(api: Any, headers: Headers, module: str) -> dict[str, str]:
    body = check(api.get("/crm/v8/settings/custom_views", params={"module": module}, headers=headers), 200,
                 z.CUSTOM_VIEWS)
    return {v["name"]: v["id"] for v in body["custom_views"]}


def count(api: Any, headers: Headers, module: str, **params: Any) -> int:
    return check(api.get(f"/crm/v8/{module}/actions/count", params=params, headers=headers), 200, z.COUNT)["count"]


def test_counts_are_the_module_s_records(api: Any, full: Headers, state: SandboxState) -> None:
    assert count(api, full, "Leads") == 250 == len(state.store.all("Leads"))
    assert count(api, full, "Campaigns") == 0


def test_counts_of_a_search_and_of_a_view(api: Any, full: Headers, state: SandboxState) -> None:
    contacted = [r for r in state.store.all("Leads") if r["Lead_Status"] == "Contacted"]
    assert count(api, full, "Leads", criteria="(Lead_Status:equals:Contacted)") == len(contacted)
    assert count(api, full, "Leads", cvid=views(api, full, "Leads")["Contacted Leads"]) == len(contacted)


def test_a_view_s_records_and_their_pages(api: Any, full: Headers, state: SandboxState) -> None:
    won = {r["id"] for r in state.store.all("Deals") if r["Stage"] == "Closed Won"}
    cvid = views(api, full, "Deals")["Closed Won"]
    body = check(api.get("/crm/v8/Deals", params={"fields": "Stage", "cvid": cvid}, headers=full), 200,
                 z.RECORDS_LIST)
    assert {r["id"] for r in body["data"]} == won and {r["Stage"] for r in body["data"]} == {"Closed Won"}


def test_an_unknown_view(api: Any, full: Headers) -> None:
    response = api.get("/crm/v8/Leads", params={"fields": "Last_Name", "cvid": "123"}, headers=full)
    assert check(response, 400, z.RECORDS_LIST_ERROR) == {"code": "INVALID_DATA", "details": {"param_name": "cvid"},
                                                          "message": "invalid data", "status": "error"}
    check(api.get("/crm/v8/Leads/actions/count", params={"cvid": "123"}, headers=full), 400, z.COUNT_ERROR)


def test_a_view_and_a_search_together_are_ambiguous(api: Any, full: Headers) -> None:
    cvid = views(api, full, "Leads")["All Leads"]
    body = check(api.get("/crm/v8/Leads/actions/count", params={"cvid": cvid, "word": "Analytics"}, headers=full),
                 400, z.COUNT_ERROR)
    assert body["code"] == "AMBIGUITY_DURING_PROCESSING"


@pytest.mark.parametrize("params", [{}, {"module": "Widgets"}])
def test_custom_views_errors(api: Any, full: Headers, params: dict[str, str]) -> None:
    check(api.get("/crm/v8/settings/custom_views", params=params, headers=full), 400, z.CUSTOM_VIEWS_ERROR)


@pytest.mark.parametrize(("scope", "path", "params"), [
    ("ZohoCRM.settings.fields.READ", "/crm/v8/settings/custom_views", {"module": "Leads"}),
    ("ZohoCRM.modules.Contacts.READ", "/crm/v8/Leads/actions/count", {})])
def test_their_scopes(api: Any, mint: Any, scope: str, path: str, params: dict[str, str]) -> None:
    check(api.get(path, params=params, headers=mint(scope)), 401, z.UNAUTHORIZED)
