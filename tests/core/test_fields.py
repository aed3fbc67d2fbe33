import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.zoho import fields


@pytest.mark.parametrize(
    "samples, kind",
    [
        ([None, 5000], fields.NUMBER),
        ([12.5], fields.NUMBER),
        ([True], fields.BOOLEAN),
        ([None, {"name": "Ada", "id": "1"}], fields.STRUCTURED),
        ([["a"]], fields.STRUCTURED),
        (["Hopper"], fields.TEXT),
        ([None, None], fields.TEXT),
        ([], fields.TEXT),
    ],
)
def test_field_kind_from_the_first_value_seen(samples, kind):
    assert fields.field_kind(samples) == kind


@pytest.mark.parametrize(
    "kind, text, value",
    [
        (fields.NUMBER, "5000", 5000),
        (fields.NUMBER, " -12 ", -12),
        (fields.NUMBER, "99.50", 99.5),
        (fields.NUMBER, ".5", 0.5),
        (fields.BOOLEAN, "Yes", True),
        (fields.BOOLEAN, "false", False),
        (fields.TEXT, " Hopper ", "Hopper"),
        (fields.TEXT, "", None),
        (fields.NUMBER, "   ", None),
    ],
)
def test_form_value(kind, text, value):
    result = fields.form_value(kind, text)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("kind, text", [(fields.NUMBER, "5,000"), (fields.NUMBER, "1e3"), (fields.NUMBER, "nan"),
                                         (fields.NUMBER, "-"), (fields.NUMBER, "1.2.3"), (fields.BOOLEAN, "maybe")])
def test_form_value_refuses_what_does_not_fit(kind, text):
    with pytest.raises(ValueError, match="must be"):
        fields.form_value(kind, text)


@given(st.integers(-10**12, 10**12))
def test_integers_round_trip(number):
    assert fields.form_value(fields.NUMBER, str(number)) == number
