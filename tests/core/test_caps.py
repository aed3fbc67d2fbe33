from hypothesis import given
from hypothesis import strategies as st

from zoho import api, caps, coql


@given(st.integers(0, 100000), st.integers(1, 2000), st.integers(0, 2000), st.booleans())
def test_no_next_query_goes_past_coqls_reach_and_an_end_there_is_said(offset, count, answered, more):
    answered = min(answered, count)
    query = "select id from Leads where id is not null limit {}, {}".format(offset, count)
    answer = api.ApiResponse(200, {"data": [{"id": "1"}] * answered, "info": {"more_records": more}}, {})
    rows, following, note = caps.query_page_end(answer, query)
    assert len(rows) == answered
    if following is not None:
        next_offset, next_count = coql.read_limit(following)
        assert next_offset == offset + count and next_offset + next_count <= coql.MAX_REACH
    stopped_by_reach = more and answered and offset + count >= coql.MAX_REACH
    assert (note is not None) == bool(stopped_by_reach)


@given(st.integers(1, 200), st.integers(1, 200), st.booleans())
def test_no_search_page_is_asked_past_2000_results(page, per_page, more):
    following, note = caps.search_next_page(page, per_page, more)
    if following is not None:
        assert following * per_page <= caps.SEARCH_MAX_RESULTS
    assert (note is None) or (more and following is None)
