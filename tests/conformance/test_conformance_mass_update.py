"""Issue 21's mass update (POST /{module}/actions/mass_update with ids) against the v8 mass_update spec
(zoho/crm-oas v8.0/mass_update/mass_update.yaml, massUpdateRecords): each refusal it documents, and its own examples
accepted by the schemas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import zoho_schemas as z
from conformance_helpers import check, refuses
from sandbox.state import SandboxState

Headers = dict[str, str]
Mint = Callable[..., Headers]
#: The scopes of conftest.py's `full` (conftest cannot be imported reliably).
USUAL = ("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.coql.READ")
URL = "/crm/v8/Leads/actions/mass_update"
UNKNOWN = "5725767000000999999"
_WHO = {"name": "Dharun Kumar Dharun Kumar 95", "id": "1990117000000450001"}
_DONE = {"Modified_Time": "2026-08-12T19:02:29+05:30", "Modified_By": _WHO, "Created_Time": "2026-08-04T17:55:37+05:30",
         "id": "1990117000045575047", "Created_By": _WHO}
_SUCCESS = {"code": "SUCCESS", "details": _DONE, "message": "record updated", "status": "success"}
#: The spec's own example answers (examples/response-<status>-<case>.md), with the schema each must pass.
EXAMPLES = [
    ("response-200-successfulmassupdate.md", {"data": [_SUCCESS]}, z.MASS_UPDATED),
    ("response-207-partialmassupdate.md", {"data": [_SUCCESS, _SUCCESS, {
        "code": "RECORD_LOCKED", "details": {"action": "record_locking", "id": "1990117000045639003"},
        "message": "Sorry, you cannot perform this operation as the record is locked.", "status": "error"}]},
     z.MASS_UPDATED_MIXED),
    ("response-400-norecordsfound.md", {"data": [{"code": "INVALID_DATA", "details": {"id": "19901170000358080"},
                                                  "message": "the id given seems to be invalid", "status": "error"}]},
     z.MASS_UPDATE_FAILED),
    ("response-400-mandatoryfieldmissing.md", {"data": [{"code": "MANDATORY_NOT_FOUND", "details": {},
                                                         "message": "required field not found", "status": "error"}]},
     z.MASS_UPDATE_FAILED),
    ("response-400-invalidfieldvalue.md", {"data": [{
        "code": "INVALID_DATA", "details": {"api_name": "Pipeline", "id": "1990117000035827873"},
        "message": "picklist not found in record layout", "status": "error"}]}, z.MASS_UPDATE_FAILED),
    ("response-400-nonsubordinateuser.md", {"data": [{
        "code": "INVALID_DATA", "details": {"api_name": "id", "json_path": "$.data[0].User_lookup.id"},
        "message": "Non Subordinate User Found", "status": "error"}]}, z.MASS_UPDATE_FAILED),
]


@pytest.fixture
def full(mint: Mint) -> Headers:
    """The usual scopes and the spec's mass update scope (ZohoCRM.modules.ALL does not cover it)."""
    return mint(*USUAL, "ZohoCRM.mass_update.ALL")


def test_the_spec_s_scopes(api: Any, mint: Mint, state: SandboxState) -> None:
    body = {"data": [{"City": "Oslo"}], "ids": lead_ids(state, 1)}
    check(post(api, mint(*USUAL), body), 401, z.UNAUTHORIZED)
    check(api.get(URL, params={"job_id": "1"}, headers=mint(*USUAL)), 401, z.UNAUTHORIZED)
    check(post(api, mint("ZohoCRM.mass_update.Leads.UPDATE"), body), 200, z.MASS_UPDATED)
    check(post(api, mint("ZohoCRM.mass_update.UPDATE"), body), 200, z.MASS_UPDATED)
    check(post(api, mint("ZohoCRM.mass_update.Contacts.UPDATE"), body), 401, z.UNAUTHORIZED)
    check(api.get(URL, params={"job_id": "1"}, headers=mint("ZohoCRM.mass_update.Leads.READ")), 400,
          z.MASS_UPDATE_STATUS_ERROR)


def lead_ids(state: SandboxState, count: int) -> list[str]:
    return sorted((r["id"] for r in state.store.all("Leads")), key=int)[:count]


def post(api: Any, headers: Headers, body: dict[str, Any], url: str = URL) -> Any:
    return api.post(url, json=body, headers=headers)


@pytest.mark.parametrize(("source", "body", "schema"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_the_schemas_accept_the_spec_s_examples(source: str, body: dict[str, Any], schema: z.Schema) -> None:
    assert not refuses(schema, body), source


def test_the_schemas_can_fail() -> None:
    assert refuses(z.MASS_UPDATED, {"data": [_SUCCESS | {"details": _DONE | {"$approval_state": "approved"}}]})
    assert refuses(z.MASS_UPDATED_MIXED, {"data": [_SUCCESS, _SUCCESS]})  # 207 needs a failure
    assert refuses(z.MASS_UPDATE_FAILED, {"data": [{"code": "MANDATORY_NOT_FOUND", "details": {"api_name": "x"},
                                                    "message": "m", "status": "error"}]})
    assert refuses(z.MASS_UPDATE_FAILED, {"data": [{"code": "INVALID_DATA", "details": {"expected_data_type": "x"},
                                                    "message": "m", "status": "error"}]})


def test_the_same_value_for_several_records(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 3)
    body = check(post(api, full, {"data": [{"Lead_Status": "Contacted"}], "ids": ids}), 200, z.MASS_UPDATED)
    assert [r["details"]["id"] for r in body["data"]] == ids
    assert {state.store.get("Leads", i)["Lead_Status"] for i in ids} == {"Contacted"}


def test_500_ids_are_taken_and_501_refused(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 250) + [str(int(UNKNOWN) + n) for n in range(250)]
    body = check(post(api, full, {"data": [{"City": "Oslo"}], "ids": ids}), 207, z.MASS_UPDATED_MIXED)
    assert len(body["data"]) == 500
    body = check(post(api, full, {"data": [{"City": "Bergen"}], "ids": ids + [str(int(UNKNOWN) + 999)]}), 400,
                 z.MASS_UPDATE_FAILED)
    assert body["data"] == [{"code": "INVALID_DATA", "details": {"api_name": "ids", "json_path": "$.ids", "limit": 500},
                             "message": body["data"][0]["message"], "status": "error"}]
    assert state.store.get("Leads", ids[0])["City"] == "Oslo"


def test_an_unknown_id_among_them(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 1) + [UNKNOWN]
    body = check(post(api, full, {"data": [{"City": "Oslo"}], "ids": ids}), 207, z.MASS_UPDATED_MIXED)
    assert body["data"][1] == {"code": "INVALID_DATA", "details": {"id": UNKNOWN},
                               "message": "the id given seems to be invalid", "status": "error"}


def test_only_unknown_ids(api: Any, full: Headers) -> None:
    body = check(post(api, full, {"data": [{"City": "Oslo"}], "ids": [UNKNOWN]}), 400, z.MASS_UPDATE_FAILED)
    assert body["data"][0]["details"] == {"id": UNKNOWN}


@pytest.mark.parametrize("body", [{"data": [{"City": "Oslo"}]}, {"data": [{"City": "Oslo"}], "ids": []},
                                  {"ids": ["1"]}], ids=["no ids", "empty ids", "no data"])
def test_ids_and_data_are_mandatory(api: Any, full: Headers, body: dict[str, Any]) -> None:
    answer = check(post(api, full, body), 400, z.MASS_UPDATE_FAILED)
    assert [(r["code"], r["details"]) for r in answer["data"]] == [("MANDATORY_NOT_FOUND", {})]


@pytest.mark.parametrize(("data", "ids", "details"), [
    ([{"City": "Oslo"}, {"City": "Bergen"}], None, {"api_name": "data", "json_path": "$.data", "limit": 1}),
    ("City=Oslo", None, {"api_name": "data", "json_path": "$.data"}),
    ([{}], None, {"api_name": "data", "json_path": "$.data"}),
    ([{"City": "Oslo"}], "1,2", {"api_name": "ids", "json_path": "$.ids"}),
    ([{"City": "Oslo"}], ["12", "twelve"], {"api_name": "ids", "json_path": "$.ids"}),
], ids=["two objects", "not a list", "no field", "ids not a list", "an id not digits"])
def test_a_body_the_spec_does_not_allow(api: Any, full: Headers, state: SandboxState, data: Any, ids: Any,
                                        details: dict[str, Any]) -> None:
    answer = check(post(api, full, {"data": data, "ids": ids or lead_ids(state, 2)}), 400, z.MASS_UPDATE_FAILED)
    assert [(r["code"], r["details"]) for r in answer["data"]] == [("INVALID_DATA", details)]


def test_one_field_a_call_but_three_in_deals(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 2)
    answer = check(post(api, full, {"data": [{"City": "Oslo", "Country": "Norway"}], "ids": ids}), 400,
                   z.MASS_UPDATE_FAILED)
    assert answer["data"][0]["details"] == {"api_name": "data", "json_path": "$.data[0]", "limit": 1}
    assert state.store.get("Leads", ids[0])["City"] != "Oslo"
    deal = sorted((r["id"] for r in state.store.all("Deals")), key=int)[0]
    deals = "/crm/v8/Deals/actions/mass_update"
    three = {"Stage": "Negotiation/Review", "Probability": 80, "Amount": 1200.5}
    check(post(api, full, {"data": [three], "ids": [deal]}, deals), 200, z.MASS_UPDATED)
    assert {k: state.store.get("Deals", deal)[k] for k in three} == three
    answer = check(post(api, full, {"data": [three | {"Type": "New Business"}], "ids": [deal]}, deals), 400,
                   z.MASS_UPDATE_FAILED)
    assert answer["data"][0]["details"] == {"api_name": "data", "json_path": "$.data[0]", "limit": 3}


@pytest.mark.parametrize(("module", "field", "value"), [
    ("Leads", "Email", "ada@example.com"),  # email
    ("Leads", "Description", "one\ntwo"),  # multi-line
    ("Contacts", "Account_Name", "lookup"),  # lookup (its value filled in below)
    ("Leads", "Owner", "owner"),  # the owner: Zoho's fields example marks it mass_update false
    ("Projects", "Milestones", []),  # a subform, as line items
    ("Leads", "Layout", {"id": "1", "display_label": "Standard"}),  # a layout field (the sandbox has none)
    ("Leads", "Full_Name", "Ada Lovelace"),  # read-only
])
def test_fields_the_spec_says_cannot_be_mass_updated(api: Any, full: Headers, state: SandboxState, module: str,
                                                     field: str, value: Any) -> None:
    ids = sorted((r["id"] for r in state.store.all(module)), key=int)[:2]
    before = [state.store.get(module, i).get(field) for i in ids]
    if value == "lookup":
        value = {"id": sorted(r["id"] for r in state.store.all("Accounts"))[0]}
    if value == "owner":
        value = {"id": state.store.get(module, ids[0])["Owner"]["id"]}
    answer = check(post(api, full, {"data": [{field: value}], "ids": ids + [UNKNOWN]},
                        f"/crm/v8/{module}/actions/mass_update"), 400, z.MASS_UPDATE_FAILED)
    assert [r["details"] for r in answer["data"]] == [{"api_name": field, "id": i} for i in ids] + [{"id": UNKNOWN}]
    assert {r["code"] for r in answer["data"]} == {"INVALID_DATA"}
    assert [state.store.get(module, i).get(field) for i in ids] == before


def test_the_field_metadata_says_the_same(api: Any, full: Headers) -> None:
    fields = api.get("/crm/v8/settings/fields", params={"module": "Leads"}, headers=full).json()["fields"]
    refused = {f["api_name"] for f in fields if not f["mass_update"]}
    assert {"Email", "Description", "Owner", "Full_Name"} <= refused
    assert not {"City", "Lead_Status", "Annual_Revenue", "No_of_Employees"} & refused


def test_values_are_checked_for_each_record(api: Any, full: Headers, state: SandboxState) -> None:
    ids = lead_ids(state, 2)
    answer = check(post(api, full, {"data": [{"Last_Name": ""}], "ids": ids}), 400, z.MASS_UPDATE_FAILED)
    assert [(r["code"], r["details"]) for r in answer["data"]] == [("MANDATORY_NOT_FOUND", {})] * 2
    answer = check(post(api, full, {"data": [{"No_of_Employees": "many"}], "ids": ids}), 400, z.MASS_UPDATE_FAILED)
    assert [r["details"] for r in answer["data"]] == [{"api_name": "No_of_Employees", "id": i} for i in ids]
    answer = check(post(api, full, {"data": [{"No_of_Employees": 2**31}], "ids": ids[:1]}), 400, z.MASS_UPDATE_FAILED)
    assert answer["data"][0]["details"]["range"] == {"from": -(2**31), "to": 2**31 - 1}
    answer = check(post(api, full, {"data": [{"City": "x" * 101}], "ids": ids[:1]}), 400, z.MASS_UPDATE_FAILED)
    assert answer["data"][0]["details"] == {"api_name": "City", "id": ids[0], "maximum_length": 100}
    answer = check(post(api, full, {"data": [{"Nickname": "Ada"}], "ids": ids[:1]}), 400, z.MASS_UPDATE_FAILED)
    assert answer["data"][0]["details"] == {"api_name": "Nickname", "id": ids[0]}


def test_an_unknown_module(api: Any, full: Headers) -> None:
    answer = check(post(api, full, {"data": [{"City": "Oslo"}], "ids": ["1"]}, "/crm/v8/Lead/actions/mass_update"), 400,
                   z.MASS_UPDATE_REFUSED)
    assert answer["details"] == {"resource_path_index": 0}


def test_the_status_schemas_accept_the_spec_s_examples() -> None:
    scheduled = {"data": [{"Status": "SCHEDULED", "Failed_Count": 0, "Updated_Count": 0, "Not_Updated_Count": 18,
                           "Total_Count": 18}]}  # response-200-scheduledjob.md
    assert not refuses(z.MASS_UPDATE_STATUS, scheduled)
    assert refuses(z.MASS_UPDATE_STATUS, {"data": [scheduled["data"][0] | {"Status": "DONE"}]})
    invalid = {"code": "INVALID_DATA", "details": {"param_name": "job_id"},  # response-400-invalidjobid.md
               "message": "The jobid given seems to be invalid", "status": "error"}
    assert not refuses(z.MASS_UPDATE_STATUS_ERROR, invalid)
    assert refuses(z.MASS_UPDATE_STATUS_ERROR, invalid | {"details": {"param_name": "id"}})


def test_a_custom_view_s_records_as_a_job(api: Any, full: Headers, state: SandboxState) -> None:
    views = api.get("/crm/v8/settings/custom_views", params={"module": "Leads"}, headers=full).json()["custom_views"]
    contacted = next(v["id"] for v in views if v["name"] == "Contacted Leads")
    chosen = [r["id"] for r in state.store.all("Leads") if r["Lead_Status"] == "Contacted"]
    other = next(r for r in state.store.all("Leads") if r["Lead_Status"] != "Contacted")
    assert chosen
    body = check(post(api, full, {"data": [{"City": "Tromsø"}], "cvid": contacted}), 200, z.MASS_UPDATE_SCHEDULED)
    assert {state.store.get("Leads", i)["City"] for i in chosen} == {"Tromsø"}
    assert state.store.get("Leads", other["id"])["City"] == other["City"] != "Tromsø"
    status = check(api.get(URL, params={"job_id": body["data"][0]["details"]["job_id"]}, headers=full), 200,
                   z.MASS_UPDATE_STATUS)
    assert status["data"] == [{"Status": "COMPLETED", "Failed_Count": 0, "Updated_Count": len(chosen),
                               "Not_Updated_Count": 0, "Total_Count": len(chosen)}]


def test_an_unknown_cvid(api: Any, full: Headers) -> None:
    body = check(post(api, full, {"data": [{"City": "Oslo"}], "cvid": "1"}), 400, z.MASS_UPDATE_REFUSED)
    assert body["details"] == {"api_name": "cvid", "json_path": "$.cvid"}


@pytest.mark.parametrize(("extra", "key"), [({"cvid": "1"}, "cvid"), ({"territory": {"id": "1"}}, "territory")])
def test_ids_go_without_cvid_or_territory(api: Any, full: Headers, state: SandboxState, extra: dict[str, Any],
                                         key: str) -> None:
    body = {"data": [{"City": "Oslo"}], "ids": lead_ids(state, 1)} | extra
    answer = check(post(api, full, body), 400, z.MASS_UPDATE_FAILED)
    assert [(r["code"], r["details"]) for r in answer["data"]] == [("INVALID_DATA",
                                                                    {"api_name": key, "json_path": f"$.{key}"})]


def test_a_job_id_missing_or_unknown(api: Any, full: Headers) -> None:
    body = check(api.get(URL, headers=full), 400, z.MASS_UPDATE_STATUS_ERROR)
    assert (body["code"], body["details"]) == ("MANDATORY_NOT_FOUND", {})
    body = check(api.get(URL, params={"job_id": "5725767000000999999"}, headers=full), 400, z.MASS_UPDATE_STATUS_ERROR)
    assert (body["code"], body["details"]) == ("INVALID_DATA", {"param_name": "job_id"})
