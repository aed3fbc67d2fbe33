"""The Records view's chosen rows and what is done to them at once (bulk-update, bulk-delete),
driven on CPython against the fake DOM of the page's template and the fake services."""

import asyncio

import pytest

from zoho.api import CRM

from tests.controller.fakes import answer, zoho_error
from tests.controller.sessions import run, settle

from .fakes import ALL_SCOPES, FakeServices, open_records, records_page

NAMES = ["Babbage", "Lovelace", "Hopper", "Turing", "Lamarr"]
IDS = [str(100 + n) for n in range(len(NAMES))]
LEADS_FIELDS = {"fields": [
    {"api_name": "Last_Name", "field_label": "Last Name", "data_type": "text", "system_mandatory": True},
    {"api_name": "Email", "field_label": "Email", "data_type": "email"},
    {"api_name": "Lead_Status", "field_label": "Lead Status", "data_type": "picklist", "pick_list_values": [
        {"display_value": "Contacted", "actual_value": "Contacted"},
        {"display_value": "Lost Lead", "actual_value": "Lost_Lead"}]},
    {"api_name": "No_of_Employees", "field_label": "Employees", "data_type": "integer"},
]}
MASS_UPDATE = CRM + "/Leads/actions/mass_update"
#: The usual sign-in and Zoho's mass update scope (ZohoCRM.modules.ALL does not cover it).
BULK_SCOPES = ALL_SCOPES + ["ZohoCRM.mass_update.UPDATE"]


def page_of(names):
    return answer(200, {"data": [{"id": i, "Last_Name": n} for i, n in zip(IDS, names)],
                        "info": {"more_records": False, "per_page": 20}})


def success(record_id, message):
    return {"code": "SUCCESS", "details": {"id": record_id}, "message": message, "status": "success"}


@pytest.fixture
def page():
    return records_page()


def services_with(scopes=BULK_SCOPES):
    services = FakeServices(scopes)
    services.answer("GET", CRM + "/settings/modules", answer(200, {"modules": [
        {"api_name": "Leads", "plural_label": "Leads", "api_supported": True}]}))
    services.answer("GET", CRM + "/settings/fields", answer(200, LEADS_FIELDS))
    services.answer("GET", CRM + "/settings/custom_views", answer(200, {"custom_views": []}))  # the list's views
    services.answer_formats()
    services.answer("GET", CRM + "/Leads/actions/count", answer(200, {"count": 4}))  # and its count
    services.answer("GET", CRM + "/Leads", page_of(NAMES), page_of(NAMES[1:]))
    return services


async def opened(services):
    return await open_records(services, "?view=records&module=Leads")


def part(page, testid):
    return page.querySelector('[data-testid="' + testid + '"]')


def boxes(page):
    return page.querySelectorAll('[data-testid="select-row"]')


def tick(box, shift=False):
    """A click on a checkbox: it flips, then the click (with the Shift key or not) reaches it."""
    box.checked = not box.checked
    box.dispatch("click", shiftKey=shift)


def chosen_names(page):
    return [[td for td in row.querySelectorAll("td") if td.getAttribute("data-label") == "Last Name"][0].textContent
            for row in page.querySelectorAll('[data-testid="records"] tbody tr')
            if row.querySelector('[data-testid="select-row"]').checked]


def said(page):
    return [item.textContent for item in part(page, "view-message").querySelectorAll("li")]


@run
async def test_rows_are_chosen_one_by_one_by_shift_ranges_and_all_at_once(page):
    await opened(services_with())
    assert len(boxes(page)) == len(NAMES) and part(page, "bulk-update").closest("#bulk-bar").hidden
    assert boxes(page)[1].getAttribute("aria-label") == "Select Lovelace"
    tick(boxes(page)[1])
    tick(boxes(page)[3], shift=True)
    assert chosen_names(page) == ["Lovelace", "Hopper", "Turing"]
    assert part(page, "selected-count").textContent == "3 selected" and part(page, "bulk-update").is_shown()
    heading = part(page, "select-page")
    assert heading.indeterminate and not heading.checked
    tick(boxes(page)[2], shift=True)  # from Turing back to Hopper: unchosen
    assert chosen_names(page) == ["Lovelace"]
    tick(heading)
    assert chosen_names(page) == NAMES and heading.checked and not heading.indeterminate
    tick(heading)
    assert chosen_names(page) == [] and not part(page, "selected-count").is_shown()


@run
async def test_a_sign_in_that_may_only_read_gets_no_checkboxes(page):
    await opened(services_with(["ZohoCRM.settings.READ", "ZohoCRM.modules.READ"]))
    assert boxes(page) == [] and part(page, "select-page") is None


@run
async def test_without_zoho_s_mass_update_scope_change_a_field_says_why_and_offers_it(page):
    services = services_with(ALL_SCOPES)
    await opened(services)
    tick(boxes(page)[0])  # rows can be chosen: the records may be changed one by one, and deleted
    assert part(page, "bulk-update").is_shown() and part(page, "bulk-delete").is_shown()
    part(page, "bulk-update").click()
    message = part(page, "view-message")
    assert message.querySelector("p").textContent == (
        "Changing a field on several records at once is Zoho's mass update, which needs the scope "
        "ZohoCRM.mass_update.UPDATE; this sign-in did not grant it.")
    siblings = message.parentElement.children
    assert siblings[siblings.index(message) - 1].id == "bulk-bar"  # said beside the bar
    assert not page.getElementById("bulk-panel").is_shown()  # no field offered, nothing to send
    offer = message.querySelector("button")
    assert offer.textContent == "Sign in with ZohoCRM.mass_update.UPDATE"
    offer.click()
    assert services.offered == ["ZohoCRM.mass_update.UPDATE"]
    part(page, "bulk-delete").click()  # delete needs no more than the records' scope
    assert part(page, "bulk-question").textContent == "Delete 1 record for good?"


@run
async def test_zoho_s_mass_update_scope_alone_lets_rows_be_chosen_and_changed(page):
    await opened(services_with(["ZohoCRM.settings.READ", "ZohoCRM.modules.READ", "ZohoCRM.mass_update.Leads.UPDATE"]))
    tick(boxes(page)[0])
    assert part(page, "bulk-update").is_shown() and not part(page, "bulk-delete").is_shown()
    part(page, "bulk-update").click()
    assert page.getElementById("bulk-panel").is_shown() and part(page, "bulk-field").options


@run
async def test_bulk_delete_asks_in_the_page_then_says_each_record_s_result_and_lists_again(page):
    services = services_with()
    services.answer("DELETE", CRM + "/Leads", answer(207, {"data": [
        success("100", "record deleted"),
        {"code": "INVALID_DATA", "details": {"id": "101"}, "message": "the id given seems to be invalid",
         "status": "error"}]}))
    await opened(services)
    tick(boxes(page)[0])
    tick(boxes(page)[1])
    part(page, "bulk-delete").click()
    assert part(page, "bulk-question").textContent == "Delete 2 records for good?"
    assert part(page, "bulk-confirm").textContent == "Delete 2 records" and part(page, "bulk-confirm").is_shown()
    assert services.requests("DELETE", CRM + "/Leads") == []  # nothing sent before the person says so
    part(page, "bulk-confirm").click()
    await asyncio.sleep(0)  # the delete has started: its call is out
    assert part(page, "bulk-delete").disabled and part(page, "bulk-progress").is_shown()  # under way
    await settle()
    assert services.requests("DELETE", CRM + "/Leads") == [([("ids", "100,101")], None)]
    assert said(page) == ["1 of 2 records deleted.",
                          "Lovelace: not deleted: Zoho has no record with this id (it may have been deleted "
                          "meanwhile).", "Deleted: Babbage."]
    assert "error" in part(page, "view-message").className
    assert len(services.requests("GET", CRM + "/Leads")) == 2  # the list drawn again
    assert len(boxes(page)) == 4 and chosen_names(page) == [] and not page.getElementById("bulk-panel").is_shown()
    assert part(page, "bulk-progress").value == "2" and not part(page, "bulk-delete").disabled


@run
async def test_escape_puts_the_question_away_as_cancel_does(page):
    services = services_with()
    await opened(services)
    tick(boxes(page)[0])
    part(page, "bulk-delete").click()
    assert part(page, "bulk-confirm").is_shown()
    assert part(page, "bulk-confirm").dispatch("keydown", key="Escape").default_prevented
    assert not page.getElementById("bulk-panel").is_shown()
    assert page.activeElement is part(page, "bulk-delete")  # back where the question came from
    part(page, "bulk-update").click()
    part(page, "bulk-field").dispatch("keydown", key="Escape")
    assert not page.getElementById("bulk-panel").is_shown() and page.activeElement is part(page, "bulk-update")
    await settle()
    assert services.requests("DELETE", CRM + "/Leads") == [] and chosen_names(page) == ["Babbage"]


@run
async def test_a_delete_zoho_refuses_as_a_whole_keeps_the_rows_and_the_choice(page):
    services = services_with()
    services.answer("DELETE", CRM + "/Leads", zoho_error(403, "NO_PERMISSION", "permission denied"))
    await opened(services)
    lists = len(services.requests("GET", CRM + "/Leads"))
    tick(boxes(page)[0])
    tick(boxes(page)[1])
    part(page, "bulk-delete").click()
    part(page, "bulk-confirm").click()
    await settle()
    assert part(page, "view-message").is_shown() and "error" in part(page, "view-message").className
    assert len(services.requests("GET", CRM + "/Leads")) == lists  # Zoho changed nothing: not listed again
    assert chosen_names(page) == ["Babbage", "Lovelace"] and part(page, "selected-count").textContent == "2 selected"
    assert not part(page, "bulk-delete").disabled  # ready for another try


@run
async def test_a_delete_whose_answer_failed_says_it_may_have_been_done_after_listing_again(page):
    services = services_with()
    services.answer("DELETE", CRM + "/Leads", zoho_error(500, "INTERNAL_ERROR", "internal error"))
    await opened(services)
    lists = len(services.requests("GET", CRM + "/Leads"))
    tick(boxes(page)[0])
    part(page, "bulk-delete").click()
    part(page, "bulk-confirm").click()
    await settle()
    assert len(services.requests("DELETE", CRM + "/Leads")) == 1  # a write is never sent twice
    assert len(services.requests("GET", CRM + "/Leads")) == lists + 1  # Zoho may have done it: listed again
    assert said(page)[-1].startswith("Zoho's answer did not come through, so these records may have been deleted")


@run
async def test_cancel_sends_nothing(page):
    services = services_with()
    await opened(services)
    tick(boxes(page)[0])
    part(page, "bulk-delete").click()
    part(page, "bulk-cancel").click()
    await settle()
    assert not page.getElementById("bulk-panel").is_shown() and services.requests("DELETE", CRM + "/Leads") == []


@run
async def test_bulk_update_offers_the_fields_zoho_mass_updates_checks_the_value_and_sends_one_call(page):
    services = services_with()
    services.answer("POST", MASS_UPDATE, answer(200, {"data": [success(i, "record updated") for i in IDS[:3]]}))
    await opened(services)
    tick(boxes(page)[0])
    tick(boxes(page)[2], shift=True)
    part(page, "bulk-update").click()
    field = part(page, "bulk-field")
    assert [option.value for option in field.options] == ["Last_Name", "Lead_Status", "No_of_Employees"]
    field.value = "No_of_Employees"
    field.dispatch("change")
    page.getElementById("bulk-value").type_text("many")
    part(page, "bulk-review").click()
    assert part(page, "view-message").textContent == "Employees must be a number, such as 1250 or 99.50."
    assert page.getElementById("bulk-value").getAttribute("aria-invalid") == "true"
    assert not part(page, "bulk-confirm").is_shown()
    field.value = "Lead_Status"
    field.dispatch("change")
    page.getElementById("bulk-value").value = "Contacted"
    part(page, "bulk-review").click()
    assert part(page, "bulk-question").textContent == 'Set Lead Status to "Contacted" on 3 records?'
    part(page, "bulk-confirm").click()
    await settle()
    assert services.requests("POST", MASS_UPDATE) == [
        ([], {"data": [{"Lead_Status": "Contacted"}], "ids": ["100", "101", "102"]})]
    assert said(page) == ["All 3 records changed.", "Changed: Babbage, Lovelace, Hopper."]
    assert "done" in part(page, "view-message").className


@run
async def test_a_value_zoho_refuses_for_every_record_is_said_for_each(page):
    services = services_with()
    services.answer("POST", MASS_UPDATE, answer(400, {"data": [{
        "code": "INVALID_DATA", "details": {"api_name": "Lead_Status", "json_path": "$.data[0].Lead_Status",
                                            "supported_values": ["Contacted"]},
        "message": "invalid data", "status": "error"}]}))
    await opened(services)
    tick(boxes(page)[3])
    tick(boxes(page)[4])
    part(page, "bulk-update").click()
    part(page, "bulk-field").value = "Lead_Status"
    part(page, "bulk-field").dispatch("change")
    page.getElementById("bulk-value").value = "Lost_Lead"
    part(page, "bulk-review").click()
    assert part(page, "bulk-question").textContent == 'Set Lead Status to "Lost Lead" on 2 records?'
    part(page, "bulk-confirm").click()
    await settle()
    assert said(page) == ["0 of 2 records changed.",
                          "Turing: not changed: Lead Status must be one of: Contacted.",
                          "Lamarr: not changed: Lead Status must be one of: Contacted."]


@run
async def test_a_call_refused_as_a_whole_is_said_as_zoho_s_error(page):
    services = services_with()
    services.answer("DELETE", CRM + "/Leads", zoho_error(400, "LIMIT_EXCEEDED", "limit exceeded"))
    await opened(services)
    tick(boxes(page)[0])
    part(page, "bulk-delete").click()
    part(page, "bulk-confirm").click()
    await settle()
    message = part(page, "view-message")
    assert "error" in message.className and said(page) == [] and "limit exceeded" in message.textContent


def offline_delete(services):
    """Choose the first row and delete it while the device is offline: no answer, to the delete
    nor to the list asked again after it."""
    from zoho.errors import NetworkError
    services.answer("DELETE", CRM + "/Leads", NetworkError(NetworkError.offline_message))
    services.answer("GET", CRM + "/Leads", NetworkError(NetworkError.offline_message))


async def deleted_offline(page):
    """The Leads list open, its first row deleted while the device is offline; the services."""
    services = services_with()
    await opened(services)
    offline_delete(services)
    tick(boxes(page)[0])
    part(page, "bulk-delete").click()
    part(page, "bulk-confirm").click()
    await settle()
    return services


@run
async def test_a_run_that_ended_offline_has_the_list_read_again_when_the_browser_is_back_online(page):
    from pyscript import window
    services = await deleted_offline(page)
    assert chosen_names(page) == [] and "offline" in part(page, "view-message").textContent
    lists = len(services.requests("GET", CRM + "/Leads"))
    services.answer("GET", CRM + "/Leads", page_of(NAMES[1:]))
    window.dispatch("online")
    await settle()
    assert len(services.requests("GET", CRM + "/Leads")) == lists + 1
    assert len(boxes(page)) == len(NAMES) - 1
    window.dispatch("online")  # once is enough: nothing is pending any more
    await settle()
    assert len(services.requests("GET", CRM + "/Leads")) == lists + 1


@run
async def test_back_online_the_list_is_not_read_again_when_the_view_shows_another_since(page):
    from pyscript import window
    services = await deleted_offline(page)
    services.answer("GET", CRM + "/Leads/search", page_of(NAMES[:1]))
    box = part(page, "module-search")
    box.value = "Babbage"
    box.dispatch("keydown", key="Enter")  # another list: a search's
    await settle()
    lists = len(services.requests("GET", CRM + "/Leads"))
    window.dispatch("online")
    await settle()
    assert len(services.requests("GET", CRM + "/Leads")) == lists and len(boxes(page)) == 1
