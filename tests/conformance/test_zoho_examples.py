"""Zoho's own example answers: the schemas accept them (so the schemas say what Zoho says), and the app's core
parsers read them to the same values (so the app works with Zoho's answers, not only with the sandbox's)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import zoho_examples as ex
import zoho_schemas as z
from jsonschema import Draft202012Validator
from zoho import api, coql, errors, fields, search

Example = ex.Example


def answer(example: Example) -> Any:
    """The example through the core's HTTP interpretation (raises the core's ApiError for error answers)."""
    _, status, body = example
    return api.interpret_response(status, {"Content-Type": "application/json"}, json.dumps(body))


@pytest.mark.parametrize(("example", "schema"), [
    (ex.GET_RECORDS, z.RECORDS_LIST), (ex.GET_RECORD, z.RECORD_GET), (ex.CREATED, z.CREATED),
    (ex.CREATED_MIXED, z.CREATED_MIXED), (ex.TOO_LONG, z.CREATE_FAILED), (ex.WRONG_TYPE, z.CREATE_FAILED),
    (ex.UPDATED_MIXED, z.UPDATED_MIXED), (ex.INVALID_RECORD_ID, z.INVALID_RECORD_ID),
    (ex.INVALID_MODULE, z.RECORDS_LIST_ERROR), (ex.SEARCH, z.SEARCH), (ex.SEARCH_MISSING, z.SEARCH_ERROR),
    (ex.COQL, z.COQL), (ex.COQL_WITH_FIELDS, z.COQL), (ex.FIELDS, z.FIELDS), (ex.USERS, z.USERS), (ex.ORG, z.ORG),
    (ex.MODULES, z.MODULES),
], ids=lambda value: value[0].split("/")[-1] if isinstance(value, tuple) else "")
def test_the_schemas_accept_zoho_s_own_examples(example: Example, schema: z.Schema) -> None:
    source, _, body = example
    found = [f"{list(e.path)}: {e.message}" for e in Draft202012Validator(z.with_definitions(schema)).iter_errors(body)]
    assert not found, (source, found[:5])


@pytest.mark.parametrize(("case", "code", "details", "_"), ex.COQL_ERRORS)
def test_the_coql_error_schema_accepts_zoho_s_error_examples(case: str, code: str, details: dict[str, Any],
                                                              _: Any) -> None:
    body = {"code": code, "details": details, "message": case, "status": "error"}
    assert Draft202012Validator(z.COQL_ERROR).is_valid(body), case


def test_the_deleted_mixed_example_shows_the_spec_s_message_for_a_record_not_deleted() -> None:
    """The schema for delete results reads per-record errors with any message; Zoho's example says
    "record not deleted" where the sandbox says it in its own words."""
    assert Draft202012Validator(z.DELETED_MIXED).is_valid(ex.DELETED_MIXED[2])


# The core's parsers read Zoho's examples -------------------------------------------------------------------------------


def test_a_records_page() -> None:
    page = api.parse_records_page(answer(ex.GET_RECORDS))
    assert [r["Last_Name"] for r in page.records] == ["Doe"]
    assert (page.more_records, page.next_page_token, page.page, page.per_page, page.count) == (
        True, "c8582xx9e7c7", 1, 5, 5)


def test_one_record_and_a_search_page() -> None:
    assert api.parse_records_page(answer(ex.GET_RECORD)).records[0]["Email"] == "john.doe@zylker.com"
    found = api.parse_records_page(answer(ex.SEARCH))
    assert ([r["Company"] for r in found.records], found.more_records) == (["Zylker"], False)


def test_write_results() -> None:
    [created] = api.parse_record_results(answer(ex.CREATED))
    assert (created.ok, created.id, created.message) == (True, "5725767000000524157", "record added")
    ok, refused = api.parse_record_results(answer(ex.CREATED_MIXED))
    assert ok.ok and not refused.ok
    assert (refused.code, refused.details["json_path"]) == ("INVALID_DATA", "$.data[1].Last_Name")
    deleted = api.parse_record_results(answer(ex.DELETED_MIXED))
    assert [(r.ok, r.id) for r in deleted] == [(True, "410405000002264040"), (False, "4150868000005067099"),
                                               (True, "410405000002264025")]
    updated = api.parse_record_results(answer(ex.UPDATED_MIXED))
    assert [r.ok for r in updated] == [True, False] and updated[0].id == "111112000000142001"


@pytest.mark.parametrize(("example", "code", "details"), [
    (ex.TOO_LONG, "INVALID_DATA", {"maximum_length": 2, "api_name": "Number_1", "json_path": "$.data[0].Number_1"}),
    (ex.WRONG_TYPE, "INVALID_DATA",
     {"expected_data_type": "integer", "api_name": "Number_1", "json_path": "$.data[0].Number_1"}),
    (ex.INVALID_RECORD_ID, "INVALID_DATA", {"resource_path_index": 0}),
    (ex.INVALID_MODULE, "INVALID_MODULE", {"resource_path_index": 0}),
    (ex.SEARCH_MISSING, "EXPECTED_PARAM_MISSING", {"param_names": ["criteria", "email", "phone", "word"]}),
])
def test_error_answers_become_the_core_s_errors(example: Example, code: str, details: dict[str, Any]) -> None:
    with pytest.raises(errors.ApiError) as raised:
        answer(example)
    assert (raised.value.status, raised.value.code, raised.value.details) == (400, code, details)


def test_coql_rows_and_paging() -> None:
    rows, following = coql.rows_and_next_query(answer(ex.COQL), ex.COQL_QUERY)
    assert (rows, following) == ([{"Last_Name": "Smith", "First_Name": "John"}], None)


@pytest.mark.parametrize(("case", "code", "details", "words"), ex.COQL_ERRORS)
def test_coql_error_examples_are_explained_at_their_place(case: str, code: str, details: dict[str, Any],
                                                          words: tuple[str, ...]) -> None:
    sentence = coql.describe_query_error(code, details)
    assert sentence is not None and all(word in sentence for word in words), (case, sentence)


def test_field_metadata() -> None:
    owner, company = fields.parse_fields(answer(ex.FIELDS))
    assert (owner.api_name, owner.label, owner.data_type, owner.read_only) == ("Owner", "Lead Owner", "ownerlookup",
                                                                               False)
    assert (company.label, company.data_type, company.json_type, company.length, company.mandatory) == (
        "Company", "text", "string", 200, False)
    [last_name] = fields.parse_fields(api.ApiResponse(200, {"fields": list(ex.COQL_WITH_FIELDS[2]["fields"].values())},
                                                      {}))
    assert (last_name.label, last_name.mandatory, last_name.length) == ("Last Name", True, 80)


def test_users_and_org() -> None:
    [user] = api.items_of(answer(ex.USERS), "users")
    assert (user["full_name"], user["role"]["name"], user["status"]) == ("Thuvassshhhh test test", "CEO", "disabled")
    org = api.first_item(answer(ex.ORG), "org")
    assert (org["company_name"], org["currency"], org["time_zone"]) == ("Acme Inc.", "US Dollar - USD",
                                                                        "America/Chicago")


@pytest.mark.parametrize(("text", "kind"), ex.SEARCH_PARAMETERS)
def test_the_search_spec_s_parameter_examples_are_classified(text: str, kind: str) -> None:
    assert search.classify_search(text) == (kind, text)


def test_the_search_spec_s_escaping_example() -> None:
    field, operator, value, expected = ex.ESCAPED_CONDITION
    assert search.condition(field, operator, value) == expected
