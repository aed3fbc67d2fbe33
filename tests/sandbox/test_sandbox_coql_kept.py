"""POST /crm/v8/coql keeps a query's matching records and their order between calls (sandbox/coql.py, _kept):
the answers must stay those of the stored records as they are now, whatever was asked before a write."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.state import SandboxState

from sandbox_helpers import TestClient

Headers = dict[str, str]
Record = dict[str, Any]

#: Control requests (/_sandbox/*) carry this header.
CONTROL = {"X-Sandbox-Control": "1"}


@pytest.fixture
def coql_headers(mint: Any) -> Headers:
    return mint("ZohoCRM.coql.READ", "ZohoCRM.modules.ALL")


def ids(api: TestClient, headers: Headers, query: str) -> list[str]:
    response = api.post("/crm/v8/coql", json={"select_query": query}, headers=headers)
    assert response.status_code in (200, 204), response.text
    return [row["id"] for row in response.json()["data"]] if response.status_code == 200 else []


def count(api: TestClient, headers: Headers, where: str) -> int:
    body = api.post("/crm/v8/coql", json={"select_query": f"select count(id) from Leads where {where}"},
                    headers=headers).json()
    return body["data"][0]["count(id)"]


def lagos_by_name(state: SandboxState) -> list[str]:
    """The Leads in Lagos by last name (case aside), ties by id: what the query below must answer."""
    leads = [r for r in state.store.all("Leads") if r["City"] == "Lagos"]
    return [r["id"] for r in sorted(leads, key=lambda r: ((r["Last_Name"] or "").casefold(), int(r["id"])))]


LAGOS = "select Last_Name, City from Leads where City = 'Lagos' order by Last_Name asc"


def test_a_write_is_seen_by_the_next_query(api: TestClient, coql_headers: Headers, full: Headers,
                                           state: SandboxState) -> None:
    before = lagos_by_name(state)
    assert ids(api, coql_headers, LAGOS) == before[:200] and count(api, coql_headers, "City = 'Lagos'") == len(before)
    moved = next(r for r in state.store.all("Leads") if r["City"] != "Lagos")["id"]
    answer = api.put("/crm/v8/Leads", json={"data": [{"id": moved, "City": "Lagos", "Last_Name": "Aaaaron"}]},
                     headers=full)
    assert answer.status_code == 200, answer.text
    after = lagos_by_name(state)
    assert after[0] == moved and after[1:] == before
    assert ids(api, coql_headers, LAGOS) == after[:200]
    assert count(api, coql_headers, "City = 'Lagos'") == len(after)


def test_a_deletion_and_a_reset_are_seen(api: TestClient, coql_headers: Headers, full: Headers,
                                         state: SandboxState, mint: Any) -> None:
    before = lagos_by_name(state)
    assert ids(api, coql_headers, LAGOS + " limit 1, 3") == before[1:4]
    assert api.delete(f"/crm/v8/Leads/{before[2]}", headers=full).status_code == 200
    assert ids(api, coql_headers, LAGOS + " limit 1, 3") == [before[1], before[3], before[4]]
    assert count(api, coql_headers, "City = 'Lagos'") == len(before) - 1
    assert api.post("/_sandbox/reset", json={}, headers=CONTROL).status_code == 200  # tokens are forgotten too
    assert ids(api, mint("ZohoCRM.coql.READ", "ZohoCRM.modules.ALL"), LAGOS + " limit 1, 3") == before[1:4]


def test_a_change_to_a_looked_up_record_is_seen(api: TestClient, coql_headers: Headers, full: Headers,
                                                state: SandboxState) -> None:
    query = "select Deal_Name, Account_Name.Account_Type from Deals where Account_Name.Account_Type = 'Customer'"

    def customers_deals() -> list[str]:
        customers = {a["id"] for a in state.store.all("Accounts") if a["Account_Type"] == "Customer"}
        deals = sorted(state.store.all("Deals"), key=lambda d: int(d["id"]))
        return [d["id"] for d in deals if d["Account_Name"] and d["Account_Name"]["id"] in customers]

    before = customers_deals()
    assert ids(api, coql_headers, query) == before
    deal = next(d for d in state.store.all("Deals") if d["Account_Name"] and d["id"] not in before)
    change = {"id": deal["Account_Name"]["id"], "Account_Type": "Customer"}
    answer = api.put("/crm/v8/Accounts", json={"data": [change]}, headers=full)
    assert answer.status_code == 200, answer.text
    after = customers_deals()
    assert deal["id"] in after and ids(api, coql_headers, query) == after


def test_pages_asked_in_any_order_are_slices_of_one_order(api: TestClient, coql_headers: Headers,
                                                          state: SandboxState) -> None:
    """The same condition in other queries (a count, another order, other columns) shares nothing it should not,
    nor do other conditions."""
    leads = sorted(state.store.all("Leads"), key=lambda r: int(r["id"]))
    by_city = [r["id"] for r in sorted(leads, key=lambda r: (r["City"] or "").casefold(), reverse=True)]
    by_name = [r["id"] for r in sorted(leads, key=lambda r: (r["Last_Name"] or "").casefold())]
    where = "where id is not null"
    first = ids(api, coql_headers, f"select Email from Leads {where} order by City desc limit 100, 50")
    assert count(api, coql_headers, "id is not null") == len(leads)
    by_name_page = ids(api, coql_headers, f"select City from Leads {where} order by Last_Name limit 100, 50")
    assert by_name_page == by_name[100:150]
    assert [ids(api, coql_headers, f"select Last_Name, City from Leads {where} order by City desc limit {n}, 50")
            for n in (0, 50, 100)] == [by_city[0:50], by_city[50:100], first]
    assert first == by_city[100:150]
    unordered = ids(api, coql_headers, f"select Last_Name from Leads {where} limit 100, 50")
    assert unordered == [r["id"] for r in leads][100:150]
    for city in ("Lagos", "Pune"):
        assert count(api, coql_headers, f"City = '{city}'") == sum(r["City"] == city for r in leads)
    assert count(api, coql_headers, "City != 'Pune'") == sum(r["City"] not in (None, "Pune") for r in leads)
