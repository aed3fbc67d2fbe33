"""Issue 21's layouts, related lists, related records, Notes and Attachments against their v8 specs."""

from __future__ import annotations

from typing import Any

import pytest

import zoho_schemas as z
from conformance_helpers import check
from sandbox import related
from sandbox.state import SandboxState

Headers = dict[str, str]


def first(state: SandboxState, module: str) -> dict[str, Any]:
    return min(state.store.all(module), key=lambda r: int(r["id"]))


@pytest.mark.parametrize("module", ["Leads", "Deals", "Projects"])
def test_layouts_group_every_field_in_sections(api: Any, full: Headers, module: str) -> None:
    body = check(api.get("/crm/v8/settings/layouts", params={"module": module}, headers=full), 200, z.LAYOUTS)
    [layout] = body["layouts"]
    placed = [f["api_name"] for s in layout["sections"] for f in s["fields"]]
    listed = [f["api_name"] for f in api.get("/crm/v8/settings/fields", params={"module": module},
                                             headers=full).json()["fields"]]
    assert sorted(placed) == sorted(listed)


def test_a_subform_has_a_section_of_its_own(api: Any, full: Headers) -> None:
    [layout] = api.get("/crm/v8/settings/layouts", params={"module": "Projects"}, headers=full).json()["layouts"]
    subforms = [s for s in layout["sections"] if s["isSubformSection"]]
    assert [[f["api_name"] for f in s["fields"]] for s in subforms] == [["Milestones"]]


def test_related_lists_and_their_records(api: Any, full: Headers, state: SandboxState) -> None:
    body = check(api.get("/crm/v8/settings/related_lists", params={"module": "Accounts"}, headers=full), 200,
                 z.RELATED_LISTS)
    assert [r["api_name"] for r in body["related_lists"]] == ["Contacts", "Deals", "Projects", "Notes", "Attachments"]
    account = next(r["Account_Name"]["id"] for r in state.store.all("Deals") if r["Account_Name"])
    expected = sorted((r["id"] for r in state.store.all("Deals") if (r["Account_Name"] or {}).get("id") == account),
                      key=int)
    deals = check(api.get(f"/crm/v8/Accounts/{account}/Deals", params={"fields": "Deal_Name,Amount"}, headers=full),
                  200, z.RELATED_RECORDS)
    assert [d["id"] for d in deals["data"]] == expected


def test_related_records_are_read_a_page_at_a_time(api: Any, full: Headers, state: SandboxState) -> None:
    """getRelatedRecords pages by page and per_page; info.more_records says whether another page follows."""
    deals_of: dict[str, list[str]] = {}
    for deal in state.store.all("Deals"):
        if deal["Account_Name"]:
            deals_of.setdefault(deal["Account_Name"]["id"], []).append(deal["id"])
    account = max(deals_of, key=lambda a: len(deals_of[a]))
    expected = sorted(deals_of[account], key=int)
    assert len(expected) >= 2
    url, seen = f"/crm/v8/Accounts/{account}/Deals", []
    for page in range(1, len(expected) + 1):
        body = check(api.get(url, params={"fields": "Deal_Name", "per_page": "1", "page": str(page)}, headers=full),
                     200, z.RELATED_RECORDS)
        assert body["info"] == {"per_page": 1, "count": 1, "page": page, "more_records": page < len(expected)}
        seen += [d["id"] for d in body["data"]]
    assert seen == expected
    after = api.get(url, params={"fields": "Deal_Name", "per_page": "1", "page": str(len(expected) + 1)}, headers=full)
    assert after.status_code == 204
    past = api.get(url, params={"fields": "Deal_Name", "page": "10001"}, headers=full)  # the spec's page maximum
    assert (past.status_code, past.json()["code"]) == (400, "INVALID_DATA")


def test_related_records_errors(api: Any, full: Headers, state: SandboxState) -> None:
    account = first(state, "Accounts")["id"]
    check(api.get(f"/crm/v8/Accounts/{account}/Deals", headers=full), 400, z.RELATED_ERROR)
    check(api.get(f"/crm/v8/Accounts/{account}/Widgets", params={"fields": "id"}, headers=full), 400, z.RELATED_ERROR)
    check(api.get("/crm/v8/Accounts/5725767000000999999/Deals", params={"fields": "id"}, headers=full), 400,
          z.INVALID_RECORD_ID)


def test_notes_are_read_and_added(api: Any, full: Headers, state: SandboxState) -> None:
    lead = first(state, "Leads")["id"]
    url = f"/crm/v8/Leads/{lead}/Notes"
    before = check(api.get(url, params={"fields": "Note_Title,Note_Content"}, headers=full), 200, z.RELATED_RECORDS)
    added = check(api.post(url, json={"data": [{"Note_Title": "Next step", "Note_Content": "Send the demo link."}]},
                           headers=full), 201, z.NOTE_ADDED)
    after = api.get(url, params={"fields": "Note_Content"}, headers=full).json()["data"]
    assert len(after) == len(before["data"]) + 1
    assert {"id": added["data"][0]["details"]["id"], "Note_Content": "Send the demo link."} in after


def test_a_note_needs_content(api: Any, full: Headers, state: SandboxState) -> None:
    lead = first(state, "Leads")["id"]
    body = check(api.post(f"/crm/v8/Leads/{lead}/Notes", json={"data": [{"Note_Title": "Empty"}]}, headers=full),
                 400, z.CREATE_FAILED)
    assert body["data"][0]["details"] == {"api_name": "Note_Content", "json_path": "$.data[0].Note_Content"}


def test_attachments_are_listed_uploaded_and_downloaded(api: Any, full: Headers, state: SandboxState) -> None:
    deal = first(state, "Deals")["id"]
    url = f"/crm/v8/Deals/{deal}/Attachments"
    listed = check(api.get(url, params={"fields": "File_Name,Size"}, headers=full), 200, z.RELATED_RECORDS)["data"]
    assert [a["File_Name"] for a in listed] == ["proposal.txt"]
    sent = "Zoho ♥ tests\n".encode()
    uploaded = check(api.post(url, files={"file": ("notes é.txt", sent, "text/plain")}, headers=full), 200,
                     z.ATTACHMENT_UPLOADED)
    attachment = uploaded["data"][0]["details"]["id"]
    download = api.get(f"{url}/{attachment}", headers=full)
    assert (download.status_code, download.content) == (200, sent)
    assert download.headers["content-disposition"] == "attachment; filename*=UTF-8''notes%20%C3%A9.txt"


def test_an_attachment_over_the_limit(api: Any, full: Headers, state: SandboxState,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Zoho's limit is 20 MB; a smaller one here keeps the test light."""
    monkeypatch.setattr("sandbox.related_api.MAX_ATTACHMENT_BYTES", 10)
    deal = first(state, "Deals")["id"]
    response = api.post(f"/crm/v8/Deals/{deal}/Attachments", files={"file": ("big.bin", b"x" * 11)}, headers=full)
    check(response, 413, z.ATTACHMENT_TOO_LARGE)
    assert related.MAX_ATTACHMENT_BYTES == 20 * 1024 * 1024
