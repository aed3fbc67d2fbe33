from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sandbox.api import create_api_app
from sandbox.data import MemoryStore, SqliteStore, seed_records
from sandbox.settings import SandboxSettings
from sandbox.state import SandboxState

from sandbox_helpers import CONTROL, FakeClock, TestClient


def test_seed_is_deterministic_and_depends_on_the_seed() -> None:
    assert seed_records(7) == seed_records(7)
    assert seed_records(7)[0]["Leads"] != seed_records(8)[0]["Leads"]


def test_seed_sizes() -> None:
    records, _ = seed_records(1)
    assert len(records["Leads"]) > 200  # more than one page of 200
    assert len(records["Contacts"]) > 100 and len(records["Accounts"]) >= 20 and len(records["Deals"]) >= 40
    assert records["Campaigns"] == [] and records["Tasks"] == []


def test_seed_records_are_consistent() -> None:
    records, next_id = seed_records(3)
    ids = [r["id"] for rows in records.values() for r in rows]
    assert len(ids) == len(set(ids)) and all(len(i) == 19 and i.isdigit() for i in ids)
    assert int(max(ids)) < next_id
    accounts = {a["id"]: a["Account_Name"] for a in records["Accounts"]}
    contacts = {c["id"] for c in records["Contacts"]}
    for lead in records["Leads"]:
        assert lead["Last_Name"] and "@" in lead["Email"] and lead["Full_Name"].endswith(lead["Last_Name"])
        assert datetime.fromisoformat(lead["Created_Time"]) <= datetime.fromisoformat(lead["Modified_Time"])
        assert set(lead["Owner"]) == {"name", "id", "email"}
    for contact in records["Contacts"]:
        assert accounts[contact["Account_Name"]["id"]] == contact["Account_Name"]["name"]
    for deal in records["Deals"]:
        assert deal["Account_Name"]["id"] in accounts and deal["Contact_Name"]["id"] in contacts
        assert deal["Closing_Date"] >= deal["Created_Time"][:10] and deal["Amount"] > 0


def test_memory_store_ids_keep_increasing_after_the_seed() -> None:
    store = MemoryStore(1)
    seeded = [r["id"] for m in ("Leads", "Deals") for r in store.all(m)]
    first, second = store.new_id(), store.new_id()
    assert int(second) == int(first) + 1 and int(first) > max(map(int, seeded))


def test_memory_store_hands_out_copies() -> None:
    store = MemoryStore(1)
    record = store.all("Leads")[0]
    record["Last_Name"] = "Changed"
    assert store.get("Leads", record["id"])["Last_Name"] != "Changed"  # type: ignore[index]


def test_sqlite_persists_changes_across_restarts(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.db"
    settings = SandboxSettings(db_path=db)
    first = SandboxState(settings, FakeClock())
    with TestClient(create_api_app(first, settings), base_url=settings.api_origin) as client:
        token = client.post("/_sandbox/tokens", json={"scopes": ["ZohoCRM.modules.ALL"]},
                            headers=CONTROL).json()["access_token"]
        headers = {"Authorization": f"Zoho-oauthtoken {token}"}
        created = client.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Durable"}]}, headers=headers).json()
        new_id = created["data"][0]["details"]["id"]
        doomed = client.get("/crm/v8/Leads", params={"fields": "id", "per_page": 1}, headers=headers).json()
        doomed_id = doomed["data"][0]["id"]
        client.delete("/crm/v8/Leads", params={"ids": doomed_id}, headers=headers)
    counts = first.store.counts()
    first.close()

    second = SandboxState(settings, FakeClock())
    try:
        assert second.store.counts() == counts
        assert second.store.get("Leads", new_id)["Last_Name"] == "Durable"  # type: ignore[index]
        assert second.store.get("Leads", doomed_id) is None
        assert int(second.store.new_id()) > int(new_id)
    finally:
        second.close()


def test_sqlite_seeds_only_a_new_database_and_reset_reseeds(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.db"
    store = SqliteStore(db, 5)
    seeded = store.counts()
    assert seeded == MemoryStore(5).counts()
    assert store.all("Leads") == MemoryStore(5).all("Leads")
    store.delete("Accounts", store.all("Accounts")[0]["id"])
    store.close()
    reopened = SqliteStore(db, 5)
    assert reopened.counts()["Accounts"] == seeded["Accounts"] - 1
    reopened.reset()
    assert reopened.counts() == seeded
    reopened.close()


def test_sqlite_update_and_missing_records(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.db", 1)
    lead = store.all("Leads")[0]
    store.put("Leads", lead | {"City": "Reykjavík"})
    assert store.get("Leads", lead["id"])["City"] == "Reykjavík"  # type: ignore[index]
    assert store.get("Leads", "0") is None and store.delete("Leads", "0") is False
    store.close()
