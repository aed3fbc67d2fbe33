"""Real CRM data in the page: field labels and the field picker, sorting, search, forms from
Zoho's field metadata, export, and COQL queries."""

import csv
import json
import io
import re

from playwright.sync_api import expect

from .harness import ACCOUNTS_ORIGIN, SANDBOX_API_ORIGIN, SCOPES, SITE_ORIGIN, SITE_URL, session_token, wait_ready
from .steps import open_module, open_signed_in, open_view, record_rows, view_message

COQL_SCOPES = list(SCOPES) + ["ZohoCRM.coql.READ"]


def leads_requests(sandbox, path="/crm/v8/Leads"):
    return [r for r in sandbox.state()["requests"] if r["path"] == path and r["method"] == "GET"]


def headings(page, testid="records"):
    return page.get_by_test_id(testid).locator("thead th:not(.select)").all_inner_texts()  # not the row selection


def test_headings_are_labels_and_the_picker_adds_a_field(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    shown = [text.strip(" ▲▼") for text in headings(page)]
    assert shown[:2] == ["Last Name", "First Name"] and "Lead Status" in shown
    picker = page.get_by_test_id("field-picker")
    picker.locator("summary").click()
    picker.get_by_role("checkbox", name=re.compile("^Mobile")).check()
    page.get_by_test_id("records").locator("thead th").filter(has_text="Mobile").wait_for()
    assert "Mobile" in leads_requests(sandbox)[-1]["query"]
    # The columns keep their order; the new one comes after them.
    after = [text.strip(" ▲▼") for text in headings(page)]
    assert [text for text in after if text != "Mobile"] == shown and after.index("Mobile") > after.index("Lead Status")
    # Remembered for the module in this tab, through a reload.
    page.wait_for_function("(sessionStorage.getItem('zoho.table.Leads') || '').includes('Mobile')")
    page.reload()
    page.get_by_test_id("records").locator("thead th").filter(has_text="Mobile").wait_for()


def show_field(page, label):
    """Tick ``label`` in the field picker, and wait for its column."""
    picker = page.get_by_test_id("field-picker")
    picker.evaluate("details => { details.open = true; }")
    picker.get_by_role("checkbox", name=re.compile("^" + label)).check()
    page.get_by_test_id("records").locator("thead th").filter(has_text=label).wait_for()


def sort_by_heading(page, label):
    page.get_by_test_id("records").locator("thead th").filter(has_text=label).get_by_role("button").click()


def sorted_as(page, label, order):
    page.wait_for_function("""([label, order]) => [...document.querySelectorAll('[data-testid=records] th')]
        .some(th => th.textContent.includes(label) && th.getAttribute('aria-sort') === order)""", arg=[label, order])


def test_a_column_click_sorts_descending_then_ascending_through_coql_with_the_query_scope(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    sort_by_heading(page, "Last Name")
    sorted_as(page, "Last Name", "descending")
    names = page.locator('[data-testid=records] td[data-label="Last Name"]').all_inner_texts()
    assert names == sorted(names, reverse=True)
    queries = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/coql"]
    assert queries and all("sort_by" not in r["query"] for r in leads_requests(sandbox))
    page.get_by_test_id("next-page").click()
    page.get_by_test_id("page-number").filter(has_text="Page 2").wait_for()
    later = page.locator('[data-testid=records] td[data-label="Last Name"]').all_inner_texts()
    assert len(later) == 20 and later[0] <= names[-1]
    sort_by_heading(page, "Last Name")
    sorted_as(page, "Last Name", "ascending")
    names = page.locator('[data-testid=records] td[data-label="Last Name"]').all_inner_texts()
    assert names == sorted(names)


def test_without_the_query_scope_only_what_zoho_sorts_by_is_offered(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    last_name = page.get_by_test_id("records").locator("thead th").filter(has_text="Last Name")
    assert "ZohoCRM.coql.READ" in last_name.get_attribute("title")
    why = last_name.get_by_role("button")  # reachable by keyboard and touch: it says why
    assert last_name.get_attribute("aria-sort") is None
    why.click()
    page.get_by_test_id("view-message").filter(has_text="ZohoCRM.coql.READ").wait_for()
    show_field(page, "Created Time")
    sort_by_heading(page, "Created Time")
    sorted_as(page, "Created Time", "descending")
    assert "sort_by=Created_Time&sort_order=desc" in leads_requests(sandbox)[-1]["query"]
    sent = {q.split("sort_by=")[1].split("&")[0] for q in (r["query"] for r in leads_requests(sandbox)) if "sort_by=" in q}
    assert sent <= {"id", "Created_Time", "Modified_Time"}


def search(page, text):
    box = page.get_by_test_id("module-search")
    box.fill(text)
    box.press("Enter")


def test_search_sends_a_word_an_email_or_criteria_and_says_when_nothing_matches(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    first = record_rows(page).first
    first.wait_for()
    email = first.locator('td[data-label="Email"]').inner_text()
    last_name = first.locator('td[data-label="Last Name"]').inner_text()
    search(page, email)
    page.wait_for_function("n => document.querySelectorAll('[data-testid=records] tbody tr').length === n", arg=1)
    assert record_rows(page).first.locator('td[data-label="Email"]').inner_text() == email
    searches = leads_requests(sandbox, "/crm/v8/Leads/search")
    assert "email=" in searches[-1]["query"]
    with page.expect_response(lambda response: "/Leads/search?" in response.url and "criteria=" in response.url):
        search(page, f"(Last_Name:equals:{last_name})")
    page.wait_for_function("() => document.querySelector('[data-testid=records] tbody tr') !== null")
    assert set(page.locator('[data-testid=records] td[data-label="Last Name"]').all_inner_texts()) == {last_name}
    search(page, "Zyxwvutsrq")
    page.get_by_test_id("records-empty").filter(has_text="No records match").wait_for()
    assert "word=Zyxwvutsrq" in leads_requests(sandbox, "/crm/v8/Leads/search")[-1]["query"]


def create_in(page, module_label, values):
    open_module(page, module_label)
    page.get_by_test_id("new-record").click()
    for name, value in values.items():
        page.locator("#field-" + name).fill(value)
    page.get_by_test_id("save-record").click()


def test_records_are_created_in_campaigns_and_tasks_from_their_field_metadata(page, sandbox):
    open_signed_in(page, sandbox)
    create_in(page, "Campaigns", {})
    view_message(page, "records").filter(has_text="Campaign Name is required").wait_for()
    page.locator("#field-Campaign_Name").fill("Difference Engine launch")
    page.get_by_test_id("save-record").click()
    page.get_by_test_id("record-title").filter(has_text="Difference Engine launch").wait_for()
    create_in(page, "Tasks", {"Subject": "Order brass gears"})
    page.get_by_test_id("record-title").filter(has_text="Order brass gears").wait_for()
    counts = sandbox.state()["records"]
    assert counts["Campaigns"] == 1 and counts["Tasks"] == 1


def test_export_csv_covers_every_page_as_rfc_4180_with_a_bom(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    with page.expect_download() as downloaded:
        page.get_by_test_id("export-csv").click()
    download = downloaded.value
    assert download.suggested_filename == "Leads.csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:2] == ["Last Name", "First Name"]
    assert len(rows) - 1 == sandbox.state()["records"]["Leads"]  # more than one page of 200
    view_message(page, "records").filter(has_text=f"Exported {len(rows) - 1} records").wait_for()


def test_a_query_runs_shows_its_columns_and_the_next_rows(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    page.get_by_test_id("coql-query").fill("select Email, Last_Name from Leads where Last_Name is not null limit 0, 10")
    page.get_by_test_id("coql-run").click()
    results = page.get_by_test_id("coql-results")
    results.locator("tbody tr").nth(9).wait_for()
    assert headings(page, "coql-results") == ["Email", "Last_Name"]
    page.get_by_test_id("coql-more").click()
    results.locator("tbody tr").nth(19).wait_for()
    assert results.locator("tbody tr").count() == 20
    page.get_by_test_id("coql-history").filter(has_text="select Email").wait_for()


def test_a_query_error_names_the_clause_and_a_missing_scope_is_offered(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    page.get_by_test_id("coql-query").fill("select Last_Name form Leads where Last_Name is not null")
    page.get_by_test_id("coql-run").click()
    view_message(page, "query").filter(has_text="not written the way Zoho reads it").wait_for()
    open_signed_in(page, sandbox)  # without ZohoCRM.coql.READ
    open_view(page, "query")
    page.get_by_test_id("coql-query").fill("select Last_Name from Leads where Last_Name is not null")
    page.get_by_test_id("coql-run").click()
    message = view_message(page, "query")
    message.get_by_role("button", name="Sign in with ZohoCRM.coql.READ").wait_for()
    posts = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/coql" and r["method"] == "POST"]
    assert len(posts) == 1  # the one with the scope; none without it


def test_an_expired_page_token_starts_the_list_again_and_says_so(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()

    def expire(route):
        if "page_token=" not in route.request.url:
            route.continue_()
            return
        route.fulfill(status=400, content_type="application/json", headers={"Access-Control-Allow-Origin": SITE_ORIGIN},
                      body='{"code": "EXPIRED_VALUE", "details": {"param_name": "page_token"}, '
                           '"message": "the given page token is expired", "status": "error"}')

    page.route(lambda url: "/crm/v8/Leads?" in url, expire)
    page.get_by_test_id("next-page").click()
    view_message(page, "records").filter(has_text="page token has expired").wait_for()
    page.get_by_test_id("page-number").filter(has_text="Page 1").wait_for()
    assert record_rows(page).count() == 20


def test_a_sandbox_organisation_is_chosen_on_the_sign_in_card(context, page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    choice = page.get_by_test_id("environment")
    assert choice.locator("option").all_inner_texts() == [
        "Production", "Sandbox organisation", "Developer organisation"]
    choice.select_option("sandbox")
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(ACCOUNTS_ORIGIN + "/oauth/v2/auth?**")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SITE_URL + "**")
    wait_ready(page)
    page.get_by_test_id("data-centre-name").filter(has_text="Sandbox organisation").wait_for()
    page.get_by_test_id("org-name").filter(has_text=re.compile(r"\w")).wait_for()
    assert session_token(page)["api_domain"] == SANDBOX_API_ORIGIN
    crm_calls = {r.url.split("/crm/")[0] for r in context.recorded.requests if "/crm/v8/" in r.url}
    assert crm_calls == {SANDBOX_API_ORIGIN}


def test_a_query_exports_every_matching_row_to_json(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    page.get_by_test_id("coql-query").fill("select Last_Name, Email from Leads where Last_Name is not null limit 3")
    page.get_by_test_id("coql-run").click()
    page.get_by_test_id("coql-results").locator("tbody tr").nth(2).wait_for()
    with page.expect_download() as downloaded:
        page.get_by_test_id("coql-export-json").click()
    rows = json.loads(open(downloaded.value.path(), encoding="utf-8").read())
    assert len(rows) == sandbox.state()["records"]["Leads"]
    assert set(rows[0]) == {"id", "Last_Name", "Email"}


def test_an_export_shows_its_progress_and_can_be_cancelled(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()

    def slowly(route):
        if "per_page=200" in route.request.url:
            page.wait_for_timeout(1500)
        route.continue_()

    page.route(lambda url: "/crm/v8/Leads?" in url, slowly)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_test_id("export-json").click()
    page.get_by_test_id("export-progress").wait_for()
    page.get_by_test_id("export-cancel").click()
    view_message(page, "records").filter(has_text="Export cancelled").wait_for()
    assert downloads == [] and page.get_by_test_id("export-progress").is_hidden()


def test_without_zoho_s_field_list_the_form_leaves_out_the_fields_zoho_keeps(page, sandbox):
    page.route(lambda url: "/crm/v8/settings/fields" in url, lambda route: route.fulfill(
        status=400, content_type="application/json", headers={"Access-Control-Allow-Origin": SITE_ORIGIN},
        body='{"code": "INVALID_DATA", "details": {}, "message": "no", "status": "error"}'))
    open_signed_in(page, sandbox, path="?view=records&module=Campaigns")
    page.get_by_test_id("records-empty").wait_for()
    page.get_by_test_id("fields").evaluate("input => { input.closest('details').open = true; }")
    page.get_by_test_id("fields").fill("Campaign_Name,Created_Time")
    page.get_by_test_id("fields-apply").click()
    page.get_by_test_id("new-record").click()
    page.locator("#field-Campaign_Name").wait_for()
    assert page.locator("#field-Created_Time").count() == 0


def test_a_refused_search_leaves_no_rows_of_the_search_before(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    first = record_rows(page).first
    first.wait_for()
    search(page, first.locator('td[data-label="Email"]').inner_text())
    page.wait_for_function("n => document.querySelectorAll('[data-testid=records] tbody tr').length === n", arg=1)
    page.route(lambda url: "/Leads/search?" in url and "Refused" in url, lambda route: route.fulfill(
        status=400, content_type="application/json", headers={"Access-Control-Allow-Origin": SITE_ORIGIN},
        body='{"code": "INVALID_QUERY", "details": {}, "message": "invalid query formed", "status": "error"}'))
    search(page, "Refused")
    view_message(page, "records").filter(has_text=re.compile(r"\w")).wait_for()
    assert record_rows(page).count() == 0
    assert page.get_by_test_id("next-page").is_disabled() and page.get_by_test_id("records-empty").is_hidden()


def test_the_chosen_fields_and_sort_survive_a_module_switch_and_a_reload(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    show_field(page, "Modified Time")
    sort_by_heading(page, "Modified Time")
    sorted_as(page, "Modified Time", "descending")

    def sorted_again():
        sorted_as(page, "Modified Time", "descending")
        query = leads_requests(sandbox)[-1]["query"]
        assert "sort_by=Modified_Time&sort_order=desc" in query and "Modified_Time" in query.split("fields=")[1]

    open_module(page, "Contacts")
    record_rows(page).first.wait_for()
    open_module(page, "Leads")
    sorted_again()
    page.reload()
    wait_ready(page)
    sorted_again()


def test_every_field_type_of_a_custom_module_is_shown_and_what_is_not_edited_says_why(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Projects")
    record_rows(page).first.wait_for()
    for label in ("Team", "Milestones", "Contract"):
        show_field(page, label)
    cells = page.locator('[data-testid=records] td[data-label="Milestones"]').all_inner_texts()
    assert cells and all(re.match(r"^\d+ rows?: ", text) for text in cells)
    shown = " ".join(page.get_by_test_id("records").locator("tbody").all_inner_texts())
    assert "{" not in shown and "File_Id" not in shown
    record_rows(page).first.get_by_role("button", name="Open").click()
    detail = page.get_by_test_id("record-detail")
    detail.filter(has_text=re.compile("PRJ-\\d+")).wait_for()
    detail.get_by_role("button", name="Edit").click()
    read_only = page.get_by_test_id("read-only-field")
    for label in ("Project Code", "Milestones", "Team", "Contract", "Cover Image"):
        expect(read_only.filter(has_text=label).first).to_contain_text(re.compile("read-only|cannot be typed"))
    assert page.locator("#field-Milestones, #field-Team, #field-Contract, #field-Project_Code").count() == 0
    expect(page.locator("#field-Budget")).to_be_visible()
