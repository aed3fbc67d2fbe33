"""The Records view's parts, driven on CPython against the fake DOM built from the page's
template and a fake of the session's services: what each part decides, without a browser."""

import json

import pytest

from zoho.api import CRM
from zoho.drafts import draft_key
from zoho.place import read_place

from tests.controller.fakes import answer, zoho_error
from tests.controller.sessions import run, settle

from .fakes import FakeServices, FakeShell, install_pyscript, load_view_section, records_page, stored

MODULES = {"modules": [
    {"api_name": "Leads", "plural_label": "Leads", "api_supported": True},
    {"api_name": "Contacts", "plural_label": "Contacts", "api_supported": True},
]}


def field(api_name, label, data_type="text", **more):
    return dict({"api_name": api_name, "field_label": label, "data_type": data_type}, **more)


LEADS_FIELDS = {"fields": [
    field("Last_Name", "Last Name", system_mandatory=True, sortable=True),
    field("First_Name", "First Name"),
    field("Email", "Email", "email"),
    field("Company", "Company"),
    field("Lead_Status", "Lead Status", "picklist", pick_list_values=[{"display_value": "New", "actual_value": "New"}]),
    field("Created_Time", "Created Time", "datetime", read_only=True, sortable=True),
    field("Modified_Time", "Modified Time", "datetime", read_only=True, sortable=True),
]}
CONTACTS_FIELDS = {"fields": [field("Last_Name", "Last Name", system_mandatory=True), field("Phone", "Phone", "phone")]}


def page_of(names, more=False, token=None):
    records = [{"id": str(100 + i), "Last_Name": name, "First_Name": "", "Email": name.lower() + "@example.test"}
               for i, name in enumerate(names)]
    return answer(200, {"data": records, "info": {"more_records": more, "next_page_token": token, "per_page": 20}})


def results(code="SUCCESS", message="record added", status="success", **details):
    return answer(201 if status == "success" else 400,
                  {"data": [{"code": code, "details": details, "message": message, "status": status}]})


@pytest.fixture
def page():
    return records_page()


@pytest.fixture
def services():
    services = FakeServices()
    services.answer("GET", CRM + "/settings/modules", answer(200, MODULES))
    services.answer("GET", CRM + "/settings/custom_views", answer(200, {"custom_views": []}))  # the list's views
    for module in ("Leads", "Contacts"):  # and counts (test_records_list.py)
        services.answer("GET", CRM + "/" + module + "/actions/count", answer(200, {"count": 2}))
    services.answer("GET", CRM + "/settings/fields", answer(200, LEADS_FIELDS))
    services.answer("GET", CRM + "/Leads", page_of(["Babbage", "Lovelace"], more=True, token="t2"))
    for path, key in (("/settings/layouts", "layouts"), ("/settings/related_lists", "related_lists"),
                      ("/org", "org"), ("/users", "users")):  # a record's detail in depth (test_record_depth.py)
        services.answer("GET", CRM + path, answer(200, {key: []}))
    return services


def new_view(services):
    from web.views.records import RecordsView
    shell = FakeShell()
    view = RecordsView(services, shell)
    shell.current = view
    view.root.hidden = False  # as the shell shows it
    return view


async def opened(services, address="?view=records&module=Leads"):
    """A Records view, signed in, at the place the address bar's ``address`` names."""
    view = new_view(services)
    view.signed_in()
    await settle()
    await view.enter(read_place(address, ["records"], "records"))
    await settle()
    return view


def by_testid(page, name):
    return page.querySelector('[data-testid="' + name + '"]')


def rows(page):
    return [[cell.textContent for cell in row.querySelectorAll("td") if cell.hasAttribute("data-label")]
            for row in page.querySelectorAll('[data-testid="records"] tbody tr')]


def headings(page):
    return [th.textContent for th in page.querySelectorAll('[data-testid="records"] th')
            if not th.classList.contains("select")][:-1]  # not the selection's column, nor Open's


def message(page):
    return by_testid(page, "view-message")


def press_enter_in_search(page, text):
    box = by_testid(page, "module-search")
    box.value = text
    box.dispatch("keydown", key="Enter")


# --- the list ----------------------------------------------------------------------------


@run
async def test_a_module_opens_on_its_first_page_headed_by_zoho_s_labels(page, services):
    await opened(services)
    assert headings(page) == ["Last Name", "First Name", "Email", "Company", "Lead Status"]
    assert [row[0] for row in rows(page)] == ["Babbage", "Lovelace"]
    query = dict(services.requests("GET", CRM + "/Leads")[-1][0])
    assert query["fields"] == "Last_Name,First_Name,Email,Company,Lead_Status"
    assert by_testid(page, "page-number").textContent == "Page 1"
    assert not by_testid(page, "next-page").disabled and by_testid(page, "previous-page").disabled


@run
async def test_next_asks_with_the_page_token_and_previous_comes_back(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads", page_of(["Hopper"]), page_of(["Babbage", "Lovelace"], True, "t2"))
    by_testid(page, "next-page").click()
    await settle()
    assert rows(page)[0][0] == "Hopper" and by_testid(page, "page-number").textContent == "Page 2"
    assert ("page_token", "t2") in services.requests("GET", CRM + "/Leads")[-1][0]
    by_testid(page, "previous-page").click()
    await settle()
    assert rows(page)[0][0] == "Babbage" and by_testid(page, "page-number").textContent == "Page 1"
    assert "page_token" not in dict(services.requests("GET", CRM + "/Leads")[-1][0])


@run
async def test_a_refused_search_leaves_no_rows_of_the_earlier_one(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", page_of(["Babbage"]),
                    zoho_error(400, "INVALID_QUERY", "invalid query formed"))
    press_enter_in_search(page, "Babbage")
    await settle()
    assert [row[0] for row in rows(page)] == ["Babbage"]
    press_enter_in_search(page, "(Last_Name:equals:Lovelace)and")  # criteria Zoho refuses
    await settle()
    assert rows(page) == []
    assert message(page).is_shown() and "error" in message(page).className
    assert by_testid(page, "records-empty").hidden and by_testid(page, "next-page").disabled


@run
async def test_a_search_the_app_cannot_send_leaves_no_rows_either(page, services):
    await opened(services)
    press_enter_in_search(page, "x")  # a single letter: Zoho searches words of two or more
    await settle()
    assert rows(page) == []
    assert "2 to 100 characters" in message(page).textContent
    assert services.requests("GET", CRM + "/Leads/search") == []


@run
async def test_criteria_with_an_operator_zoho_lacks_are_refused_before_sending(page, services):
    await opened(services)
    press_enter_in_search(page, "(Last_Name:bogus_op:x)")
    await settle()
    assert rows(page) == [] and "error" in message(page).className
    assert "'bogus_op'" in message(page).textContent and "starts_with" in message(page).textContent
    press_enter_in_search(page, "(Last_Name:equals:Lovelace")  # unclosed: not a word search either
    await settle()
    assert "parentheses" in message(page).textContent
    assert services.requests("GET", CRM + "/Leads/search") == []


@run
async def test_a_page_that_fails_replaces_the_rows_it_would_have_shown(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads", zoho_error(400, "INVALID_DATA", "invalid data"))
    by_testid(page, "next-page").click()
    await settle()
    assert rows(page) == [] and by_testid(page, "page-number").textContent == ""
    assert "error" in message(page).className


def heading(page, label):
    return [th for th in page.querySelectorAll('[data-testid="records"] th') if th.textContent == label][0]


def pick(page, api_name):
    [box] = [box for box in page.querySelectorAll("#field-choices input") if box.value == api_name]
    box.click()


@run
async def test_a_column_zoho_s_list_sorts_by_is_sorted_by_sort_by_and_kept_for_the_module(page, services):
    view = await opened(services)
    pick(page, "Modified_Time")
    await settle()
    heading(page, "Modified Time").querySelector("button").click()
    await settle()
    assert ("sort_by", "Modified_Time") in services.requests("GET", CRM + "/Leads")[-1][0]
    assert ("sort_order", "desc") in services.requests("GET", CRM + "/Leads")[-1][0]
    assert heading(page, "Modified Time").getAttribute("aria-sort") == "descending"
    heading(page, "Modified Time").querySelector("button").click()
    await settle()
    assert ("sort_order", "asc") in services.requests("GET", CRM + "/Leads")[-1][0]
    # Another module, and back: the sort is still there.
    services.answer("GET", CRM + "/settings/fields", answer(200, CONTACTS_FIELDS))
    services.answer("GET", CRM + "/Contacts", page_of(["Turing"]))
    await view.open_module(view._module("Contacts"))
    await view.open_module(view._module("Leads"))
    await settle()
    assert ("sort_order", "asc") in services.requests("GET", CRM + "/Leads")[-1][0]
    assert stored(services.storage, "zoho.table.Leads")["sort"] == {"by": "Modified_Time", "order": "asc"}


@run
async def test_without_the_query_scope_other_columns_are_not_sortable_and_say_why(page, services):
    await opened(services)
    last_name = heading(page, "Last Name")
    assert last_name.getAttribute("aria-sort") is None
    assert "ZohoCRM.coql.READ" in last_name.title
    assert "does not sort" in heading(page, "First Name").title  # not sortable in Zoho's metadata
    # The reason is reachable without a pointer: the heading is a button that says it in the
    # view's message (and describes itself by it).
    why = last_name.querySelector("button")
    assert "ZohoCRM.coql.READ" in why.title
    why.click()
    await settle()
    assert "ZohoCRM.coql.READ" in message(page).textContent and message(page).is_shown()
    heading(page, "First Name").querySelector("button").click()
    await settle()
    assert "does not sort" in message(page).textContent
    assert last_name.getAttribute("aria-sort") is None
    sent = [dict(query).get("sort_by") for query, _ in services.requests("GET", CRM + "/Leads")]
    assert set(sent) == {None}


def coql_page(names, more):
    rows = [{"id": str(200 + i), "Last_Name": name} for i, name in enumerate(names)]
    return answer(200, {"data": rows, "info": {"count": len(rows), "more_records": more}})


@run
async def test_with_the_query_scope_any_sortable_column_sorts_through_coql_paged_the_same_way(page, services):
    services.scopes = services.scopes + ["ZohoCRM.coql.READ"]
    await opened(services)
    services.answer("POST", CRM + "/coql", coql_page(["Turing", "Lovelace"], True), coql_page(["Babbage"], False))
    heading(page, "Last Name").querySelector("button").click()
    await settle()
    assert [row[0] for row in rows(page)] == ["Turing", "Lovelace"]
    query = services.requests("POST", CRM + "/coql")[-1][1]["select_query"]
    assert "order by Last_Name desc limit 0, 20" in query
    by_testid(page, "next-page").click()
    await settle()
    assert [row[0] for row in rows(page)] == ["Babbage"]
    assert "limit 2, 20" in services.requests("POST", CRM + "/coql")[-1][1]["select_query"]
    assert by_testid(page, "page-number").textContent == "Page 2" and by_testid(page, "next-page").disabled
    assert [dict(q).get("sort_by") for q, _ in services.requests("GET", CRM + "/Leads")] == [None]


@run
async def test_the_chosen_fields_and_sort_come_back_in_a_new_page_of_the_same_tab(page, services):
    await opened(services)
    pick(page, "Modified_Time")
    await settle()
    heading(page, "Modified Time").querySelector("button").click()
    pick(page, "Company")  # unticked
    await settle()
    # A reload: a new view over the same tab storage.
    load_view_section(page, "records")
    again = FakeServices()
    again.storage = services.storage
    again.answers = services.answers
    await opened(again)
    query = dict(again.requests("GET", CRM + "/Leads")[-1][0])
    assert query["fields"] == "Last_Name,First_Name,Email,Lead_Status,Modified_Time"
    assert query["sort_by"] == "Modified_Time" and query["sort_order"] == "desc"
    assert "Company" not in headings(page)


@run
async def test_a_field_ticked_is_added_after_the_columns_shown_in_their_order(page, services):
    await opened(services)
    pick(page, "Modified_Time")
    await settle()
    pick(page, "Created_Time")  # its box comes before Modified Time's; its column after
    await settle()
    assert headings(page) == ["Last Name", "First Name", "Email", "Company", "Lead Status", "Modified Time",
                              "Created Time"]
    query = dict(services.requests("GET", CRM + "/Leads")[-1][0])
    assert query["fields"] == "Last_Name,First_Name,Email,Company,Lead_Status,Modified_Time,Created_Time"


@run
async def test_unticking_every_field_says_to_choose_one_and_asks_nothing(page, services):
    await opened(services)
    asked = len(services.sent)
    for box in page.querySelectorAll("#field-choices input:checked"):
        box.click()
        await settle()
    assert "Choose at least one field" in message(page).textContent
    assert len(services.sent) == asked + 4  # one request for each box unticked but the last


# --- one record, the form ----------------------------------------------------------------

LEAD = {"id": "101", "Last_Name": "Lovelace", "First_Name": "Ada", "Email": "ada@example.test"}


@run
async def test_a_deep_link_to_a_record_id_that_is_not_digits_is_never_fetched(page, services):
    await opened(services, "?view=records&module=Leads&record=101%2F..%2F..%2Fsettings%3Fx%3D1")
    assert [p for m, p, q, b in services.sent if "/Leads/" in p and not p.endswith("/actions/count")] == []
    assert by_testid(page, "record-detail").hidden
    assert "not a Zoho record id" in message(page).textContent


@run
async def test_after_save_the_message_is_what_is_scrolled_into_view(page, services):
    services.answer("GET", CRM + "/Leads/101", answer(200, {"data": [LEAD]}))
    await opened(services, "?view=records&module=Leads&record=101")
    assert by_testid(page, "record-detail").is_shown()
    [edit] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Edit"]
    edit.click()
    page.getElementById("field-First_Name").type_text("Augusta Ada")
    services.answer("PUT", CRM + "/Leads", results(message="record updated", id="101"))
    by_testid(page, "save-record").click()
    await settle()
    assert "Done: record updated" in message(page).textContent
    assert page.scrolled[-1] is message(page)
    assert message(page).is_shown() and by_testid(page, "record-detail").is_shown()
    assert services.requests("PUT", CRM + "/Leads")[-1][1] == {"data": [{"First_Name": "Augusta Ada", "id": "101"}]}


FORM_PROPERTY_FIELDS = {"fields": LEADS_FIELDS["fields"] + [
    field(name, name.title()) for name in ("hidden", "action", "submit", "elements", "length", "method")]}


@run
async def test_a_form_works_whatever_the_field_api_names_are(page, services):
    services.answer("GET", CRM + "/settings/fields", answer(200, FORM_PROPERTY_FIELDS))
    await opened(services)
    by_testid(page, "new-record").click()
    typed = {"Last_Name": "Hopper", "hidden": "h", "action": "a", "submit": "s", "elements": "e",
             "length": "l", "method": "m"}
    for name, text in typed.items():
        page.getElementById("field-" + name).type_text(text)
    await settle()
    kept = stored(services.storage, draft_key("records"))
    assert {key[len("field:"):]: text for key, text in kept.items() if key.startswith("field:")} == typed
    assert all(control.getAttribute("name") is None for control in page.querySelectorAll("#record-inputs input"))
    # After a reload the form comes back as it was typed.
    load_view_section(page, "records")
    await opened(services)
    assert {name: page.getElementById("field-" + name).value for name in typed} == typed
    services.answer("POST", CRM + "/Leads", results(id="300"))
    services.answer("GET", CRM + "/Leads/300", answer(200, {"data": [{"id": "300", "Last_Name": "Hopper"}]}))
    by_testid(page, "save-record").click()
    await settle()
    assert services.requests("POST", CRM + "/Leads")[-1][1] == {"data": [typed]}


@run
async def test_a_new_record_is_shown_once_created_and_its_form_draft_goes(page, services):
    await opened(services)
    by_testid(page, "new-record").click()
    page.getElementById("field-Last_Name").type_text("Hopper")
    await settle()
    assert "field:Last_Name" in stored(services.storage, draft_key("records"))
    services.answer("POST", CRM + "/Leads", results(id="300"))
    services.answer("GET", CRM + "/Leads/300", answer(200, {"data": [{"id": "300", "Last_Name": "Hopper"}]}))
    by_testid(page, "save-record").click()
    await settle()
    assert by_testid(page, "record-title").textContent == "Hopper"
    assert "Done: record added (id 300)" in message(page).textContent
    assert page.getElementById("record-form").hidden
    assert draft_key("records") not in services.storage.items


@run
async def test_delete_asks_first_then_says_zoho_s_result_and_lists_again(page, services):
    services.answer("GET", CRM + "/Leads/101", answer(200, {"data": [LEAD]}))
    view = await opened(services, "?view=records&module=Leads&record=101")
    [delete] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Delete"]
    delete.click()
    assert services.requests("DELETE", CRM + "/Leads") == []
    services.answer("DELETE", CRM + "/Leads", answer(200, {"data": [
        {"code": "SUCCESS", "details": {"id": "101"}, "message": "record deleted", "status": "success"}]}))
    by_testid(page, "confirm-delete").click()
    await settle()
    assert services.requests("DELETE", CRM + "/Leads")[-1][0] == [("ids", "101")]
    assert "record deleted" in message(page).textContent
    assert by_testid(page, "record-detail").hidden and view.place() == [("module", "Leads")]


@run
async def test_read_only_scopes_offer_no_create_edit_or_delete(page, services):
    services.scopes = ["ZohoCRM.modules.READ", "ZohoCRM.settings.READ"]
    services.answer("GET", CRM + "/Leads/101", answer(200, {"data": [LEAD]}))
    await opened(services, "?view=records&module=Leads&record=101")
    assert by_testid(page, "new-record").hidden
    assert [b.textContent for b in page.querySelectorAll("#record-actions button")] == ["Close"]


# --- export ------------------------------------------------------------------------------


@run
async def test_an_export_asks_for_every_page_and_makes_one_file(page, services):
    pyscript = install_pyscript()
    await opened(services)
    made = len(pyscript.window.files)
    services.answer("GET", CRM + "/Leads", page_of(["Babbage"], True, "e2"), page_of(["Lovelace"]))
    by_testid(page, "export-json").click()
    await settle()
    queries = [dict(query) for query, _ in services.requests("GET", CRM + "/Leads")[-2:]]
    assert [q.get("page_token") for q in queries] == [None, "e2"] and queries[0]["per_page"] == "200"
    parts, options = pyscript.window.files[made]
    assert [row["Last_Name"] for row in json.loads("".join(parts))] == ["Babbage", "Lovelace"]
    assert "Exported 2 records to Leads.json (2 calls, 2 API credits)." in message(page).textContent
    assert "page by page, one after the other" in by_testid(page, "export-progress").parentElement.textContent


@run
async def test_with_zoho_s_query_permission_an_export_goes_through_coql_pages_side_by_side(page, services):
    pyscript = install_pyscript()
    services.scopes.append("ZohoCRM.coql.READ")
    await opened(services)
    made = len(pyscript.window.files)
    full = answer(200, {"data": [{"id": str(n), "Last_Name": "L" + str(n)} for n in range(200)],
                        "info": {"count": 200, "more_records": True}})
    counted = answer(200, {"data": [{"COUNT(id)": 201}], "info": {"count": 1, "more_records": False}})
    last = answer(200, {"data": [{"id": "200", "Last_Name": "Babbage"}], "info": {"count": 1, "more_records": False}})
    services.answer("POST", CRM + "/coql", full, counted, last)  # in the order asked
    by_testid(page, "export-csv").click()
    await settle()
    asked = [body["select_query"] for _, body in services.requests("POST", CRM + "/coql")]
    page_of_rows = "select id, Last_Name, First_Name, Email, Company, Lead_Status from Leads where id is not null "
    assert asked == [page_of_rows + "order by id asc limit 0, 200", "select COUNT(id) from Leads where id is not null",
                     page_of_rows + "order by id asc limit 200, 2000"]
    parts, _options = pyscript.window.files[made]
    lines = "".join(part for part in parts if isinstance(part, str)).split("\r\n")
    assert lines[0] == "Last Name,First Name,Email,Company,Lead Status" and lines[1:3] == ["L0,,,,", "L1,,,,"]
    assert lines[201] == "Babbage,,,," and lines[202:] == [""]
    assert "Exported 201 records to Leads.csv (3 calls, 5 API credits)." in message(page).textContent


# --- what is wrong, at the field ---------------------------------------------------------


def marked(page, api_name):
    """(aria-invalid, the text of what aria-describedby points at) of a field's input."""
    control = page.getElementById("field-" + api_name)
    described = control.getAttribute("aria-describedby")
    said = page.getElementById(described) if described else None
    return control.getAttribute("aria-invalid"), said.textContent if said is not None and said.is_shown() else None


@run
async def test_the_form_s_own_checks_mark_the_field_and_move_focus_to_it(page, services):
    await opened(services)
    by_testid(page, "new-record").click()
    page.getElementById("field-Email").type_text("not an address")
    by_testid(page, "save-record").click()
    await settle()
    assert marked(page, "Last_Name") == ("true", "Last Name is required.")
    assert marked(page, "Email") == ("true", "Email must be an email address, such as ada@example.com.")
    assert marked(page, "First_Name") == (None, None)
    assert "Last Name is required." in message(page).textContent
    assert services.requests("POST", CRM + "/Leads") == []  # nothing sent
    assert page.activeElement is page.getElementById("field-Last_Name")
    assert page.getElementById("field-Email").value == "not an address"  # the form is kept
    page.getElementById("field-Last_Name").type_text("Hopper")
    assert marked(page, "Last_Name") == (None, None)  # corrected: no longer marked


@run
async def test_a_field_zoho_refuses_is_marked_at_the_field(page, services):
    await opened(services)
    by_testid(page, "new-record").click()
    page.getElementById("field-Last_Name").type_text("Hopper")
    page.getElementById("field-Company").type_text("x" * 20)
    services.answer("POST", CRM + "/Leads", answer(400, {"data": [{
        "code": "INVALID_DATA", "message": "invalid data", "status": "error",
        "details": {"api_name": "Company", "json_path": "$.data[0].Company", "maximum_length": 10}}]}))
    by_testid(page, "save-record").click()
    await settle()
    invalid, said = marked(page, "Company")
    assert invalid == "true" and said.startswith("Company ") and "10" in said
    assert page.activeElement is page.getElementById("field-Company")
    assert page.getElementById("record-form").is_shown() and page.getElementById("field-Company").value == "x" * 20
    assert marked(page, "Last_Name") == (None, None)


PROJECT_FIELDS = {"fields": [
    field("Project_Name", "Project Name", system_mandatory=True),
    field("Milestones", "Milestones", "subform"),
    field("Team", "Team", "multiselectlookup"),
    field("Contract", "Contract", "fileupload"),
    field("Budget", "Budget", "currency"),
]}
PROJECT = {"id": "501", "Project_Name": "Engine", "Budget": 1250.5,
           "Milestones": [{"id": "9", "Title": "Design", "Due": "2026-01-01"}],
           "Team": [{"id": "7", "Contact": {"name": "Ada Lovelace", "id": "101"}}],
           "Contract": [{"File_Name__s": "contract.pdf", "File_Id__s": "f1", "id": "3"}]}


@run
async def test_every_field_type_is_shown_as_text_and_what_is_not_edited_says_why(page, services):
    services.answer("GET", CRM + "/settings/modules", answer(200, {"modules": [
        {"api_name": "Projects", "plural_label": "Projects", "api_supported": True}]}))
    services.answer("GET", CRM + "/settings/fields", answer(200, PROJECT_FIELDS))
    services.answer("GET", CRM + "/Projects", answer(200, {"data": [PROJECT], "info": {"more_records": False}}))
    services.answer("GET", CRM + "/Projects/501", answer(200, {"data": [PROJECT]}))
    await opened(services, "?view=records&module=Projects&record=501")
    facts = page.querySelectorAll('[data-testid="record-fields"] dd')
    terms = [dt.textContent for dt in page.querySelectorAll('[data-testid="record-fields"] dt')]
    shown = dict(zip(terms, [dd.textContent for dd in facts]))
    assert shown["Team"] == "Ada Lovelace" and shown["Contract"] == "contract.pdf"
    assert shown["Milestones"].startswith("1 row: ") and "Design" in shown["Milestones"]
    assert shown["Budget"] == "1,250.50"
    [edit] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Edit"]
    edit.click()
    assert page.getElementById("field-Budget") is not None
    read_only = {row.querySelector(".label").textContent: row.textContent
                 for row in page.querySelectorAll('[data-testid="read-only-field"]')}
    assert set(read_only) == {"Milestones", "Team", "Contract"}
    assert "contract.pdf" in read_only["Contract"] and "read-only here" in read_only["Contract"]
    assert page.getElementById("field-Team") is None


@run
async def test_a_search_says_where_zoho_s_2000_matches_end_and_the_way_on(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", page_of(["Babbage"] * 20, more=True))
    press_enter_in_search(page, "Babbage")
    await settle()
    reach_note = by_testid(page, "records-reach")
    for _ in range(99):
        assert reach_note.hidden
        by_testid(page, "next-page").click()
        await settle()
    assert by_testid(page, "page-number").textContent == "Page 100"
    assert reach_note.is_shown() and "at most 2,000 matching records" in reach_note.textContent
    assert "narrow the search" in reach_note.textContent and by_testid(page, "next-page").disabled
    assert ("page", "101") not in [pair for query, _ in services.requests("GET", CRM + "/Leads/search") for pair in query]


@run
async def test_a_search_page_zoho_refuses_as_past_its_reach_says_so(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", page_of(["Babbage"] * 20, more=True),
                    answer(400, {"code": "LIMIT_REACHED", "details": {"limit": "2000"},
                                 "message": "maximum response iteration limit reached", "status": "error"}))
    press_enter_in_search(page, "Babbage")
    await settle()
    by_testid(page, "next-page").click()
    await settle()
    assert "at most 2,000 matching records" in message(page).textContent and rows(page) == []


@run
async def test_the_kept_table_goes_at_sign_out_but_stays_when_the_session_only_lapsed(page, services):
    view = await opened(services)
    pick(page, "Company")
    await settle()
    assert "zoho.table.Leads" in services.storage.items
    view.reset(forget_drafts=False)  # the token was refused: the person signs in again
    await settle()
    assert "zoho.table.Leads" in services.storage.items
    view.signed_in()
    await settle()
    await view.enter(read_place("?view=records&module=Leads", ["records"], "records"))
    await settle()
    assert "Company" not in headings(page)  # the table as it was kept
    view.reset(forget_drafts=True)  # signed out
    await settle()
    assert "zoho.table.Leads" not in services.storage.items
    assert rows(page) == [] and by_testid(page, "module-title").textContent == ""


@run
async def test_typed_field_names_are_shown_and_an_empty_box_asks_for_one(page, services):
    await opened(services)
    asked = len(services.sent)
    by_testid(page, "fields").value = " , "
    by_testid(page, "fields-apply").click()
    await settle()
    assert "at least one field" in message(page).textContent and len(services.sent) == asked
    by_testid(page, "fields").value = "Email, Company"
    by_testid(page, "fields-apply").click()
    await settle()
    assert dict(services.requests("GET", CRM + "/Leads")[-1][0])["fields"] == "Email,Company"
    assert headings(page) == ["Email", "Company"]
    ticked = [box.value for box in page.querySelectorAll("#field-choices input:checked")]
    assert sorted(ticked) == ["Company", "Email"]


@run
async def test_a_record_that_cannot_be_opened_leaves_no_other_record_on_show(page, services):
    services.answer("GET", CRM + "/Leads/101", answer(200, {"data": [LEAD]}))
    view = await opened(services, "?view=records&module=Leads&record=101")
    assert by_testid(page, "record-title").textContent == "Lovelace"
    [opener] = [row.querySelector("button") for row in page.querySelectorAll('[data-testid="records"] tbody tr')
                if "Lovelace" in row.textContent]
    services.answer("GET", CRM + "/Leads/101", zoho_error(500, "INTERNAL_ERROR", "internal error"))
    opener.click()  # opened again, and this time Zoho fails
    await settle()
    assert by_testid(page, "record-detail").hidden and by_testid(page, "record-title").textContent == ""
    assert "error" in message(page).className and view.place() == [("module", "Leads")]


@run
async def test_an_export_of_a_search_stops_at_zoho_s_2000_matches_and_says_so(page, services):
    pyscript = install_pyscript()
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", page_of(["Babbage"] * 200, more=True))
    press_enter_in_search(page, "Babbage")
    await settle()
    made = len(pyscript.window.files)
    by_testid(page, "export-json").click()
    await settle()
    pages = [dict(query).get("page") for query, _ in services.requests("GET", CRM + "/Leads/search")]
    assert pages[-1] == "10" and "11" not in pages
    parts, _options = pyscript.window.files[made]
    assert len(json.loads("".join(parts))) == 2000
    assert "first 2,000 matches" in by_testid(page, "records-reach").textContent


# --- a form's typed values are not thrown away without asking ---------------------------------


def asked(page):
    """The labels of the question's buttons in the view's message ([] when nothing is asked)."""
    said = message(page)
    return [b.textContent for b in said.querySelectorAll("button")] if said.is_shown() else []


def press(page, label):
    [chosen] = [b for b in message(page).querySelectorAll("button") if b.textContent == label]
    chosen.click()


def open_buttons(page):
    return {row.querySelector("td[data-label]").textContent: row.querySelector("td.action button")
            for row in page.querySelectorAll('[data-testid="records"] tbody tr')}


@run
async def test_an_edit_with_changes_asks_before_another_row_opens_and_an_unchanged_one_does_not(page, services):
    services.answer("GET", CRM + "/Leads/101", answer(200, {"data": [LEAD]}))
    view = await opened(services, "?view=records&module=Leads&record=101")
    [edit] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Edit"]
    edit.click()
    assert view.unsaved_work() is None  # the record's own values: nothing to lose
    page.getElementById("field-First_Name").type_text("Augusta Ada")
    page.getElementById("field-Email").type_text("augusta@example.test")
    assert view.unsaved_work() == "The record form has 2 changes not saved to Zoho; they are kept nowhere else."
    services.answer("GET", CRM + "/Leads/100", answer(200, {"data": [dict(LEAD, id="100", Last_Name="Babbage")]}))
    open_buttons(page)["Babbage"].click()
    await settle()
    assert asked(page) == ["Keep the form", "Discard and go on"]
    assert "Discard them and go on?" in message(page).textContent
    press(page, "Keep the form")
    assert page.getElementById("record-form").is_shown() and services.requests("GET", CRM + "/Leads/100") == []
    assert page.getElementById("field-First_Name").value == "Augusta Ada"
    open_buttons(page)["Babbage"].click()
    await settle()
    press(page, "Discard and go on")
    await settle()
    assert page.getElementById("record-form").hidden and by_testid(page, "record-title").textContent == "Babbage"
    assert draft_key("records") not in services.storage.items  # the discarded form is not kept either
    [edit] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Edit"]
    edit.click()
    page.getElementById("field-First_Name").type_text("Augusta")
    page.getElementById("field-First_Name").type_text("Ada")  # typed, then put back as it was
    open_buttons(page)["Lovelace"].click()
    await settle()
    assert asked(page) == [] and by_testid(page, "record-title").textContent == "Lovelace"


@run
async def test_a_new_record_being_filled_in_is_asked_about_before_another_module_or_a_new_form(page, services):
    view = await opened(services)
    by_testid(page, "new-record").click()
    page.getElementById("field-Last_Name").type_text("Hopper")
    assert view.unsaved_work() == ("The new record you are filling in is not saved to Zoho; what you typed is kept "
                                   "nowhere else.")
    modules = {b.textContent: b for b in page.querySelectorAll('[data-testid="modules"] button')}
    modules["Contacts"].click()
    await settle()
    assert asked(page) == ["Keep the form", "Discard and go on"] and view.module["api_name"] == "Leads"
    press(page, "Keep the form")
    by_testid(page, "new-record").click()  # a new form would replace this one
    assert asked(page) == ["Keep the form", "Discard and go on"]
    message(page).dispatch("keydown", key="Escape")
    assert asked(page) == [] and page.getElementById("field-Last_Name").value == "Hopper"
    services.answer("GET", CRM + "/settings/fields", answer(200, CONTACTS_FIELDS))
    services.answer("GET", CRM + "/Contacts", page_of(["Curie"]))
    modules["Contacts"].click()
    await settle()
    press(page, "Discard and go on")
    await settle()
    assert view.module["api_name"] == "Contacts" and page.getElementById("record-form").hidden
    assert view.unsaved_work() is None and draft_key("records") not in services.storage.items


@run
async def test_back_to_the_list_from_an_edit_with_changes_asks_and_closes_the_form_when_discarded(page, services):
    services.answer("GET", CRM + "/Leads/101", answer(200, {"data": [LEAD]}))
    view = await opened(services)
    open_buttons(page)["Lovelace"].click()
    await settle()
    [edit] = [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Edit"]
    edit.click()
    page.getElementById("field-First_Name").type_text("Augusta Ada")
    await view.shell.back(view)
    await settle()
    assert asked(page) == ["Keep the form", "Discard and go on"]
    press(page, "Discard and go on")
    await settle()
    assert view.place() == [("module", "Leads")]
    assert page.getElementById("record-form").hidden and by_testid(page, "record-detail").hidden
