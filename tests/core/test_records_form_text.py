"""A record form's inputs as text (zoho.formtext), the table's columns (zoho.columns), Zoho's
per-record results as lines (zoho.outcomes)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import api, calls, columns, formtext, outcomes, search_export
from zoho.fields import FieldMeta, PicklistValue


def field(data_type, api_name="F", label="The Field", **options):
    return FieldMeta(api_name, label, data_type, **options)


@pytest.mark.parametrize("data_type, value, text", [
    ("boolean", True, "true"), ("boolean", None, "false"), ("boolean", "yes", "false"),
    ("multiselectpicklist", ["A", "B", 3], "A\nB"), ("multiselectpicklist", "A", ""),
    ("lookup", {"id": "7", "name": "Ada"}, "7"), ("lookup", {"name": "Ada"}, ""), ("lookup", "7", ""),
    ("datetime", "2026-01-02T03:04:05+05:30", "2026-01-02T03:04"),
    ("text", "Babbage", "Babbage"), ("text", None, ""), ("integer", 42, "42"),
])
def test_a_record_s_value_is_its_input_s_text(data_type, value, text):
    assert formtext.original_text(field(data_type), value) == text


@given(st.lists(st.sampled_from(["A", "B", "C"]), unique=True))
def test_a_multi_select_s_text_means_the_values_it_was_made_from(chosen):
    multi = field("multiselectpicklist", choices=[PicklistValue(c, c) for c in "ABC"])
    assert formtext.entry_of(multi, formtext.original_text(multi, chosen)) == chosen


def test_only_the_inputs_the_person_changed_count():
    name, done = field("text", "Last_Name"), field("boolean", "Done")
    record = {"Last_Name": "Babbage", "Done": True}
    assert formtext.changed_texts([name, done], {"Last_Name": "Babbage", "Done": "true"}, record) == {}
    assert formtext.changed_texts([name, done], {"Last_Name": "Lovelace", "Done": "false"}, record) == {
        "Last_Name": "Lovelace", "Done": "false"}
    # A new record starts from empty inputs (an unticked box is no change).
    assert formtext.changed_texts([name, done], {"Last_Name": "", "Done": "false"}, None) == {}
    assert formtext.entries_of([name, done], {"Done": "true"}) == {"Done": True}


def test_the_first_columns_are_zoho_s_usual_ones_or_the_first_editable_fields():
    known = [field("text", "Last_Name"), field("formula", "Score"), field("email", "Email"), field("text", "Odd")]
    assert columns.default_columns("Leads", known) == ["Last_Name", "Email"]
    assert columns.default_columns("Projects", known) == ["Last_Name", "Email", "Odd"]  # a formula is not shown first
    assert columns.default_columns("Projects", None) == columns.FALLBACK_FIELDS
    assert columns.typed_columns(" Email, ,Last_Name ,") == ["Email", "Last_Name"]
    assert len(columns.typed_columns(",".join("F%d" % i for i in range(80)))) == columns.MAX_COLUMNS
    guessed = columns.guessed_fields(["Owner", "Campaign_Name"])
    assert [f.editable for f in guessed] == [False, True]


def test_per_record_results_read_as_lines_naming_the_field_by_its_label():
    results = [api.RecordResult("SUCCESS", "success", "record added", "77", {}),
               api.RecordResult("INVALID_DATA", "error", "invalid data", None, {"api_name": "Email"})]
    assert outcomes.result_lines(results, [field("email", "Email", "E-mail")]) == [
        ("Done: record added (id 77)", True), ("Not done: invalid data (INVALID_DATA, field E-mail)", False)]


def pages_of(*sizes):
    """A pages flow of Rows of ``sizes`` rows each (no requests), more until the last."""
    for index, size in enumerate(sizes):
        yield calls.Rows([{"id": str(index)}] * size, index < len(sizes) - 1)


def test_a_search_export_stops_at_zoho_s_first_2000_matches_and_says_it_did():
    capped = []
    steps = list(search_export.first_matches(pages_of(*[200] * 12), capped))
    assert sum(len(step.rows) for step in steps) == 2000 and not steps[-1].more and capped == [True]
    capped = []
    steps = list(search_export.first_matches(pages_of(200, 150), capped))
    assert [len(step.rows) for step in steps] == [200, 150] and capped == []
