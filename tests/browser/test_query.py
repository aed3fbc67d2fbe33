"""Query (COQL): an action's error replaces the rows it concerns."""

from .conftest import SCOPES
from .test_explorer import open_signed_in, open_view, view_message

COQL_SCOPES = list(SCOPES) + ["ZohoCRM.coql.READ"]


def test_a_refused_run_leaves_no_earlier_rows_under_its_error(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    rows = page.get_by_test_id("coql-results").locator("tbody tr")
    query = page.get_by_test_id("coql-query")
    query.fill("select Last_Name from Leads where Last_Name is not null limit 0, 5")
    page.get_by_test_id("coql-run").click()
    rows.nth(4).wait_for()
    query.fill("")
    page.get_by_test_id("coql-run").click()
    view_message(page, "query").filter(has_text="Write a COQL query first").wait_for()
    assert rows.count() == 0
    assert not page.get_by_test_id("coql-more").is_visible()
    # And an error from Zoho: the rows of the query before are gone too.
    query.fill("select Last_Name from Leads where Last_Name is not null limit 0, 5")
    page.get_by_test_id("coql-run").click()
    rows.nth(4).wait_for()
    query.fill("select Last_Name form Leads where Last_Name is not null")
    page.get_by_test_id("coql-run").click()
    view_message(page, "query").filter(has_text="not written the way Zoho reads it").wait_for()
    assert rows.count() == 0
