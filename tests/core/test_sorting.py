from hypothesis import given
from hypothesis import strategies as st

from zoho import sorting


def test_clicks_on_one_column_alternate_starting_with_zohos_default():
    sort = None
    orders = []
    for _ in range(4):
        sort = sorting.clicked(sort, "Annual_Revenue")
        orders.append(sort.sort_order)
    assert orders == ["desc", "asc", "desc", "asc"]
    assert sorting.DEFAULT_ORDER == "desc"


def test_a_records_query_carries_the_sort_with_every_page_token():
    by_time = sorting.Sort("Created_Time", sorting.ASC)
    assert sorting.records_query(["Last_Name", "Email"], None, 20) == [("fields", "Last_Name,Email"), ("per_page", "20")]
    assert sorting.records_query(["Email"], by_time, 200, "tok") == [
        ("fields", "Email"), ("per_page", "200"), ("sort_by", "Created_Time"), ("sort_order", "asc"), ("page_token", "tok")]


@given(st.text(max_size=30))
def test_no_records_query_carries_a_sort_by_zoho_refuses(column):
    try:
        query = sorting.records_query(["Email"], sorting.Sort(column), 20)
    except ValueError:
        return
    assert dict(query)["sort_by"] in ("id", "Created_Time", "Modified_Time")


@given(st.integers(min_value=0, max_value=99999), st.integers(min_value=1, max_value=2000))
def test_sorted_pages_follow_each_other_without_gap_or_overlap(offset, per_page):
    query = sorting.sorted_records_query("Leads", ["Email"], sorting.Sort("Email"), per_page, str(offset))
    offset_text, count_text = query.rsplit(" limit ", 1)[1].split(", ")
    assert int(offset_text) == offset and 1 <= int(count_text) <= per_page
    assert offset + int(count_text) <= sorting.COQL_REACH
