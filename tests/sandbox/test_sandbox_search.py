"""GET /crm/v8/{module}/search: the expected answers come from filters written here over the stored records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sandbox.state import SandboxState

from sandbox_helpers import TestClient

Headers = dict[str, str]
Record = dict[str, Any]


def found_ids(api: TestClient, headers: Headers, module: str, **params: Any) -> list[str]:
    """Every matching id, page after page (search answers at most 200 a page)."""
    ids: list[str] = []
    page = 1
    while True:
        response = api.get(f"/crm/v8/{module}/search", params=params | {"page": page, "fields": "id"}, headers=headers)
        if response.status_code == 204:
            return ids
        assert response.status_code == 200, response.text
        body = response.json()
        ids += [row["id"] for row in body["data"]]
        if not body["info"]["more_records"]:
            return ids
        page += 1


def expected_ids(state: SandboxState, module: str, test: Callable[[Record], bool]) -> list[str]:
    """The ids of the matching records, in search's default order (id, newest first)."""
    return sorted((r["id"] for r in state.store.all(module) if test(r)), key=int, reverse=True)


def low(value: Any) -> str:
    return (value or "").lower()


def some_lead(state: SandboxState, index: int = 7) -> Record:
    return sorted(state.store.all("Leads"), key=lambda r: int(r["id"]))[index]


def test_equals_finds_the_value_inside_text_without_regard_to_case(api: TestClient, full: Headers,
                                                                   state: SandboxState) -> None:
    part = some_lead(state)["Company"].split()[1].upper()  # "LOGISTICS", say
    assert found_ids(api, full, "Leads", criteria=f"(Company:equals:{part})") == expected_ids(
        state, "Leads", lambda r: part.lower() in low(r["Company"]))


def test_equals_on_a_picklist_is_exact(api: TestClient, full: Headers, state: SandboxState) -> None:
    assert found_ids(api, full, "Leads", criteria="(Lead_Status:equals:Contacted)") == expected_ids(
        state, "Leads", lambda r: r["Lead_Status"] == "Contacted")
    assert "Attempted to Contact" in {r["Lead_Status"] for r in state.store.all("Leads")}  # "Contact" is not enough:
    assert found_ids(api, full, "Leads", criteria="(Lead_Status:equals:Contact)") == []


@pytest.mark.parametrize(("criteria", "test"), [
    ("(Last_Name:starts_with:ok)", lambda r: low(r["Last_Name"]).startswith("ok")),
    ("(Last_Name:not_equal:Okafor)", lambda r: low(r["Last_Name"]) != "okafor"),
    ("(Last_Name:in:Okafor,Silva,Nobody)", lambda r: r["Last_Name"] in ("Okafor", "Silva")),
    ("(Annual_Revenue:greater_than:2500000)", lambda r: r["Annual_Revenue"] > 2_500_000),
    ("(Annual_Revenue:less_equal:2500000.5)", lambda r: r["Annual_Revenue"] <= 2_500_000.5),
    ("(No_of_Employees:between:100,300)", lambda r: 100 <= r["No_of_Employees"] <= 300),
    ("(Email_Opt_Out:equals:true)", lambda r: r["Email_Opt_Out"] is True),
    ("(Created_Time:greater_equal:2024-03-01T00:00:00+00:00)", lambda r: r["Created_Time"] >= "2024-03-01T00:00:00"),
    ("(Created_Time:less_than:2024-03-01T05:30:00+05:30)", lambda r: r["Created_Time"] < "2024-03-01T00:00:00"),
    ("(Interests:equals:CRM)", lambda r: "CRM" in (r["Interests"] or [])),
    ("((Lead_Status:equals:Contacted)and(City:starts_with:Lag))",
     lambda r: r["Lead_Status"] == "Contacted" and r["City"].startswith("Lag")),
    ("((Lead_Status:equals:Contacted) or (Lead_Status:equals:Junk Lead))",
     lambda r: r["Lead_Status"] in ("Contacted", "Junk Lead")),
    ("((Lead_Source:equals:Chat)and((City:equals:Lagos)or(City:equals:Pune)))",
     lambda r: r["Lead_Source"] == "Chat" and r["City"] in ("Lagos", "Pune")),
    ("(Owner:equals:5725767000000411002)", lambda r: r["Owner"]["id"] == "5725767000000411002"),
])
def test_criteria_operators(api: TestClient, full: Headers, state: SandboxState, criteria: str,
                            test: Callable[[Record], bool]) -> None:
    expected = expected_ids(state, "Leads", test)
    assert expected, "the sample data should have matches for this criteria"
    assert found_ids(api, full, "Leads", criteria=criteria) == expected


def test_criteria_on_dates_and_lookups(api: TestClient, full: Headers, state: SandboxState) -> None:
    assert found_ids(api, full, "Contacts", criteria="(Date_of_Birth:between:1970-01-01,1979-12-31)") == expected_ids(
        state, "Contacts", lambda r: "1970-01-01" <= r["Date_of_Birth"] <= "1979-12-31")
    account = state.store.all("Deals")[0]["Account_Name"]["id"]
    assert found_ids(api, full, "Deals", criteria=f"(Account_Name:equals:{account})") == expected_ids(
        state, "Deals", lambda r: (r["Account_Name"] or {}).get("id") == account)


def test_escaped_characters_in_values(api: TestClient, full: Headers, state: SandboxState) -> None:
    name = "Burns, (B) \\"
    created = api.post("/crm/v8/Leads", json={"data": [{"Last_Name": name}]}, headers=full).json()
    new_id = created["data"][0]["details"]["id"]
    escaped = "Burns\\, \\(B\\) \\\\"
    assert found_ids(api, full, "Leads", criteria=f"(Last_Name:equals:{escaped})") == [new_id]
    assert found_ids(api, full, "Leads", criteria=f"(Last_Name:in:{escaped},Nobody)") == [new_id]


def test_criteria_wins_over_the_other_parameters(api: TestClient, full: Headers, state: SandboxState) -> None:
    lead = some_lead(state)
    by_criteria = found_ids(api, full, "Leads", criteria="(Lead_Status:equals:Contacted)", email=lead["Email"],
                            word="zzz-nothing")
    assert by_criteria == expected_ids(state, "Leads", lambda r: r["Lead_Status"] == "Contacted")
    by_email = found_ids(api, full, "Leads", email=lead["Email"], phone="999 999 999", word="zzz-nothing")
    assert lead["id"] in by_email


def test_email_phone_and_word(api: TestClient, full: Headers, state: SandboxState) -> None:
    lead = some_lead(state)
    domain = lead["Email"].split("@")[1]
    assert found_ids(api, full, "Leads", email="@" + domain.upper()) == expected_ids(
        state, "Leads", lambda r: domain in low(r["Email"]))
    digits = lead["Mobile"].replace(" ", "")[-7:]
    spaced = f"({digits[:3]}) {digits[3:]}"

    def has_digits(record: Record) -> bool:
        return any(digits in "".join(c for c in low(record[f]) if c.isdigit()) for f in ("Phone", "Mobile"))

    assert found_ids(api, full, "Leads", phone=spaced) == expected_ids(state, "Leads", has_digits)
    words = f"{lead['First_Name']} {lead['Last_Name'].lower()}"
    texts = ("First_Name", "Last_Name", "Full_Name", "Email", "Company", "Designation", "City", "Country")
    assert found_ids(api, full, "Leads", word=words) == expected_ids(
        state, "Leads", lambda r: all(any(w.lower() in low(r[f]) for f in texts) for w in words.split()))


def test_no_match_is_204_without_body(api: TestClient, full: Headers) -> None:
    for params in ({"word": "zzzz-no-such"}, {"criteria": "(Last_Name:equals:Nobody-at-all)"}, {"email": "@nowhere.test"}):
        response = api.get("/crm/v8/Leads/search", params=params, headers=full)
        assert (response.status_code, response.content) == (204, b""), params


def test_none_of_the_four_parameters(api: TestClient, full: Headers) -> None:
    for params in ({}, {"word": ""}, {"fields": "Last_Name"}):
        response = api.get("/crm/v8/Leads/search", params=params, headers=full)
        assert response.status_code == 400
        assert (response.json()["code"], response.json()["details"]) == (
            "EXPECTED_PARAM_MISSING", {"param_names": ["criteria", "email", "phone", "word"]})


@pytest.mark.parametrize(("criteria", "details"), [
    ("Last_Name:equals:Okafor", None),
    ("(Last_Name:equals:Okafor", None),
    ("(Last_Name:equals:Okafor))", None),
    ("(Last_Name equals Okafor)", None),
    ("(Last_Name:equals:O(kafor)", None),
    ("(Last_Name:contains:Okafor)", {"operator": "contains", "reason": "invalid operator found"}),
    ("(Last_Name:greater_than:Okafor)", {"operator": "greater_than", "reason": "invalid operator found"}),
    ("(Description:in:a,b)", {"operator": "in", "reason": "invalid operator found"}),
    ("(Nope:equals:x)", None),
    ("((Last_Name:equals:A)and(City:equals:B)or(City:equals:C))", None),
    ("(Last_Name:equals:A)xor(City:equals:B)", None),
    ("(Annual_Revenue:between:5)", None),
    ("(Last_Name:equals:A,B)", None),
    ("(Annual_Revenue:greater_than:lots)", {"expected_data_type": "currency"}),
    ("(Created_Time:greater_than:2024-03-01)", {"expected_data_type": "datetime"}),
    ("(Email_Opt_Out:equals:yes)", {"expected_data_type": "boolean"}),
])
def test_a_malformed_criteria_is_invalid_query(api: TestClient, full: Headers, criteria: str,
                                               details: dict[str, str] | None) -> None:
    response = api.get("/crm/v8/Leads/search", params={"criteria": criteria}, headers=full)
    assert (response.status_code, response.json()["code"]) == (400, "INVALID_QUERY"), criteria
    assert response.json()["details"]["reason"]
    if details is not None:
        assert details.items() <= response.json()["details"].items()


def test_limits_of_criteria(api: TestClient, full: Headers) -> None:
    ten = "(" + "or".join(f"(Last_Name:equals:N{i})" for i in range(10)) + ")"
    assert api.get("/crm/v8/Leads/search", params={"criteria": ten}, headers=full).status_code == 204
    eleven = "(" + "or".join(f"(Last_Name:equals:N{i})" for i in range(11)) + ")"
    response = api.get("/crm/v8/Leads/search", params={"criteria": eleven}, headers=full)
    assert (response.status_code, response.json()["code"]) == (400, "CRITERIA_LIMIT_EXCEEDED")
    values = ",".join(f"N{i}" for i in range(101))
    response = api.get("/crm/v8/Leads/search", params={"criteria": f"(Last_Name:in:{values})"}, headers=full)
    assert (response.json()["code"], response.json()["details"]) == ("INVALID_QUERY", {"param_name": "Last_Name"})


@pytest.mark.parametrize("params", [{"word": "a"}, {"word": "x" * 101}, {"phone": "12"}, {"phone": "555-CALL-NOW"},
                                   {"phone": "+1 555 0100 ext. 5"}])
def test_words_and_phones_that_cannot_be_searched(api: TestClient, full: Headers, params: dict[str, str]) -> None:
    response = api.get("/crm/v8/Leads/search", params=params, headers=full)
    assert (response.status_code, response.json()["code"]) == (400, "INVALID_REQUEST")
    assert response.json()["details"] == {"param_name": next(iter(params))}


def test_pages_sort_and_fields(api: TestClient, full: Headers, state: SandboxState) -> None:
    criteria = "(Lead_Status:in:Contacted,Not Contacted,Junk Lead)"
    expected = expected_ids(state, "Leads", lambda r: r["Lead_Status"] in ("Contacted", "Not Contacted", "Junk Lead"))
    first = api.get("/crm/v8/Leads/search", params={"criteria": criteria, "per_page": 10}, headers=full).json()
    assert [r["id"] for r in first["data"]] == expected[:10]
    assert first["info"] == {"per_page": 10, "count": 10, "page": 1, "sort_by": "id", "sort_order": "desc",
                             "more_records": True}
    assert set(first["data"][0]) > {"Last_Name", "Email", "Owner", "Created_Time"}  # all fields when none is asked
    third = api.get("/crm/v8/Leads/search", params={"criteria": criteria, "per_page": 10, "page": 3,
                                                    "fields": "Last_Name,City"}, headers=full).json()
    assert [r["id"] for r in third["data"]] == expected[20:30]
    assert all(set(row) == {"Last_Name", "City", "id"} for row in third["data"])
    by_name = api.get("/crm/v8/Leads/search", params={"criteria": criteria, "sort_by": "Last_Name",
                                                      "sort_order": "asc", "fields": "Last_Name"}, headers=full).json()
    names = [row["Last_Name"].lower() for row in by_name["data"]]
    assert names == sorted(names) and by_name["info"]["sort_by"] == "Last_Name"


def test_search_reaches_only_2000_records(api: TestClient, full: Headers) -> None:
    response = api.get("/crm/v8/Leads/search", params={"word": "example", "page": 11, "per_page": 200}, headers=full)
    assert (response.status_code, response.json()["code"], response.json()["details"]) == (
        400, "LIMIT_REACHED", {"limit": "2000"})
    assert api.get("/crm/v8/Leads/search", params={"word": "example", "page": 2, "per_page": 200},
                   headers=full).status_code == 200


@pytest.mark.parametrize(("scope", "allowed"), [("ZohoCRM.modules.Leads.READ", True), ("ZohoCRM.modules.READ", True),
                                                ("ZohoCRM.modules.Contacts.READ", False),
                                                ("ZohoCRM.modules.Leads.CREATE", False)])
def test_search_needs_read_access_to_the_module(api: TestClient, mint: Any, scope: str, allowed: bool) -> None:
    response = api.get("/crm/v8/Leads/search", params={"word": "example"}, headers=mint(scope))
    assert (response.status_code == 200) is allowed, response.text
