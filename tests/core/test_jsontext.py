import json

from hypothesis import given
from hypothesis import strategies as st

from zoho.jsontext import find_spans, folded_json, join_surrogate_escapes, loads, pretty_json

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_matches_the_standard_library_layout(value):
    assert pretty_json(value) == json.dumps(value, indent=2, sort_keys=True)


@given(json_values)
def test_round_trips(value):
    assert json.loads(pretty_json(value)) == value


def test_nested_layout():
    assert pretty_json({"info": {}, "data": [{"id": "1"}]}) == (
        '{\n  "data": [\n    {\n      "id": "1"\n    }\n  ],\n  "info": {}\n}')


@given(json_values)
def test_loads_reads_what_json_dumps_writes_escaped(value):
    assert loads(json.dumps(value)) == value  # ensure_ascii: every character beyond U+FFFF as a pair


def test_escaped_surrogate_pairs_are_joined_and_nothing_else_is_touched():
    assert join_surrogate_escapes('{"a": "x\\ud83d\\udc0dy"}') == '{"a": "x\U0001F40Dy"}'
    assert join_surrogate_escapes('"\\\\ud83d\\udc0d"') == '"\\\\ud83d\\udc0d"'  # a backslash, then text
    assert join_surrogate_escapes('"\\ud83d"') == '"\\ud83d"'  # a lone half stays an escape
    assert join_surrogate_escapes('"\\u00e9\\n\\ud83d\\u0041"') == '"\\u00e9\\n\\ud83d\\u0041"'


@given(json_values)
def test_folded_deep_enough_is_the_pretty_layout(value):
    assert folded_json(value, 99) == pretty_json(value)


def test_what_lies_deeper_is_folded_with_its_size():
    answer = {"data": [{"id": "1", "Owner": {"name": "Ada"}}, {"id": "2"}], "info": {"more_records": True}}
    assert folded_json(answer, 1) == '{\n  "data": […2 items],\n  "info": {…1 key}\n}'
    assert folded_json(answer, 2) == ('{\n  "data": [\n    {…2 keys},\n    {…1 key}\n  ],\n'
                                      '  "info": {\n    "more_records": true\n  }\n}')
    assert folded_json([], 0) == "[]" and folded_json("text", 0) == '"text"'


def test_find_spans_ignores_case_and_does_not_overlap():
    assert find_spans('"Last_Name": "last"', "LAST") == [(1, 5), (14, 18)]
    assert find_spans("aaaa", "aa") == [(0, 2), (2, 4)]
    assert find_spans("abc", "") == [] and find_spans("abc", "x") == []
