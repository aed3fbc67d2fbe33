"""Listing records beyond the first page: page tokens (their expiry and binding), sorting, and the limits."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from sandbox import records
from sandbox.settings import SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import FakeClock, TestClient

Headers = dict[str, str]
LEADS = 2500  # more than the 2000 that `page` reaches


@pytest.fixture
def settings() -> SandboxSettings:
    return SandboxSettings(records=(("Leads", LEADS),))


def get(api: TestClient, headers: Headers, module: str = "Leads", **params: Any) -> Any:
    return api.get(f"/crm/v8/{module}", params={"fields": "Last_Name"} | params, headers=headers)


def walk(api: TestClient, headers: Headers, module: str = "Leads", **params: Any) -> list[dict[str, Any]]:
    """Every row, following next_page_token (with the same parameters, as Zoho requires)."""
    rows, token = [], None
    while True:
        body = get(api, headers, module, **params | ({"page_token": token} if token else {})).json()
        rows += body["data"]
        token = body["info"]["next_page_token"]
        if token is None:
            return rows


def test_page_reaches_2000_records_and_page_token_the_rest(api: TestClient, full: Headers) -> None:
    assert get(api, full, page=10, per_page=200).status_code == 200
    beyond = get(api, full, page=11, per_page=200)
    assert (beyond.status_code, beyond.json()["code"], beyond.json()["details"]) == (
        400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED", {"limit": 2000})
    rows = walk(api, full, per_page=200)
    assert len(rows) == len({r["id"] for r in rows}) == LEADS


def test_page_token_expiry(api: TestClient, mint: Any, clock: FakeClock) -> None:
    full = mint("ZohoCRM.modules.READ", lifetime=2 * 24 * 3600)  # an access token outliving the page token
    info = get(api, full, per_page=100).json()["info"]
    issued = datetime.fromtimestamp(clock(), timezone.utc)
    assert info["page_token_expiry"] == (issued + timedelta(days=1)).isoformat(timespec="seconds")
    clock.advance(24 * 3600 - 1)
    assert get(api, full, per_page=100, page_token=info["next_page_token"]).status_code == 200
    clock.advance(1)
    expired = get(api, full, per_page=100, page_token=info["next_page_token"])
    assert (expired.status_code, expired.json()["code"], expired.json()["details"]) == (
        400, "EXPIRED_VALUE", {"api_name": "page_token", "json_path": "$.query.page_token"})


def test_a_last_page_alone_has_no_tokens(api: TestClient, full: Headers) -> None:
    info = get(api, full, "Deals", per_page=200, fields="Deal_Name").json()["info"]
    assert (info["more_records"], info["next_page_token"], info["previous_page_token"], info["page_token_expiry"]) == (
        False, None, None, None)


def test_previous_page_token_goes_back_a_page(api: TestClient, full: Headers) -> None:
    first = get(api, full, per_page=50).json()
    second = get(api, full, per_page=50, page_token=first["info"]["next_page_token"]).json()
    third = get(api, full, per_page=50, page_token=second["info"]["next_page_token"]).json()
    assert third["info"]["page"] == 3
    back = get(api, full, per_page=50, page_token=third["info"]["previous_page_token"]).json()
    assert back["data"] == second["data"] and back["info"]["page"] == 2
    assert get(api, full, per_page=50, page_token=back["info"]["previous_page_token"]).json()["data"] == first["data"]


@pytest.mark.parametrize("change", [{"sort_by": "Created_Time"}, {"sort_order": "desc"}])
def test_a_page_token_is_bound_to_its_parameters(api: TestClient, full: Headers, change: dict[str, str]) -> None:
    token = get(api, full, per_page=50).json()["info"]["next_page_token"]
    response = get(api, full, per_page=50, page_token=token, **change)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "TOKEN_BOUND_DATA_MISMATCH", {"param_name": "page_token"})


def test_a_page_token_belongs_to_its_module_and_sandbox(api: TestClient, mint: Any, full: Headers,
                                                         state: SandboxState) -> None:
    token = get(api, full, per_page=50).json()["info"]["next_page_token"]
    for module, page_token in (("Contacts", token), ("Leads", "not-a-token")):
        assert get(api, full, module, page_token=page_token).json()["code"] == "TOKEN_BOUND_DATA_MISMATCH"
    state.reset()
    assert get(api, mint("ZohoCRM.modules.READ"), page_token=token).json()["code"] == "TOKEN_BOUND_DATA_MISMATCH"


def test_page_and_page_token_together_are_ambiguous(api: TestClient, full: Headers) -> None:
    token = get(api, full, per_page=50).json()["info"]["next_page_token"]
    response = get(api, full, page=2, page_token=token)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "AMBIGUITY_DURING_PROCESSING", {"ambiguity_due_to": [{"param_name": "page"}, {"param_name": "page_token"}]})


def test_page_tokens_reach_only_so_far(api: TestClient, full: Headers, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zoho's limit is 100,000 records; a smaller one here keeps the sample small."""
    monkeypatch.setattr(records, "MAX_PAGE_TOKEN_RECORDS", 150)
    first = get(api, full, per_page=75).json()
    second = get(api, full, per_page=75, page_token=first["info"]["next_page_token"]).json()
    response = get(api, full, per_page=75, page_token=second["info"]["next_page_token"])
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "PAGINATION_LIMIT_EXCEEDED", {"param_name": "page_token"})


def test_at_most_50_fields(api: TestClient, full: Headers) -> None:
    fifty = ",".join(f"Unknown_{i}" for i in range(50))
    assert api.get("/crm/v8/Leads", params={"fields": fifty}, headers=full).json()["code"] == "INVALID_DATA"
    response = api.get("/crm/v8/Leads", params={"fields": fifty + ",Last_Name"}, headers=full)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "LIMIT_EXCEEDED", {"limit": 50, "param_name": "fields"})


def sort_value(value: Any) -> tuple[int, Any]:
    """Empty first, text without case, lookups by name: written out here, independently of the sandbox."""
    if isinstance(value, dict):
        value = value["name"]
    if value is None:
        return (0, "")
    return (1, value.lower() if isinstance(value, str) else value)


@pytest.mark.parametrize(("module", "field"), [("Leads", "id"), ("Leads", "Created_Time"), ("Contacts", "Modified_Time"),
                                               ("Deals", "Modified_Time")])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sorting_by_the_fields_zoho_sorts_by(api: TestClient, full: Headers, state: SandboxState, module: str,
                                             field: str, order: str) -> None:
    rows = walk(api, full, module, fields="Created_Time,Modified_Time", sort_by=field, sort_order=order, per_page=200)
    stored = {r["id"]: r for r in state.store.all(module)}
    key = (lambda r: int(r["id"])) if field == "id" else (lambda r: (sort_value(r[field]), int(r["id"])))
    expected = sorted(stored.values(), key=key, reverse=order == "desc")
    assert [r["id"] for r in rows] == [r["id"] for r in expected]


@pytest.mark.parametrize("field", ["Last_Name", "Annual_Revenue", "Email_Opt_Out", "Description", "Unknown"])
def test_other_fields_are_refused_as_zoho_does(api: TestClient, full: Headers, field: str) -> None:
    """v8 record.yaml: getRecords' sort_by takes only id, Created_Time and Modified_Time (InvalidDataSortByError).
    The sandbox sorted by any field before: a real org refuses that."""
    response = get(api, full, per_page=5, sort_by=field)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "INVALID_DATA", {"param_name": "sort_by", "supported_values": ["id", "Created_Time", "Modified_Time"]})


def test_sort_order_is_descending_once_sort_by_is_given(api: TestClient, full: Headers) -> None:
    ascending = get(api, full, per_page=5).json()["info"]
    by_field = get(api, full, per_page=5, sort_by="Created_Time").json()["info"]
    assert (ascending["sort_by"], ascending["sort_order"]) == ("id", "asc")
    assert (by_field["sort_by"], by_field["sort_order"]) == ("Created_Time", "desc")


def test_a_changed_record_moves_in_the_order(api: TestClient, full: Headers) -> None:
    """The sandbox keeps each order until a record changes: a change must show on the next request."""
    def newest() -> dict[str, Any]:
        return get(api, full, per_page=1, fields="Last_Name", sort_by="Modified_Time").json()["data"][0]

    first = newest()
    other = get(api, full, per_page=1, page=2, fields="Last_Name", sort_by="Modified_Time").json()["data"][0]
    api.put(f"/crm/v8/Leads/{other['id']}", json={"data": [{"Last_Name": "Aaaaa"}]}, headers=full)
    assert newest() == {"id": other["id"], "Last_Name": "Aaaaa"}
    api.delete(f"/crm/v8/Leads/{other['id']}", headers=full)
    assert newest() == first
