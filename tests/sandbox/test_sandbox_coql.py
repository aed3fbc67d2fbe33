"""POST /crm/v8/coql: results checked against filters and sorts written here over the stored records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sandbox.state import SandboxState

from sandbox_helpers import TestClient

Headers = dict[str, str]
Record = dict[str, Any]


@pytest.fixture
def coql_headers(mint: Any) -> Headers:
    return mint("ZohoCRM.coql.READ", "ZohoCRM.modules.ALL")


def run(api: TestClient, headers: Headers, query: str, **body: Any) -> Any:
    return api.post("/crm/v8/coql", json={"select_query": query} | body, headers=headers)


def by_id(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: int(r["id"]))


def low(value: Any) -> str:
    return (value or "").lower()


#: (where clause, the same test in Python) over Leads.
CONDITIONS: list[tuple[str, Callable[[Record], bool]]] = [
    ("Lead_Status = 'Contacted'", lambda r: r["Lead_Status"] == "Contacted"),
    ("Lead_Status != 'Contacted'", lambda r: r["Lead_Status"] not in (None, "Contacted")),
    ("Lead_Status <> 'contacted'", lambda r: r["Lead_Status"] not in (None, "Contacted")),
    ("Annual_Revenue > 2500000", lambda r: r["Annual_Revenue"] > 2_500_000),
    ("Annual_Revenue >= 2500000", lambda r: r["Annual_Revenue"] >= 2_500_000),
    ("No_of_Employees < 50", lambda r: r["No_of_Employees"] < 50),
    ("No_of_Employees <= 50", lambda r: r["No_of_Employees"] <= 50),
    ("No_of_Employees between 100 and 300", lambda r: 100 <= r["No_of_Employees"] <= 300),
    ("No_of_Employees not between 100 and 1900", lambda r: not 100 <= r["No_of_Employees"] <= 1900),
    ("Last_Name like 'Ok%'", lambda r: low(r["Last_Name"]).startswith("ok")),
    ("Company like '%LABS%'", lambda r: "labs" in low(r["Company"])),
    ("Email like '%.example'", lambda r: low(r["Email"]).endswith(".example")),
    ("Company not like '%Ltd'", lambda r: not low(r["Company"]).endswith("ltd")),
    ("City in ('Lagos', 'Pune', 'Nowhere')", lambda r: r["City"] in ("Lagos", "Pune")),
    ("City not in ('Lagos', 'Pune')", lambda r: r["City"] not in ("Lagos", "Pune")),
    ("City in ('Lagos', ',', ')')", lambda r: r["City"] == "Lagos"),
    ("Follow_Up_At is null", lambda r: r["Follow_Up_At"] is None),
    ("Follow_Up_At is not null", lambda r: r["Follow_Up_At"] is not None),
    ("Interests in ('CRM')", lambda r: "CRM" in (r["Interests"] or [])),
    ("Interests not in ('CRM')", lambda r: r["Interests"] is not None and "CRM" not in r["Interests"]),
    ("Email_Opt_Out = true", lambda r: r["Email_Opt_Out"] is True),
    ("Created_Time >= '2024-03-01T00:00:00+00:00'", lambda r: r["Created_Time"] >= "2024-03-01T00:00:00+00:00"),
    ("Created_Time < '2024-03-01T05:30:00+05:30'", lambda r: r["Created_Time"] < "2024-03-01T00:00:00+00:00"),
    ("Owner = '5725767000000411002'", lambda r: r["Owner"]["id"] == "5725767000000411002"),
    ("id is not null", lambda r: True),
    ("(Lead_Status = 'Contacted' and City = 'Lagos')", lambda r: r["Lead_Status"] == "Contacted" and r["City"] == "Lagos"),
    ("Lead_Status = 'Contacted' or City = 'Lagos'", lambda r: r["Lead_Status"] == "Contacted" or r["City"] == "Lagos"),
    ("((Lead_Status = 'Contacted' or City = 'Lagos') and Annual_Revenue > 1000000)",
     lambda r: (r["Lead_Status"] == "Contacted" or r["City"] == "Lagos") and r["Annual_Revenue"] > 1_000_000),
    ("(Lead_Source = 'Chat' and (City = 'Pune' or (Industry = 'Management ISV' and No_of_Employees > 1000)))",
     lambda r: r["Lead_Source"] == "Chat" and (r["City"] == "Pune" or (
         r["Industry"] == "Management ISV" and r["No_of_Employees"] > 1000))),
]


@pytest.mark.parametrize(("where", "test"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_where_conditions(api: TestClient, coql_headers: Headers, state: SandboxState, where: str,
                          test: Callable[[Record], bool]) -> None:
    expected = [r["id"] for r in by_id(state.store.all("Leads")) if test(r)][:200]
    response = run(api, coql_headers, f"select Last_Name from Leads where {where}")
    if not expected:
        assert response.status_code == 204
        return
    assert response.status_code == 200, response.text
    assert [row["id"] for row in response.json()["data"]] == expected


def test_columns_lookups_and_joined_fields(api: TestClient, coql_headers: Headers, state: SandboxState) -> None:
    body = run(api, coql_headers, "select Deal_Name, Amount, Account_Name, Account_Name.Industry, Owner "
                                  "from Deals where Amount > 0 limit 5").json()
    accounts = {a["id"]: a for a in state.store.all("Accounts")}
    for row, deal in zip(body["data"], by_id(state.store.all("Deals"))):
        account = accounts[deal["Account_Name"]["id"]]
        assert row == {"id": deal["id"], "Deal_Name": deal["Deal_Name"], "Amount": deal["Amount"],
                       "Account_Name": {"id": account["id"]}, "Account_Name.Industry": account["Industry"],
                       "Owner": {"id": deal["Owner"]["id"]}}
    assert body["info"] == {"count": 5, "more_records": True}


def test_conditions_on_joined_fields(api: TestClient, coql_headers: Headers, state: SandboxState) -> None:
    accounts = {a["id"]: a for a in state.store.all("Accounts")}
    expected = [d["id"] for d in by_id(state.store.all("Deals"))
                if accounts[d["Account_Name"]["id"]]["Account_Type"] == "Customer"]
    response = run(api, coql_headers, "select Deal_Name from Deals where Account_Name.Account_Type = 'Customer'")
    assert [row["id"] for row in response.json()["data"]] == expected


def test_order_by_several_columns_and_limits(api: TestClient, coql_headers: Headers, state: SandboxState) -> None:
    leads = by_id(state.store.all("Leads"))
    ordered = sorted(sorted(leads, key=lambda r: low(r["Last_Name"])), key=lambda r: low(r["City"]), reverse=True)
    query = "select Last_Name, City from Leads where id is not null order by City desc, Last_Name asc"
    assert [row["id"] for row in run(api, coql_headers, query).json()["data"]] == [r["id"] for r in ordered][:200]
    page = run(api, coql_headers, query + " limit 30, 20").json()
    assert [row["id"] for row in page["data"]] == [r["id"] for r in ordered][30:50]
    same = run(api, coql_headers, query + " LIMIT 20 OFFSET 30").json()
    assert same == page
    last = run(api, coql_headers, query + f" limit {len(leads) - 5}, 200").json()
    assert last["info"] == {"count": 5, "more_records": False}
    assert run(api, coql_headers, query + f" limit {len(leads)}, 10").status_code == 204


def test_default_limit_is_200_and_the_maximum_2000(api: TestClient, coql_headers: Headers,
                                                   state: SandboxState) -> None:
    body = run(api, coql_headers, "select Last_Name from Leads where id is not null").json()
    assert body["info"] == {"count": 200, "more_records": len(state.store.all("Leads")) > 200}
    assert run(api, coql_headers, "select Last_Name from Leads where id is not null limit 2000").status_code == 200
    response = run(api, coql_headers, "select Last_Name from Leads where id is not null limit 2001")
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "LIMIT_EXCEEDED", {"clause": "limit", "limit": 2000})
    response = run(api, coql_headers, "select Last_Name from Leads where id is not null limit 99000, 1001")
    assert (response.json()["code"], response.json()["details"]) == (
        "LIMIT_EXCEEDED", {"clause": "offset", "limit": 100000})


def test_keywords_are_case_insensitive_and_quotes_can_name_columns(api: TestClient, coql_headers: Headers) -> None:
    lower = run(api, coql_headers, "select Last_Name from Leads where City = 'Lagos' order by Last_Name limit 5")
    upper = run(api, coql_headers, "SELECT 'Last_Name' FROM Leads WHERE \"City\" = 'Lagos' ORDER BY Last_Name LIMIT 5")
    assert lower.status_code == 200 and lower.json() == upper.json()


def test_quotes_inside_values(api: TestClient, coql_headers: Headers, full: Headers) -> None:
    created = api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "O'Brien \"Jr\""}]}, headers=full).json()
    new_id = created["data"][0]["details"]["id"]
    for query in ("select Last_Name from Leads where Last_Name = 'O''Brien \"Jr\"'",
                  "select Last_Name from Leads where Last_Name = \"O'Brien \"\"Jr\"\"\""):
        assert [row["id"] for row in run(api, coql_headers, query).json()["data"]] == [new_id]


def test_no_row_is_204(api: TestClient, coql_headers: Headers) -> None:
    response = run(api, coql_headers, "select Last_Name from Leads where Last_Name = 'Nobody at all'")
    assert (response.status_code, response.content) == (204, b"")


def test_field_metadata_on_request(api: TestClient, coql_headers: Headers, full: Headers) -> None:
    body = run(api, coql_headers, "select Last_Name, Account_Name.Industry from Contacts where id is not null limit 1",
               include_meta=["fields"]).json()
    contacts = api.get("/crm/v8/settings/fields", params={"module": "Contacts"}, headers=full).json()["fields"]
    accounts = api.get("/crm/v8/settings/fields", params={"module": "Accounts"}, headers=full).json()["fields"]
    assert body["fields"] == {"Last_Name": next(f for f in contacts if f["api_name"] == "Last_Name"),
                              "Account_Name.Industry": next(f for f in accounts if f["api_name"] == "Industry")}
    assert "fields" not in run(api, coql_headers, "select Last_Name from Contacts where id is not null").json()


def position(query: str, at: int, near: str) -> dict[str, Any]:
    """SYNTAX_ERROR's details for the text `near` found at index `at`: its line and column, from 1."""
    line_start = query.rfind("\n", 0, at) + 1
    return {"line": query.count("\n", 0, at) + 1, "column": at - line_start + 1, "near": near}


def first(text: str) -> Callable[[str], dict[str, Any]]:
    return lambda query: position(query, query.index(text), text)


def last(text: str) -> Callable[[str], dict[str, Any]]:
    return lambda query: position(query, query.rindex(text), text)


SYNTAX_ERRORS: list[tuple[str, Any]] = [
    ("select Last_Name from Leads", {"clause": "where"}),
    ("select Last_Name from Leads order by Last_Name", {"clause": "where"}),
    ("select Last_Name from Leads where not Last_Name = 'x'", {"operator": "not"}),
    ("delete from Leads where id is not null", {}),
    ("select Last_Name from Leads where count(id) > 1", {}),
    ("select Last_Name from Leads where Last_Name = 'a' and City = 'b' or City = 'c'", first("or")),
    ("select Last_Name from Leads where (Last_Name = 'a' or City = 'b' or City = 'c')", last("or")),
    ("select Last_Name from Leads where Last_Name == 'x'", last("=")),
    ("select Last_Name, from Leads where id is not null", first("from")),
    ("select Last_Name ',' City from Leads where id is not null",
     lambda query: position(query, query.index("','"), ",")),
    ("select Last_Name from Leads\nwhere City in ('Lagos' 'Pune')",
     lambda query: position(query, query.index("'Pune'"), "Pune")),
    ("select Last_Name from Leads where City = 'Lagos' limit 5 5", last("5")),
    ("select Last_Name from Leads where City = 'Lagos' # comment", first("#")),
    ("select Last_Name from Leads where City = 'Lagos", lambda query: position(query, query.index("'Lagos"), "'Lagos")),
    ("select Last_Name from Leads where City =", lambda query: position(query, len(query), "end of query")),
]


@pytest.mark.parametrize(("query", "details"), SYNTAX_ERRORS, ids=[q for q, _ in SYNTAX_ERRORS])
def test_syntax_errors_name_the_clause_or_place(api: TestClient, coql_headers: Headers, query: str,
                                                details: Any) -> None:
    response = run(api, coql_headers, query)
    assert (response.status_code, response.json()["code"], response.json()["status"]) == (400, "SYNTAX_ERROR", "error")
    assert response.json()["details"] == (details(query) if callable(details) else details)
    assert response.json()["message"]


INVALID_QUERIES = [
    ("select Nope from Leads where id is not null", {"column_name": "Nope", "clause": "select"}),
    ("select Last_Name from Leads where Nope = 'x'", {"column_name": "Nope", "clause": "where"}),
    ("select Last_Name from Leads where id is not null order by Nope", {"column_name": "Nope", "clause": "order by"}),
    ("select Last_Name from Leads where id is not null order by Description",
     {"column_name": "Description", "clause": "order by"}),
    ("select Last_Name from Leads where Description = 'x'", {"column_name": "Description", "clause": "where"}),
    ("select Company.Name from Leads where id is not null", {"column_name": "Company.Name", "clause": "select"}),
    ("select Account_Name.Nope from Contacts where id is not null",
     {"column_name": "Account_Name.Nope", "clause": "select"}),
    ("select Last_Name from Widgets where id is not null", {"module": "Widgets"}),
    ("select Last_Name from Leads where Last_Name > 'x'",
     {"reason": "invalid operator found", "column_name": "Last_Name", "operator": ">"}),
    ("select Last_Name from Leads where Email_Opt_Out in (true)",
     {"reason": "invalid operator found", "column_name": "Email_Opt_Out", "operator": "in"}),
    ("select Last_Name from Leads where Annual_Revenue = 'lots'",
     {"cv_criteria": False, "column_name": "Annual_Revenue", "value": "lots", "operator": "="}),
    ("select Last_Name from Leads where Created_Time > '2024-01-01'",
     {"cv_criteria": False, "column_name": "Created_Time", "value": "2024-01-01", "operator": ">"}),
    ("select Last_Name from Leads where City = true",
     {"cv_criteria": False, "column_name": "City", "value": "true", "operator": "="}),
    ("select Last_Name from Leads where id is not null limit s", {"limit": "s"}),
    ("select Last_Name from Leads where id is not null limit 10 offset -1", {"offset": "-1"}),
]


@pytest.mark.parametrize(("query", "details"), INVALID_QUERIES, ids=[q for q, _ in INVALID_QUERIES])
def test_invalid_queries_name_the_column_and_clause(api: TestClient, coql_headers: Headers, query: str,
                                                    details: dict[str, Any]) -> None:
    response = run(api, coql_headers, query)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "INVALID_QUERY", details)


@pytest.mark.parametrize(("query", "code", "details"), [
    ("select Last_Name from Reports where id is not null", "INVALID_MODULE", {}),
    ("select Last_Name, Last_Name from Leads where id is not null", "DUPLICATE_DATA", {"column_name": "Last_Name"}),
    ("select Last_Name from Leads where id is not null limit 0", "INVALID_DATA", {}),
])
def test_other_query_errors(api: TestClient, coql_headers: Headers, query: str, code: str,
                            details: dict[str, Any]) -> None:
    response = run(api, coql_headers, query)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (400, code, details)


@pytest.mark.parametrize(("body", "code", "details"), [
    ({}, "MANDATORY_NOT_FOUND", {"api_name": "select_query"}),
    ({"select_query": 5}, "INVALID_DATA", {"expected_data_type": "string", "api_name": "select_query",
                                          "json_path": "$.select_query"}),
    ({"select_query": "select id from Leads where id is not null", "include_meta": "fields"}, "INVALID_DATA",
     {"expected_data_type": "jsonarray", "api_name": "include_meta", "json_path": "$.include_meta"}),
    ({"select_query": "select id from Leads where id is not null", "include_meta": ["layouts"]}, "INVALID_DATA",
     {"api_name": "include_meta", "json_path": "$.include_meta[0]", "supported_values": ["fields"]}),
])
def test_bad_bodies(api: TestClient, coql_headers: Headers, body: dict[str, Any], code: str,
                    details: dict[str, Any]) -> None:
    response = api.post("/crm/v8/coql", json=body, headers=coql_headers)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (400, code, details)


@pytest.mark.parametrize(("scopes", "status"), [
    (("ZohoCRM.coql.READ", "ZohoCRM.modules.Leads.READ"), 200),
    (("ZohoCRM.coql.READ", "ZohoCRM.modules.READ"), 200),
    (("ZohoCRM.modules.ALL",), 401),
    (("ZohoCRM.coql.READ",), 401),
    (("ZohoCRM.coql.READ", "ZohoCRM.modules.Contacts.READ"), 401),
])
def test_coql_needs_its_scope_and_read_access_to_the_module(api: TestClient, mint: Any, scopes: tuple[str, ...],
                                                           status: int) -> None:
    response = run(api, mint(*scopes), "select Last_Name from Leads where id is not null limit 1")
    assert response.status_code == status
    if status == 401:
        assert response.json()["code"] == "OAUTH_SCOPE_MISMATCH"


# Aggregates and GROUP BY (the v8 COQL spec's examples and errors) -------------------------------------------------------


def test_sums_and_counts_by_group(api: TestClient, coql_headers: Headers, state: SandboxState) -> None:
    body = run(api, coql_headers, "select Stage, sum(Amount) as total, count(id) from Deals "
                                  "where Amount is not null group by Stage order by total desc").json()
    expected: dict[str, list[int]] = {}
    for deal in state.store.all("Deals"):
        if deal["Amount"] is not None:
            expected.setdefault(deal["Stage"], []).append(deal["Amount"])
    assert {row["Stage"]: (row["total"], row["count(id)"]) for row in body["data"]} == {
        stage: (sum(amounts), len(amounts)) for stage, amounts in expected.items()}
    totals = [row["total"] for row in body["data"]]
    assert totals == sorted(totals, reverse=True)


def test_an_aggregate_without_groups_is_one_row(api: TestClient, coql_headers: Headers, state: SandboxState) -> None:
    body = run(api, coql_headers, "select count(id), max(Annual_Revenue), min(Annual_Revenue) from Leads "
                                  "where id is not null").json()
    revenues = [lead["Annual_Revenue"] for lead in state.store.all("Leads")]
    assert body["data"] == [{"count(id)": 250, "max(Annual_Revenue)": max(revenues),
                             "min(Annual_Revenue)": min(revenues)}]


@pytest.mark.parametrize(("query", "code", "details"), [
    ("select Stage, foo(Amount) from Deals where id is not null group by Stage", "INVALID_DATA",
     {"reason": "unsupported aggregate function", "column": "foo(Amount)"}),
    ("select max(Amount), max(Amount) from Deals where id is not null", "DUPLICATE_DATA",
     {"column_name": "Amount", "aggregate": "MAX"}),
    ("select Deal_Name as n, Stage as n from Deals where id is not null", "DUPLICATE_ALIAS",
     {"alias": "n", "referred_columns": ["Deal_Name", "Stage"]}),
    ("select Deal_Name as '', Stage from Deals where id is not null", "INVALID_ALIAS",
     {"column_name": "Deal_Name", "alias": ""}),
    ("select Deal_Name as Stage, Stage from Deals where id is not null", "INVALID_QUERY",
     {"column_name": "Deal_Name", "alias": "Stage"}),
    ("select Stage, Amount from Deals where id is not null group by Stage", "INVALID_QUERY",
     {"column_name": "Amount", "clause": "group by"}),
    ("select Stage, sum(Deal_Name) from Deals where id is not null group by Stage", "INVALID_QUERY",
     {"column_name": "Deal_Name", "clause": "select"}),
])
def test_aggregate_errors(api: TestClient, coql_headers: Headers, query: str, code: str,
                          details: dict[str, Any]) -> None:
    response = run(api, coql_headers, query)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (400, code, details)
