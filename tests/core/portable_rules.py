"""Portable checks (CPython and MicroPython) of the rules for Zoho's real limits and truthful
screens; registered in portable_checks.CHECKS, so run_micropython.mjs runs them too."""

import json

from zoho import (api, caps, coql, display, export, field_errors, fields, place, records_unsaved, results, sorting,
                  table_state)
from zoho import errors as E

from . import rules_cases as R
from .portable_checks import check, each, raises


def _fields():
    return fields.parse_fields(api.ApiResponse(200, R.SORTABLE_FIELDS_ANSWER, {}))


# --- Sorting ----------------------------------------------------------------


def verify_sort_plan(case):
    column, scopes, how, reason = case
    meta = {field.api_name: field for field in _fields()}
    plan = sorting.sort_plan(column, meta.get(column), scopes)
    assert plan.how == how and plan.sortable == (how is not None), plan
    if reason is None:
        assert plan.reason is None, plan
    else:
        assert plan.reason.startswith(reason), plan.reason


def verify_sorted_query(case):
    module, names, (sort_by, order), per_page, token, expected = case
    query = sorting.sorted_records_query(module, names, sorting.Sort(sort_by, order), per_page, token)
    assert query == expected, query


def verify_sorted_query_refused(case):
    module, names, sort_by, per_page, token = case
    raises(ValueError, sorting.sorted_records_query, module, names, sorting.Sort(sort_by), per_page, token)


@check
def check_sorting_within_zohos_limits():
    each(verify_sort_plan, R.SORT_PLANS)
    each(verify_sorted_query, R.SORTED_QUERIES)
    each(verify_sorted_query_refused, R.SORTED_QUERIES_BAD)
    # A page sorted through COQL must hold every shown column (Zoho's COQL limitations).
    last_name = _fields()[0]
    cover = fields.FieldMeta("Cover_Image", "Cover Image", "imageupload")
    plan = sorting.sort_plan("Last_Name", last_name, R.ALL_SCOPES, [last_name, cover])
    assert plan.how is None and plan.reason == ("Sorting by Last Name goes through a Zoho query, which cannot "
                                                "include Cover Image (an image field); hide that column to sort "
                                                "by Last Name."), plan
    assert sorting.sort_plan("Created_Time", None, [], [cover]).how == "records"
    formulas = [fields.FieldMeta("F" + str(n), "F", "formula") for n in range(6)]
    assert sorting.sort_plan("Last_Name", last_name, R.ALL_SCOPES, formulas[:5]).how == "coql"
    assert "at most 5 formula fields" in sorting.sort_plan("Last_Name", last_name, R.ALL_SCOPES, formulas).reason
    # The records list is never asked for a sort_by Zoho refuses.
    for column in ("Last_Name", "Email", "Owner"):
        raises(ValueError, sorting.records_query, ["Email"], sorting.Sort(column), 20)
    assert sorting.records_query(["Email"], sorting.Sort("Created_Time", "asc"), 20, "tok") == [
        ("fields", "Email"), ("per_page", "20"), ("sort_by", "Created_Time"), ("sort_order", "asc"),
        ("page_token", "tok")]


@check
def check_sorted_pages_page_like_records():
    by_name = sorting.Sort("Last_Name", "asc")
    method, path, query, body = sorting.page_call("Leads", ["Last_Name"], by_name, sorting.BY_COQL, 2, "4")
    assert (method, path, query) == ("POST", "/crm/v8/coql", None)
    assert body == {"select_query": "select id, Last_Name from Leads where id is not null order by Last_Name asc "
                                    "limit 4, 2"}, body
    by_time = sorting.Sort("Modified_Time")
    assert sorting.page_call("Leads", ["Last_Name"], by_time, sorting.BY_RECORDS, 20, "t2") == (
        "GET", "/crm/v8/Leads", [("fields", "Last_Name"), ("per_page", "20"), ("sort_by", "Modified_Time"),
                                 ("sort_order", "desc"), ("page_token", "t2")], None)
    assert sorting.page_call("Leads", ["Email"], None, None, 20) == (
        "GET", "/crm/v8/Leads", [("fields", "Email"), ("per_page", "20")], None)
    raises(ValueError, sorting.page_call, "../org", ["Email"], None, None, 20)
    raises(ValueError, sorting.page_call, "Leads", ["Email"], by_name, sorting.BY_RECORDS, 20)
    rows = [{"id": "5", "Last_Name": "Ada"}, {"id": "3", "Last_Name": "Bo"}]
    answer = api.ApiResponse(200, {"data": rows, "info": {"count": 2, "more_records": True}}, {})
    page = sorting.read_page(answer, sorting.BY_COQL, "4")
    assert page.records == rows and page.more_records and page.next_page_token == "6", page
    last = sorting.read_page(api.ApiResponse(200, {"data": rows[:1], "info": {"count": 1, "more_records": False}}, {}),
                             sorting.BY_COQL, "6")
    assert last.records == rows[:1] and not last.more_records and last.next_page_token is None
    assert sorting.read_page(api.ApiResponse(204, None, {}), sorting.BY_COQL, None).records == []
    # Where COQL's reach ends there is no next page to ask for, though Zoho has more.
    far = sorting.read_page(answer, sorting.BY_COQL, "99998")
    assert far.more_records and far.next_page_token is None
    listed = sorting.read_page(api.ApiResponse(200, {"data": rows, "info": {"more_records": True,
                                                                            "next_page_token": "z"}}, {}), None)
    assert listed.next_page_token == "z" and listed.records == rows


# --- The records list: count, page size, custom views, the filter bar (issue 21) ---------------


@check
def check_record_count_text_and_page_sizes():
    from zoho import record_list
    assert record_list.count_text(1, 20, 20, 250) == "1\u201320 of 250"
    assert record_list.count_text(2, 50, 50, 10000) == "51\u2013100 of 10,000"
    assert record_list.count_text(1, 20, 20) == "1\u201320"
    assert record_list.count_text(1, 20, 0, 0) == "No records"
    assert [record_list.page_size(v) for v in ("200", 50, "201", "x", 0)] == [200, 50, 20, 20, 20]
    assert record_list.count_call("Leads", "111") == ("/crm/v8/Leads/actions/count", [("cvid", "111")])
    raises(ValueError, record_list.count_call, "Leads", "111", ("word", "ab"))
    views = record_list.parse_custom_views(api.ApiResponse(200, {"custom_views": [
        {"id": "111", "display_value": "All Leads", "default": True}, {"id": "bad", "display_value": "x"}]}, {}))
    assert views == [record_list.CustomView("111", "All Leads", True)], views
    plan = record_list.within_view(sorting.SortPlan("Last_Name", sorting.BY_COQL), "111")
    assert not plan.sortable


@check
def check_filter_criteria_by_type():
    from zoho import filters
    name = fields.FieldMeta("Last_Name", "Last Name", "text")
    amount = fields.FieldMeta("Amount", "Amount", "currency")
    yes = fields.FieldMeta("Email_Opt_Out", "Email Opt Out", "boolean")
    assert filters.operators_for(yes) == ("equals", "not_equal")
    assert filters.value_input(amount, "between") == "number"
    assert filters.build_filter(name, "equals", ["Burns,B (Jr)"]).text == "(Last_Name:equals:Burns\\,B \\(Jr\\))"
    assert filters.build_filter(amount, "between", ["1", "2.5"]).text == "(Amount:between:1,2.5)"
    assert filters.build_filter(yes, "equals", [False]).text == "(Email_Opt_Out:equals:false)"
    assert filters.build_filter(name, "is_empty", []) == filters.Filter(filters.COQL, "Last_Name is null")
    assert str(raises(ValueError, filters.build_filter, amount, "equals", ["a"])).startswith("Amount must be a number")
    query = sorting.page_call("Leads", ["Last_Name"], None, None, 50, "50", {}, "Email is null")[3]["select_query"]
    assert query == "select id, Last_Name from Leads where Email is null order by id asc limit 50, 50", query


# --- Field errors -----------------------------------------------------------


def _form_fields():
    return fields.parse_fields(api.ApiResponse(200, R.FORM_FIELDS_ANSWER, {}))


def verify_zoho_field_error(case):
    code, details, message, api_name, sentence = case
    problem = field_errors.field_problem(code, details, message, _form_fields())
    assert problem == fields.FieldProblem(api_name, sentence), problem
    result = api.RecordResult(code, "error", message, None, details)
    assert field_errors.result_problem(result, _form_fields()) == problem
    if code != "RECORD_LOCKED":  # an ApiError has Zoho's message in its own sentence, not apart
        error = E.InvalidRequestError("Zoho refused some of the data sent as invalid.", 400, code, details)
        assert field_errors.error_problem(error, _form_fields()) == problem


def verify_form_check(case):
    entries, creating, expected = case
    record, problems = fields.check_record(_form_fields(), entries, creating)
    assert [(p.api_name, p.message) for p in problems] == expected, problems
    assert fields.build_record(_form_fields(), entries, creating) == (record, [sentence for _, sentence in expected])


@check
def check_field_errors_mark_the_field():
    each(verify_zoho_field_error, R.ZOHO_FIELD_ERRORS)
    each(verify_form_check, R.FORM_CHECKS)
    for code, details, message in R.ZOHO_ERRORS_WITHOUT_FIELD:
        assert field_errors.field_problem(code, details, message, _form_fields()) is None, details
    assert field_errors.result_problem(api.RecordResult("SUCCESS", "success", "record added", "1", {}),
                                       _form_fields()) is None
    # The whole answer of a refused create, through the core's own parsers.
    body = ('{"data":[{"code":"INVALID_DATA","details":{"maximum_length":2,"api_name":"Number_1",'
            '"json_path":"$.data[0].Number_1"},"message":"invalid data","status":"error"}]}')
    error = raises(E.InvalidRequestError, api.interpret_response, 400, {}, body, "POST", "/crm/v8/Leads")
    assert field_errors.error_problem(error, _form_fields()) == fields.FieldProblem(
        "Number_1", "Seats must be at most 2 characters long.")
    for path, name in (("$.data[0].Email", "Email"), ("$.data[12].Items[0].Qty", "Items"), ("$.data[0]", None),
                       ("$.data[x].Email", None), ("$.include_meta[0]", None), (None, None), ("$.data[0].", None)):
        assert field_errors.field_of_path(path) == name, path


# --- The table kept for the tab ---------------------------------------------


def verify_stored_table(case):
    text, known, expected = case
    found = table_state.decode_table(text, known)
    if expected is None:
        assert found is None, found
    else:
        names, sort = expected
        assert found == table_state.TableState(names, sorting.Sort(*sort) if sort else None), found


@check
def check_table_state_for_the_tab():
    each(verify_stored_table, R.STORED_TABLES)
    state = table_state.TableState(["Last_Name", "Email"], sorting.Sort("Last_Name", "asc"))
    assert table_state.decode_table(table_state.encode_table(state)) == state
    unsorted = table_state.TableState(["Email"])
    assert table_state.decode_table(table_state.encode_table(unsorted), R.KNOWN_LEAD_FIELDS) == unsorted
    assert table_state.table_key("Leads") == "zoho.table.Leads"
    assert table_state.table_key("Leads") != table_state.table_key("Contacts")
    for bad in ("", "Leads/../x", "zoho.draft", None):
        raises(ValueError, table_state.table_key, bad)
    many = table_state.TableState(["F" + str(n) for n in range(60)])
    assert len(table_state.decode_table(table_state.encode_table(many)).fields) == 50


# --- Place values from the address bar --------------------------------------


@check
def check_place_values_are_checked_before_use():
    views = ("records", "query", "console")
    for search, pairs, refused in R.PLACES_CHECKED:
        found = place.read_place(search, views, "console")
        assert found.view == "records" and found.pairs == pairs and found.refused == refused, (search, found)
    # What the app writes is held to the same rules.
    assert place.place_query(place.Place("records", [("module", "Leads"), ("record", "1/../x")])) == (
        "?view=records&module=Leads")
    for module, record_id, expected in R.RECORD_PATHS:
        if expected is None:
            raises(ValueError, api.record_path, module, record_id)
        else:
            assert api.record_path(module, record_id) == expected, (module, record_id)
    assert api.is_record_id("0") and not api.is_record_id(None) and not api.is_record_id(7)
    assert api.is_api_name("Leads") and not api.is_api_name("L" * 101) and not api.is_api_name("")


# --- An error replaces the results it concerns ------------------------------


@check
def check_a_refused_search_shows_no_rows_of_the_one_before():
    search = results.Results()
    first = search.started("ada")
    assert search.answered(first, [{"id": "1", "Last_Name": "Lovelace"}])
    assert search.screen == results.Screen([{"id": "1", "Last_Name": "Lovelace"}], None, False, False, "ada")
    second = search.started("(Email:starts_with:x")
    waiting = search.screen
    assert waiting.waiting and waiting.answer_to == "ada" and waiting.error is None  # the rows still say whose
    assert search.failed(second, "Zoho could not read the search criteria or query.")
    assert search.screen == results.Screen(None, "Zoho could not read the search criteria or query.", False, False,
                                           None)
    third = search.started("bob")
    assert search.answered(third, [])
    assert search.screen == results.Screen([], None, False, False, "bob")


@check
def check_a_late_answer_never_overwrites_a_newer_one():
    table = results.Results()
    slow = table.started("page 1")
    fast = table.started("page 2")
    assert not table.is_current(slow) and table.is_current(fast)
    assert table.answered(fast, ["row of page 2"])
    assert not table.answered(slow, ["row of page 1"])  # came late: dropped
    assert not table.failed(slow, "timed out")
    assert table.screen == results.Screen(["row of page 2"], None, False, False, "page 2")
    # An answer to an older request, while the newest is still on its way, is dropped too.
    older = table.started("page 3")
    newest = table.started("page 4")
    assert not table.answered(older, ["row of page 3"])
    assert table.screen.rows == ["row of page 2"] and table.screen.waiting
    assert table.failed(newest, "offline")
    assert table.screen == results.Screen(None, "offline", False, False, None)
    assert not table.answered(newest, ["twice"])  # a request is answered once
    gone = table.started("page 5")
    table.cleared()
    assert not table.answered(gone, ["row of another module"])
    assert table.screen == results.Screen()


@check
def check_rows_kept_under_an_error_are_marked_as_from_before():
    listing = results.Results(results.MARK)
    first = listing.started("page 1")
    listing.answered(first, ["a", "b"])
    assert listing.failed(listing.started("page 2"), "Zoho had a problem answering.")
    assert listing.screen == results.Screen(["a", "b"], "Zoho had a problem answering.", True, False, "page 1")
    again = listing.started("page 2")
    assert listing.answered(again, ["c"])
    assert listing.screen == results.Screen(["c"], None, False, False, "page 2")
    nothing_yet = results.Results(results.MARK)
    assert nothing_yet.failed(nothing_yet.started("page 1"), "offline")
    assert nothing_yet.screen == results.Screen(None, "offline", False, False, None)
    raises(ValueError, results.Results, "keep")


# --- CSV injection ----------------------------------------------------------


@check
def check_csv_cells_cannot_run_as_formulas():
    for value, expected in R.CSV_CELLS:
        assert export.csv_cell(value) == expected, (value, export.csv_cell(value))
        assert export.csv_cell(value, raw=True) == export.cell_text(value)
    records = [{"id": "1", "Last_Name": "=HYPERLINK(\"http://x.example\",\"a\")", "Phone": "+1 555 0100", "Seats": -2}]
    csv = export.CsvExport(["Last_Name", "Phone", "Seats"], ["=Label", "Phone", "Seats"])
    assert csv.start() + csv.rows(records) == (
        '\ufeff\'=Label,Phone,Seats\r\n"\'=HYPERLINK(""http://x.example"",""a"")",\'+1 555 0100,-2\r\n')
    raw = export.CsvExport(["Last_Name", "Phone"], raw=True)
    assert raw.rows(records) == '"=HYPERLINK(""http://x.example"",""a"")",+1 555 0100\r\n'
    # JSON stays exact.
    exported = export.JsonExport(["Last_Name", "Phone", "Seats"])
    text = exported.start() + exported.rows(records) + exported.end()
    assert json.loads(text) == [{"id": "1", "Last_Name": "=HYPERLINK(\"http://x.example\",\"a\")",
                                 "Phone": "+1 555 0100", "Seats": -2}]


# --- Every field type shown honestly ----------------------------------------


@check
def check_every_field_type_is_shown_honestly():
    for value, data_type, symbol, expected in R.VALUE_TEXTS:
        found = display.value_text(value, data_type, symbol)
        assert found == expected, (value, data_type, found)
    budget = fields.FieldMeta("Budget", "Budget", "currency")
    assert display.field_text(budget, 5000, "$") == "$5,000.00"
    assert display.field_text(None, 5000) == "5000"
    for data_type, read_only, kind, reason in R.EDIT_RULES:
        rule = display.edit_rule(fields.FieldMeta("F", "F", data_type, read_only=read_only))
        assert rule.input_kind == kind and rule.editable == (kind is not None), (data_type, rule)
        assert (rule.reason is None) if reason is None else rule.reason.startswith(reason), (data_type, rule)


# --- Search and COQL caps ---------------------------------------------------


def _coql_answer(count, more):
    return api.ApiResponse(200, {"data": [{"id": str(n)} for n in range(count)],
                                 "info": {"count": count, "more_records": more}}, {})


@check
def check_caps_are_said_with_the_way_on():
    error = raises(E.InvalidRequestError, api.interpret_response, 400, {}, R.LIMIT_REACHED_BODY, "GET",
                   "/crm/v8/Leads/search")
    assert error.code == "LIMIT_REACHED" and error.message.startswith(E.SEARCH_CAP), error.message
    assert "2,000" in error.message and "narrow the search" in error.message and "Query view" in error.message
    error = raises(E.InvalidRequestError, api.interpret_response, 400, {}, R.CRITERIA_LIMIT_BODY, "GET",
                   "/crm/v8/Leads/search")
    assert error.message.startswith("The search has more conditions than Zoho takes at once"), error.message
    error = raises(E.InvalidRequestError, api.interpret_response, 400, {}, R.PAGINATION_LIMIT_BODY, "GET",
                   "/crm/v8/Leads")
    assert error.message.startswith("Zoho lists only the first 100,000 records of a module page by page. To see "
                                    "the others, search, or narrow a query"), error.message
    for page, per_page, more, following, said in R.SEARCH_NEXT:
        assert caps.search_next_page(page, per_page, more) == (following, E.SEARCH_CAP if said else None), (
            page, per_page, more)
    sentences = {None: None, "count": E.COQL_COUNT, "reach": E.COQL_REACH}
    for query, problem in R.QUERY_LIMITS:
        assert caps.query_limit_problem(query) == sentences[problem], query
    # Paging a query up to COQL's reach, and saying so there.
    base = "select id from Leads where id is not null"
    rows, following, note = caps.query_page_end(_coql_answer(3, True), base + " limit 0, 3")
    assert (len(rows), following, note) == (3, base + " limit 3, 3", None)
    assert caps.query_page_end(_coql_answer(2000, True), base + " limit 97000, 2000")[1:] == (
        base + " limit 99000, 1000", None)
    assert caps.query_page_end(_coql_answer(1000, True), base + " limit 99000, 1000")[1:] == (None, E.COQL_REACH)
    assert caps.query_page_end(_coql_answer(3, False), base + " limit 0, 3")[1:] == (None, None)
    # Zoho's COQL LIMIT_EXCEEDED says the way on.
    sentence = coql.describe_query_error("LIMIT_EXCEEDED", {"clause": "limit", "limit": 2000})
    assert "2000" in sentence and sentence.endswith(E.QUERY_WAYS_ON["LIMIT_EXCEEDED"]), sentence


@check
def check_a_sorted_page_names_its_lookups_as_the_records_list_does():
    deals = fields.parse_fields(api.ApiResponse(200, R.DEALS_FIELDS_ANSWER, {}))
    assert fields.name_field(deals) == "Deal_Name" and fields.name_field(_fields()) is None
    chosen = ["Deal_Name", "Account_Name", "Project", "Owner", "Amount"]
    assert sorting.lookup_names(chosen, deals) == {"Account_Name": "Account_Name"}
    names = sorting.lookup_names(chosen, deals, {"Projects": "Name"})
    assert names == {"Account_Name": "Account_Name", "Project": "Name"}
    assert sorting.lookup_names(["Deal_Name"], deals) == {}
    many = [fields.FieldMeta("L" + str(n), "L", "lookup", lookup_module="Accounts") for n in range(20)]
    assert len(sorting.lookup_names([f.api_name for f in many], many)) == 15
    method, path, _, body = sorting.page_call("Deals", chosen, sorting.Sort("Amount"), sorting.BY_COQL, 20, None, names)
    assert body["select_query"] == (
        "select id, Deal_Name, Account_Name, Project, Owner, Amount, Account_Name.Account_Name, Project.Name "
        "from Deals where id is not null order by Amount desc limit 0, 20"), body
    rows = [{"id": "11", "Deal_Name": "Big", "Account_Name": {"id": "21"}, "Account_Name.Account_Name": "Acme",
             "Project": None, "Project.Name": None, "Owner": {"id": "31"}, "Amount": 5000},
            {"id": "12", "Deal_Name": "Small", "Account_Name": None, "Account_Name.Account_Name": None,
             "Project": {"id": "41"}, "Project.Name": "Roll-out", "Owner": {"id": "31"}, "Amount": 10}]
    answer = api.ApiResponse(200, {"data": rows, "info": {"count": 2, "more_records": False}}, {})
    page = sorting.read_page(answer, sorting.BY_COQL, None, names)
    assert page.records == [
        {"id": "11", "Deal_Name": "Big", "Account_Name": {"name": "Acme", "id": "21"}, "Project": None,
         "Owner": {"id": "31"}, "Amount": 5000},
        {"id": "12", "Deal_Name": "Small", "Account_Name": None, "Project": {"name": "Roll-out", "id": "41"},
         "Owner": {"id": "31"}, "Amount": 10}], page.records
    raises(ValueError, sorting.sorted_records_query, "Deals", chosen, sorting.Sort("Amount"), 20, None,
           {"Project": "Name from Leads"})


# --- Charts (zoho.charts: which COQL results make a bar chart, and its Vega-Lite spec) ----------

from zoho import charts  # noqa: E402 - kept with its checks, at the end, so that merges stay easy

STAGE_ROWS = [{"Stage": "Qualification", "sum(Amount)": 120000}, {"Stage": "Closed Won", "sum(Amount)": 98000.5},
              {"Stage": None, "sum(Amount)": None}]
CHART_AXES = [
    # query, rows, the (label column, value column) expected, or None for no chart
    ("select Stage, sum(Amount) from Deals group by Stage", STAGE_ROWS, ("Stage", "sum(Amount)")),
    ("select COUNT(id) as n, Lead_Source from Leads group by Lead_Source",
     [{"n": 4, "Lead_Source": "Web"}], ("Lead_Source", "n")),
    ("select Stage, sum(Amount) from Deals group by Stage", [], None),  # nothing to draw
    ("select Stage, Amount from Deals", [{"Stage": "Won", "Amount": 5}], None),  # no aggregate
    ("select count(id) from Deals", [{"count(id)": 12}], None),  # one number, no labels
    ("select Stage, Type, count(id) from Deals group by Stage, Type",
     [{"Stage": "Won", "Type": "New", "count(id)": 1}], None),  # three columns
    ("select Stage, max(Closing_Date) from Deals group by Stage",
     [{"Stage": "Won", "max(Closing_Date)": "2026-01-02"}], None),  # a date is no bar height
    ("select Owner, count(id) from Deals group by Owner",
     [{"Owner": {"id": "31"}, "count(id)": 3}], None),  # labels must be text
    ("select Stage, count(id) from Deals group by Stage", [{"Stage": "Won", "count(id)": True}], None),
    ("select Stage, sum(Amount) from Deals group by Stage", [{"Stage": "Won", "sum(Amount)": None}], None),
    ("select Stage, count(id) from Deals group by Stage",
     [{"Stage": str(n), "count(id)": n} for n in range(charts.MAX_BARS + 1)], None),  # too many bars
]


def verify_chart_axes(case):
    query, rows, expected = case
    assert charts.chart_axes(query, rows) == expected, charts.chart_axes(query, rows)


@check
def check_chart_axes():
    each(verify_chart_axes, CHART_AXES)


@check
def check_a_bar_chart_carries_the_rows_as_data_values_only():
    rows = [{"Stage": "<b>Won</b> {{datum.x}}", "sum(Amount)": 3000000000}, {"Stage": None, "sum(Amount)": 7}]
    spec = charts.bar_chart(rows, "Stage", "sum(Amount)", title="Pipeline", sort="-y")
    assert spec["data"] == {"values": [{"label": "<b>Won</b> {{datum.x}}", "value": 3000000000},
                                       {"label": "(empty)", "value": 7}]}, spec["data"]
    assert spec["mark"]["type"] == "bar" and spec["mark"]["tooltip"] is False, spec["mark"]
    x, y = spec["encoding"]["x"], spec["encoding"]["y"]
    assert (x["field"], x["type"], x["title"], x["sort"]) == ("label", "nominal", "Stage", "-y"), x
    assert (y["field"], y["type"], y["title"]) == ("value", "quantitative", "sum(Amount)"), y
    assert spec["title"] == "Pipeline" and "tooltip" not in spec["encoding"], spec
    assert json.loads(json.dumps(spec)) == spec  # a plain dict the worker can send as JSON
    unsorted = charts.bar_chart(rows, "Stage", "sum(Amount)")
    assert unsorted["encoding"]["x"]["sort"] is None and "title" not in unsorted
    counted = charts.bar_chart([{"Year": 2024, "n": 1}], "Year", "n")
    assert counted["data"]["values"] == [{"label": "2024", "value": 1}]
    assert counted["encoding"]["y"]["axis"] == {"tickMinStep": 1}  # whole numbers: no ticks at 0.2
    cents = charts.bar_chart([{"Stage": "Won", "total": 0.5}, {"Stage": "Lost", "total": None}], "Stage", "total")
    assert cents["encoding"]["y"]["axis"] == {}  # ticks where Vega-Lite places them
    light, dark = charts.coloured(spec, False), charts.coloured(spec, True)
    assert light["mark"] == {"type": "bar", "tooltip": False, "color": "#2563eb"}, light["mark"]
    assert dark["config"]["axis"]["labelColor"] == "#e6e9f2" and dark["background"] == "transparent", dark
    assert light["data"] == spec["data"] and "color" not in spec["mark"]  # the spec itself unchanged


@check
def check_rows_that_make_no_bar_chart_are_refused_with_a_sentence():
    good = [{"Stage": "Won", "n": 1}]
    for rows, x, y, sort, words in [
        ([], "Stage", "n", None, "no rows"),
        ([{"Stage": "Won", "n": "many"}], "Stage", "n", None, "Row 1 has no number in 'n'"),
        ([{"Stage": "Won", "n": False}], "Stage", "n", None, "Row 1 has no number"),
        (good + [{"Stage": ["a"], "n": 2}], "Stage", "n", None, "Row 2 has no text or number in 'Stage'"),
        (good + ["Won"], "Stage", "n", None, "Row 2 is not a dict"),
        (good, "Stage", "n", "Stage", "sort is one of"),
        (good, "Stage", 3, None, "x and y are the names"),
        (good * (charts.MAX_BARS + 1), "Stage", "n", None, "at most 500 bars"),
    ]:
        error = raises(charts.ChartError, charts.bar_chart, rows, x, y, None, sort)
        assert words in str(error), (words, str(error))
        assert isinstance(error, ValueError)


@check
def check_a_querys_chart_is_titled_by_its_columns_in_the_rows_order():
    spec = charts.query_chart("select Stage, sum(Amount) as total from Deals group by Stage",
                              [{"Stage": "B", "total": 2}, {"Stage": "A", "total": 1}])
    assert spec["title"] == "total by Stage" and spec["encoding"]["x"]["sort"] is None, spec
    assert [v["label"] for v in spec["data"]["values"]] == ["B", "A"]
    assert charts.query_chart("select Last_Name from Leads", [{"Last_Name": "X"}]) is None
    assert coql.select_terms("select Stage, sum(Amount) as total from Deals") == [
        ("Stage", "Stage"), ("sum(Amount)", "total")]


@check
def check_only_a_spec_bar_chart_made_counts_as_one():
    rows = [{"Stage": "<b>Won</b>", "n": 3}, {"Stage": None, "n": 0.5}]
    for spec in (charts.bar_chart(rows, "Stage", "n"), charts.bar_chart(rows, "Stage", "n", "Pipeline", "-y"),
                 charts.query_chart("select Stage, count(id) from Deals group by Stage", [{"Stage": "A", "count(id)": 2}])):
        assert charts.is_bar_chart(spec) and charts.is_bar_chart(json.loads(json.dumps(spec))), spec
    made = charts.bar_chart(rows, "Stage", "n")
    loads = dict(made, data={"url": "https://elsewhere.example/data.json"})
    linked = dict(made, encoding=dict(made["encoding"], href={"field": "label"}))
    computed = dict(made, transform=[{"calculate": "datum.label", "as": "x"}])
    retitled = dict(made, title={"text": "T", "href": "javascript:alert(1)"})
    numbered = dict(made, data={"values": [{"label": 3, "value": 3}]})
    for spec in (loads, linked, computed, retitled, numbered, None, [], "bar", {}):
        assert not charts.is_bar_chart(spec), spec


# --- A record in depth: formats, links, layouts, related lists, notes, attachments (issue 21) ---------

from zoho import attachments, date_pattern, layouts, locale, related  # noqa: E402 - this block's own imports

from . import detail_cases as D  # noqa: E402


def verify_formats(case):
    org, user, expected = case
    got = locale.formats_from(org, user)
    assert (got.locale, got.currency, got.currency_locale, got.time_zone, got.hour12) == expected, got


def verify_format_plan(case):
    data_type, value, expected = case
    got = locale.format_plan(data_type, value)
    assert got == expected, got
    assert got is None or type(got[1]) is float


def verify_plain_text(case):
    data_type, value, expected = case
    assert locale.formatted_text(data_type, value) == expected


def verify_link(case):
    data_type, value, expected = case
    assert display.link_href(data_type, value) == expected, display.link_href(data_type, value)


@check
def check_formats_follow_the_org_and_the_user():
    each(verify_formats, D.FORMATS)
    each(verify_format_plan, D.PLANS)
    each(verify_plain_text, D.PLAIN_TEXTS)
    options = locale.intl_options(locale.formats_from(D.ORG, D.USER))
    assert options["currency"] == ("en-US", {"style": "currency", "currency": "USD"}), options["currency"]
    assert options["datetime"][1]["timeZone"] == "Europe/Berlin" and options["datetime"][1]["hour12"] is False
    assert options["date"][1]["timeZone"] == "UTC"  # a date is a day, not an instant: never shifted
    assert "hour12" not in locale.intl_options(locale.Formats())["datetime"][1]
    seen = []
    assert locale.formatted_text("currency", 5, lambda kind, number: seen.append((kind, number)) or "five") == "five"
    assert seen == [("currency", 5.0)]
    assert locale.formatted_text("currency", 5, lambda kind, number: None) == "5.00"  # no formatter of that kind


def verify_date_pattern(case):
    pattern, parts, expected = case
    found = date_pattern.tokens(pattern)
    assert found is not None, pattern
    assert date_pattern.assembled(found, parts) == expected, (pattern, date_pattern.assembled(found, parts))


@check
def check_dates_follow_the_persons_own_zoho_format():
    each(verify_date_pattern, D.DATE_PATTERNS)
    for pattern in D.PATTERNS_NOT_FOLLOWED:
        assert date_pattern.tokens(pattern) is None, pattern
    assert date_pattern.date_format("dd.MM.yyyy") == "dd.MM.yyyy" and date_pattern.date_format("hh:mm") is None
    assert date_pattern.date_format("yyyy") is None  # no day or month: not a date's format
    assert date_pattern.time_format("HH:mm") == "HH:mm" and date_pattern.time_format("HH:mm a") is None
    assert date_pattern.time_format("dd") is None and date_pattern.time_format(None) is None
    assert date_pattern.intl_fields(date_pattern.tokens("EEE, MMM d, yyyy hh:mm a")) == {
        "numberingSystem": "latn", "calendar": "gregory", "weekday": "short", "month": "short", "day": "numeric", "year": "numeric",
        "hour": "numeric", "minute": "numeric", "hourCycle": "h12"}
    assert date_pattern.intl_fields(date_pattern.tokens("dd/MMMM/yy HH")) == {
        "numberingSystem": "latn", "calendar": "gregory", "day": "numeric", "month": "long", "year": "numeric", "hour": "numeric",
        "hourCycle": "h23"}
    assert date_pattern.assembled(date_pattern.tokens("dd.MM.yyyy"), {"day": "2", "year": "2026"}) is None
    own = locale.formats_from(D.ORG, dict(D.USER, date_format="dd.MM.yyyy"))
    assert (own.date_format, own.time_format) == ("dd.MM.yyyy", "HH:mm")
    options = locale.intl_options(own)
    assert options["date"] == ("de-DE", {"numberingSystem": "latn", "calendar": "gregory", "day": "numeric", "month": "numeric",
                                         "year": "numeric", "timeZone": "UTC"}), options["date"]
    assert options["datetime"][1]["timeZone"] == "Europe/Berlin" and options["datetime"][1]["hourCycle"] == "h23"
    assert [token for token in locale.patterns(own)["datetime"] if isinstance(token, tuple)] == [
        ("d", 2), ("M", 2), ("y", 4), ("H", 2), ("m", 2)]
    no_time = locale.formats_from(None, {"date_format": "yyyy-MM-dd", "time_format": "H 'o''clock'"})
    assert sorted(locale.patterns(no_time)) == ["date"]  # a time format not followed: instants keep the style
    assert locale.patterns(locale.formats_from(None, {"date_format": "G yyyy"})) == {}
    thai = locale.intl_options(locale.formats_from(None, {"locale": "th_TH", "date_format": "dd/MM/yyyy"}))
    assert thai["date"][1]["calendar"] == "gregory", thai  # the pattern's years, never the Buddhist era's


@check
def check_only_plain_email_phone_and_https_values_are_links():
    each(verify_link, D.LINKS)


@check
def check_a_record_is_shown_in_its_layout():
    sections = layouts.layout_sections(D.LAYOUTS, layouts.record_layout_id(D.RECORD))
    assert [s.label for s in sections] == ["Lead Information", "Description Information"]
    assert sections[0].names == ["Last_Name", "Company", "Email", "id"]
    assert layouts.layout_sections(D.LAYOUTS, "no such")[0].label == "Other layout"
    assert layouts.layout_sections(None) == [] and layouts.layout_sections({"layouts": "x"}) == []
    for show_empty, expected, hidden in D.PLANS_OF_RECORD:
        plan = layouts.detail_plan(sections, D.RECORD, show_empty)
        assert [(s.label, s.names) for s in plan.sections] == expected, plan.sections
        assert plan.hidden == hidden, plan.hidden
    labels = {"Last_Name": "Last Name", "Email": "Email", "Created_By": "Created By"}
    plan = layouts.detail_plan([], D.RECORD, False, lambda name: labels.get(name, name))
    assert [(s.label, s.names) for s in plan.sections] == [("", ["Created_By", "Email", "Last_Name"])]


@check
def check_related_lists_notes_and_attachments_requests():
    found = related.record_lists(D.RELATED_LISTS)
    assert [(r.api_name, r.label, r.module) for r in found] == D.RECORD_LISTS
    assert related.record_lists({"related_lists": None}) == []
    path, query = related.list_call("Accounts", "201", "Contacts", related.list_fields("Contacts"))
    assert path == "/crm/v8/Accounts/201/Contacts"
    assert query == [("fields", "Last_Name,First_Name,Email,Phone"), ("per_page", "10")]
    assert related.list_fields("Tasks") == ["Subject"] and related.list_fields("Projects") == ["Name"]
    assert related.list_call("Accounts", "201", "Contacts", ["Email"], 3)[1] == [
        ("fields", "Email"), ("per_page", "10"), ("page", "3")]
    for page in (0, related.MAX_PAGE + 1, "2", True):
        raises(ValueError, related.list_call, "Accounts", "201", "Contacts", ["Email"], page)
    assert related.next_page({"more_records": True, "page": 1}, 1) == 2
    assert related.next_page({"more_records": False}, 1) is None and related.next_page(None, 1) is None
    assert related.next_page({"more_records": True}, related.MAX_PAGE) is None
    raises(ValueError, related.list_call, "Accounts", "201", "../org", ["Name"])
    raises(ValueError, related.list_call, "Accounts", "2/01", "Contacts", ["Name"])
    assert related.notes_call("Leads", "101")[0] == "/crm/v8/Leads/101/Notes"
    assert related.new_note("  Called; wants a quote.\n") == {"data": [{"Note_Content": "  Called; wants a quote.\n"}]}
    assert raises(ValueError, related.new_note, " \n\t").args[0] == related.EMPTY_NOTE
    assert attachments.download_path("Deals", "301", "901") == "/crm/v8/Deals/301/Attachments/901"
    raises(ValueError, attachments.download_path, "Deals", "301", "901?x=1")
    for size, refused, words in D.UPLOADS:
        sentence = attachments.upload_refusal("plan.pdf", size)
        assert (sentence is not None) == refused, (size, sentence)
        assert words is None or (words in sentence and "plan.pdf" in sentence), sentence
    for size, text in D.SIZES:
        assert attachments.size_text(size) == text, (size, attachments.size_text(size))
    assert attachments.file_size({"Size": "1048576"}) == 1048576 and attachments.file_size({"Size": "1e3"}) is None
    assert attachments.is_file({"id": "901", "$type": "File"}) and not attachments.is_file({"id": "9", "$type": "Link URL"})
    assert related.has_list(D.RELATED_LISTS, "Notes") and not related.has_list(D.RELATED_LISTS, "Hidden_Deals")
    assert not related.has_list(None, "Notes")
    deal = {"id": "301", "Account_Name": {"name": "Blue Energy LLC", "id": "201"}, "Deal_Name": "Blue Energy LLC — New"}
    assert api.record_title(deal, related.NAME_FIELD["Deals"]) == "Blue Energy LLC — New"
    assert api.record_title(deal) == "Blue Energy LLC" and api.record_title({"id": "9"}, "Deal_Name") == "Record 9"


# --- What the Records view holds that Zoho has not got ------------------------------------------


@check
def check_nothing_typed_in_records_goes_without_asking():
    account, deal = ("Accounts", "201"), ("Deals", "301")
    note = records_unsaved.Work("Call back", account)
    assert records_unsaved.lost_going_to(note, account) == []  # the same record: the note stays
    assert records_unsaved.lost_going_to(note, deal) == [records_unsaved.NOTE]
    assert records_unsaved.lost_going_to(note, ("Accounts", None)) == [records_unsaved.NOTE]  # back to the list
    assert records_unsaved.lost_going_to(records_unsaved.Work("  \n", account), deal) == []
    edit = records_unsaved.Work("", None, {"Phone": "555"}, account)
    assert records_unsaved.lost_going_to(edit, account) == []
    assert records_unsaved.lost_going_to(edit, account, form_closes=True) == [records_unsaved.FORM]
    assert records_unsaved.lost_going_to(edit, None) == []  # nothing shown changes
    new = records_unsaved.Work("", None, {"Last_Name": "Hopper"}, ("Accounts", None))
    assert records_unsaved.lost_going_to(new, ("Accounts", None)) == []
    assert records_unsaved.lost_going_to(new, account) == [records_unsaved.FORM]
    both = records_unsaved.Work("Call back", account, {"Phone": "555", "Email": "a@b.c"}, account)
    assert records_unsaved.pending(both) == [records_unsaved.NOTE, records_unsaved.FORM]
    assert records_unsaved.unsaved_sentence(both) == (
        "A note you typed is not added to Zoho; it is kept nowhere else. The record form has 2 changes not "
        "saved to Zoho; they are kept nowhere else.")
    asked = records_unsaved.leave_question(both, [records_unsaved.NOTE])
    assert asked.text == "A note you typed is not added to Zoho; it is kept nowhere else. Discard it and go on?"
    assert (asked.keep, asked.discard) == ("Keep the note", "Discard and go on")
    assert records_unsaved.unsaved_sentence(records_unsaved.Work()) is None


# --- What the Records view's parts show, decided here --------------------------------------------


@check
def check_what_the_filter_bar_attachments_and_related_lists_show():
    from zoho import filters
    assert filters.sent_words(filters.Filter(filters.CRITERIA, "(Company:equals:Acme)")) == (
        "Filtered by Zoho's search, criteria=")
    assert filters.sent_words(filters.Filter(filters.COQL, "Company is null")) == (
        "Filtered by a Zoho query (COQL), where ")
    shown = attachments.attachment_row({"id": "901", "$type": "File", "File_Name": "plan.pdf", "Size": "1536"})
    assert shown == attachments.AttachmentRow(attachments.FILE, "plan.pdf", None, "1.5 KB"), shown
    link = attachments.attachment_row({"id": "902", "$type": "Link URL", "File_Name": "Site",
                                       "$link_url": "https://example.com/a"})
    assert (link.kind, link.href) == (attachments.LINK, "https://example.com/a"), link
    unsafe = attachments.attachment_row({"id": "903", "$type": "Link URL", "$link_url": "javascript:alert(1)"})
    assert (unsafe.kind, unsafe.name, unsafe.href) == (attachments.NAME, attachments.UNNAMED, None), unsafe
    assert attachments.attachment_row({"id": "x", "File_Name": "", "Size": "0"}).size == ""
    contacts = related.RelatedList("Contacts", "Contacts", "Contacts")
    assert related.openable(contacts, [{"api_name": "Leads"}, {"api_name": "Contacts"}])
    assert not related.openable(contacts, [{"api_name": "Leads"}]) and not related.openable(contacts, None)


@check
def check_a_filter_kept_for_the_tab_comes_back_only_while_it_still_fits():
    from zoho import filters
    status = fields.FieldMeta("Lead_Status", "Lead Status", "picklist",
                              choices=[fields.PicklistValue("New", "New"), fields.PicklistValue("Lost", "Lost")])
    company = fields.FieldMeta("Company", "Company", "text")
    applied = filters.Applied("Lead_Status", "equals", ["Lost"])
    state = table_state.TableState(["Last_Name"], None, 50, None, applied)
    text = table_state.encode_table(state)
    assert json.loads(text)["filter"] == {"field": "Lead_Status", "operator": "equals", "values": ["Lost"]}
    assert table_state.decode_table(text) == state
    assert table_state.decode_table(text, ["Last_Name", "Lead_Status"]).filter == applied
    assert table_state.decode_table(text, ["Last_Name"]).filter is None  # the field is gone
    for stored in ({"field": "x;drop", "operator": "equals", "values": []}, {"field": "A", "operator": "equals"},
                   {"field": "A", "operator": "in", "values": [1]}, {"field": "A", "operator": "x", "values": ["a"] * 3},
                   "Company:equals:x"):
        kept = json.loads(text)
        kept["filter"] = stored
        assert table_state.decode_table(json.dumps(kept)).filter is None, stored
    assert filters.restored_filter(applied, [company, status], False).text == "(Lead_Status:equals:Lost)"
    fewer = fields.FieldMeta("Lead_Status", "Lead Status", "picklist", choices=[fields.PicklistValue("New", "New")])
    assert filters.restored_filter(applied, [company, fewer], False) is None  # the choice was taken away
    assert filters.restored_filter(applied, [company], False) is None
    empty = filters.Applied("Company", "is_empty", [])
    assert filters.restored_filter(empty, [company], True).text == "Company is null"
    assert filters.restored_filter(empty, [company], False) is None  # no COQL for this sign-in now
    yes = fields.FieldMeta("Email_Opt_Out", "Email Opt Out", "boolean")
    assert filters.restored_filter(filters.Applied("Email_Opt_Out", "equals", [True]), [yes], False).text == (
        "(Email_Opt_Out:equals:true)")
