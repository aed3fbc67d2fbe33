"""The CRM explorer and API console against the sandbox, and how API errors are handled."""

import re

from playwright.sync_api import expect

from .harness import API_ORIGIN, SITE_URL, TIMEOUTS, session_token, wait_ready
from .steps import create_lead, open_module, open_signed_in, open_view, record_rows, view_message


def test_header_shows_org_and_modules_list_only_api_supported(page, sandbox):
    open_signed_in(page, sandbox)
    page.get_by_test_id("org-name").filter(has_text=re.compile(r"\w")).wait_for()
    listing = page.get_by_test_id("modules")
    listing.get_by_role("button", name="Leads", exact=True).wait_for()  # listed apart from the org, concurrently
    modules = listing.get_by_role("button").all_inner_texts()
    assert "Leads" in modules and "Contacts" in modules
    assert "Home" not in modules  # api_supported is false for it in the sandbox


def test_records_paginate_with_page_tokens_and_come_back(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    rows = record_rows(page)
    rows.first.wait_for()
    assert rows.count() == 20
    first_page = rows.all_inner_texts()
    page.get_by_test_id("next-page").click()
    page.get_by_test_id("page-number").filter(has_text="Page 2").wait_for()
    second_page = record_rows(page).all_inner_texts()
    assert len(second_page) == 20 and not set(first_page) & set(second_page)
    page.get_by_test_id("previous-page").click()
    page.get_by_test_id("page-number").filter(has_text="Page 1").wait_for()
    assert record_rows(page).all_inner_texts() == first_page
    requests = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads"]
    assert any("page_token=" in r["query"] for r in requests)
    assert "module=Leads" in page.url


def test_empty_module_shows_as_empty(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Campaigns")
    page.get_by_test_id("records-empty").wait_for()
    assert record_rows(page).count() == 0
    assert page.get_by_test_id("error").is_hidden()


def test_create_edit_and_delete_a_record_with_per_record_results(page, sandbox):
    open_signed_in(page, sandbox)
    before = sandbox.state()["records"]["Leads"]
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    page.get_by_test_id("new-record").click()
    page.locator("#field-Last_Name").fill("Hopper")
    page.locator("#field-Email").fill("grace@example.test")
    page.get_by_test_id("save-record").click()
    view_message(page, "records").filter(has_text="Done: record added").wait_for()
    assert sandbox.state()["records"]["Leads"] == before + 1
    created_id = re.search(r"id (\d+)", view_message(page, "records").inner_text()).group(1)

    page.goto(SITE_URL + f"?module=Leads&record={created_id}")
    wait_ready(page)
    detail = page.get_by_test_id("record-detail")
    detail.filter(has_text="Hopper").wait_for()
    detail.get_by_role("button", name="Edit").click()
    page.locator("#field-Last_Name").fill("Hopper-Murray")
    page.get_by_test_id("save-record").click()
    view_message(page, "records").filter(has_text="record updated").wait_for()
    detail.filter(has_text="Hopper-Murray").wait_for()

    detail.get_by_role("button", name="Delete").click()
    page.get_by_test_id("confirm-delete").click()
    view_message(page, "records").filter(has_text="record deleted").wait_for()
    assert sandbox.state()["records"]["Leads"] == before


def test_create_missing_a_mandatory_field_says_which_before_sending(context, page, sandbox):
    create_lead(page, sandbox, Email="nobody@example.test")
    view_message(page, "records").filter(has_text="Last Name is required").wait_for()
    assert page.locator("label[for=field-Last_Name]").inner_text().endswith("*")  # marked as mandatory
    assert not [r for r in context.recorded.requests if r.method == "POST"]
    # Marked at the field: aria-invalid, the sentence beside it (aria-describedby), focus on it.
    last_name = page.locator("#field-Last_Name")
    expect(last_name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#" + last_name.get_attribute("aria-describedby"))).to_have_text("Last Name is required.")
    expect(last_name).to_be_focused()
    expect(page.locator("#field-Email")).to_have_value("nobody@example.test")


def test_a_field_zoho_refuses_is_marked_at_the_field_and_the_form_kept(page, sandbox):
    def without_company_length(route):
        answer = route.fetch()
        fields = answer.json()
        for entry in fields["fields"]:
            if entry.get("api_name") == "Company":
                entry["length"] = None  # so that only Zoho checks it
        route.fulfill(response=answer, json=fields)

    page.route(lambda url: "/crm/v8/settings/fields" in url and "module=Leads" in url, without_company_length)
    create_lead(page, sandbox, Last_Name="Hopper", Company="x" * 300)
    company = page.locator("#field-Company")
    expect(company).to_have_attribute("aria-invalid", "true")
    said = page.locator("#" + company.get_attribute("aria-describedby"))
    expect(said).to_contain_text("Company")
    expect(company).to_be_focused()
    expect(company).to_have_value("x" * 300)
    expect(page.locator("#field-Last_Name")).not_to_have_attribute("aria-invalid", "true")


def test_read_only_scopes_hide_create_edit_delete(page, sandbox):
    open_signed_in(page, sandbox, scopes=["ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ",
                                          "ZohoCRM.modules.READ"])
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    assert page.get_by_test_id("new-record").is_hidden()
    record_rows(page).first.get_by_role("button", name="Open").click()
    page.get_by_test_id("record-detail").wait_for()
    assert page.get_by_test_id("record-detail").get_by_role("button", name="Delete").count() == 0


def test_scope_mismatch_names_the_scope_and_offers_to_sign_in_with_it(page, sandbox):
    open_signed_in(page, sandbox, scopes=["ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.modules.READ"])
    error = view_message(page, "records")
    error.filter(has_text="ZohoCRM.settings").wait_for()
    button = error.get_by_role("button", name=re.compile("Sign in with ZohoCRM.settings"))
    button.click()
    page.wait_for_url(sandbox.accounts_url + "/oauth/v2/auth?**")
    assert "ZohoCRM.settings" in page.url


def leads_statuses(sandbox):
    return [r["status"] for r in sandbox.state()["requests"]
            if r["path"] == "/crm/v8/Leads" and r["method"] == "GET"]


def click_module(page, label):
    page.get_by_test_id("modules").get_by_role("button", name=label, exact=True).click()


def test_rate_limit_is_retried_after_retry_after_with_a_notice(page, sandbox):
    open_signed_in(page, sandbox)
    # Two: the list's first request and the count's (Leads/actions/count), asked side by side.
    sandbox.fail_next(status=429, retry_after=2, count=2, path_prefix="/crm/v8/Leads")
    click_module(page, "Leads")
    view_message(page, "records").filter(has_text="trying again in 2 s").wait_for()
    record_rows(page).first.wait_for(timeout=TIMEOUTS["action"])
    assert page.get_by_test_id("error").is_hidden()
    assert leads_statuses(sandbox)[:2] == [429, 200]


def test_rate_limit_gives_up_after_a_bounded_number_of_tries(page, sandbox):
    open_signed_in(page, sandbox)
    # Six: three tries of the list and three of its count (Leads/actions/count), asked side by side.
    sandbox.fail_next(status=429, retry_after=1, count=6, path_prefix="/crm/v8/Leads")
    click_module(page, "Leads")
    view_message(page, "records").filter(has_text=re.compile("too many requests", re.I)).wait_for()
    assert leads_statuses(sandbox) == [429, 429, 429]


def test_network_failure_names_the_likely_causes(page, sandbox):
    open_signed_in(page, sandbox)
    page.route(API_ORIGIN + "/crm/v8/Leads**", lambda route: route.abort())
    click_module(page, "Leads")
    error = view_message(page, "records")
    error.filter(has_text="JavaScript domain").wait_for()
    assert "offline" in error.inner_text().lower()
    assert session_token(page) is not None  # nothing lost


def test_invalid_token_mid_session_asks_to_sign_in_again_keeping_the_place(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    sandbox.fail_next(status=401, path_prefix="/crm/v8/Leads")
    page.get_by_test_id("next-page").click()
    page.get_by_test_id("error").filter(has_text="sign in again").wait_for()
    assert session_token(page) is None
    page.get_by_role("button", name="Sign in again").click()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SITE_URL + "?view=records&module=Leads**")
    wait_ready(page)
    page.get_by_test_id("module-title").filter(has_text="Leads").wait_for()


def test_console_calls_the_api_and_copies_without_the_token(context, page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    token = session_token(page)["access_token"]
    page.get_by_test_id("console-path").fill("/crm/v8/Leads")
    page.get_by_test_id("console-query").fill("fields=Last_Name,Email\nper_page=2")
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()
    response = page.get_by_test_id("console-response").inner_text()
    assert '"more_records": true' in response and '"Last_Name"' in response
    assert "content-type: application/json" in page.get_by_test_id("console-headers").text_content()
    page.get_by_test_id("console-history").filter(has_text="GET /crm/v8/Leads → 200").wait_for()
    page.get_by_test_id("copy-curl").click()
    page.get_by_test_id("console-copy").filter(has_text="curl").wait_for()
    copied = page.get_by_test_id("console-copy").inner_text()
    assert copied.startswith("curl ") and "<YOUR_TOKEN>" in copied and token not in copied
    page.get_by_test_id("copy-python").click()
    page.get_by_test_id("console-copy").filter(has_text="import requests").wait_for()
    copied = page.get_by_test_id("console-copy").inner_text()
    assert "import requests" in copied and "<YOUR_TOKEN>" in copied and token not in copied
    assert token not in page.locator("body").inner_text()


def test_console_refuses_a_path_that_leaves_the_api_domain(context, page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    token = session_token(page)["access_token"]
    page.get_by_test_id("console-path").fill("//evil.test/steal")
    page.get_by_test_id("console-send").click()
    view_message(page, "console").wait_for()
    carriers = context.recorded.with_token(token)
    assert carriers and all(r.url.startswith(API_ORIGIN + "/") for r in carriers)


def test_api_data_is_rendered_as_text_never_html(page, sandbox):
    create_lead(page, sandbox, Last_Name="<img src=x onerror=alert(1)>")
    view_message(page, "records").filter(has_text="record added").wait_for()
    assert page.locator("img[src=x]").count() == 0


def test_console_explains_spaces_in_the_path(page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    page.get_by_test_id("console-path").fill("/crm/v8/Leads/search?word=John Smith")
    page.get_by_test_id("console-send").click()
    view_message(page, "console").filter(has_text="Query parameters box").wait_for()
    assert session_token(page) is not None


def test_console_keeps_the_token_on_a_401_that_is_not_about_it(page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    # Another Zoho service's own 401 (a numeric code, not INVALID_TOKEN).
    page.route(API_ORIGIN + "/books/**", lambda route: route.fulfill(
        status=401, content_type="application/json",
        headers={"Access-Control-Allow-Origin": SITE_URL.rstrip("/")},
        body='{"code": 57, "message": "You are not authorized to perform this operation"}'))
    page.get_by_test_id("console-path").fill("/books/v3/organizations")
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 401").wait_for()
    view_message(page, "console").filter(has_text="not authorized").wait_for()
    assert session_token(page) is not None
    assert page.get_by_test_id("sign-out").is_visible()


def test_numbers_are_sent_as_numbers_and_checked_first(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Deals")
    record_rows(page).first.wait_for()
    page.get_by_test_id("new-record").click()
    page.locator("#field-Deal_Name").fill("Difference Engine No. 2")
    page.locator("#field-Stage").select_option("Qualification")  # a picklist, from Zoho's field metadata
    page.locator("#field-Amount").fill("5,000")
    page.get_by_test_id("save-record").click()
    view_message(page, "records").filter(has_text="Amount must be a number").wait_for()
    page.locator("#field-Amount").fill("5000")
    page.get_by_test_id("save-record").click()
    view_message(page, "records").filter(has_text="Done: record added").wait_for()
    posted = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Deals" and r["method"] == "POST"]
    assert [r["status"] for r in posted] == [201]


def test_a_server_error_on_a_read_is_tried_again(page, sandbox):
    open_signed_in(page, sandbox)
    # Two: the list's first request and the count's (Leads/actions/count), asked side by side.
    sandbox.fail_next(status=500, count=2, path_prefix="/crm/v8/Leads")
    click_module(page, "Leads")
    view_message(page, "records").filter(has_text="Zoho had a problem; trying again").wait_for()
    record_rows(page).first.wait_for()
    assert leads_statuses(sandbox)[:2] == [500, 200]
