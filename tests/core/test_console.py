"""The API console's rules: paths, bodies, the exact request, and where JSON went wrong."""

import json

import pytest

from zoho.api import as_curl, as_fetch, as_python_requests, build_request
from zoho.console import (
    HISTORY_LIMIT,
    body_problem,
    console_request,
    decode_headers,
    decode_requests,
    encode_headers,
    encode_requests,
    error_position,
    header_problem,
    is_unfinished,
    json_body_problem,
    json_reason,
    line_and_column,
    next_page_pairs,
    path_problem,
    query_pairs,
    typed_request,
    with_history,
    with_saved,
)
from zoho.errors import UnsafeRequestError
from zoho.token import TokenRecord

NOW = 1_800_000_000.0
TOKEN = TokenRecord("1000.secret", NOW + 3600, "https://www.zohoapis.com", ["ZohoCRM.modules.ALL"], "us")
TRAILING_COMMA = '{"data": [{"Last_Name": "Babbage",}]}'


def _refuse_constant(name):
    raise ValueError("NaN and Infinity are not JSON")


def with_positions(text):
    """A strict parser that names the position of every error (as Firefox does), an unfinished
    string at the end of the text as browsers do (CPython names where the string began)."""
    try:
        json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        position = len(text) if error.msg.startswith("Unterminated string") else error.pos
        return error.msg + " in JSON at position " + str(position)
    except ValueError as error:
        return str(error)
    return None


def like_chromium(text):
    """A strict parser that, like Chromium's, names no position for an unexpected character."""
    message = with_positions(text)
    if message is None:
        return None
    position = error_position(message)
    if position is None or position >= len(text):
        return "Unexpected end of JSON input"
    return "Unexpected token '" + text[position] + "', \"" + text + "\" is not valid JSON"


def check(text, parser):
    """Drive the flow with ``parser`` (its error message, or None), as the page drives it with JSON.parse."""
    flow = json_body_problem(text)
    asked = next(flow)
    questions = 0
    try:
        while True:
            questions += 1
            asked = flow.send(parser(asked))
    except StopIteration as done:
        return done.value, questions


@pytest.mark.parametrize("parser", [with_positions, like_chromium])
def test_a_trailing_comma_is_refused_at_its_line_and_column(parser):
    problem, _ = check(TRAILING_COMMA, parser)
    assert problem.startswith("The JSON body is not valid JSON at line 1, column 35 (at })")
    assert problem.endswith("JSON allows no comma before a closing } or ].")


@pytest.mark.parametrize("parser", [with_positions, like_chromium])
def test_the_line_and_column_of_an_error_on_a_later_line(parser):
    text = '{\n  "data": [\n    {"Last_Name": x}\n  ]\n}'
    problem, questions = check(text, parser)
    assert "at line 3, column 19 (at x)" in problem
    assert questions <= 1 + len(text).bit_length()


@pytest.mark.parametrize("parser", [with_positions, like_chromium])
def test_valid_json_is_no_problem(parser):
    assert check('{"data": [{"Last_Name": "Babbage"}]}', parser) == (None, 1)


def test_an_unfinished_body_is_placed_at_its_end():
    problem, questions = check('{"data": [1, 2', like_chromium)
    assert problem == "The JSON body is not valid JSON at line 1, column 15: Unexpected end of JSON input."
    assert questions == 1


def test_chromiums_messages():
    assert error_position("SyntaxError: Expected double-quoted property name in JSON at position 34") == 34
    assert error_position("Unexpected token 'x', \"{\"a\": x}\" is not valid JSON") is None
    assert is_unfinished("SyntaxError: Unexpected end of JSON input", 10)
    assert is_unfinished("Unterminated string in JSON at position 3", 3)
    assert not is_unfinished("Expected ':' after property name in JSON at position 4", 10)
    assert json_reason("SyntaxError: Expected double-quoted property name in JSON at position 34 (line 1 column 35)") \
        == "Expected double-quoted property name"
    assert json_reason("SyntaxError: Unexpected token 'x', \"{\"a\": x}\" is not valid JSON") == "Unexpected token 'x'"
    assert json_reason("JSON.parse: expected ',' or '}' after property value in object at line 1 column 9 "
                       "of the JSON data") == "expected ',' or '}' after property value in object"


def test_line_and_column():
    assert line_and_column("ab\ncd", 0) == (1, 1)
    assert line_and_column("ab\ncd", 4) == (2, 2)
    assert line_and_column("ab\ncd", 5) == (2, 3)


def test_a_path_without_its_leading_slash_is_said_so():
    assert path_problem("crm/v8/org") == 'A path starts with "/": /crm/v8/org, not crm/v8/org.'
    # Not the message of a path that would leave the API domain.
    assert "outside" not in path_problem("crm/v8/org")


def test_paths():
    assert path_problem("/crm/v8/org") is None
    assert path_problem("").startswith("Write the path")
    assert path_problem("/crm/v8/Leads/search?word=a b").startswith("The path has spaces")
    assert path_problem("https://www.zohoapis.com/crm/v8/org").startswith("Write only the path")
    assert path_problem("/crm/v8/Leads?word=é").startswith("The path has characters")


def test_a_path_that_would_leave_the_api_domain_is_still_refused_by_the_request_builder():
    assert path_problem("//evil.example/x") is None  # looks like a path; the builder refuses it
    with pytest.raises(UnsafeRequestError):
        console_request(TOKEN, NOW, "GET", "//evil.example/x", [], "")


def test_the_body_is_sent_as_it_was_typed():
    typed = '{ "data": [ {"Last_Name": "Babbage", "Score": 1.50} ] }\n'
    request = console_request(TOKEN, NOW, "POST", "/crm/v8/Leads", [("trigger", "workflow")], typed)
    assert request.body == typed
    assert request.headers["Content-Type"] == "application/json"
    plain = build_request(TOKEN, NOW, "POST", "/crm/v8/Leads", [("trigger", "workflow")])
    assert request.url == plain.url and request.headers["Authorization"] == plain.headers["Authorization"]


def test_no_body_no_content_type():
    request = console_request(TOKEN, NOW, "GET", "/crm/v8/org", [], "  \n")
    assert request.body is None and "Content-Type" not in request.headers


def test_a_body_for_a_method_that_sends_none_is_refused():
    assert body_problem("GET", '{"a": 1}').startswith("A GET request sends no body")
    assert body_problem("DELETE", " ") is None
    assert body_problem("POST", '{"a": 1}') is None


def test_query_pairs():
    assert query_pairs("fields=Last_Name,Email\n\n per_page = 5 \nconverted") == [
        ("fields", "Last_Name,Email"), ("per_page", "5"), ("converted", "")]


# --- Headers, copy as fetch, next page, kept requests (issue 22) ----------------------------------

def test_the_persons_headers_go_after_the_apps_and_cannot_replace_the_token():
    request = console_request(TOKEN, NOW, "GET", "/crm/v8/Leads", [], "", [("X-CRM-ORG", "42"), ("If-None-Match", "x")])
    assert request.headers["X-CRM-ORG"] == "42" and request.headers["If-None-Match"] == "x"
    assert request.headers["Authorization"] == "Zoho-oauthtoken 1000.secret"
    assert header_problem("Authorization", "Zoho-oauthtoken other").startswith("The Authorization header carries")
    assert header_problem("authorization", "x") is not None


@pytest.mark.parametrize("name, value, said", [
    ("", "x", "Give the header a name"),
    ("X Bad", "x", "may hold only letters"),
    ("Héader", "x", "may hold only letters"),
    ("Cookie", "a=b", "Browsers do not let a page set"),
    ("Sec-Fetch-Mode", "cors", "Browsers do not let a page set"),
    ("X-Two", "a\r\nInjected: 1", "on one line"),
])
def test_headers_that_cannot_go_as_typed_are_said(name, value, said):
    assert said in header_problem(name, value)


def test_a_fine_header():
    assert header_problem("X-Request-Id", "abc-123") is None


def test_copy_as_fetch_redacts_the_token_and_keeps_the_body():
    request = console_request(TOKEN, NOW, "POST", "/crm/v8/Leads", [], '{"data": []}')
    code = as_fetch(request)
    assert "1000.secret" not in code and '"Authorization": "Zoho-oauthtoken <YOUR_TOKEN>"' in code
    assert code.startswith('const response = await fetch("https://www.zohoapis.com/crm/v8/Leads", {')
    assert '  body: "{\\"data\\": []}",' in code


def test_every_copy_redacts_a_token_pasted_into_the_query_or_the_body():
    pasted = TOKEN.access_token
    request = console_request(TOKEN, NOW, "POST", "/crm/v8/Leads", [("t", pasted)], '{"token": "' + pasted + '"}')
    for copy in (as_fetch, as_curl, as_python_requests):
        code = copy(request)
        assert pasted not in code and code.count("<YOUR_TOKEN>") == 3, copy.__name__


def test_the_next_page_uses_zohos_page_token():
    answer = {"data": [], "info": {"more_records": True, "next_page_token": "abc", "page": 1}}
    assert next_page_pairs([("fields", "Email"), ("page", "1")], answer) == [("fields", "Email"), ("page_token", "abc")]
    assert next_page_pairs([("page_token", "old")], answer) == [("page_token", "abc")]
    assert next_page_pairs([], {"info": {"more_records": False, "next_page_token": "abc"}}) is None
    assert next_page_pairs([], {"info": {"more_records": True}}) is None
    assert next_page_pairs([], [1, 2]) is None


def test_a_kept_request_never_holds_the_token():
    kept = typed_request("GET", "/crm/v8/org", "a=1000.secret", "", [["X-Token", "1000.secret"]], "1000.secret")
    assert "1000.secret" not in json.dumps(kept)
    assert kept["query"] == "a=<YOUR_TOKEN>"


def test_saved_requests_round_trip_and_a_name_is_saved_once():
    first = typed_request("GET", "/crm/v8/org", "", "", [], "s")
    second = typed_request("POST", "/crm/v8/Leads", "", '{"data": []}', [["X-A", "1"]], "s")
    saved = with_saved(with_saved([], "org", first), "org", second)
    assert [item["name"] for item in saved] == ["org"] and saved[0]["method"] == "POST"
    assert decode_requests(encode_requests(saved), 10) == saved


@pytest.mark.parametrize("stored", [None, "", "not json", "{}", '[{"method": "GET"}]',
                                    '[{"method": "GET", "path": "/", "query": "", "body": "", "headers": [["a"]]}]'])
def test_kept_requests_trust_nothing(stored):
    assert decode_requests(stored, 10) == []


def test_the_history_keeps_the_latest_first():
    history = []
    for number in range(HISTORY_LIMIT + 3):
        history = with_history(history, typed_request("GET", "/crm/v8/" + str(number), "", "", [], ""), str(number))
    assert len(history) == HISTORY_LIMIT and history[0]["label"] == str(HISTORY_LIMIT + 2)


def test_header_rows_kept_in_the_draft():
    assert decode_headers(encode_headers([("X-A", "1")])) == [["X-A", "1"]]
    assert decode_headers('[["X-A"]]') == [] and decode_headers(None) == [] and decode_headers("{") == []
