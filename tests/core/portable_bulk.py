"""Portable checks (CPython and MicroPython) of bulk changes and deletes (zoho.bulk), row
selection (zoho.selection) and lookups picked by name (zoho.lookups); registered in
portable_checks.CHECKS, so run_micropython.mjs runs them too."""

import json

from zoho import api, bulk, calls, fields, lookups, scopes, selection
from zoho import errors as E

from . import cases as C
from .portable_checks import check, make_token, raises

LEAD_IDS = ["5725767000000%06d" % n for n in range(1, 251)]


def _fields():
    return fields.parse_fields(api.ApiResponse(200, {"fields": [
        {"api_name": "Last_Name", "field_label": "Last Name", "data_type": "text", "system_mandatory": True},
        {"api_name": "Lead_Status", "field_label": "Lead Status", "data_type": "picklist",
         "pick_list_values": [{"display_value": "Contacted", "actual_value": "Contacted"}]},
        {"api_name": "No_of_Employees", "field_label": "Employees", "data_type": "integer"},
        {"api_name": "Email", "field_label": "Email", "data_type": "email"},
        {"api_name": "Description", "field_label": "Description", "data_type": "textarea"},
        {"api_name": "Owner", "field_label": "Lead Owner", "data_type": "ownerlookup"},
        {"api_name": "Account_Name", "field_label": "Account", "data_type": "lookup",
         "lookup": {"module": {"api_name": "Accounts"}}},
        {"api_name": "Created_Time", "field_label": "Created Time", "data_type": "datetime", "read_only": True},
    ]}, {}))


def _field(name):
    return [f for f in _fields() if f.api_name == name][0]


def _answer(status, data):
    return status, {"content-type": "application/json"}, json.dumps(data)


def _success(record_id, message="record updated"):
    return {"code": "SUCCESS", "details": {"id": record_id}, "message": message, "status": "success"}


def _drive(flow, replies):
    """Run a flow, answering its requests from ``replies`` in turn; (requests, Rows, result)."""
    sent, rows = [], []
    reply = None
    try:
        while True:
            step = flow.send(reply)
            reply = None
            if isinstance(step, api.ApiRequest):
                sent.append(step)
                reply = replies.pop(0)
            elif isinstance(step, calls.Rows):
                rows.append(step)
    except StopIteration as done:
        return sent, rows, done.value


def _credentials():
    return calls.Credentials(lambda: make_token(), lambda: C.NOW)


@check
def check_bulk_batches_of_a_hundred_each_id_once():
    assert bulk.batches([]) == []
    groups = bulk.batches(LEAD_IDS + LEAD_IDS[:3])
    assert [len(g) for g in groups] == [100, 100, 50]
    assert groups[0][0] == LEAD_IDS[0] and groups[2][-1] == LEAD_IDS[-1]
    assert bulk.batches(["2", "1", "2"]) == [["2", "1"]]


@check
def check_bulk_calls_are_zoho_s_mass_update_and_delete():
    status = _field("Lead_Status")
    action = bulk.update_action("Leads", status, "Contacted", "Contacted")
    assert bulk.batch_call(action, ["1", "2"]) == (
        "POST", "/crm/v8/Leads/actions/mass_update", None, {"data": [{"Lead_Status": "Contacted"}], "ids": ["1", "2"]})
    delete = bulk.BulkAction(bulk.DELETE, "Leads")
    assert bulk.batch_call(delete, ["1", "2"]) == ("DELETE", "/crm/v8/Leads", [("ids", "1,2")], None)
    raises(ValueError, bulk.batch_call, bulk.BulkAction(bulk.DELETE, "Leads?x=1"), ["1"])


@check
def check_bulk_values_are_checked_before_sending():
    assert bulk.update_action("Leads", _field("No_of_Employees"), "12", "12").value == 12
    said = str(raises(ValueError, bulk.update_action, "Leads", _field("No_of_Employees"), "many", "many"))
    assert said == "Employees must be a number, such as 1250 or 99.50.", said
    said = str(raises(ValueError, bulk.update_action, "Leads", _field("Last_Name"), "", ""))
    assert said == "Last Name is required.", said
    said = str(raises(ValueError, bulk.update_action, "Leads", _field("Email"), "a@b.example", "a@b.example"))
    assert said == "Email cannot be changed for several records at once.", said
    assert bulk.update_action("Leads", _field("Lead_Status"), "", "").value is None  # emptied


@check
def check_bulk_update_is_offered_by_zoho_s_mass_update_scope():
    leads = {"api_name": "Leads", "plural_label": "Leads", "editable": True}
    for granted in (["ZohoCRM.mass_update.UPDATE"], ["ZohoCRM.mass_update.Leads.UPDATE"], ["ZohoCRM.mass_update.ALL"]):
        assert bulk.update_access(granted, leads) == bulk.OFFERED, granted
    # Records changed one by one, but not Zoho's mass update (modules.ALL does not cover it): offer its scope.
    for granted in (["ZohoCRM.modules.ALL"], ["ZohoCRM.modules.Leads.UPDATE", "ZohoCRM.mass_update.Contacts.UPDATE"],
                    ["ZohoCRM.modules.ALL", "ZohoCRM.mass_update.READ"]):
        assert bulk.update_access(granted, leads) == bulk.NEEDS_SCOPE, granted
    assert bulk.update_access(["ZohoCRM.modules.READ", "ZohoCRM.modules.Leads.DELETE"], leads) is None
    assert bulk.update_access(["ZohoCRM.mass_update.UPDATE"], {"api_name": "Leads", "editable": False}) is None
    assert bulk.update_access(["ZohoCRM.mass_update.UPDATE"], {"api_name": "Leads.x"}) is None
    assert bulk.update_access(["ZohoCRM.mass_update.UPDATE"], None) is None
    assert scopes.scope_covers([bulk.MASS_UPDATE_SCOPE], "ZohoCRM.mass_update.Leads.UPDATE")  # the one offered does
    assert bulk.MASS_UPDATE_SCOPE in bulk.NEEDS_SCOPE_TEXT


@check
def check_bulk_offers_only_fields_zoho_mass_updates():
    offered = [f.api_name for f in _fields() if bulk.mass_updatable(f)]
    assert offered == ["Last_Name", "Lead_Status", "No_of_Employees"], offered


@check
def check_bulk_outcomes_read_per_record():
    ids = ["11", "12", "13"]
    partial = json.dumps({"data": [
        _success("11"),
        {"code": "RECORD_LOCKED", "details": {"action": "record_locking", "id": "12"},
         "message": "Sorry, you cannot perform this operation as the record is locked.", "status": "error"},
        _success("13")]})
    outcomes = bulk.batch_outcomes(ids, 207, partial)
    assert [(o.id, o.ok, o.code) for o in outcomes] == [("11", True, "SUCCESS"), ("12", False, "RECORD_LOCKED"),
                                                         ("13", True, "SUCCESS")]
    refused = json.dumps({"data": [{"code": "INVALID_DATA", "details": {
        "api_name": "No_of_Employees", "json_path": "$.data[0].No_of_Employees", "expected_data_type": "integer"},
        "message": "invalid data", "status": "error"}]})
    outcomes = bulk.batch_outcomes(ids, 400, refused)
    assert [(o.id, o.ok) for o in outcomes] == [("11", False), ("12", False), ("13", False)]
    assert bulk.reason(outcomes[0], _fields()).startswith("Employees must be a whole number")
    unnamed = json.dumps({"data": [_success(None, "record deleted"), {"code": "INVALID_DATA", "details": {},
                                                                     "message": "x", "status": "error"}]})
    assert [o.ok for o in bulk.batch_outcomes(["1", "2"], 207, unnamed)] == [True, False]
    missing = bulk.batch_outcomes(["1", "2"], 200, json.dumps({"data": [_success("1")]}))
    assert missing[1] == bulk.Outcome("2", False, "NO_RESULT", bulk.NO_RESULT)
    assert bulk.batch_outcomes(ids, 401, json.dumps({"code": "INVALID_TOKEN", "status": "error"})) is None
    assert bulk.batch_outcomes(ids, 400, json.dumps({"code": "LIMIT_EXCEEDED", "details": {}, "message": "m",
                                                     "status": "error"})) is None
    assert bulk.batch_outcomes(ids, 200, "not json") is None


def _mandatory():
    """The spec's MandatoryFieldMissing result: its details name no record."""
    return {"code": "MANDATORY_NOT_FOUND", "details": {}, "message": "required field not found", "status": "error"}


@check
def check_bulk_results_naming_no_record_are_the_rest_in_order():
    # As the sandbox answers a value Zoho requires with an unknown id among the records: a result
    # per id, in the order sent, the unknown one named, the others not.
    ids = ["21", "99", "23"]
    answer = json.dumps({"data": [_mandatory(), {"code": "INVALID_DATA", "details": {"id": "99"},
                                                 "message": "the id given seems to be invalid", "status": "error"},
                                  _mandatory()]})
    outcomes = bulk.batch_outcomes(ids, 400, answer)
    assert [(o.id, o.code) for o in outcomes] == [("21", "MANDATORY_NOT_FOUND"), ("99", "INVALID_DATA"),
                                                  ("23", "MANDATORY_NOT_FOUND")], outcomes
    # Named results first in the answer: the unnamed still go to the ids left, in the batch's order.
    answer = json.dumps({"data": [_success("23"), _mandatory()]})
    assert [(o.id, o.code) for o in bulk.batch_outcomes(["21", "23"], 207, answer)] == [
        ("21", "MANDATORY_NOT_FOUND"), ("23", "SUCCESS")]
    # Fewer unnamed results than ids left: the ids past them got none.
    answer = json.dumps({"data": [_success("21"), _mandatory()]})
    assert [o.code for o in bulk.batch_outcomes(["21", "22", "23"], 207, answer)] == [
        "SUCCESS", "MANDATORY_NOT_FOUND", "NO_RESULT"]
    # One refusal naming no record, alone: the call's, for each record.
    answer = json.dumps({"data": [_mandatory()]})
    assert [o.code for o in bulk.batch_outcomes(["21", "22"], 400, answer)] == ["MANDATORY_NOT_FOUND"] * 2


@check
def check_bulk_reasons_read_as_sentences_without_zoho_s_type_words():
    action = bulk.update_action("Leads", _field("No_of_Employees"), "12", "12")
    lines = bulk.result_lines(action, [bulk.Outcome("1", False, "MANDATORY_NOT_FOUND", "required field not found")],
                              {"1": "Babbage"}, _fields())
    assert lines[1] == ("Babbage: not changed: Zoho says a value it requires is missing (a mandatory field cannot "
                        "be emptied).", False), lines
    # A value of the wrong type, as the mass update says it: the field and the record, no expected_data_type.
    typed = {"api_name": "No_of_Employees", "id": "1"}
    said = bulk.reason(bulk.Outcome("1", False, "INVALID_DATA", "invalid data", typed), _fields())
    assert said == "Employees must be a whole number, such as 1250", said
    ranged = dict(typed, range={"from": -2147483648, "to": 2147483647})
    said = bulk.reason(bulk.Outcome("1", False, "INVALID_DATA", "invalid data", ranged), _fields())
    assert said == "Employees must be a whole number from -2147483648 to 2147483647", said
    # A picklist's refused value is no matter of type: said as refused, not as "must be text".
    said = bulk.reason(bulk.Outcome("1", False, "INVALID_DATA", "picklist not found in record layout",
                                    {"api_name": "Lead_Status", "id": "1"}), _fields())
    assert said == "Lead Status has a value Zoho does not accept", said
    said = bulk.reason(bulk.Outcome("1", False, "INVALID_DATA", "out of range",
                                    {"api_name": "Lead_Status", "range": {"from": 1, "to": 3}}), _fields())
    assert said == "Lead Status must be from 1 to 3", said
    said = bulk.reason(bulk.Outcome("1", False, "INVALID_DATA", "invalid data",
                                    {"api_name": "Lead_Status", "maximum_decimal_place": 2}), _fields())
    assert said == "Lead Status must have at most 2 decimal places", said
    said = bulk.reason(bulk.Outcome("1", False, "INVALID_DATA", "invalid data",
                                    {"api_name": "Lead_Status", "maximum_decimal_place": 0}), _fields())
    assert said == "Lead Status must be a whole number, such as 1250", said


@check
def check_bulk_flow_sends_a_batch_a_call_and_hands_on_each():
    action = bulk.BulkAction(bulk.DELETE, "Leads")
    first = [_success(i, "record deleted") for i in LEAD_IDS[:100]]
    second = [_success(i, "record deleted") for i in LEAD_IDS[100:149]] + [
        {"code": "INVALID_DATA", "details": {"id": LEAD_IDS[149]}, "message": "the id given seems to be invalid",
         "status": "error"}]
    sent, rows, done = _drive(bulk.run_bulk(_credentials(), action, LEAD_IDS[:150]),
                              [_answer(200, {"data": first}), _answer(207, {"data": second})])
    assert [r.method for r in sent] == ["DELETE", "DELETE"]
    assert sent[1].url.endswith("/crm/v8/Leads?ids=" + "%2C".join(LEAD_IDS[100:150])), sent[1].url
    assert [(len(r.rows), r.more) for r in rows] == [(100, True), (50, False)]
    assert len(done) == 150 and [o.id for o in done if not o.ok] == [LEAD_IDS[149]]


@check
def check_bulk_flow_raises_a_call_refused_as_a_whole_and_never_resends_a_write():
    action = bulk.BulkAction(bulk.DELETE, "Leads")
    flow = bulk.run_bulk(_credentials(), action, ["1"])
    raises(E.ScopeMismatchError, _drive, flow, [_answer(401, {"code": "OAUTH_SCOPE_MISMATCH", "details": {},
                                                              "message": "invalid oauth scope", "status": "error"})])
    flow = bulk.run_bulk(_credentials(), action, ["1"])
    raises(E.ServerError, _drive, flow, [_answer(500, {"code": "INTERNAL_ERROR", "status": "error"})])
    waits = []
    flow = bulk.run_bulk(_credentials(), action, ["1"])
    step = next(flow)
    step = flow.send((429, {"retry-after": "2"}, ""))
    assert isinstance(step, calls.Wait) and step.seconds == 2
    waits.append(step)
    step = flow.send(None)
    assert isinstance(step, api.ApiRequest)  # a rate limit: Zoho did nothing, so it is asked again


@check
def check_bulk_knows_when_a_refused_call_changed_nothing():
    assert bulk.changed_nothing(E.ScopeMismatchError("no", 401, "OAUTH_SCOPE_MISMATCH"))
    assert bulk.changed_nothing(E.RateLimitedError("slow down", 429, "TOO_MANY_REQUESTS"))
    assert not bulk.changed_nothing(E.ServerError("oops", 500, "INTERNAL_ERROR"))  # it may have been done
    assert not bulk.changed_nothing(E.NetworkError())  # the answer was lost
    assert not bulk.changed_nothing(E.UnexpectedResponseError("?", 200, "UNEXPECTED_RESPONSE"))


@check
def check_bulk_sentences_say_each_record():
    status = _field("Lead_Status")
    action = bulk.update_action("Leads", status, "Contacted", "Contacted")
    assert bulk.confirmation(action, 3) == 'Set Lead Status to "Contacted" on 3 records?'
    assert bulk.confirmation(bulk.update_action("Leads", status, "", ""), 1) == "Empty Lead Status on 1 record?"
    delete = bulk.BulkAction(bulk.DELETE, "Leads")
    assert bulk.confirmation(delete, 2) == "Delete 2 records for good?"
    assert bulk.confirm_label(delete, 1) == "Delete 1 record" and bulk.confirm_label(action, 2) == "Change 2 records"
    assert bulk.progress_text(delete, 100, 250) == "Deleted 100 of 250 records…"
    outcomes = [bulk.Outcome("1", True, "SUCCESS"), bulk.Outcome("2", False, "RECORD_LOCKED", "locked"),
                bulk.Outcome("3", False, "INVALID_DATA", "the id given seems to be invalid", {"id": "3"})]
    lines = bulk.result_lines(action, outcomes, {"1": "Babbage", "2": "Lovelace"}, _fields(), 4)
    assert lines == [
        ("1 of 4 records changed.", False),
        ("Lovelace: not changed: " + bulk.REASONS["RECORD_LOCKED"] + ".", False),
        ("Record 3: not changed: " + bulk.NO_SUCH_RECORD + ".", False),
        ("1 record was not sent to Zoho, as the call before failed.", False),
        ("Changed: Babbage.", True)], lines
    many = [bulk.Outcome(str(n), True) for n in range(12)]
    lines = bulk.result_lines(delete, many, {}, [])
    assert lines[0] == ("All 12 records deleted.", True)
    assert lines[1][0].endswith("Record 9 and 2 more."), lines[1]
    said = bulk.reason(bulk.Outcome("1", False, "ODD", 'a "b"\nc'), [])
    assert said == 'Zoho refused it: ODD ("a "b" c")', said


@check
def check_selection_clicks_and_shift_ranges():
    page = ["a", "b", "c", "d", "e"]
    chosen, anchor = selection.clicked([], page, "b", True, None, False)
    assert (chosen, anchor) == (["b"], "b")
    chosen, anchor = selection.clicked(chosen, page, "d", True, anchor, True)
    assert (chosen, anchor) == (["b", "c", "d"], "d")
    chosen, anchor = selection.clicked(chosen, page, "a", False, "c", True)  # shift-unchecking a range
    assert chosen == ["d"], chosen
    chosen, _ = selection.clicked(["e"], page, "c", True, "gone", True)  # the anchor left the page
    assert chosen == ["c", "e"], chosen
    assert selection.clicked(["a"], page, "zz", True, "a", False) == (["a"], "a")
    assert selection.all_or_none(page, True) == page and selection.all_or_none(page, False) == []
    assert [selection.heading_state(c, page) for c in ([], ["c"], page)] == ["none", "some", "all"]
    assert selection.count_text(3) == "3 selected"


@check
def check_lookups_search_by_name_and_move_by_key():
    account = _field("Account_Name")
    owner = _field("Owner")
    assert lookups.picks_users(owner) and not lookups.picks_users(account)
    assert lookups.search_call(account, " Qu ") == ("GET", "/crm/v8/Accounts/search", [("word", "Qu"), ("per_page", "10")])
    assert lookups.search_call(account, "Q") is None and lookups.search_call(account, "x" * 101) is None
    users = [{"id": "1", "full_name": "Ada Lovelace", "email": "ada@example.test"},
             {"id": "2", "full_name": "Grace Hopper", "email": "grace@navy.example"}, {"full_name": "No id"}]
    assert lookups.user_matches(users, "LOVE") == [lookups.Match("1", "Ada Lovelace", "ada@example.test")]
    assert [m.id for m in lookups.user_matches(users, "navy")] == ["2"]
    found = lookups.record_matches(api.ApiResponse(200, {"data": [
        {"id": "7", "Account_Name": "Quantum Partners", "Email": "q@p.example"}, {"Account_Name": "no id"}]}, {}))
    assert found == [lookups.Match("7", "Quantum Partners", "q@p.example")]
    assert lookups.record_matches(api.ApiResponse(204, None, {})) == []
    assert lookups.status_text(account, "Q", None) == "Type 2 letters or more to search Accounts."
    assert lookups.status_text(account, "zz ", []) == 'No Accounts match "zz".'
    assert [lookups.moved(i, 3, k) for i, k in ((None, "ArrowDown"), (2, "ArrowDown"), (None, "ArrowUp"),
                                                (0, "ArrowUp"), (1, "Home"), (1, "End"), (1, "x"))] == [0, 0, 2, 2, 0, 2, 1]
    assert lookups.moved(None, 0, "ArrowDown") is None
    assert lookups.unpicked_problem(account, "Quant", "") == fields.FieldProblem(
        "Account_Name", "Account must be picked from the matches shown as you type (or the box emptied).")
    assert lookups.unpicked_problem(account, "Quantum", "7") is None and lookups.unpicked_problem(account, " ", "") is None
