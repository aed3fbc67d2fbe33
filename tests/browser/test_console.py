"""The API console sends exactly what was typed: strict JSON (the browser's), errors at a line
and column, accurate path messages, Enter / Ctrl+Enter, a long answer in a box of its own."""

from .harness import API_ORIGIN, session_token
from .steps import open_signed_in, open_view, view_message

def open_console(page, sandbox):
    """Signed in, on the console; returns the token."""
    open_signed_in(page, sandbox)
    open_view(page, "console")
    return session_token(page)["access_token"]


def posts_to_leads(sandbox):
    return [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads" and r["method"] == "POST"]


def refused_body(page, sandbox, body):
    """What the console says when it is asked to POST ``body`` to /crm/v8/Leads."""
    open_console(page, sandbox)
    page.get_by_test_id("console-method").select_option("POST")
    page.get_by_test_id("console-path").fill("/crm/v8/Leads")
    page.get_by_test_id("console-body").fill(body)
    page.get_by_test_id("console-send").click()
    message = view_message(page, "console").filter(has_text="not valid JSON")
    message.wait_for()
    return message.inner_text()


def test_a_trailing_comma_is_refused_at_its_line_and_column_and_nothing_is_sent(page, sandbox):
    text = refused_body(page, sandbox, "{\n  \"data\": [\n    {\"Last_Name\": \"Babbage\",}\n  ]\n}")
    assert "line 3, column 29 (at }): Expected double-quoted property name." in text, text
    assert "no comma before a closing" in text
    assert posts_to_leads(sandbox) == []


def test_an_unexpected_character_is_placed_too(page, sandbox):
    # Chromium's JSON.parse names no position for this one: the console finds it.
    assert "line 1, column 25 (at B)" in refused_body(page, sandbox, '{"data": [{"Last_Name": Babbage}]}')
    assert posts_to_leads(sandbox) == []


def test_the_body_goes_as_typed_and_ctrl_enter_sends(page, sandbox):
    open_console(page, sandbox)
    typed = '{ "data" : [ { "Last_Name" : "Babbage" , "Description": "caf\\u00e9" } ] }'
    page.get_by_test_id("console-method").select_option("POST")
    page.get_by_test_id("console-path").fill("/crm/v8/Leads")
    page.get_by_test_id("console-body").fill(typed)
    with page.expect_request(lambda r: r.url.startswith(API_ORIGIN + "/crm/v8/Leads") and r.method == "POST") \
            as sent:
        page.get_by_test_id("console-body").press("Control+Enter")
    assert sent.value.post_data == typed
    page.get_by_test_id("console-status").filter(has_text="HTTP 201").wait_for()


def test_a_path_without_its_slash_is_said_so_and_enter_sends(page, sandbox):
    open_console(page, sandbox)
    page.get_by_test_id("console-path").fill("crm/v8/org")
    page.get_by_test_id("console-path").press("Enter")
    message = view_message(page, "console").filter(has_text="starts with")
    message.wait_for()
    assert message.inner_text() == 'A path starts with "/": /crm/v8/org, not crm/v8/org.'
    page.get_by_test_id("console-path").fill("/crm/v8/org")
    page.get_by_test_id("console-path").press("Enter")
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()


def list_leads(page, query):
    """GET /crm/v8/Leads with ``query`` sent from the console, once its answer is shown."""
    page.get_by_test_id("console-path").fill("/crm/v8/Leads")
    page.get_by_test_id("console-query").fill(query)
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()


def test_a_long_answer_scrolls_in_its_box_below_the_copy_buttons_and_an_error_replaces_it(page, sandbox):
    open_console(page, sandbox)
    list_leads(page, "fields=Last_Name,Email,Company\nper_page=200")
    box = page.get_by_test_id("console-response")
    sizes = box.evaluate("node => [node.scrollHeight, node.clientHeight]")
    assert sizes[0] > sizes[1] * 2, sizes  # it scrolls, inside a box of its own
    assert sizes[1] < page.viewport_size["height"]
    assert page.get_by_test_id("copy-curl").bounding_box()["y"] < box.bounding_box()["y"]
    # A request that fails takes the last answer away: it does not answer the new request.
    page.get_by_test_id("console-path").fill("crm/v8/Leads")
    page.get_by_test_id("console-send").click()
    view_message(page, "console").filter(has_text="starts with").wait_for()
    assert not page.get_by_test_id("console-answer").is_visible()


def test_own_headers_go_with_the_request_and_the_tokens_header_is_shown_redacted(page, sandbox):
    open_console(page, sandbox)
    headers = page.get_by_test_id("console-header-list")
    assert "Authorization: Zoho-oauthtoken <YOUR_TOKEN>" in headers.inner_text()
    assert headers.locator("input").count() == 0  # the token's header cannot be edited
    page.get_by_test_id("console-header-add").click()
    page.get_by_test_id("console-header-name").fill("Cookie")
    page.get_by_test_id("console-header-value").fill("a=b")
    page.get_by_test_id("console-send").click()
    view_message(page, "console").filter(has_text="Browsers do not let a page set the header Cookie").wait_for()
    page.get_by_test_id("console-header-name").fill("Accept-Language")
    page.get_by_test_id("console-header-value").fill("de")
    with page.expect_request(lambda r: r.url.startswith(API_ORIGIN + "/crm/v8/org") and r.method == "GET") as sent:
        page.get_by_test_id("console-send").click()
    assert sent.value.headers["accept-language"] == "de"
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()


def test_copy_as_python_curl_or_fetch_before_sending(page, sandbox):
    token = open_console(page, sandbox)
    page.get_by_test_id("console-path").fill("/crm/v8/Leads")
    page.get_by_test_id("console-query").fill("fields=Last_Name")
    page.get_by_test_id("copy-fetch").click()
    copied = page.get_by_test_id("console-copy")
    copied.filter(has_text="await fetch(").wait_for()
    assert "/crm/v8/Leads?fields=Last_Name" in copied.inner_text() and "<YOUR_TOKEN>" in copied.inner_text()
    assert token not in copied.inner_text()
    assert not page.get_by_test_id("console-answer").is_visible()  # nothing was sent


def test_saved_requests_come_back_in_one_click_after_a_reload_without_the_token(page, sandbox):
    token = open_console(page, sandbox)
    page.get_by_test_id("console-path").fill("/crm/v8/users")
    page.get_by_test_id("console-query").fill("type=CurrentUser")
    page.get_by_test_id("console-save-name").fill("Who am I")
    page.get_by_test_id("console-save").click()
    view_message(page, "console").filter(has_text="Saved as Who am I").wait_for()
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()
    page.reload()
    page.get_by_test_id("console-history").filter(has_text="GET /crm/v8/users → 200").wait_for()
    saved = page.get_by_test_id("console-saved")
    saved.get_by_role("button", name="Who am I").wait_for()
    page.get_by_test_id("console-path").fill("/crm/v8/org")
    page.get_by_test_id("console-query").fill("")
    saved.get_by_role("button", name="Who am I").click()
    assert page.get_by_test_id("console-path").input_value() == "/crm/v8/users"
    assert page.get_by_test_id("console-query").input_value() == "type=CurrentUser"
    stored = page.evaluate("localStorage.getItem('zoho.console.saved')")
    assert "Who am I" in stored and token not in stored


def test_next_page_follows_zohos_page_token(page, sandbox):
    open_console(page, sandbox)
    list_leads(page, "fields=Last_Name\nper_page=2")
    with page.expect_request(lambda r: "page_token=" in r.url) as sent:
        page.get_by_test_id("console-next-page").click()
    assert "fields=Last_Name" in sent.value.url and "per_page=2" in sent.value.url
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()


def test_the_answer_folds_to_a_depth_and_finds_text(page, sandbox):
    open_console(page, sandbox)
    list_leads(page, "fields=Last_Name\nper_page=3")
    box = page.get_by_test_id("console-response")
    assert page.get_by_test_id("console-time").inner_text().endswith(" bytes")
    page.get_by_test_id("console-levels").select_option("1")
    assert box.inner_text().startswith('{\n  "data": […3 items],\n  "info": {…')
    assert "Last_Name" not in box.inner_text()
    page.get_by_test_id("console-levels").select_option("")
    page.get_by_test_id("console-find").fill("last_name")
    assert box.locator("mark").count() == 3
    assert box.locator("mark").first.inner_text() == "Last_Name"  # the text as it is, marked
    assert page.get_by_test_id("console-find-count").inner_text() == "3 found"
