"""The record form's lookups and owner chosen by name (records/lookup_picker.py), driven on
CPython against the fake DOM of the page's template and the fake services."""

import pytest

from zoho.api import CRM

from tests.controller.fakes import answer
from tests.controller.sessions import run, settle

from .fakes import FakeServices, open_records, records_page

DEALS_FIELDS = {"fields": [
    {"api_name": "Deal_Name", "field_label": "Deal Name", "data_type": "text", "system_mandatory": True},
    {"api_name": "Account_Name", "field_label": "Account Name", "data_type": "lookup",
     "lookup": {"module": {"api_name": "Accounts"}}},
    {"api_name": "Owner", "field_label": "Deal Owner", "data_type": "ownerlookup"},
]}
ACCOUNTS = [{"id": "7001", "Account_Name": "Quantum Partners"}, {"id": "7002", "Account_Name": "Quasar Labs"}]
USERS = {"users": [{"id": "411001", "full_name": "Ada Lovelace", "email": "ada@example.test"},
                   {"id": "411002", "full_name": "Grace Hopper", "email": "grace@example.test"}]}
DEAL = {"id": "901", "Deal_Name": "Big one", "Account_Name": {"name": "Quantum Partners", "id": "7001"},
        "Owner": {"name": "Ada Lovelace", "id": "411001", "email": "ada@example.test"}}


@pytest.fixture
def page():
    return records_page()


@pytest.fixture
def services():
    services = FakeServices()
    services.answer("GET", CRM + "/settings/modules", answer(200, {"modules": [
        {"api_name": "Deals", "plural_label": "Deals", "api_supported": True}]}))
    services.answer("GET", CRM + "/settings/fields", answer(200, DEALS_FIELDS))
    services.answer("GET", CRM + "/settings/custom_views", answer(200, {"custom_views": []}))  # the list's views
    services.answer_formats()
    services.answer("GET", CRM + "/Deals/actions/count", answer(200, {"count": 4}))  # and its count
    services.answer("GET", CRM + "/Deals", answer(200, {"data": [DEAL], "info": {"more_records": False}}))
    services.answer("GET", CRM + "/Accounts/search", answer(200, {"data": ACCOUNTS, "info": {"more_records": False}}))
    services.answer("GET", CRM + "/users", answer(200, USERS))
    for path, key in (("/settings/layouts", "layouts"), ("/settings/related_lists", "related_lists"), ("/org", "org")):
        services.answer("GET", CRM + path, answer(200, {key: []}))  # a record's detail in depth (test_record_depth.py)
    services.answer("POST", CRM + "/Deals", answer(201, {"data": [
        {"code": "SUCCESS", "details": {"id": "902"}, "message": "record added", "status": "success"}]}))
    services.answer("GET", CRM + "/Deals/902", answer(200, {"data": [DEAL]}))
    return services


async def new_deal(page, services, address="?view=records&module=Deals"):
    view = await open_records(services, address)
    page.querySelector('[data-testid="new-record"]').click()
    page.getElementById("field-Deal_Name").type_text("Big one")
    return view


def options(page, api_name):
    listbox = page.getElementById("field-" + api_name + "-options")
    return [option.textContent for option in listbox.querySelectorAll("li")] if listbox.is_shown() else None


async def save(page):
    page.querySelector('[data-testid="save-record"]').click()
    await settle()


def key(box, name):
    return box.dispatch("keydown", key=name)


@run
async def test_a_lookup_is_searched_by_name_picked_by_keyboard_and_sent_as_its_id(page, services):
    await new_deal(page, services)
    box = page.getElementById("field-Account_Name")
    assert box.getAttribute("role") == "combobox" and box.getAttribute("aria-expanded") == "false"
    box.type_text("Q")
    await settle()
    assert services.requests("GET", CRM + "/Accounts/search") == []  # Zoho's word search wants 2 letters
    assert page.getElementById("field-Account_Name-status").textContent == "Type 2 letters or more to search Accounts."
    box.type_text("Qua")
    await settle()
    assert services.requests("GET", CRM + "/Accounts/search") == [([("word", "Qua"), ("per_page", "10")], None)]
    assert options(page, "Account_Name") == ["Quantum Partners", "Quasar Labs"]
    assert box.getAttribute("aria-expanded") == "true"
    key(box, "ArrowDown")
    key(box, "ArrowDown")
    assert box.getAttribute("aria-activedescendant") == "field-Account_Name-options-1"
    assert page.getElementById("field-Account_Name-options-1").getAttribute("aria-selected") == "true"
    assert key(box, "Enter").default_prevented
    assert box.value == "Quasar Labs" and options(page, "Account_Name") is None
    await save(page)
    [(_, body)] = services.requests("POST", CRM + "/Deals")
    assert body == {"data": [{"Deal_Name": "Big one", "Account_Name": {"id": "7002"}}]}


@run
async def test_an_owner_is_picked_from_the_users_by_a_click(page, services):
    await new_deal(page, services)
    box = page.getElementById("field-Owner")
    box.type_text("hop")
    await settle()
    assert options(page, "Owner") == ["Grace Hoppergrace@example.test"]
    box.type_text("a")
    await settle()
    assert options(page, "Owner") == ["Ada Lovelaceada@example.test", "Grace Hoppergrace@example.test"]
    active = [query for query, _ in services.requests("GET", CRM + "/users") if query != [("type", "CurrentUser")]]
    assert active == [[("type", "ActiveUsers")]]  # asked once, matched here
    page.getElementById("field-Owner-options-1").click()
    assert box.value == "Grace Hopper"
    await save(page)
    assert services.requests("POST", CRM + "/Deals")[-1][1]["data"][0]["Owner"] == {"id": "411002"}


@run
async def test_a_name_typed_but_not_picked_is_not_sent(page, services):
    await new_deal(page, services)
    box = page.getElementById("field-Account_Name")
    box.type_text("Quantum")
    await settle()
    assert key(box, "Escape").default_prevented and options(page, "Account_Name") is None
    await save(page)
    assert services.requests("POST", CRM + "/Deals") == []
    assert box.getAttribute("aria-invalid") == "true" and page.activeElement is box
    assert page.getElementById("field-error-Account_Name").textContent == (
        "Account Name must be picked from the matches shown as you type (or the box emptied).")
    assert box.value == "Quantum"  # what was typed stays


@run
async def test_an_edit_shows_the_names_and_escape_goes_back_to_the_pick(page, services):
    services.answer("GET", CRM + "/Deals/901", answer(200, {"data": [DEAL]}))
    await new_deal(page, services, "?view=records&module=Deals&record=901")
    page.querySelector('[data-testid="cancel-record"]').click()
    [edit] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Edit"]
    edit.click()
    box = page.getElementById("field-Account_Name")
    assert box.value == "Quantum Partners" and page.getElementById("field-Owner").value == "Ada Lovelace"
    box.type_text("Qz")
    await settle()
    assert options(page, "Account_Name") is not None
    key(box, "Escape")  # the list closes; what was typed stays
    assert options(page, "Account_Name") is None and box.value == "Qz"
    key(box, "Escape")  # then back to the record picked before
    assert box.value == "Quantum Partners"
    page.getElementById("field-Deal_Name").type_text("Bigger one")
    services.answer("PUT", CRM + "/Deals", answer(200, {"data": [
        {"code": "SUCCESS", "details": {"id": "901"}, "message": "record updated", "status": "success"}]}))
    await save(page)
    assert services.requests("PUT", CRM + "/Deals")[-1][1] == {"data": [{"Deal_Name": "Bigger one", "id": "901"}]}


@run
async def test_text_typed_while_a_search_is_out_is_searched_once_and_only_it_is_offered(page, services):
    await new_deal(page, services)
    box = page.getElementById("field-Account_Name")
    box.type_text("Qu")
    box.type_text("Qua")
    box.type_text("Quas")
    await settle()
    assert [query for query, _ in services.requests("GET", CRM + "/Accounts/search")] == [
        [("word", "Quas"), ("per_page", "10")]]
    services.answer("GET", CRM + "/Accounts/search", answer(200, {"data": ACCOUNTS[:1]}))
    box.type_text("Quan")
    await settle()
    assert options(page, "Account_Name") == ["Quantum Partners"]


@run
async def test_a_pick_is_kept_over_a_reload_and_shown_by_name_again(page, services):
    await new_deal(page, services)
    box = page.getElementById("field-Account_Name")
    box.type_text("Qua")
    await settle()
    page.getElementById("field-Account_Name-options-0").click()
    await settle()
    services.answer("GET", CRM + "/Accounts/7001", answer(200, {"data": [ACCOUNTS[0]]}))
    records_page()  # a reload: the page afresh, the tab's storage kept
    await open_records(services, "?view=records&module=Deals")
    await settle()
    box = page.getElementById("field-Account_Name")
    assert box.value == "Quantum Partners" and box.getAttribute("data-record-id") == "7001"
    assert page.getElementById("field-Deal_Name").value == "Big one"
