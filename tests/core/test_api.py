import json
import shlex
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import api, token
from zoho import errors as E

from . import cases as C
from . import portable_checks as P

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)
bodies = st.one_of(
    st.text(max_size=60),
    json_values.map(json.dumps),
    st.builds(lambda code, message: json.dumps({"code": code, "message": message, "status": "error", "details": {}}),
              st.sampled_from(sorted(api.API_ERRORS) + ["OTHER"]), st.text(max_size=20)),
)
zoho_token = st.text(alphabet="abcdef0123456789", min_size=16, max_size=40).map(lambda t: "1000." + t)


@pytest.mark.parametrize("path", C.UNSAFE_PATHS)
def test_unsafe_paths_are_refused(path):
    with pytest.raises(E.UnsafeRequestError):
        api.build_request(P.make_token(), C.NOW, "GET", path)


@pytest.mark.parametrize("case", C.API_ERRORS)
def test_error_answers(case):
    P.verify_api_error(case)


@pytest.mark.parametrize("case", C.REQUIRED_SCOPES)
def test_required_scope_for(case):
    P.verify_required_scope(case)


@given(st.integers(100, 599), st.dictionaries(st.sampled_from(["Retry-After", "Content-Type"]), st.text(max_size=10)),
       bodies)
def test_every_answer_is_a_response_or_an_api_error(status, headers, body):
    try:
        response = api.interpret_response(status, headers, body, "GET", "/crm/v8/Leads")
    except E.ApiError as exc:
        assert exc.message and exc.code
        if status == 429:
            assert isinstance(exc, E.RateLimitedError)
        if isinstance(exc, E.RateLimitedError):
            assert exc.retry_after is None or exc.retry_after >= 0
    else:
        assert 200 <= status <= 299
        assert response.data is None or isinstance(response.data, (dict, list))


@given(st.text(max_size=40), st.sampled_from(["GET", "POST", "DELETE"]))
def test_requests_never_leave_the_api_domain(path, method):
    record = P.make_token()
    try:
        request = api.build_request(record, C.NOW, method, path)
    except E.UnsafeRequestError:
        return
    parts = urllib.parse.urlsplit(request.url)
    assert (parts.scheme, parts.netloc, parts.username) == ("https", "www.zohoapis.com", None)
    assert request.url.startswith(record.api_domain + "/")
    assert ".." not in parts.path.split("/")


@given(zoho_token, st.text(max_size=30), st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=3),
       st.sampled_from(["GET", "POST", "PUT"]))
def test_copyable_text_never_shows_the_token(access_token, note, query, method):
    record = token.TokenRecord(access_token, C.NOW + 3600, "https://www.zohoapis.com", [])
    body = {"data": [{"Note": note + access_token}]} if method != "GET" else None
    request = api.build_request(record, C.NOW, method, "/crm/v8/Leads", query=query + [("t", access_token)],
                                json_body=body)
    curl = api.as_curl(request)
    python = api.as_python_requests(request)
    assert access_token not in curl and access_token not in python
    words = shlex.split(curl.replace("\\\n", " "))
    assert words[:3] == ["curl", "-X", method]
    assert "Authorization: Zoho-oauthtoken <YOUR_TOKEN>" in words
    compile(python, "<copy>", "exec")


@pytest.mark.parametrize(
    "body, expected_items, expected_first",
    [
        ('{"users": [{"id": "1"}, {"id": "2"}]}', [{"id": "1"}, {"id": "2"}], {"id": "1"}),
        ('{"users": [7, {"id": "2"}]}', [{"id": "2"}], {"id": "2"}),
        ('{"users": {"x": 1}}', [], {}),
        ('{"users": []}', [], {}),
        ("[]", [], {}),
        ('{"other": [{"id": "1"}]}', [], {}),
    ],
)
def test_items_of_tolerates_any_shape(body, expected_items, expected_first):
    response = api.interpret_response(200, {}, body)
    assert api.items_of(response, "users") == expected_items
    assert api.first_item(response, "users") == expected_first


def test_items_of_an_empty_answer():
    response = api.interpret_response(204, {}, "")
    assert api.items_of(response, "data") == [] and api.first_item(response, "data") == {}


