"""The records list's count text, page sizes, count calls and custom views (zoho.record_list)."""

import pytest

from zoho import record_list as R
from zoho.api import ApiResponse
from zoho.sorting import BY_COQL, BY_RECORDS, SortPlan
from zoho.table_state import TableState, decode_table, encode_table


@pytest.mark.parametrize(("page", "per_page", "shown", "total", "text"), [
    (1, 20, 20, 250, "1\u201320 of 250"),
    (2, 20, 20, 250, "21\u201340 of 250"),
    (13, 20, 10, 250, "241\u2013250 of 250"),
    (1, 20, 20, None, "1\u201320"),
    (3, 200, 200, 10000, "401\u2013600 of 10,000"),
    (1, 50, 7, 7, "1\u20137 of 7"),
    (1, 20, 0, 0, "No records"),
    (1, 20, 0, None, "No records"),
])
def test_count_text(page, per_page, shown, total, text):
    assert R.count_text(page, per_page, shown, total) == text


@pytest.mark.parametrize(("value", "size"), [
    ("50", 50), (200, 200), ("10", 10), ("201", 20), (7, 20), ("", 20), (None, 20), ("1e2", 20), (True, 20)])
def test_page_size_is_one_offered(value, size):
    assert R.page_size(value) == size


def test_count_call_counts_all_a_view_or_a_search_never_both():
    assert R.count_call("Leads") == ("/crm/v8/Leads/actions/count", [])
    assert R.count_call("Leads", cvid="3652397000000087501") == (
        "/crm/v8/Leads/actions/count", [("cvid", "3652397000000087501")])
    assert R.count_call("Leads", search=("criteria", "(Lead_Status:equals:New)"))[1] == [
        ("criteria", "(Lead_Status:equals:New)")]
    with pytest.raises(ValueError):
        R.count_call("Leads", cvid="1", search=("word", "ab"))
    with pytest.raises(ValueError):
        R.count_call("Leads/../org")
    with pytest.raises(ValueError):
        R.count_call("Leads", cvid="1 or 2")


def test_read_count():
    assert R.read_count(ApiResponse(200, {"count": 250}, {})) == 250
    assert R.read_count(ApiResponse(200, {"count": "250"}, {})) is None
    assert R.read_count(ApiResponse(200, {"count": -1}, {})) is None
    assert R.read_count(ApiResponse(204, None, {})) is None


def test_coql_count():
    assert R.coql_count_body("Leads", "Email is null") == {"select_query": "select count(id) from Leads where Email is null"}
    assert R.read_coql_count(ApiResponse(200, {"data": [{"count(id)": 12}], "info": {}}, {})) == 12
    assert R.read_coql_count(ApiResponse(204, None, {})) == 0
    assert R.read_coql_count(ApiResponse(200, {"data": [{}]}, {})) is None


def test_custom_views_are_read_in_zoho_s_order():
    answer = ApiResponse(200, {"custom_views": [
        {"id": "111", "name": "All Leads", "display_value": "All Leads", "default": True},
        {"id": "112", "display_value": "Contacted Leads"},
        {"id": "x", "display_value": "not an id"},
        {"id": "113"},
    ]}, {})
    assert R.parse_custom_views(answer) == [R.CustomView("111", "All Leads", True),
                                            R.CustomView("112", "Contacted Leads", False)]
    assert R.parse_custom_views(ApiResponse(204, None, {})) == []
    assert R.custom_views_call("Leads") == ("/crm/v8/settings/custom_views", [("module", "Leads")])
    assert R.kept_view("112", R.parse_custom_views(answer)) == "112"
    assert R.kept_view("999", R.parse_custom_views(answer)) is None


def test_within_a_view_only_the_records_list_sorts():
    coql = SortPlan("Last_Name", BY_COQL)
    assert R.within_view(coql, None) == coql
    assert not R.within_view(coql, "111").sortable
    assert "custom view" in R.within_view(coql, "111").reason
    assert R.within_view(SortPlan("Created_Time", BY_RECORDS), "111").sortable


def test_a_view_s_list_asks_with_its_cvid():
    assert R.records_list_query([("fields", "id")], "111") == [("fields", "id"), ("cvid", "111")]
    assert R.records_list_query([("fields", "id")], None) == [("fields", "id")]


def test_the_table_keeps_page_size_and_view():
    text = encode_table(TableState(["Last_Name"], None, 50, "111"))
    assert decode_table(text) == TableState(["Last_Name"], None, 50, "111")
    assert decode_table('{"v": 1, "fields": ["Last_Name"], "sort": null, "per_page": 30, "view": "x"}') == \
        TableState(["Last_Name"])
    assert '"per_page"' not in encode_table(TableState(["Last_Name"]))
