from __future__ import annotations

from typing import Any

import pytest

from sandbox.api import create_api_app
from sandbox.scopes import parse_scope
from sandbox.settings import RateLimit, SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import FakeClock, TestClient

Headers = dict[str, str]


def error(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "details": details or {}, "message": message, "status": "error"}


INVALID_TOKEN = error("INVALID_TOKEN", "invalid oauth token")
SCOPE_MISMATCH = error("OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")


def lead_ids(api: TestClient, headers: Headers) -> list[str]:
    ids, token = [], None
    while True:
        params = {"fields": "Last_Name"} | ({"page_token": token} if token else {})
        body = api.get("/crm/v8/Leads", params=params, headers=headers).json()
        ids += [row["id"] for row in body["data"]]
        token = body["info"]["next_page_token"]
        if not body["info"]["more_records"]:
            return ids


# Authentication --------------------------------------------------------------------------------------------------


def test_missing_authorization_is_an_authentication_failure(api: TestClient) -> None:
    response = api.get("/crm/v8/org")
    assert response.status_code == 401
    assert response.json() == error("AUTHENTICATION_FAILURE", "Authentication failed")


@pytest.mark.parametrize("value", ["Bearer 1000.a.b", "Zoho-oauthtoken", "1000.a.b"])
def test_other_schemes_are_an_authentication_failure(api: TestClient, value: str) -> None:
    response = api.get("/crm/v8/org", headers={"Authorization": value})
    assert response.status_code == 401 and response.json()["code"] == "AUTHENTICATION_FAILURE"


def test_unknown_token_is_invalid(api: TestClient) -> None:
    response = api.get("/crm/v8/org", headers={"Authorization": "Zoho-oauthtoken 1000.abc.def"})
    assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_token_expires_after_its_lifetime(api: TestClient, mint: Any, clock: FakeClock) -> None:
    headers = mint("ZohoCRM.org.READ", lifetime=1)
    assert api.get("/crm/v8/org", headers=headers).status_code == 200
    clock.advance(0.999)
    assert api.get("/crm/v8/org", headers=headers).status_code == 200
    clock.advance(0.001)
    response = api.get("/crm/v8/org", headers=headers)
    assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_default_lifetime_is_the_configured_one(api: TestClient, mint: Any, clock: FakeClock) -> None:
    headers = mint("ZohoCRM.org.READ")
    clock.advance(3599)
    assert api.get("/crm/v8/org", headers=headers).status_code == 200
    clock.advance(1)
    assert api.get("/crm/v8/org", headers=headers).status_code == 401


def test_revoked_token_is_invalid(api: TestClient, mint: Any, state: SandboxState) -> None:
    headers = mint("ZohoCRM.org.READ")
    state.revoke(headers["Authorization"].split()[1])
    assert api.get("/crm/v8/org", headers=headers).json() == INVALID_TOKEN


# Scopes --------------------------------------------------------------------------------------------------------------

_LEAD = {"data": [{"Last_Name": "Scoped"}]}


@pytest.mark.parametrize(
    ("scopes", "method", "path", "allowed"),
    [
        ("ZohoCRM.modules.ALL", "GET", "/crm/v8/Leads?fields=Email", True),
        ("ZohoCRM.modules.ALL", "POST", "/crm/v8/Deals", True),
        ("ZohoCRM.modules.ALL", "DELETE", "/crm/v8/Leads?ids=1", True),
        ("ZohoCRM.modules.ALL", "GET", "/crm/v8/users?type=CurrentUser", False),
        ("ZohoCRM.modules.ALL", "GET", "/crm/v8/settings/modules", False),
        ("ZohoCRM.modules.READ", "GET", "/crm/v8/Deals?fields=Amount", True),
        ("ZohoCRM.modules.READ", "POST", "/crm/v8/Leads", False),
        ("ZohoCRM.modules.Leads.READ", "GET", "/crm/v8/Leads?fields=Email", True),
        ("ZohoCRM.modules.leads.READ", "GET", "/crm/v2/Leads?fields=Email", True),
        ("ZohoCRM.modules.Leads.READ", "GET", "/crm/v8/Contacts?fields=Email", False),
        ("ZohoCRM.modules.Leads.READ", "PUT", "/crm/v8/Leads", False),
        ("ZohoCRM.modules.Leads.WRITE", "POST", "/crm/v8/Leads", True),
        ("ZohoCRM.modules.Leads.WRITE", "PUT", "/crm/v8/Leads", True),
        ("ZohoCRM.modules.Leads.WRITE", "DELETE", "/crm/v8/Leads?ids=1", True),
        ("ZohoCRM.modules.Leads.WRITE", "GET", "/crm/v8/Leads?fields=Email", False),
        ("ZohoCRM.modules.CREATE", "POST", "/crm/v8/Leads", True),
        ("ZohoCRM.modules.CREATE", "PUT", "/crm/v8/Leads", False),
        ("ZohoCRM.modules.Leads.DELETE", "DELETE", "/crm/v8/Leads?ids=1", True),
        ("ZohoCRM.modules.Leads.DELETE", "DELETE", "/crm/v8/Deals?ids=1", False),
        ("ZohoCRM.settings.ALL", "GET", "/crm/v8/settings/modules", True),
        ("ZohoCRM.settings.READ", "GET", "/crm/v8/settings/modules", True),
        ("ZohoCRM.settings.modules.READ", "GET", "/crm/v8/settings/modules", True),
        ("ZohoCRM.settings.fields.READ", "GET", "/crm/v8/settings/modules", False),
        ("ZohoCRM.users.READ", "GET", "/crm/v8/users?type=CurrentUser", True),
        ("ZohoCRM.users.ALL", "GET", "/crm/v8/users?type=CurrentUser", True),
        ("ZohoCRM.users.READ", "GET", "/crm/v8/org", False),
        ("ZohoCRM.org.READ", "GET", "/crm/v8/org", True),
        ("ZohoCRM.org.ALL,ZohoCRM.users.READ", "GET", "/crm/v8/org", True),
    ],
)
def test_scope_matrix(api: TestClient, mint: Any, scopes: str, method: str, path: str, allowed: bool) -> None:
    headers = mint(*scopes.split(","))
    body = _LEAD if method in ("POST", "PUT") else None
    response = api.request(method, path, headers=headers, json=body)
    if allowed:
        assert response.status_code != 401, response.text
    else:
        assert (response.status_code, response.json()) == (401, SCOPE_MISMATCH)


# URLs ------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["v2", "v3", "v4", "v5", "v6", "v7", "v8"])
def test_every_version_from_v2_to_v8_behaves_alike(api: TestClient, full: Headers, version: str) -> None:
    response = api.get(f"/crm/{version}/Leads", params={"fields": "Last_Name", "per_page": 3}, headers=full)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["data"]] == lead_ids(api, full)[:3]


@pytest.mark.parametrize(
    "path", ["/crm/v1/org", "/crm/v9/org", "/crm/v8", "/crm/v8/settings/roles_of_nobody", "/crm/v8/Leads/1/Notes/2", "/foo",
             "/crm/v8/settings", "/crm/v8/coql/1", "/"]
)
def test_unknown_urls(api: TestClient, full: Headers, path: str) -> None:
    response = api.get(path, headers=full)
    assert response.status_code == 404
    assert response.json()["code"] == "INVALID_URL_PATTERN"


@pytest.mark.parametrize("module", ["Widgets", "leads", "Home", "Reports"])
def test_unknown_or_unsupported_modules(api: TestClient, full: Headers, module: str) -> None:
    response = api.get(f"/crm/v8/{module}", params={"fields": "id"}, headers=full)
    assert (response.status_code, response.json()) == (
        400, error("INVALID_MODULE", "the module name given seems to be invalid", {"resource_path_index": 0}))


@pytest.mark.parametrize(("method", "path"), [("PATCH", "/crm/v8/Leads"), ("POST", "/crm/v8/org"),
                                              ("DELETE", "/crm/v8/users"), ("POST", "/crm/v8/Leads/1"),
                                              ("GET", "/crm/v8/coql"), ("POST", "/crm/v8/Leads/search"),
                                              ("DELETE", "/crm/v8/settings/fields")])
def test_wrong_method_is_a_400_as_zoho_answers_it(api: TestClient, full: Headers, method: str, path: str) -> None:
    response = api.request(method, path, headers=full)
    assert (response.status_code, response.json()) == (
        400, error("INVALID_REQUEST_METHOD", "The http request method type is not a valid one"))


# Users, org, modules ------------------------------------------------------------------------------------------------


def test_current_user(api: TestClient, full: Headers) -> None:
    body = api.get("/crm/v8/users", params={"type": "CurrentUser"}, headers=full).json()
    [user] = body["users"]
    assert user["full_name"] == "Ada Lovelace"
    assert (user["first_name"], user["last_name"], user["status"]) == ("Ada", "Lovelace", "active")
    assert "@" in user["email"] and user["id"].isdigit()
    assert set(user["role"]) == {"name", "id"} and set(user["profile"]) >= {"name", "id"}
    assert body["info"]["count"] == 1


def test_user_types(api: TestClient, full: Headers) -> None:
    def names(kind: str) -> set[str]:
        return {u["full_name"] for u in api.get("/crm/v8/users", params={"type": kind}, headers=full).json()["users"]}

    assert names("AllUsers") == names("ActiveUsers") | names("DeactiveUsers")
    assert names("ActiveUsers").isdisjoint(names("DeactiveUsers"))
    assert "Ada Lovelace" in names("AdminUsers")
    bad = api.get("/crm/v8/users", params={"type": "Everyone"}, headers=full)
    assert bad.status_code == 400 and bad.json()["details"]["param_name"] == "type"


def test_org(api: TestClient, full: Headers) -> None:
    [org] = api.get("/crm/v8/org", headers=full).json()["org"]
    assert {"id", "company_name", "primary_email", "currency", "time_zone", "country_code"} <= set(org)
    assert org["company_name"] and "@" in org["primary_email"]


def test_modules_metadata_matches_what_the_api_serves(api: TestClient, full: Headers) -> None:
    modules = api.get("/crm/v8/settings/modules", headers=full).json()["modules"]
    required = {"api_name", "module_name", "singular_label", "plural_label", "api_supported", "creatable",
                "editable", "deletable", "viewable"}
    assert all(required <= set(m) for m in modules)
    unsupported = [m["api_name"] for m in modules if not m["api_supported"]]
    supported = [m["api_name"] for m in modules if m["api_supported"]]
    assert len(unsupported) >= 2
    assert {"Leads", "Contacts", "Accounts", "Deals"} <= set(supported)
    for name in supported:
        assert api.get(f"/crm/v8/{name}", params={"fields": "id"}, headers=full).status_code in (200, 204), name
    for name in unsupported:
        assert api.get(f"/crm/v8/{name}", params={"fields": "id"}, headers=full).json()["code"] == "INVALID_MODULE"


# Listing ----------------------------------------------------------------------------------------------------------------


def test_fields_is_required(api: TestClient, full: Headers) -> None:
    response = api.get("/crm/v8/Leads", headers=full)
    assert (response.status_code, response.json()) == (
        400, error("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {"param_name": "fields"}))


def test_only_requested_fields_and_id_are_returned(api: TestClient, full: Headers) -> None:
    body = api.get("/crm/v8/Leads", params={"fields": "Last_Name,Email", "per_page": 5}, headers=full).json()
    assert len(body["data"]) == 5
    assert all(set(row) == {"Last_Name", "Email", "id"} for row in body["data"])
    assert all(row["Last_Name"] and "@" in row["Email"] for row in body["data"])


def test_unknown_field_is_invalid_data(api: TestClient, full: Headers) -> None:
    response = api.get("/crm/v8/Leads", params={"fields": "Last_Name,Nope"}, headers=full)
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_DATA" and response.json()["details"]["api_name"] == "Nope"


def test_per_page_defaults_to_200_and_is_capped(api: TestClient, full: Headers) -> None:
    body = api.get("/crm/v8/Leads", params={"fields": "Last_Name"}, headers=full).json()
    assert body["info"]["per_page"] == 200 and len(body["data"]) == 200 and body["info"]["more_records"] is True
    for bad in ("201", "0", "-1", "ten", "²"):
        response = api.get("/crm/v8/Leads", params={"fields": "Last_Name", "per_page": bad}, headers=full)
        assert response.status_code == 400 and response.json()["details"]["param_name"] == "per_page"


def test_walk_all_leads_with_page_token(api: TestClient, full: Headers, state: SandboxState) -> None:
    total = state.store.counts()["Leads"]
    assert total > 200
    ids, counts, token, pages = [], [], None, 0
    while True:
        params = {"fields": "Last_Name", "per_page": 37} | ({"page_token": token} if token else {})
        response = api.get("/crm/v8/Leads", params=params, headers=full)
        info = response.json()["info"]
        pages += 1
        assert info["page"] == pages
        ids += [row["id"] for row in response.json()["data"]]
        counts.append(info["count"])
        if not info["more_records"]:
            assert info["next_page_token"] is None
            break
        token = info["next_page_token"]
    assert len(ids) == len(set(ids)) == total == sum(counts)
    assert pages == -(-total // 37)
    assert ids == sorted(ids, key=int)


def test_walk_all_leads_with_page(api: TestClient, full: Headers, state: SandboxState) -> None:
    ids, page = [], 1
    while True:
        body = api.get("/crm/v8/Leads", params={"fields": "Email", "per_page": 60, "page": page}, headers=full).json()
        assert body["info"]["page"] == page and body["info"]["count"] == len(body["data"])
        ids += [row["id"] for row in body["data"]]
        if not body["info"]["more_records"]:
            break
        page += 1
    assert len(ids) == len(set(ids)) == state.store.counts()["Leads"]
    assert ids == lead_ids(api, full)


def test_page_beyond_the_end_is_no_content(api: TestClient, full: Headers) -> None:
    response = api.get("/crm/v8/Leads", params={"fields": "Email", "page": 5, "per_page": 100}, headers=full)
    assert response.status_code == 204 and response.content == b""


def test_page_is_limited_to_the_first_2000_records(api: TestClient, full: Headers) -> None:
    response = api.get("/crm/v8/Leads", params={"fields": "Email", "page": 11}, headers=full)
    assert response.status_code == 400 and response.json()["code"] == "DISCRETE_PAGINATION_LIMIT_EXCEEDED"


def test_sorting_by_created_time_descending(api: TestClient, full: Headers) -> None:
    rows: list[dict[str, Any]] = []
    token = None
    while True:
        params = {"fields": "Created_Time", "sort_by": "Created_Time", "per_page": 100}
        body = api.get("/crm/v8/Leads", params=params | ({"page_token": token} if token else {}), headers=full).json()
        assert body["info"]["sort_order"] == "desc"
        rows += body["data"]
        token = body["info"]["next_page_token"]
        if token is None:
            break
    times = [r["Created_Time"] for r in rows]
    assert times == sorted(times, reverse=True)
    assert len({r["id"] for r in rows}) == len(rows) == len(lead_ids(api, full))


def test_previous_page_token_goes_back(api: TestClient, full: Headers) -> None:
    first = api.get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10}, headers=full).json()
    assert first["info"]["previous_page_token"] is None
    second = api.get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10,
                                              "page_token": first["info"]["next_page_token"]}, headers=full).json()
    back = api.get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10,
                                            "page_token": second["info"]["previous_page_token"]}, headers=full).json()
    assert back["data"] == first["data"] and back["info"]["page"] == 1
    assert {r["id"] for r in second["data"]}.isdisjoint({r["id"] for r in first["data"]})


def test_page_token_survives_a_deletion_without_skipping(api: TestClient, full: Headers) -> None:
    first = api.get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10}, headers=full).json()
    expected_next = lead_ids(api, full)[10:20]
    api.delete("/crm/v8/Leads", params={"ids": first["data"][0]["id"]}, headers=full)
    second = api.get("/crm/v8/Leads", params={"fields": "Email", "per_page": 10,
                                              "page_token": first["info"]["next_page_token"]}, headers=full).json()
    assert [r["id"] for r in second["data"]] == expected_next


@pytest.mark.parametrize(("params", "details"), [
    ({"sort_by": "Description"}, "sort_by"),  # a text area cannot be sorted
    ({"sort_by": "Nope"}, "sort_by"),
    ({"sort_by": "id", "sort_order": "up"}, "sort_order"),
])
def test_bad_list_parameters(api: TestClient, full: Headers, params: dict[str, str], details: str) -> None:
    response = api.get("/crm/v8/Leads", params={"fields": "Email"} | params, headers=full)
    assert response.status_code == 400 and response.json()["code"] == "INVALID_DATA"
    assert response.json()["details"]["param_name"] == details


@pytest.mark.parametrize("module", ["Campaigns", "Tasks"])
def test_empty_module_is_204_without_body(api: TestClient, full: Headers, module: str) -> None:
    response = api.get(f"/crm/v8/{module}", params={"fields": "id"}, headers=full)
    assert response.status_code == 204
    assert response.content == b""
    assert "content-type" not in response.headers


def test_get_one_record(api: TestClient, full: Headers) -> None:
    lead_id = lead_ids(api, full)[3]
    [record] = api.get(f"/crm/v8/Leads/{lead_id}", headers=full).json()["data"]
    assert record["id"] == lead_id and record["Last_Name"] and record["Owner"]["name"]
    [narrow] = api.get(f"/crm/v8/Leads/{lead_id}", params={"fields": "Email"}, headers=full).json()["data"]
    assert narrow == {"Email": record["Email"], "id": lead_id}


#: Zoho's flat answer for an unknown record id in the URL (record.yaml, deleteRecord example 400-invalidrecordid).
INVALID_RECORD_ID = {"code": "INVALID_DATA", "message": "invalid record id", "details": {"resource_path_index": 0},
                     "status": "error"}


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_an_unknown_record_id_in_the_url_is_a_flat_invalid_data(api: TestClient, full: Headers, method: str) -> None:
    body = {"json": {"data": [{"City": "Rome"}]}} if method == "PUT" else {}
    response = api.request(method, "/crm/v8/Leads/123", headers=full, **body)
    assert (response.status_code, response.json()) == (400, INVALID_RECORD_ID)


# Writing ----------------------------------------------------------------------------------------------------------------


def test_create_records(api: TestClient, full: Headers, clock: FakeClock) -> None:
    account_id = api.get("/crm/v8/Accounts", params={"fields": "Account_Name", "per_page": 1}, headers=full).json()
    account = account_id["data"][0]
    payload = {"data": [
        {"Last_Name": "Hopper", "First_Name": "Grace", "Email": "grace@example.com"},
        {"Last_Name": "Byron", "Account_Name": {"id": account["id"]}, "Date_of_Birth": "1815-12-10"},
    ]}
    response = api.post("/crm/v8/Contacts", json=payload, headers=full)
    assert response.status_code == 201
    results = response.json()["data"]
    assert [(r["code"], r["status"], r["message"]) for r in results] == [("SUCCESS", "success", "record added")] * 2
    first_id = results[0]["details"]["id"]
    assert results[0]["details"]["Created_Time"].startswith("2024-05-29T")  # the fake clock's date
    [stored] = api.get(f"/crm/v8/Contacts/{first_id}", headers=full).json()["data"]
    assert (stored["Full_Name"], stored["Email"], stored["Owner"]["name"]) == ("Grace Hopper", "grace@example.com",
                                                                               "Ada Lovelace")
    [second] = api.get(f"/crm/v8/Contacts/{results[1]['details']['id']}", headers=full).json()["data"]
    assert second["Account_Name"] == {"name": account["Account_Name"], "id": account["id"]}


def test_created_record_is_listed_and_empty_module_fills(api: TestClient, full: Headers) -> None:
    before = len(lead_ids(api, full))
    api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "New"}]}, headers=full)
    assert len(lead_ids(api, full)) == before + 1
    assert api.post("/crm/v8/Tasks", json={"data": [{"Subject": "Call"}]}, headers=full).status_code == 201
    tasks = api.get("/crm/v8/Tasks", params={"fields": "Subject"}, headers=full)
    assert tasks.status_code == 200 and [t["Subject"] for t in tasks.json()["data"]] == ["Call"]


def test_mixed_create_is_207_with_per_record_results(api: TestClient, full: Headers) -> None:
    response = api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Ok"}, {"First_Name": "NoLast"}]}, headers=full)
    assert response.status_code == 207
    ok, bad = response.json()["data"]
    assert ok["code"] == "SUCCESS"
    assert bad == error("MANDATORY_NOT_FOUND", "required field not found",
                        {"api_name": "Last_Name", "json_path": "$.data[1].Last_Name"})


def test_all_failed_create_is_400(api: TestClient, full: Headers) -> None:
    response = api.post("/crm/v8/Deals", json={"data": [{"Deal_Name": "No stage"}]}, headers=full)
    assert response.status_code == 400
    assert response.json()["data"][0]["details"] == {"api_name": "Stage", "json_path": "$.data[0].Stage"}


@pytest.mark.parametrize(("module", "record", "field"), [
    ("Leads", {"Last_Name": "X", "Email": "not-an-email"}, "Email"),
    ("Leads", {"Last_Name": "X", "Annual_Revenue": "lots"}, "Annual_Revenue"),
    ("Leads", {"Last_Name": "X", "No_of_Employees": 2.5}, "No_of_Employees"),
    ("Leads", {"Last_Name": "X", "Email_Opt_Out": "yes"}, "Email_Opt_Out"),
    ("Leads", {"Last_Name": "X" * 256}, "Last_Name"),
    ("Leads", {"Last_Name": "X", "Owner": {"id": "5725767000000411003"}}, "Owner"),  # a disabled user
    ("Deals", {"Deal_Name": "D", "Stage": "Qualification", "Closing_Date": "2024-13-01"}, "Closing_Date"),
    ("Deals", {"Deal_Name": "D", "Stage": "Qualification", "Account_Name": {"id": "999"}}, "Account_Name"),
    ("Deals", {"Deal_Name": "D", "Stage": "Qualification", "Amount": True}, "Amount"),
    ("Leads", {"Last_Name": "X", "Favourite_Colour": "blue"}, "Favourite_Colour"),
])
def test_invalid_values_are_per_record_invalid_data(
    api: TestClient, full: Headers, module: str, record: dict[str, Any], field: str
) -> None:
    response = api.post(f"/crm/v8/{module}", json={"data": [record]}, headers=full)
    assert response.status_code == 400
    [result] = response.json()["data"]
    assert (result["code"], result["status"], result["details"]["api_name"]) == ("INVALID_DATA", "error", field)


def test_server_maintained_fields_are_ignored_on_create(api: TestClient, full: Headers) -> None:
    response = api.post("/crm/v8/Leads", json={"data": [
        {"Last_Name": "X", "id": "42", "Created_Time": "1999-01-01T00:00:00+00:00", "Full_Name": "Fake"}]},
        headers=full)
    details = response.json()["data"][0]["details"]
    assert details["id"] != "42" and not details["Created_Time"].startswith("1999")
    [stored] = api.get(f"/crm/v8/Leads/{details['id']}", headers=full).json()["data"]
    assert stored["Full_Name"] == "X"


@pytest.mark.parametrize(("body", "code"), [
    (b"{not json", "INVALID_DATA"),
    (b"[]", "INVALID_DATA"),
    (b"{}", "REQUIRED_PARAM_MISSING"),
    (b'{"data": {}}', "INVALID_DATA"),
    (b'{"data": []}', "INVALID_DATA"),
    (b'{"data": [' + b",".join([b'{"Last_Name": "x"}'] * 101) + b"]}", "LIMIT_EXCEEDED"),
])
def test_bad_write_bodies(api: TestClient, full: Headers, body: bytes, code: str) -> None:
    response = api.post("/crm/v8/Leads", content=body, headers=full | {"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["code"] == code


def test_update_records(api: TestClient, full: Headers, clock: FakeClock) -> None:
    first, second = lead_ids(api, full)[:2]
    [before] = api.get(f"/crm/v8/Leads/{first}", headers=full).json()["data"]
    clock.advance(600)
    response = api.put("/crm/v8/Leads", json={"data": [{"id": first, "Lead_Status": "Contacted", "First_Name": "Zed"},
                                                        {"id": second, "Phone": "+1 555 000 0000"}]}, headers=full)
    assert response.status_code == 200
    assert [r["message"] for r in response.json()["data"]] == ["record updated"] * 2
    [after] = api.get(f"/crm/v8/Leads/{first}", headers=full).json()["data"]
    assert after["Lead_Status"] == "Contacted" and after["Email"] == before["Email"]
    assert after["Full_Name"] == f"Zed {before['Last_Name']}"
    assert after["Modified_Time"] > before["Modified_Time"] and after["Created_Time"] == before["Created_Time"]


def test_update_one_record_by_url(api: TestClient, full: Headers) -> None:
    lead = lead_ids(api, full)[0]
    response = api.put(f"/crm/v8/Leads/{lead}", json={"data": [{"City": "Paris"}]}, headers=full)
    assert response.status_code == 200 and response.json()["data"][0]["details"]["id"] == lead
    assert api.get(f"/crm/v8/Leads/{lead}", params={"fields": "City"}, headers=full).json()["data"][0]["City"] == "Paris"


def test_update_mixed_results(api: TestClient, full: Headers) -> None:
    lead = lead_ids(api, full)[0]
    response = api.put("/crm/v8/Leads", json={"data": [
        {"id": lead, "City": "Rome"}, {"City": "No id"}, {"id": "123", "City": "Unknown"}, {"id": lead, "Last_Name": ""},
    ]}, headers=full)
    assert response.status_code == 207
    ok, no_id, unknown, cleared = response.json()["data"]
    assert ok["code"] == "SUCCESS"
    assert no_id == error("MANDATORY_NOT_FOUND", "required field not found",
                          {"api_name": "id", "json_path": "$.data[1].id"})
    assert (unknown["code"], unknown["details"]) == ("INVALID_DATA", {"api_name": "id", "json_path": "$.data[2].id"})
    assert (cleared["code"], cleared["details"]) == ("MANDATORY_NOT_FOUND",
                                                     {"api_name": "Last_Name", "json_path": "$.data[3].Last_Name"})


def test_delete_records(api: TestClient, full: Headers) -> None:
    first, second = lead_ids(api, full)[:2]
    response = api.delete("/crm/v8/Leads", params={"ids": f"{first},999,{second}"}, headers=full)
    assert response.status_code == 207
    results = response.json()["data"]
    assert [(r["code"], r["details"]["id"]) for r in results] == [("SUCCESS", first), ("INVALID_DATA", "999"),
                                                                  ("SUCCESS", second)]
    assert results[0]["message"] == "record deleted"
    assert api.get(f"/crm/v8/Leads/{first}", headers=full).json() == INVALID_RECORD_ID
    assert first not in lead_ids(api, full)
    again = api.delete(f"/crm/v8/Leads/{first}", headers=full)
    assert (again.status_code, again.json()) == (400, INVALID_RECORD_ID)


def test_delete_needs_ids(api: TestClient, full: Headers) -> None:
    response = api.delete("/crm/v8/Leads", headers=full)
    assert response.status_code == 400 and response.json()["details"] == {"param_name": "ids"}
    too_many = api.delete("/crm/v8/Leads", params={"ids": ",".join(str(i) for i in range(101))}, headers=full)
    assert too_many.json()["code"] == "LIMIT_EXCEEDED"


# Rate limit -------------------------------------------------------------------------------------------------------------


def test_rate_limit_per_token_with_retry_after(clock: FakeClock) -> None:
    settings = SandboxSettings(rate_limit=RateLimit(3, 60))
    state = SandboxState(settings, clock)
    client_id = settings.clients[0].client_id
    org_read = (parse_scope("ZohoCRM.org.READ"),)
    one = {"Authorization": "Zoho-oauthtoken " + state.issue_token(client_id, org_read).token}
    two = {"Authorization": "Zoho-oauthtoken " + state.issue_token(client_id, org_read).token}
    with TestClient(create_api_app(state, settings), base_url=settings.api_origin) as limited:
        assert [limited.get("/crm/v8/org", headers=one).status_code for _ in range(3)] == [200] * 3
        clock.advance(20)
        refused = limited.get("/crm/v8/org", headers=one)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "40"
        assert refused.json() == error("TOO_MANY_REQUESTS", "too many requests, try again later")
        assert limited.get("/crm/v8/org", headers=two).status_code == 200
        clock.advance(40)
        assert limited.get("/crm/v8/org", headers=one).status_code == 200


def test_no_rate_limit_by_default(api: TestClient, full: Headers) -> None:
    assert {api.get("/crm/v8/org", headers=full).status_code for _ in range(150)} == {200}
