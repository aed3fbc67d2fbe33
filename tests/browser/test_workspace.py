"""The workspace: views and their links, the place in the address bar, messages in context.
(The records as cards on a narrow screen: test_look.py.)"""

import re

from playwright.sync_api import expect

from .harness import API_ORIGIN, SITE_URL, wait_ready
from .steps import create_lead, open_module, open_signed_in, open_view, record_rows, sign_in, tab_to, view_message

CORS = {"Access-Control-Allow-Origin": SITE_URL.rstrip("/")}

VIEWS = ("records", "query", "console", "notebook")


def shown_views(page):
    return page.evaluate("[...document.querySelectorAll('[data-view]')].filter(v => !v.hidden).map(v => v.dataset.view)")


def test_links_switch_views_mark_the_current_one_and_back_returns(page, sandbox):
    open_signed_in(page, sandbox)
    assert shown_views(page) == ["records"]
    assert page.get_by_test_id("nav-records").get_attribute("aria-current") == "page"
    for view in VIEWS[1:]:
        open_view(page, view)
        assert shown_views(page) == [view]
        assert page.get_by_test_id("nav-" + view).get_attribute("aria-current") == "page"
        assert [v for v in VIEWS if page.get_by_test_id("nav-" + v).get_attribute("aria-current")] == [view]
        assert f"view={view}" in page.url
    page.go_back()
    page.wait_for_function("!document.querySelector('[data-view=\"console\"]').hidden")
    assert shown_views(page) == ["console"] and "view=console" in page.url


def test_a_reload_or_shared_link_restores_the_view_and_module(page, sandbox):
    open_signed_in(page, sandbox, path="?view=records&module=Contacts")
    page.get_by_test_id("module-title").filter(has_text="Contacts").wait_for()
    record_rows(page).first.wait_for()
    open_view(page, "console")
    open_view(page, "records")  # the module is still the one chosen, in the view and the address
    page.get_by_test_id("module-title").filter(has_text="Contacts").wait_for()
    assert "module=Contacts" in page.url
    open_view(page, "console")
    page.reload()
    wait_ready(page)
    page.locator('[data-view="console"]').wait_for()
    assert shown_views(page) == ["console"]


def test_the_place_survives_signing_in(page, sandbox):
    sign_in(page, "?view=console")
    page.locator('[data-view="console"]').wait_for()
    assert shown_views(page) == ["console"] and "view=console" in page.url


def test_views_are_reached_from_the_keyboard(page, sandbox):
    open_signed_in(page, sandbox)
    tab_to(page, "nav-console")
    page.keyboard.press("Enter")
    page.locator('[data-view="console"]').wait_for()
    assert page.get_by_test_id("nav-console").get_attribute("aria-current") == "page"


def in_viewport(locator):
    box = locator.bounding_box()
    height = locator.page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_console_error_replaces_the_last_answer_beside_the_send_button(page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()
    page.get_by_test_id("console-method").select_option("POST")
    page.get_by_test_id("console-body").fill("{not json")
    page.get_by_test_id("console-send").click()
    message = view_message(page, "console")
    message.filter(has_text="not valid JSON").wait_for()
    assert page.get_by_test_id("console-answer").is_hidden()  # no "HTTP 200" left beside the error
    assert in_viewport(message) and in_viewport(page.get_by_test_id("console-send"))
    assert page.get_by_test_id("error").is_hidden()
    # Another view: the console's message does not follow.
    open_view(page, "records")
    open_view(page, "console")
    assert message.is_hidden()


def test_a_message_belongs_to_its_module(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.get_by_role("button", name="Open").click()
    detail = page.get_by_test_id("record-detail")
    detail.wait_for()
    detail.get_by_role("button", name="Delete").click()
    page.get_by_test_id("confirm-delete").click()
    message = view_message(page, "records")
    message.filter(has_text="record deleted").wait_for()
    open_module(page, "Campaigns")
    page.get_by_test_id("records-empty").wait_for()
    assert message.is_hidden()


def test_a_new_record_is_shown_with_its_name_after_it_is_created(page, sandbox):
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.get_by_role("button", name="Open").click()
    page.get_by_test_id("record-detail").wait_for()  # another record's detail is open
    page.get_by_test_id("new-record").click()
    page.locator("#field-Last_Name").fill("Hopper")
    page.locator("#field-First_Name").fill("Grace")
    page.get_by_test_id("save-record").click()
    view_message(page, "records").filter(has_text="Done: record added").wait_for()
    page.get_by_test_id("record-title").filter(has_text="Grace Hopper").wait_for()
    created_id = re.search(r"id (\d+)", view_message(page, "records").inner_text()).group(1)
    assert f"record={created_id}" in page.url
    assert page.get_by_test_id("record-detail").filter(has_text="Hopper").is_visible()


def test_a_create_failing_with_a_server_error_is_sent_once(context, page, sandbox):
    def fail_creates(route):
        if route.request.method == "POST":
            route.fulfill(status=500, content_type="application/json", headers=CORS,
                          body='{"code": "INTERNAL_ERROR", "status": "error", "message": "x", "details": {}}')
        else:
            route.continue_()

    page.route(API_ORIGIN + "/crm/v8/Leads", fail_creates)
    before = sandbox.state()["records"]["Leads"]
    create_lead(page, sandbox, Last_Name="Hopper")
    view_message(page, "records").filter(has_text="problem").wait_for()
    posts = [r for r in context.recorded.requests if r.url == API_ORIGIN + "/crm/v8/Leads" and r.method == "POST"]
    assert len(posts) == 1
    assert sandbox.state()["records"]["Leads"] == before


def test_after_save_the_message_saying_so_is_in_view(page, sandbox):
    page.set_viewport_size({"width": 360, "height": 640})
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).nth(5).get_by_role("button", name="Open").click()
    detail = page.get_by_test_id("record-detail")
    detail.get_by_role("button", name="Edit").click()
    page.locator("#field-First_Name").fill("Augusta")
    page.get_by_test_id("save-record").click()
    message = view_message(page, "records").filter(has_text="Done: record updated")
    message.wait_for()
    detail.filter(has_text="Augusta").wait_for()
    expect(message).to_be_in_viewport()


HIDDEN_FIELD = {"api_name": "hidden", "field_label": "Hidden note", "data_type": "text", "json_type": "string",
                "read_only": False, "system_mandatory": False, "length": 255}


def test_a_form_keeps_its_draft_whatever_the_fields_are_called(page, sandbox):
    def with_a_field_named_hidden(route):
        answer = route.fetch()
        fields = answer.json()
        fields["fields"].append(HIDDEN_FIELD)
        route.fulfill(response=answer, json=fields)

    page.route(lambda url: "/crm/v8/settings/fields" in url and "module=Leads" in url, with_a_field_named_hidden)
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    page.get_by_test_id("new-record").click()
    page.locator("#field-Last_Name").fill("Hopper")
    page.locator("#field-hidden").fill("kept as typed")
    page.wait_for_function("(sessionStorage.getItem('zoho.draft.records') || '').includes('kept as typed')")
    page.reload()
    wait_ready(page)
    expect(page.locator("#field-hidden")).to_have_value("kept as typed")
    expect(page.locator("#field-Last_Name")).to_have_value("Hopper")


def test_a_deep_link_s_record_is_fetched_only_when_it_is_a_record_id(context, page, sandbox):
    open_signed_in(page, sandbox, path="?view=records&module=Leads&record=settings%2Ffields%3Fmodule%3DLeads")
    record_rows(page).first.wait_for()
    fetched = [r.url for r in context.recorded.requests if ("/crm/v8/Leads/" in r.url or "/Leads/settings" in r.url)
               and "/crm/v8/Leads/actions/count" not in r.url]
    assert fetched == []
    assert page.get_by_test_id("record-detail").is_hidden()
