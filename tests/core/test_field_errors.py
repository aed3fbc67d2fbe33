from hypothesis import given
from hypothesis import strategies as st

from zoho import field_errors, fields

from . import portable_rules as PR

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner,
                                                                                         max_size=3), max_leaves=8)
detail_keys = st.sampled_from(["api_name", "json_path", "maximum_length", "expected_data_type", "supported_values",
                               "dependee", "id"])


@given(st.one_of(st.none(), st.text(max_size=30)), st.dictionaries(detail_keys, json_values, max_size=5),
       st.one_of(st.none(), st.text(max_size=50)))
def test_any_error_answer_gives_a_sentence_or_nothing_and_marks_only_form_fields(code, details, message):
    form = PR._form_fields()
    problem = field_errors.field_problem(code, details, message, form)
    if problem is not None:
        assert problem.api_name is None or problem.api_name in [f.api_name for f in form]
        assert problem.message.endswith(".") and "\n" not in problem.message


def test_the_forms_check_and_zohos_refusal_say_a_too_long_value_alike():
    form = PR._form_fields()
    _, own = fields.check_record(form, {"Company": "x" * 201}, False)
    zoho = field_errors.field_problem("INVALID_DATA", {"api_name": "Company", "json_path": "$.data[0].Company",
                                                       "maximum_length": 200}, "invalid data", form)
    assert own == [zoho] == [fields.FieldProblem("Company", "Company must be at most 200 characters long.")]
