import json

from hypothesis import given
from hypothesis import strategies as st

from zoho.jsontext import join_surrogate_escapes, loads, pretty_json

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
