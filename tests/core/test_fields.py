import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import api, fields
from zoho import errors as E
from sandbox.catalog import RECORD_MODULES
from sandbox.data import MemoryStore
from sandbox.field_meta import fields_metadata
from sandbox.records import validate_values


def answer(body):
    return api.interpret_response(200, {"Content-Type": "application/json"}, json.dumps(body))


def field(data_type, **options):
    return fields.FieldMeta(options.pop("api_name", "F"), options.pop("label", "The Field"), data_type, **options)


# --- Parsing the metadata ---------------------------------------------------


@pytest.mark.parametrize("module", sorted(RECORD_MODULES))
def test_parse_fields_reads_what_the_sandbox_serves(module):
    served = fields_metadata(RECORD_MODULES[module])
    parsed = fields.parse_fields(answer({"fields": served}))
    assert [f.api_name for f in parsed] == [entry["api_name"] for entry in served]
    for meta, entry in zip(parsed, served):
        assert (meta.label, meta.data_type, meta.json_type, meta.mandatory, meta.read_only, meta.length) == (
            entry["field_label"], entry["data_type"], entry["json_type"], entry["system_mandatory"],
            entry["read_only"], entry["length"])
        listed = [(v["display_value"], v["actual_value"]) for v in entry["pick_list_values"]]
        assert [(c.display, c.actual) for c in meta.choices] == [v for v in listed if v[1] != "-None-"]
        assert meta.lookup_module == (entry["lookup"]["module"]["api_name"] if entry["lookup"] else None)


def test_parse_fields_of_a_zoho_shaped_answer():
    body = {"fields": [
        {"api_name": "Owner", "field_label": "Lead Owner", "data_type": "ownerlookup", "json_type": "jsonobject",
         "read_only": False, "field_read_only": True, "system_mandatory": False, "length": 120,
         "pick_list_values": [], "lookup": {}, "unknown_key": {"x": 1}},
        {"api_name": "Rating", "display_label": "Rating", "data_type": "picklist", "system_mandatory": True,
         "pick_list_values": [{"display_value": "-None-", "actual_value": "-None-"},
                              {"display_value": "Hot!", "actual_value": "Hot"}, "junk", {"display_value": "Cold"}]},
        {"api_name": "Account_Name", "field_label": "Account", "data_type": "lookup", "read_only": True,
         "lookup": {"module": {"api_name": "Accounts", "id": "1"}}, "length": "120"},
        {"field_label": "No API name"}, "junk", {"api_name": ""},
    ]}
    owner, rating, account = fields.parse_fields(answer(body))
    assert owner == fields.FieldMeta("Owner", "Lead Owner", "ownerlookup", "jsonobject", False, False, 120, (), None)
    assert owner.editable and owner.input_kind == fields.LOOKUP
    assert rating.label == "Rating" and rating.mandatory and rating.json_type is None
    assert rating.choices == (fields.PicklistValue("Hot!", "Hot"), fields.PicklistValue("Cold", "Cold"))
    assert (account.lookup_module, account.read_only, account.length, account.editable) == ("Accounts", True, None,
                                                                                          False)


@pytest.mark.parametrize("body", [{"data": []}, {"fields": {}}, [], None])
def test_parse_fields_refuses_other_shapes(body):
    response = api.interpret_response(200, {}, json.dumps(body)) if body is not None else api.interpret_response(
        204, {}, "")
    with pytest.raises(E.UnexpectedResponseError, match="list of fields"):
        fields.parse_fields(response)


def test_label_of():
    metas = [field("text", api_name="Last_Name", label="Last Name")]
    assert fields.label_of(metas, "Last_Name") == "Last Name"
    assert fields.label_of(metas, "id") == "id"


@pytest.mark.parametrize(("data_type", "kind"), [
    ("text", "text"), ("textarea", "textarea"), ("email", "email"), ("phone", "tel"), ("website", "url"),
    ("integer", "number"), ("bigint", "number"), ("double", "number"), ("currency", "currency"),
    ("percent", "percent"), ("date", "date"), ("datetime", "datetime-local"), ("boolean", "checkbox"),
    ("picklist", "select"), ("multiselectpicklist", "multi-select"), ("lookup", "lookup"), ("ownerlookup", "lookup"),
    ("formula", None), ("autonumber", None), ("fileupload", None),
])
def test_input_kind_per_data_type(data_type, kind):
    meta = field(data_type)
    assert meta.input_kind == kind
    assert meta.editable is (kind is not None)
    assert field(data_type, read_only=True).editable is False


# --- From a form's entries to Zoho's JSON -----------------------------------

STAGES = (fields.PicklistValue("Won", "Closed Won"), fields.PicklistValue("Lost", "Closed Lost"))


@pytest.mark.parametrize(("meta", "entry", "value"), [
    (field("text"), "  Hopper ", "Hopper"),
    (field("text"), "   ", None),
    (field("text"), None, None),
    (field("boolean"), None, False),
    (field("multiselectpicklist"), None, None),
    (field("textarea"), "  two\nlines ", "  two\nlines "),
    (field("email"), "ada@example.com", "ada@example.com"),
    (field("phone"), "+1 (555) 0100", "+1 (555) 0100"),
    (field("website"), "https://example.com", "https://example.com"),
    (field("integer"), "-12", -12),
    (field("bigint", json_type="string"), "12345678901234", "12345678901234"),
    (field("double"), "2.5", 2.5),
    (field("currency"), "1250", 1250),
    (field("currency"), "99.50", 99.5),
    (field("percent"), "12.5", 12.5),
    (field("date"), "2024-02-29", "2024-02-29"),
    (field("boolean"), True, True),
    (field("boolean"), "", False),
    (field("boolean"), "yes", True),
    (field("picklist", choices=STAGES), "Closed Won", "Closed Won"),
    (field("picklist", choices=STAGES), "-None-", None),
    (field("picklist", choices=STAGES), "", None),
    (field("multiselectpicklist", choices=STAGES), ["Closed Lost", "Closed Won"], ["Closed Lost", "Closed Won"]),
    (field("multiselectpicklist", choices=STAGES), [], None),
    (field("lookup"), " 5725767000000500001 ", {"id": "5725767000000500001"}),
    (field("ownerlookup"), "5725767000000411002", {"id": "5725767000000411002"}),
])
def test_field_value(meta, entry, value):
    result = fields.field_value(meta, entry)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize(("offset", "suffix"), [(0, "+00:00"), (330, "+05:30"), (-240, "-04:00"), (345, "+05:45"),
                                                (-570, "-09:30")])
def test_a_date_time_gets_the_persons_offset(offset, suffix):
    meta = field("datetime")
    assert fields.field_value(meta, "2024-05-31T09:30", offset) == "2024-05-31T09:30:00" + suffix
    assert fields.field_value(meta, "2024-05-31 09:30:15", offset) == "2024-05-31T09:30:15" + suffix
    parsed = datetime.datetime.fromisoformat(fields.field_value(meta, "2024-05-31T09:30", offset))
    assert parsed.utcoffset() == datetime.timedelta(minutes=offset)


@pytest.mark.parametrize(("meta", "entry", "problem"), [
    (field("text", length=5), "Babbage", "must be at most 5 characters long"),
    (field("email"), "ada.example.com", "must be an email address"),
    (field("email"), "ada@example", "must be an email address"),
    (field("email"), "a da@example.com", "must be an email address"),
    (field("integer"), "12.5", "must be a whole number"),
    (field("integer"), "1e3", "must be a number"),
    (field("currency"), "1,250", "must be a number"),
    (field("date"), "2023-02-29", "must be a date that exists"),
    (field("date"), "31/05/2024", "must be a date"),
    (field("datetime"), "2024-05-31", "must be a date and time"),
    (field("datetime"), "2024-05-31T24:00", "must be a time that exists"),
    (field("datetime"), "2024-05-31T9:30", "must be a date and time"),
    (field("boolean"), "maybe", "must be yes or no"),
    (field("picklist", choices=STAGES), "Won", "must be one of the listed choices"),
    (field("multiselectpicklist", choices=STAGES), ["Closed Won", "Other"], "must be one of the listed choices"),
    (field("lookup"), "Analytical Engines", "must be the id of a record"),
])
def test_field_value_refuses_what_does_not_fit(meta, entry, problem):
    with pytest.raises(ValueError) as raised:
        fields.field_value(meta, entry)
    assert raised.value.args[0].startswith(problem)


@given(st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)))
def test_every_calendar_date_is_taken(day):
    assert fields.field_value(field("date"), day.isoformat()) == day.isoformat()


@given(st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32))
def test_dates_are_checked_against_the_calendar(year, month, day):
    text = "{:04d}-{:02d}-{:02d}".format(year, month, day)
    try:
        datetime.date(year, month, day)
    except ValueError:
        with pytest.raises(ValueError):
            fields.field_value(field("date"), text)
    else:
        assert fields.field_value(field("date"), text) == text


LEAD_FIELDS = [
    field("text", api_name="First_Name", label="First Name", length=40),
    field("text", api_name="Last_Name", label="Last Name", mandatory=True, length=80),
    field("text", api_name="Full_Name", label="Full Name", read_only=True),
    field("currency", api_name="Annual_Revenue", label="Annual Revenue"),
    field("picklist", api_name="Stage", label="Stage", mandatory=True, choices=STAGES),
    field("formula", api_name="Score", label="Score"),
]


def test_build_record_for_a_new_record():
    record, problems = fields.build_record(LEAD_FIELDS, {"First_Name": " Ada ", "Last_Name": "Lovelace",
                                                         "Full_Name": "x", "Annual_Revenue": "", "Stage": "Closed Won",
                                                         "Score": "9"}, creating=True)
    assert (record, problems) == ({"First_Name": "Ada", "Last_Name": "Lovelace", "Stage": "Closed Won"}, [])


def test_build_record_names_every_problem_by_label_in_field_order():
    record, problems = fields.build_record(LEAD_FIELDS, {"First_Name": "x" * 41, "Annual_Revenue": "lots"},
                                           creating=True)
    assert problems == [
        "First Name must be at most 40 characters long.",
        "Last Name is required.",
        "Annual Revenue must be a number, such as 1250 or 99.50.",
        "Stage is required.",
    ]
    assert record == {}


def test_build_record_for_an_update_sends_only_the_entries_and_clears_with_null():
    record, problems = fields.build_record(LEAD_FIELDS, {"First_Name": "", "Annual_Revenue": "5000"}, creating=False)
    assert (record, problems) == ({"First_Name": None, "Annual_Revenue": 5000}, [])
    record, problems = fields.build_record(LEAD_FIELDS, {"Last_Name": "  ", "Stage": "-None-"}, creating=False)
    assert (record, problems) == ({}, ["Last Name is required.", "Stage is required."])


def test_the_sandbox_takes_what_build_record_makes_in_every_module():
    """A form's values for every editable field of every module pass the sandbox's own write checks."""
    store = MemoryStore(1815)
    samples = {"email": "ada@example.com", "date": "2024-05-31", "datetime-local": "2024-05-31T09:30",
               "checkbox": True, "number": "7", "currency": "99.50", "percent": "12.5"}
    for name, module in RECORD_MODULES.items():
        metas = fields.parse_fields(answer({"fields": fields_metadata(module)}))
        entries = {}
        for meta in metas:
            if meta.input_kind == fields.LOOKUP:
                target = store.all(meta.lookup_module)[0]["id"] if meta.lookup_module else "5725767000000411002"
                entries[meta.api_name] = target
            elif meta.input_kind == fields.MULTI_SELECT:
                entries[meta.api_name] = [meta.choices[0].actual]
            elif meta.choices:
                entries[meta.api_name] = meta.choices[0].actual
            else:
                entries[meta.api_name] = samples.get(meta.input_kind, "Sample")
        record, problems = fields.build_record(metas, entries, creating=True, utc_offset_minutes=330)
        assert problems == [], name
        assert set(record) == {m.api_name for m in metas if m.editable}
        values, error = validate_values(module, record, store, creating=True)
        assert error is None, (name, error)


# --- Kinds guessed from record values ---------------------------------------


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
