from hypothesis import given
from hypothesis import strategies as st

from zoho import display, fields


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=10)
data_types = st.sampled_from(["text", "subform", "multiselectlookup", "fileupload", "imageupload", "lookup",
                              "ownerlookup", "formula", "autonumber", "currency", "boolean", "percent", None])


@given(json_values, data_types)
def test_any_value_of_any_type_shows_as_text(value, data_type):
    assert isinstance(display.value_text(value, data_type, "$"), str)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_money_reads_back_as_the_amount_to_the_cent(amount):
    text = display.money_text(amount)
    assert abs(float(text.replace(",", "")) - amount) <= 0.005 + 1e-6 * abs(amount)


def test_every_type_the_form_offers_is_an_edit_rule_kind():
    for data_type, kind in fields.INPUT_KINDS.items():
        assert display.edit_rule(fields.FieldMeta("F", "F", data_type)).input_kind == kind


def test_an_amount_too_large_for_cents_is_shown_whole():
    assert display.money_text(-2e20, "$") == "-$200,000,000,000,000,000,000"
    assert display.value_text(1.797693134862316e+306, "currency").startswith("1,797,693,134,862,31")
