import json

from hypothesis import given
from hypothesis import strategies as st

from zoho.jsontext import pretty_json

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
