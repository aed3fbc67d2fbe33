"""The API console sends exactly what was typed: strict JSON (the browser's), errors at a line
and column, accurate path messages, Enter / Ctrl+Enter, a long answer in a box of its own."""

from .conftest import API_ORIGIN
from .test_explorer import open_signed_in, open_view, view_message

def open_console(page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")


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


def test_a_long_answer_scrolls_in_its_box_below_the_copy_buttons_and_an_error_replaces_it(page, sandbox):
    open_console(page, sandbox)
    page.get_by_test_id("console-path").fill("/crm/v8/Leads")
    page.get_by_test_id("console-query").fill("fields=Last_Name,Email,Company\nper_page=200")
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()
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
