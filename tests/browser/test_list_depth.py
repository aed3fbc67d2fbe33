"""The records list as a CRM person uses it (issue 21): "1–20 of 250" from Zoho's count, the page
size kept for the module, the open module marked, Zoho's custom views, the filter bar sending
criteria (or COQL) shown as sent and kept over a reload, and a table that uses its width with whole values on hover."""

import json
import urllib.request
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from playwright.sync_api import expect

from .harness import API_ORIGIN, SCOPES, wait_ready
from .steps import open_module, open_signed_in, record_rows, view_message

COQL_SCOPES = list(SCOPES) + ["ZohoCRM.coql.READ"]
DASH = "\u2013"


def all_leads(sandbox):
    """Every Lead as the sandbox's API lists it (page by page), to count what the app should."""
    token = sandbox.mint_token()["access_token"]
    records, page_token = [], None
    while True:
        query = {"fields": "Lead_Status,Follow_Up_At,Email", "per_page": "200"}
        if page_token:
            query["page_token"] = page_token
        request = urllib.request.Request(API_ORIGIN + "/crm/v8/Leads?" + urlencode(query),
                                         headers={"Authorization": "Zoho-oauthtoken " + token})
        with urllib.request.urlopen(request) as answer:
            body = json.loads(answer.read())
        records += body["data"]
        page_token = body["info"].get("next_page_token")
        if not body["info"]["more_records"]:
            return records


def count_of(page):
    return page.get_by_test_id("record-count")


def test_the_count_the_page_size_and_the_open_module(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of 250")
    assert [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads/actions/count"]
    modules = page.get_by_test_id("modules")
    expect(modules.get_by_role("button", name="Leads", exact=True)).to_have_attribute("aria-current", "page")
    expect(modules.locator('[aria-current="page"]')).to_have_count(1)
    page.get_by_test_id("page-size").select_option("50")
    expect(record_rows(page)).to_have_count(50)
    expect(count_of(page)).to_have_text(f"1{DASH}50 of 250")
    page.get_by_test_id("next-page").click()
    expect(count_of(page)).to_have_text(f"51{DASH}100 of 250")
    open_module(page, "Contacts")
    expect(modules.get_by_role("button", name="Contacts", exact=True)).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("page-size")).to_have_value("20")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of 120")
    page.reload()  # the page size is kept for the module, for the tab
    open_module(page, "Leads")
    expect(page.get_by_test_id("page-size")).to_have_value("50")
    expect(record_rows(page)).to_have_count(50)


def test_a_custom_view_lists_its_records_and_counts_them(page, sandbox):
    contacted = sum(1 for r in all_leads(sandbox) if r["Lead_Status"] == "Contacted")
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of 250")
    page.get_by_test_id("custom-view").select_option(label="Contacted Leads")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of {contacted}")
    statuses = page.locator('[data-testid=records] td[data-label="Lead Status"]').all_inner_texts()
    assert set(statuses) == {"Contacted"}
    asked = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads" and "cvid=" in r["query"]]
    assert asked


def test_the_filter_bar_sends_criteria_shown_as_sent_and_clears(page, sandbox):
    contacted = sum(1 for r in all_leads(sandbox) if r["Lead_Status"] == "Contacted")
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of 250")
    page.get_by_test_id("filter-field").select_option(label="Lead Status")
    page.get_by_test_id("filter-operator").select_option("equals")
    page.get_by_test_id("filter-value").select_option("Contacted")
    page.get_by_test_id("filter-apply").click()
    expect(page.get_by_test_id("filter-sent")).to_contain_text("(Lead_Status:equals:Contacted)")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of {contacted}")
    searched = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads/search"]
    assert "criteria=%28Lead_Status%3Aequals%3AContacted%29" in searched[-1]["query"]
    assert set(page.locator('[data-testid=records] td[data-label="Lead Status"]').all_inner_texts()) == {"Contacted"}
    # The filter is kept for the tab with the module's table: a reload shows it sent again, the same rows.
    sent, rows = page.get_by_test_id("filter-sent").inner_text(), record_rows(page).all_text_contents()
    page.reload()
    wait_ready(page)
    expect(page.get_by_test_id("filter-sent")).to_have_text(sent)
    expect(record_rows(page)).to_have_text(rows)
    expect(count_of(page)).to_have_text(f"1{DASH}20 of {contacted}")
    expect(page.get_by_test_id("filter-value")).to_have_value("Contacted")
    # A value that does not fit is said next to the bar, and no rows of the last answer stay.
    page.get_by_test_id("filter-field").select_option(label="No. of Employees")
    page.get_by_test_id("filter-operator").select_option("greater_than")
    page.get_by_test_id("filter-apply").click()
    message = view_message(page, "records")
    expect(message).to_contain_text("No. of Employees needs a value")
    expect(record_rows(page)).to_have_count(0)
    assert page.evaluate("""() => document.getElementById('filter-bar').nextElementSibling
        === document.querySelector('[data-view=records] [data-testid=view-message]')""")
    page.get_by_test_id("filter-value").fill("5000")
    page.get_by_test_id("filter-apply").click()
    expect(page.get_by_test_id("filter-sent")).to_contain_text("(No_of_Employees:greater_than:5000)")
    page.get_by_test_id("filter-clear").click()
    expect(page.get_by_test_id("filter-sent")).to_be_hidden()
    expect(count_of(page)).to_have_text(f"1{DASH}20 of 250")


def test_a_date_and_time_is_typed_in_the_person_s_zone(page, sandbox):
    open_signed_in(page, sandbox)
    offset = page.evaluate("() => -new Date('2024-04-01T00:00').getTimezoneOffset()")
    since = datetime(2024, 4, 1, tzinfo=timezone(timedelta(minutes=offset)))
    later = sum(1 for r in all_leads(sandbox)
                if r["Follow_Up_At"] and datetime.fromisoformat(r["Follow_Up_At"]) > since)
    open_module(page, "Leads")
    page.get_by_test_id("filter-field").select_option(label="Follow-up At")
    page.get_by_test_id("filter-operator").select_option("greater_than")
    expect(page.get_by_test_id("filter-operator")).to_contain_text("is after")
    page.get_by_test_id("filter-value").fill("2024-04-01T00:00")
    page.get_by_test_id("filter-apply").click()
    expect(page.get_by_test_id("filter-sent")).to_contain_text("(Follow_Up_At:greater_than:2024-04-01T00:00:00")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of {later}")


def test_is_empty_goes_through_coql(page, sandbox):
    unset = sum(1 for r in all_leads(sandbox) if r["Follow_Up_At"] is None)
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_module(page, "Leads")
    page.get_by_test_id("filter-field").select_option(label="Follow-up At")
    page.get_by_test_id("filter-operator").select_option("is_empty")
    expect(page.get_by_test_id("filter-value")).to_have_count(0)
    page.get_by_test_id("filter-apply").click()
    expect(page.get_by_test_id("filter-sent")).to_contain_text("Follow_Up_At is null")
    expect(count_of(page)).to_have_text(f"1{DASH}20 of {unset}")
    assert [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/coql"]
    assert not [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads/search"]


LONG_NAME = ("The Extraordinarily Long-Named International Consolidated Widget Manufacturing and Distribution "
             "Company of Greater Londonderry")


def zoho(sandbox, method, path, body=None):
    """A call to the sandbox's API with a token of its own (setting up what the page then shows)."""
    token = sandbox.mint_token()["access_token"]
    request = urllib.request.Request(API_ORIGIN + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": "Zoho-oauthtoken " + token,
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read())


def test_the_table_uses_its_width_and_keeps_values_whole(page, sandbox):
    first = zoho(sandbox, "GET", "/crm/v8/Leads?fields=Last_Name&per_page=1")["data"][0]["id"]
    zoho(sandbox, "PUT", "/crm/v8/Leads", {"data": [{"id": first, "Company": LONG_NAME}]})
    page.set_viewport_size({"width": 1280, "height": 900})
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    table_width = page.get_by_test_id("records").evaluate("t => t.getBoundingClientRect().width")
    assert table_width > 1100, table_width
    emails = page.locator('[data-testid=records] td[data-label="Email"]')
    for n in range(emails.count()):
        cell = emails.nth(n)
        # One line: as tall as the cell's line box, never broken inside the address.
        assert cell.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap"
        assert cell.get_attribute("title") == cell.inner_text()
    long_cell = page.locator('[data-testid=records] td[data-label="Company"]').filter(has_text="Extraordinarily")
    assert long_cell.get_attribute("title") == LONG_NAME
    assert long_cell.evaluate("c => c.scrollWidth > c.clientWidth && getComputedStyle(c).textOverflow === 'ellipsis'")
    assert long_cell.evaluate("c => c.getBoundingClientRect().height") < 2 * emails.first.evaluate(
        "c => c.getBoundingClientRect().height")
    page.set_viewport_size({"width": 360, "height": 800})
    expect(page.get_by_test_id("filter-apply")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
