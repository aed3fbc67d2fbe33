from zoho import sorting

from . import portable_checks as P


def test_portable_checks():
    P.check_sorting()


def test_clicks_on_one_column_alternate_starting_with_zohos_default():
    sort = None
    orders = []
    for _ in range(4):
        sort = sorting.clicked(sort, "Annual_Revenue")
        orders.append(sort.sort_order)
    assert orders == ["desc", "asc", "desc", "asc"]
    assert sorting.DEFAULT_ORDER == "desc"


def test_a_records_query_carries_the_sort_with_every_page_token():
    by_name = sorting.Sort("Last_Name", sorting.ASC)
    assert sorting.records_query(["Last_Name", "Email"], None, 20) == [("fields", "Last_Name,Email"), ("per_page", "20")]
    assert sorting.records_query(["Email"], by_name, 200, "tok") == [
        ("fields", "Email"), ("per_page", "200"), ("sort_by", "Last_Name"), ("sort_order", "asc"), ("page_token", "tok")]
