"""Query (COQL): an action's error replaces the rows it concerns."""

from .harness import SCOPES
from .steps import open_signed_in, open_view, view_message

COQL_SCOPES = list(SCOPES) + ["ZohoCRM.coql.READ"]


def rows_left_by_a_refused_run(page, refused, said):
    """Run a query that gives five rows, then ``refused``; the rows on screen once ``said`` is."""
    rows = page.get_by_test_id("coql-results").locator("tbody tr")
    for text in ("select Last_Name from Leads where Last_Name is not null limit 0, 5", refused):
        page.get_by_test_id("coql-query").fill(text)
        page.get_by_test_id("coql-run").click()
        if text != refused:
            rows.nth(4).wait_for()
    view_message(page, "query").filter(has_text=said).wait_for()
    return rows.count()


def test_a_refused_run_leaves_no_earlier_rows_under_its_error(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    assert rows_left_by_a_refused_run(page, "", "Write a COQL query first") == 0
    assert not page.get_by_test_id("coql-more").is_visible()
    # And an error from Zoho: the rows of the query before are gone too.
    assert rows_left_by_a_refused_run(page, "select Last_Name form Leads where Last_Name is not null",
                                      "not written the way Zoho reads it") == 0


def test_run_stands_in_line_with_the_exports(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    run, export = (page.get_by_test_id(testid).bounding_box() for testid in ("coql-run", "coql-export-csv"))
    assert abs(run["y"] - export["y"]) <= 1 and abs(run["height"] - export["height"]) <= 1
