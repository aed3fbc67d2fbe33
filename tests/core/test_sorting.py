from app.zoho import sorting

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
