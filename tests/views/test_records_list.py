"""The records list's depth (issue 21), against the fake DOM of the page's template: the count
("1–2 of 2"), the page size and custom view kept for the module, the open module marked, the
filter bar (criteria or COQL, shown as sent, problems beside it), and whole values in titles."""

import json

import pytest

from zoho.api import CRM
from zoho.table_state import table_key

from tests.controller.fakes import answer, zoho_error
from tests.controller.sessions import run, settle

from .fakes import ALL_SCOPES, FakeServices, open_records, records_page, stored

DASH = "\u2013"
MODULES = {"modules": [{"api_name": "Leads", "plural_label": "Leads", "api_supported": True},
                       {"api_name": "Contacts", "plural_label": "Contacts", "api_supported": True}]}


def field(api_name, label, data_type="text", **more):
    return dict({"api_name": api_name, "field_label": label, "data_type": data_type}, **more)


LEADS_FIELDS = {"fields": [
    field("Owner", "Lead Owner", "ownerlookup"),
    field("Last_Name", "Last Name", system_mandatory=True, sortable=True),
    field("Company", "Company"),
    field("Lead_Status", "Lead Status", "picklist", pick_list_values=[
        {"display_value": "Contacted", "actual_value": "Contacted"}, {"display_value": "New", "actual_value": "New"}]),
    field("No_of_Employees", "Employees", "integer"),
    field("Email_Opt_Out", "Email Opt Out", "boolean"),
]}
VIEWS = {"custom_views": [{"id": "111", "display_value": "All Leads", "default": True},
                          {"id": "112", "display_value": "Contacted Leads"}]}
LONG = "The Extraordinarily Long-Named International Consolidated Widget Manufacturing Company " * 2


def page_of(names, companies=None):
    records = [{"id": str(100 + i), "Last_Name": name, "Company": (companies or {}).get(name, "Acme")}
               for i, name in enumerate(names)]
    return answer(200, {"data": records, "info": {"more_records": False, "per_page": 20}})


@pytest.fixture
def page():
    return records_page()


def services_for(scopes=None):
    services = FakeServices(scopes)
    services.answer("GET", CRM + "/settings/modules", answer(200, MODULES))
    services.answer("GET", CRM + "/settings/fields", answer(200, LEADS_FIELDS))
    services.answer("GET", CRM + "/settings/custom_views", answer(200, VIEWS))
    services.answer_formats()
    services.answer("GET", CRM + "/Leads", page_of(["Babbage", "Lovelace"], {"Lovelace": LONG}))
    services.answer("GET", CRM + "/Leads/actions/count", answer(200, {"count": 250}))
    return services


@pytest.fixture
def services():
    return services_for()


async def opened(services, address="?view=records&module=Leads"):
    return await open_records(services, address)


def by_testid(page, name):
    return page.querySelector('[data-testid="' + name + '"]')


def choose(page, testid, value):
    select = by_testid(page, testid)
    select.value = value
    select.dispatch("change")


def column(page, label):
    return [cell for cell in page.querySelectorAll('[data-testid="records"] td') if cell.getAttribute("data-label") == label]


def names(page):
    return [cell.textContent for cell in column(page, "Last Name")]


def last_query(services, path):
    return dict(services.requests("GET", CRM + path)[-1][0])


@run
async def test_the_count_says_where_the_page_is_among_zoho_s_count(page, services):
    await opened(services)
    assert by_testid(page, "record-count").textContent == "1" + DASH + "2 of 250"
    assert services.requests("GET", CRM + "/Leads/actions/count") == [([], None)]
    # The sort or the columns change no count: it is not asked again.
    choose(page, "page-size", "50")
    await settle()
    assert len(services.requests("GET", CRM + "/Leads/actions/count")) == 1


@run
async def test_without_zoho_s_count_the_list_says_only_what_it_shows_and_why(page, services):
    services.answer("GET", CRM + "/Leads/actions/count", zoho_error(400, "NOT_SUPPORTED", "not supported"))
    await opened(services)
    count = by_testid(page, "record-count")
    assert count.textContent == "1" + DASH + "2"
    assert count.getAttribute("title").startswith("Zoho did not count the records:")
    assert not by_testid(page, "view-message").is_shown()  # the list itself came


@run
async def test_the_page_size_is_asked_for_and_kept_for_the_module(page, services):
    await opened(services)
    assert [option.textContent for option in by_testid(page, "page-size").options] == ["10", "20", "50", "100", "200"]
    assert last_query(services, "/Leads")["per_page"] == "20"
    choose(page, "page-size", "100")
    await settle()
    assert last_query(services, "/Leads")["per_page"] == "100"
    assert stored(services.storage, table_key("Leads"))["per_page"] == 100
    # Another Records view of the tab (a reload) opens Leads with it.
    await opened(services)
    assert by_testid(page, "page-size").value == "100" and last_query(services, "/Leads")["per_page"] == "100"


@run
async def test_the_open_module_is_marked_in_the_modules_list(page, services):
    services.answer("GET", CRM + "/Contacts", page_of(["Hopper"]))
    services.answer("GET", CRM + "/Contacts/actions/count", answer(200, {"count": 1}))
    await opened(services)
    marked = [b.textContent for b in page.querySelectorAll('[data-testid="modules"] button')
              if b.getAttribute("aria-current") == "page"]
    assert marked == ["Leads"]
    page.querySelectorAll('[data-testid="modules"] button')[1].click()
    await settle()
    marked = [b.textContent for b in page.querySelectorAll('[data-testid="modules"] button')
              if b.getAttribute("aria-current") == "page"]
    assert marked == ["Contacts"]


@run
async def test_a_custom_view_lists_and_counts_its_records_and_is_kept(page, services):
    await opened(services)
    assert [o.textContent for o in by_testid(page, "custom-view").options] == [
        "All records", "All Leads", "Contacted Leads"]
    services.answer("GET", CRM + "/Leads", page_of(["Contacted"]))
    services.answer("GET", CRM + "/Leads/actions/count", answer(200, {"count": 39}))
    choose(page, "custom-view", "112")
    await settle()
    assert last_query(services, "/Leads")["cvid"] == "112"
    assert last_query(services, "/Leads/actions/count") == {"cvid": "112"}
    assert by_testid(page, "record-count").textContent == "1" + DASH + "1 of 39"
    assert stored(services.storage, table_key("Leads"))["view"] == "112"
    await opened(services)  # a reload of the tab
    assert by_testid(page, "custom-view").value == "112" and last_query(services, "/Leads")["cvid"] == "112"


@run
async def test_a_kept_view_zoho_no_longer_has_is_dropped(page, services):
    services.storage.items[table_key("Leads")] = '{"v": 1, "fields": ["Last_Name"], "sort": null, "view": "999"}'
    await opened(services)
    assert "cvid" not in last_query(services, "/Leads") and by_testid(page, "custom-view").value == ""


@run
async def test_without_the_views_scope_the_select_offers_all_records_and_says_why(page):
    services = services_for()
    services.answer("GET", CRM + "/settings/custom_views", zoho_error(400, "NO_PERMISSION", "permission denied"))
    await opened(services)
    select = by_testid(page, "custom-view")
    assert [o.textContent for o in select.options] == ["All records"]
    assert select.getAttribute("title").startswith("Zoho did not list the custom views")
    assert names(page) == ["Babbage", "Lovelace"]


def operators(page):
    return [o.value for o in by_testid(page, "filter-operator").options]


@run
async def test_the_filter_bar_offers_fields_operators_and_inputs_by_type(page, services):
    await opened(services)
    assert [o.textContent for o in by_testid(page, "filter-field").options] == [
        "Last Name", "Company", "Lead Status", "Employees", "Email Opt Out"]  # no owner: Zoho wants its id
    assert operators(page) == ["equals", "not_equal", "starts_with", "in"]
    assert by_testid(page, "filter-value").tagName == "INPUT" and by_testid(page, "filter-value").type == "text"
    choose(page, "filter-field", "Lead_Status")
    assert operators(page) == ["equals", "not_equal", "in"]
    assert [o.value for o in by_testid(page, "filter-value").options] == ["Contacted", "New"]
    choose(page, "filter-field", "No_of_Employees")
    choose(page, "filter-operator", "between")
    assert by_testid(page, "filter-value").type == "number" and by_testid(page, "filter-value-end").type == "number"
    choose(page, "filter-field", "Email_Opt_Out")
    assert operators(page) == ["equals", "not_equal"] and by_testid(page, "filter-value").type == "checkbox"


@run
async def test_a_value_typed_stays_when_only_the_operator_changes(page, services):
    await opened(services)
    choose(page, "filter-field", "Company")
    by_testid(page, "filter-value").value = "Acme Widgets"
    choose(page, "filter-operator", "starts_with")
    assert by_testid(page, "filter-value").value == "Acme Widgets"  # the same kind of input: kept as typed
    choose(page, "filter-field", "No_of_Employees")
    by_testid(page, "filter-value").value = "12"
    choose(page, "filter-operator", "between")
    assert by_testid(page, "filter-value").value == "12" and by_testid(page, "filter-value-end").value == ""
    choose(page, "filter-field", "Email_Opt_Out")
    by_testid(page, "filter-value").checked = True
    choose(page, "filter-operator", "not_equal")
    assert by_testid(page, "filter-value").checked is True


@run
async def test_a_filter_is_zoho_s_criteria_search_shown_as_sent_and_counted(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", page_of(["Contacted"]))
    services.answer("GET", CRM + "/Leads/actions/count", answer(200, {"count": 39}))
    choose(page, "custom-view", "112")
    await settle()
    choose(page, "filter-field", "Company")
    by_testid(page, "filter-value").value = "Burns, B (Jr)"
    by_testid(page, "filter-apply").click()
    await settle()
    criteria = "(Company:equals:Burns\\, B \\(Jr\\))"
    assert last_query(services, "/Leads/search")["criteria"] == criteria
    assert last_query(services, "/Leads/actions/count") == {"criteria": criteria}  # never with the view's cvid
    assert by_testid(page, "custom-view").value == ""  # the search covers every record
    assert criteria in by_testid(page, "filter-sent").textContent and by_testid(page, "filter-sent").is_shown()
    assert names(page) == ["Contacted"] and by_testid(page, "record-count").textContent == "1" + DASH + "1 of 39"
    by_testid(page, "filter-clear").click()
    await settle()
    assert not by_testid(page, "filter-sent").is_shown() and "cvid" not in last_query(services, "/Leads")
    assert names(page) == ["Babbage", "Lovelace"]


@run
async def test_a_value_that_does_not_fit_is_said_by_the_bar_and_the_rows_go(page, services):
    await opened(services)
    choose(page, "filter-field", "No_of_Employees")
    by_testid(page, "filter-value").value = "many"
    asked = len(services.sent)
    by_testid(page, "filter-apply").click()
    await settle()
    message = by_testid(page, "view-message")
    assert message.textContent.startswith("Employees must be a number")
    assert message.parentElement.children[message.parentElement.children.index(message) - 1].id == "filter-bar"
    assert names(page) == [] and by_testid(page, "record-count").textContent == ""
    assert len(services.sent) == asked


@run
async def test_a_number_the_input_cannot_read_is_said_as_such_not_as_missing(page, services):
    # A browser's number input holding "1e400" has the value "" and validity.badInput.
    await opened(services)
    choose(page, "filter-field", "No_of_Employees")
    by_testid(page, "filter-value").value = ""
    by_testid(page, "filter-value").validity.badInput = True
    asked = len(services.sent)
    by_testid(page, "filter-apply").click()
    await settle()
    assert by_testid(page, "view-message").textContent.startswith("Employees must be a whole number")
    assert len(services.sent) == asked
    value = by_testid(page, "filter-value")
    assert value.getAttribute("aria-invalid") == "true" and page.activeElement is value  # marked, as a form's field
    value.validity.badInput = False
    value.value = "12"
    services.answer("GET", CRM + "/Leads/search", page_of(["Twelve"]))
    services.answer("GET", CRM + "/Leads/actions/count", answer(200, {"count": 1}))
    by_testid(page, "filter-apply").click()
    await settle()
    assert value.getAttribute("aria-invalid") is None and "No_of_Employees:equals:12" in by_testid(page, "filter-sent").textContent


@run
async def test_zoho_s_refusal_of_a_filter_replaces_the_rows(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", zoho_error(400, "INVALID_QUERY", "invalid query formed"))
    choose(page, "filter-field", "Last_Name")
    by_testid(page, "filter-value").value = "Bab"
    by_testid(page, "filter-apply").click()
    await settle()
    assert names(page) == [] and by_testid(page, "view-message").is_shown()


@run
async def test_is_empty_is_a_coql_condition_counted_by_coql(page):
    services = services_for(ALL_SCOPES + ["ZohoCRM.coql.READ"])
    services.answer("POST", CRM + "/coql", answer(200, {"data": [{"id": "7", "Last_Name": "Nobody"}],
                                                        "info": {"count": 1, "more_records": False}}))
    await opened(services)
    choose(page, "filter-field", "Company")
    assert operators(page)[-2:] == ["is_empty", "is_not_empty"]
    choose(page, "filter-operator", "is_empty")
    assert by_testid(page, "filter-value") is None
    by_testid(page, "filter-apply").click()
    await settle()
    queries = [body["select_query"] for _, body in services.requests("POST", CRM + "/coql")]
    assert "select count(id) from Leads where Company is null" in queries
    assert any(q.startswith("select id, ") and " where Company is null order by id asc limit 0, 20" in q
               for q in queries), queries
    assert "Company is null" in by_testid(page, "filter-sent").textContent


@run
async def test_values_stay_whole_on_one_line_with_the_whole_in_the_title(page, services):
    await opened(services)
    cells = column(page, "Company")
    assert [cell.getAttribute("title") for cell in cells] == ["Acme", LONG]
    assert cells[1].textContent == LONG  # not cut: the stylesheet ends it with an ellipsis


@run
async def test_an_export_holds_what_the_list_shows_a_custom_view_s_records(page, services):
    await opened(services)
    choose(page, "custom-view", "112")
    await settle()
    by_testid(page, "export-csv").click()
    await settle()
    asked = services.requests("GET", CRM + "/Leads")[-1][0]
    assert dict(asked)["cvid"] == "112" and dict(asked)["per_page"] == "200"


@run
async def test_an_export_holds_what_the_list_shows_the_filter_s_records(page):
    services = services_for(ALL_SCOPES + ["ZohoCRM.coql.READ"])
    services.answer("POST", CRM + "/coql", answer(200, {"data": [{"id": "7", "Last_Name": "Nobody"}],
                                                        "info": {"count": 1, "more_records": False}}))
    await opened(services)
    choose(page, "filter-field", "Company")
    choose(page, "filter-operator", "is_empty")
    by_testid(page, "filter-apply").click()
    await settle()
    asked = len(services.requests("POST", CRM + "/coql"))
    by_testid(page, "export-csv").click()
    await settle()
    queries = [body["select_query"] for _, body in services.requests("POST", CRM + "/coql")[asked:]]
    assert queries and all(" where Company is null " in q or q.endswith(" where Company is null") for q in queries)


@run
async def test_the_table_s_values_are_formatted_as_the_detail_s_by_the_organisation_s_settings(page):
    from web.intl import TextFormatter

    class Marked(TextFormatter):  # stands for Intl's formatters, made from what Zoho said of org and user
        def __init__(self, formats):
            self.formats = formats

        def typed(self, data_type, value):
            return "[" + self.formats.currency + "] " + super().typed(data_type, value)

    async def make(formats):
        return Marked(formats)

    services = services_for()
    services.answer_formats({"iso_code": "EUR", "currency_locale": "de-DE"}, {"locale": "de_DE", "time_zone": "Europe/Berlin"})
    from web.views.records import detail
    original = detail.intl_formatter
    detail.intl_formatter = make
    try:
        await opened(services)
    finally:
        detail.intl_formatter = original
    assert [cell.textContent for cell in column(page, "Company")] == ["[EUR] Acme", "[EUR] " + LONG]


@run
async def test_emails_in_the_table_are_mailto_links_and_only_safe_values_become_links(page):
    services = services_for()
    services.answer("GET", CRM + "/settings/fields", answer(200, {"fields": LEADS_FIELDS["fields"] + [
        field("Email", "Email", "email")]}))
    services.answer("GET", CRM + "/Leads", answer(200, {"data": [
        {"id": "100", "Last_Name": "Babbage", "Email": "charles@engines.example"},
        {"id": "101", "Last_Name": "Mallory", "Email": "javascript:alert(1)"}],
        "info": {"more_records": False, "per_page": 20}}))
    await opened(services)
    cells = column(page, "Email")
    assert [cell.textContent for cell in cells] == ["charles@engines.example", "javascript:alert(1)"]
    assert [[a.getAttribute("href") for a in cell.querySelectorAll("a")] for cell in cells] == [
        ["mailto:charles@engines.example"], []]  # the second shown as text, never followed



@run
async def test_a_filter_applied_is_kept_for_the_tab_and_put_back_on_a_reload_until_cleared(page, services):
    await opened(services)
    services.answer("GET", CRM + "/Leads/search", page_of(["Contacted"]))
    choose(page, "filter-field", "Lead_Status")
    choose(page, "filter-value", "Contacted")
    by_testid(page, "filter-apply").click()
    await settle()
    sent = by_testid(page, "filter-sent").textContent
    assert stored(services.storage, table_key("Leads"))["filter"] == {
        "field": "Lead_Status", "operator": "equals", "values": ["Contacted"]}
    asked = len(services.requests("GET", CRM + "/Leads/search"))
    await opened(services)  # a reload of the tab
    assert by_testid(page, "filter-sent").is_shown() and by_testid(page, "filter-sent").textContent == sent
    assert len(services.requests("GET", CRM + "/Leads/search")) == asked + 1
    assert last_query(services, "/Leads/search")["criteria"] == "(Lead_Status:equals:Contacted)"
    assert names(page) == ["Contacted"]
    assert by_testid(page, "filter-field").value == "Lead_Status" and by_testid(page, "filter-value").value == "Contacted"
    by_testid(page, "filter-clear").click()
    await settle()
    assert "filter" not in stored(services.storage, table_key("Leads"))
    await opened(services)
    assert not by_testid(page, "filter-sent").is_shown() and names(page) == ["Babbage", "Lovelace"]


@run
async def test_a_kept_filter_that_no_longer_fits_the_field_is_dropped_quietly(page, services):
    services.storage.items[table_key("Leads")] = json.dumps({
        "v": 1, "fields": ["Last_Name"], "sort": None,
        "filter": {"field": "Lead_Status", "operator": "equals", "values": ["Qualified"]}})  # no longer a choice
    await opened(services)
    assert not by_testid(page, "filter-sent").is_shown() and not by_testid(page, "view-message").is_shown()
    assert services.requests("GET", CRM + "/Leads/search") == [] and names(page) == ["Babbage", "Lovelace"]
    assert "filter" not in stored(services.storage, table_key("Leads"))
