import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import coql
from zoho.api import ApiResponse
from sandbox.coql import prepare
from sandbox.records import RequestError

from . import cases as C


@pytest.mark.parametrize("case", C.COQL_PAGES, ids=[str(i) for i in range(len(C.COQL_PAGES))])
def test_the_sandbox_reads_the_page_asked_for(case):
    query, offset, count, _ = case
    plan = prepare(coql.page_query(query, offset, count))
    assert (plan.query.offset, plan.query.limit) == (offset, count)


@given(st.integers(0, 98000), st.integers(1, 2000), st.sampled_from(["", " limit 7", " LIMIT 3, 4", " limit 9 offset 2"]))
def test_paging_any_query(offset, count, limit):
    query = "select Last_Name from Leads where Last_Name = 'a limit, 5' order by Last_Name" + limit
    paged = coql.page_query(query, offset, count)
    assert coql.read_limit(paged) == (offset, count)
    plan = prepare(paged)
    assert (plan.query.offset, plan.query.limit) == (offset, count)
    assert coql.next_page_query(paged) == coql.page_query(query, offset + count, count)


#: Queries the sandbox refuses, and the clause (or place) the sentence must name.
REFUSED = [
    ("select Last_Name from Leads", "WHERE clause"),
    ("select Nope from Leads where id is not null", "SELECT clause"),
    ("select Last_Name from Leads where id is not null order by Nope", "ORDER BY clause"),
    ("select Last_Name from Leads where Last_Name > 'x'", "WHERE clause"),
    ("select Last_Name from Leads where Annual_Revenue = 'lots'", "WHERE clause"),
    ("select Last_Name from Leads where id is not null limit 3000", "LIMIT clause"),
    ("select Last_Name from Leads where id is not null limit 99999, 10", "OFFSET clause"),
    ("select Last_Name from Leads where id is not null limit x", "LIMIT clause"),
    ("select Last_Name from Widgets where id is not null", "FROM clause"),
    ("select Last_Name from Leads where not City = 'x'", "WHERE clause"),
    ("select Last_Name from Leads whre id is not null", '"whre"'),
]


@pytest.mark.parametrize(("query", "named"), REFUSED)
def test_the_sandboxs_refusals_in_words(query, named):
    with pytest.raises(RequestError) as refused:
        prepare(query)
    sentence = coql.describe_query_error(refused.value.code, refused.value.details)
    assert named in sentence, sentence


def test_rows_and_the_query_for_the_rows_after_them():
    query = "select Last_Name from Leads where Last_Name is not null limit 0, 2"
    rows = [{"Last_Name": "A"}, {"Last_Name": "B"}]
    more = ApiResponse(200, {"data": rows, "info": {"count": 2, "more_records": True}}, {})
    assert coql.rows_and_next_query(more, query) == (rows, "select Last_Name from Leads where Last_Name is not null limit 2, 2")
    last = ApiResponse(200, {"data": rows, "info": {"count": 2, "more_records": False}}, {})
    assert coql.rows_and_next_query(last, query) == (rows, None)
    # No content (204), a "more" with no rows, an odd info: no next query, never an error.
    assert coql.rows_and_next_query(ApiResponse(204, None, {}), query) == ([], None)
    assert coql.rows_and_next_query(ApiResponse(200, {"data": [], "info": {"more_records": True}}, {}), query) == ([], None)
    assert coql.rows_and_next_query(ApiResponse(200, {"data": rows, "info": "more"}, {}), query) == (rows, None)
