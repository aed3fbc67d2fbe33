"""The filter bar's rules (zoho.filters): operators by data type, the input a value takes, and
the criteria or COQL condition sent, with Zoho's escaping."""

import pytest

from zoho.fields import FieldMeta, PicklistValue
from zoho import filters as F

NAME = FieldMeta("Last_Name", "Last Name", "text")
NOTES = FieldMeta("Description", "Description", "textarea")
STATUS = FieldMeta("Lead_Status", "Lead Status", "picklist",
                   choices=[PicklistValue("Contacted", "Contacted"), PicklistValue("New", "New")])
AMOUNT = FieldMeta("Amount", "Amount", "currency")
EMPLOYEES = FieldMeta("No_of_Employees", "Employees", "integer")
CLOSING = FieldMeta("Closing_Date", "Closing Date", "date")
CREATED = FieldMeta("Created_Time", "Created Time", "datetime")
OPTED_OUT = FieldMeta("Email_Opt_Out", "Email Opt Out", "boolean")
ACCOUNT = FieldMeta("Account_Name", "Account Name", "lookup")


def test_operators_follow_zoho_s_table_by_type():
    assert F.operators_for(NAME) == ("equals", "not_equal", "starts_with", "in")
    assert F.operators_for(NOTES) == ("equals", "not_equal", "starts_with")
    assert F.operators_for(STATUS) == ("equals", "not_equal", "in")
    assert F.operators_for(OPTED_OUT) == ("equals", "not_equal")
    assert "between" in F.operators_for(AMOUNT) and "starts_with" not in F.operators_for(AMOUNT)
    assert F.operators_for(CLOSING) == F.operators_for(EMPLOYEES)
    assert F.operators_for(ACCOUNT) == ()
    assert F.operators_for(NAME, coql=True)[-2:] == ("is_empty", "is_not_empty")
    # Zoho's COQL takes no multi-line field in a condition: "is empty" would be refused
    assert F.operators_for(NOTES, coql=True) == ("equals", "not_equal", "starts_with")
    with pytest.raises(ValueError):
        F.build_filter(NOTES, "is_empty", [])
    assert F.filter_fields([NAME, ACCOUNT, STATUS]) == [NAME, STATUS]


def test_labels_say_what_zoho_does():
    assert F.operator_label(NAME, "equals") == "contains"  # Zoho's equals finds text inside text
    assert F.operator_label(STATUS, "equals") == "is"
    assert F.operator_label(CLOSING, "less_than") == "is before"
    assert F.operator_label(AMOUNT, "greater_equal") == "is at least"


@pytest.mark.parametrize(("field", "operator", "kind"), [
    (NAME, "starts_with", "text"), (STATUS, "equals", "select"), (STATUS, "in", "text"),
    (AMOUNT, "between", "number"), (CLOSING, "equals", "date"), (CREATED, "less_than", "datetime-local"),
    (OPTED_OUT, "equals", "checkbox"), (NAME, "is_empty", None)])
def test_the_value_s_input_by_type(field, operator, kind):
    assert F.value_input(field, operator) == kind


@pytest.mark.parametrize(("field", "operator", "entries", "criteria"), [
    (NAME, "starts_with", ["Bab"], "(Last_Name:starts_with:Bab)"),
    (NAME, "equals", ["Burns,B (Jr)"], "(Last_Name:equals:Burns\\,B \\(Jr\\))"),
    (NAME, "equals", ["K\\"], "(Last_Name:equals:K\\\\)"),
    (NAME, "equals", ["a:b"], "(Last_Name:equals:a:b)"),
    (NAME, "in", ["Ada, Grace ,,Hopper"], "(Last_Name:in:Ada,Grace,Hopper)"),
    (STATUS, "not_equal", ["Contacted"], "(Lead_Status:not_equal:Contacted)"),
    (AMOUNT, "between", ["1000", "99.5"], "(Amount:between:1000,99.5)"),
    (EMPLOYEES, "greater_than", [" 12 "], "(No_of_Employees:greater_than:12)"),
    (CLOSING, "less_equal", ["2024-05-31"], "(Closing_Date:less_equal:2024-05-31)"),
    (CREATED, "greater_than", ["2024-05-31T09:30"], "(Created_Time:greater_than:2024-05-31T09:30:00+05:30)"),
    (OPTED_OUT, "equals", [True], "(Email_Opt_Out:equals:true)"),
    (OPTED_OUT, "equals", [False], "(Email_Opt_Out:equals:false)"),
])
def test_criteria_as_sent(field, operator, entries, criteria):
    assert F.build_filter(field, operator, entries, 330) == F.Filter(F.CRITERIA, criteria)


def test_what_only_coql_says():
    assert F.build_filter(NAME, "is_empty", []) == F.Filter(F.COQL, "Last_Name is null")
    assert F.build_filter(AMOUNT, "is_not_empty", []) == F.Filter(F.COQL, "Amount is not null")


@pytest.mark.parametrize(("field", "operator", "entries", "says"), [
    (NAME, "equals", ["  "], "Last Name needs a value."),
    (NAME, "greater_than", ["a"], "Zoho cannot filter Last Name by \"greater_than\"."),
    (AMOUNT, "equals", ["a lot"], "Amount must be a number"),
    (EMPLOYEES, "equals", ["1.5"], "Employees must be a whole number"),
    (CLOSING, "equals", ["31/05/2024"], "Closing Date must be a date"),
    (STATUS, "equals", ["Lost"], "Lead Status must be one of its choices: Contacted, New"),
    (AMOUNT, "between", ["1"], "Amount needs 2 values."),
    (NAME, "in", [" , "], "Last Name needs one value or more"),
    (NAME, "in", [",".join(str(n) for n in range(101))], "Last Name takes at most 100 values"),
    (NAME, "equals", ["x" * 3000], "Zoho takes criteria of at most 3000 characters"),
    (ACCOUNT, "equals", ["1"], "Zoho cannot filter Account Name"),
])
def test_what_cannot_be_sent_is_said(field, operator, entries, says):
    with pytest.raises(ValueError) as refused:
        F.build_filter(field, operator, entries)
    assert str(refused.value).startswith(says)


def test_a_value_the_input_could_not_read_is_said_by_its_kind():
    # None: the browser's input held something it could not read (1e400 in a number input)
    with pytest.raises(ValueError, match="Amount must be a number"):
        F.build_filter(AMOUNT, "greater_than", [None])
    with pytest.raises(ValueError, match="Employees must be a whole number"):
        F.build_filter(EMPLOYEES, "equals", [None])
    with pytest.raises(ValueError, match="Closing Date must be a date"):
        F.build_filter(CLOSING, "between", ["2024-01-01", None])

