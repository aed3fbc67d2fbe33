"""The records operations (list, get, create, update, delete, also by id): every success and documented error, each
answer validated against the schema written from Zoho's v8 record spec (zoho_schemas.py)."""

from __future__ import annotations

from typing import Any

import pytest

import zoho_schemas as z
from conformance_helpers import check, refuses
from sandbox import records
from sandbox.state import SandboxState

Headers = dict[str, str]
UNKNOWN_ID = "5725767000000999999"


def leads(api: Any, headers: Headers, **params: Any) -> Any:
    return api.get("/crm/v8/Leads", params={"fields": "Last_Name,Email"} | params, headers=headers)


def some_lead(api: Any, headers: Headers) -> str:
    return leads(api, headers, per_page=1).json()["data"][0]["id"]


# List --------------------------------------------------------------------------------------------------------------


def test_a_full_page_of_200_validates(api: Any, full: Headers) -> None:
    """CHOICES['per_page']: the spec's data maxItems is 100, yet per_page goes to 200; the schema takes 200."""
    body = check(leads(api, full, per_page=200), 200, z.RECORDS_LIST)
    assert len(body["data"]) == 200 and body["info"]["more_records"] is True


@pytest.mark.parametrize("sort_by", ["id", "Created_Time", "Modified_Time"])
def test_lists_sort_by_the_three_fields_zoho_sorts_by(api: Any, full: Headers, sort_by: str) -> None:
    body = check(leads(api, full, per_page=10, sort_by=sort_by, sort_order="asc"), 200, z.RECORDS_LIST)
    assert (body["info"]["sort_by"], body["info"]["sort_order"]) == (sort_by, "asc")


def test_the_next_page_by_its_token(api: Any, full: Headers) -> None:
    first = check(leads(api, full, per_page=100), 200, z.RECORDS_LIST)
    second = check(leads(api, full, per_page=100, page_token=first["info"]["next_page_token"]), 200, z.RECORDS_LIST)
    assert second["info"]["page"] == 2 and second["info"]["previous_page_token"]


def test_an_empty_module_is_204_without_a_body(api: Any, full: Headers) -> None:
    response = api.get("/crm/v8/Campaigns", params={"fields": "Campaign_Name"}, headers=full)
    assert (response.status_code, response.content) == (204, b"")


@pytest.mark.parametrize(("params", "code", "details"), [
    ({"sort_by": "Last_Name"}, "INVALID_DATA",
     {"param_name": "sort_by", "supported_values": ["id", "Created_Time", "Modified_Time"]}),
    ({"sort_order": "up"}, "INVALID_DATA", {"param_name": "sort_order", "supported_values": ["asc", "desc"]}),
    ({"fields": ""}, "REQUIRED_PARAM_MISSING", {"param_name": "fields"}),
    ({"fields": ",".join(f"F{i}" for i in range(51))}, "LIMIT_EXCEEDED", {"limit": 50, "param_name": "fields"}),
    ({"page": 11}, "DISCRETE_PAGINATION_LIMIT_EXCEEDED", {"limit": 2000}),
    ({"page": 1, "page_token": "abc"}, "AMBIGUITY_DURING_PROCESSING",
     {"ambiguity_due_to": [{"param_name": "page"}, {"param_name": "page_token"}]}),
    ({"page_token": "not-issued"}, "TOKEN_BOUND_DATA_MISMATCH", {"param_name": "page_token"}),
])
def test_list_errors(api: Any, full: Headers, params: dict[str, Any], code: str, details: dict[str, Any]) -> None:
    body = check(leads(api, full, **params), 400, z.RECORDS_LIST_ERROR)
    assert (body["code"], body["details"]) == (code, details)


def test_a_sort_the_spec_refuses_matches_its_sort_by_variant(api: Any, full: Headers) -> None:
    variant = z.RECORDS_LIST_ERROR["anyOf"][1]
    check(leads(api, full, sort_by="Email"), 400, variant)


def test_an_unknown_field_is_invalid_data(api: Any, full: Headers) -> None:
    body = check(leads(api, full, fields="Nope"), 400, z.RECORDS_LIST_ERROR)
    assert body["code"] == "INVALID_DATA" and body["details"]["param_name"] == "fields"


def test_an_expired_page_token(api: Any, full: Headers, mint: Any, state: SandboxState) -> None:
    token = leads(api, full, per_page=100).json()["info"]["next_page_token"]
    state.clock.now += records.PAGE_TOKEN_LIFETIME + 1  # type: ignore[attr-defined]
    fresh = mint("ZohoCRM.modules.ALL")  # the access token of a day ago has expired too
    body = check(leads(api, fresh, per_page=100, page_token=token), 400, z.RECORDS_LIST_ERROR)
    assert (body["code"], body["details"]) == ("EXPIRED_VALUE",
                                               {"api_name": "page_token", "json_path": "$.query.page_token"})


def test_page_tokens_end_where_zoho_s_do(api: Any, full: Headers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_PAGE_TOKEN_RECORDS", 100)
    token = leads(api, full, per_page=100).json()["info"]["next_page_token"]
    body = check(leads(api, full, per_page=100, page_token=token), 400, z.RECORDS_LIST_ERROR)
    assert body["code"] == "PAGINATION_LIMIT_EXCEEDED"


def test_an_unknown_module(api: Any, full: Headers) -> None:
    response = api.get("/crm/v8/Widgets", params={"fields": "Name"}, headers=full)
    assert check(response, 400, z.INVALID_MODULE)["details"] == {"resource_path_index": 0}


# Get, update and delete by id ----------------------------------------------------------------------------------------


def test_get_by_id(api: Any, full: Headers) -> None:
    lead = some_lead(api, full)
    body = check(api.get(f"/crm/v8/Leads/{lead}", headers=full), 200, z.RECORD_GET)
    assert body["data"][0]["id"] == lead


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_an_unknown_id_in_the_url_is_zoho_s_flat_error(api: Any, full: Headers, method: str) -> None:
    """CHOICES['unknown_id']; deleteRecord example 400-invalidrecordid gives the exact answer."""
    body = {"json": {"data": [{"City": "Rome"}]}} if method == "PUT" else {}
    answer = check(api.request(method, f"/crm/v8/Leads/{UNKNOWN_ID}", headers=full, **body), 400,
                   z.INVALID_RECORD_ID)
    assert answer == {"code": "INVALID_DATA", "message": "invalid record id", "details": {"resource_path_index": 0},
                      "status": "error"}


def test_update_by_id(api: Any, full: Headers) -> None:
    lead = some_lead(api, full)
    body = check(api.put(f"/crm/v8/Leads/{lead}", json={"data": [{"City": "Rome"}]}, headers=full), 200, z.UPDATED)
    assert body["data"][0]["details"]["id"] == lead


def test_delete_by_id(api: Any, full: Headers) -> None:
    lead = some_lead(api, full)
    body = check(api.delete(f"/crm/v8/Leads/{lead}", headers=full), 200, z.DELETED)
    assert body["data"][0]["details"]["id"] == lead


# Create and update ---------------------------------------------------------------------------------------------------


def test_create(api: Any, full: Headers) -> None:
    check(api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Byron", "Email": "a@b.example"}]},
                   headers=full), 201, z.CREATED)


def test_create_mixed(api: Any, full: Headers) -> None:
    body = check(api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Ok"}, {"Email": "x@y.example"}]},
                          headers=full), 207, z.CREATED_MIXED)
    assert body["data"][1]["details"] == {"api_name": "Last_Name", "json_path": "$.data[1].Last_Name"}


@pytest.mark.parametrize(("record", "code", "details"), [
    ({"Last_Name": "x" * 81}, "INVALID_DATA",
     {"maximum_length": 80, "api_name": "Last_Name", "json_path": "$.data[0].Last_Name"}),
    ({"Last_Name": "L", "No_of_Employees": "many"}, "INVALID_DATA",
     {"expected_data_type": "integer", "api_name": "No_of_Employees", "json_path": "$.data[0].No_of_Employees"}),
    ({"Last_Name": "L", "Email": "not-an-address"}, "INVALID_DATA",
     {"expected_data_type": "email", "api_name": "Email", "json_path": "$.data[0].Email"}),
    ({"Last_Name": "L", "Unknown_Field": 1}, "INVALID_DATA",
     {"api_name": "Unknown_Field", "json_path": "$.data[0].Unknown_Field"}),
    ({"First_Name": "F"}, "MANDATORY_NOT_FOUND", {"api_name": "Last_Name", "json_path": "$.data[0].Last_Name"}),
])
def test_create_errors(api: Any, full: Headers, record: dict[str, Any], code: str, details: dict[str, Any]) -> None:
    body = check(api.post("/crm/v8/Leads", json={"data": [record]}, headers=full), 400, z.CREATE_FAILED)
    assert (body["data"][0]["code"], body["data"][0]["details"]) == (code, details)


def test_update_mixed(api: Any, full: Headers) -> None:
    lead = some_lead(api, full)
    body = check(api.put("/crm/v8/Leads", json={"data": [{"id": lead, "City": "Oslo"}, {"id": UNKNOWN_ID}]},
                         headers=full), 207, z.UPDATED_MIXED)
    assert body["data"][1]["details"] == {"api_name": "id", "json_path": "$.data[1].id"}


@pytest.mark.parametrize(("body", "code"), [({}, "REQUIRED_PARAM_MISSING"), ({"data": {"a": 1}}, "INVALID_DATA"),
                                            ({"data": [{"Last_Name": "L"}] * 101}, "LIMIT_EXCEEDED")])
def test_write_body_errors(api: Any, full: Headers, body: dict[str, Any], code: str) -> None:
    assert check(api.post("/crm/v8/Leads", json=body, headers=full), 400, z.WRITE_BODY_ERROR)["code"] == code


# Delete ----------------------------------------------------------------------------------------------------------------


def test_delete_several_and_mixed(api: Any, full: Headers) -> None:
    first, second = [r["id"] for r in leads(api, full, per_page=2).json()["data"]]
    check(api.delete("/crm/v8/Leads", params={"ids": first}, headers=full), 200, z.DELETED)
    body = check(api.delete("/crm/v8/Leads", params={"ids": f"{second},{UNKNOWN_ID}"}, headers=full), 207,
                 z.DELETED_MIXED)
    assert body["data"][1]["details"] == {"id": UNKNOWN_ID}


@pytest.mark.parametrize(("ids", "code"), [(None, "REQUIRED_PARAM_MISSING"),
                                           (",".join(str(n) for n in range(101)), "LIMIT_EXCEEDED")])
def test_delete_errors(api: Any, full: Headers, ids: str | None, code: str) -> None:
    params = {"ids": ids} if ids else {}
    assert check(api.delete("/crm/v8/Leads", params=params, headers=full), 400, z.DELETE_ERROR)["code"] == code


# Answers every operation shares -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("headers", "code"), [
    ({}, "AUTHENTICATION_FAILURE"), ({"Authorization": "Zoho-oauthtoken 1000.unknown"}, "INVALID_TOKEN")])
def test_401_without_a_valid_token(api: Any, headers: Headers, code: str) -> None:
    """CHOICES['auth_401']: the spec lists only OAUTH_SCOPE_MISMATCH; Zoho's pages add these two."""
    assert check(leads(api, headers), 401, z.UNAUTHORIZED)["code"] == code


def test_401_for_a_missing_scope(api: Any, mint: Any) -> None:
    assert check(leads(api, mint("ZohoCRM.users.READ")), 401, z.UNAUTHORIZED)["code"] == "OAUTH_SCOPE_MISMATCH"


def test_429_too_many_requests(api: Any, full: Headers) -> None:
    """CHOICES['rate_429']: TOO_MANY_REQUESTS, as Zoho's API-limits page says."""
    api.post("/_sandbox/fail-next", json={"status": 429, "retry_after": 3}, headers={"X-Sandbox-Control": "1"})
    response = leads(api, full)
    check(response, 429, z.TOO_MANY_REQUESTS)


def test_404_and_wrong_methods(api: Any, full: Headers) -> None:
    check(api.get("/crm/v8/Leads/1/2/3", headers=full), 404, z.INVALID_URL)
    check(api.patch("/crm/v8/Leads", headers=full), 400, z.INVALID_REQUEST_METHOD)


# The schemas can fail: the sandbox's earlier, un-Zoho answers are refused ----------------------------------------------


def test_the_schemas_refuse_the_earlier_un_zoho_answers() -> None:
    old_write_error = {"data": [{"code": "INVALID_DATA", "details": {"api_name": "Email", "expected_data_type": "email"},
                                 "message": "invalid data", "status": "error"}]}
    old_delete_by_unknown_id = {"data": [{"code": "INVALID_DATA", "details": {"id": "1"},
                                          "message": "the id given seems to be invalid", "status": "error"}]}
    old_too_long = {"data": [{"code": "INVALID_DATA", "details": {"api_name": "Last_Name", "json_path":
                                                                  "$.data[0].Last_Name", "expected_data_type": "text",
                                                                  "maximum_length": 80},
                              "message": "invalid data", "status": "error"}]}
    assert refuses(z.CREATE_FAILED, old_write_error)
    assert refuses(z.INVALID_RECORD_ID, old_delete_by_unknown_id)
    assert refuses(z.CREATE_FAILED, old_too_long)
    assert refuses(z.RECORDS_LIST, {"data": [{"id": "1"}], "info": {"per_page": 201}})
