"""Charts: a COQL aggregate in the Query view drawn as a bar chart (vega-embed, loaded with the
first chart), its labels as SVG text and never markup; the notebook's zoho.chart draws the same."""

import json

import httpx

from sandbox.catalog import STAGES
from zoho.charts import EMBED_OPTIONS, bar_chart

from .harness import API_ORIGIN, SCOPES, SITE_URL, TIMEOUTS
from .steps import open_signed_in, open_view, view_message

COQL_SCOPES = list(SCOPES) + ["ZohoCRM.coql.READ"]
PIPELINE = "select Stage, sum(Amount) from Deals where Stage is not null group by Stage"


def run_query(page, text):
    page.get_by_test_id("coql-query").fill(text)
    page.get_by_test_id("coql-run").click()


def chart_texts(page):
    """Every text the chart's SVG shows, once it is drawn."""
    chart = page.get_by_test_id("chart")
    chart.locator("svg text").first.wait_for()
    return chart.locator("svg text").all_text_contents()


def chart_requests(page):
    return [request.url for request in page.context.recorded.requests if "/vega/" in request.url]


def test_the_pipeline_is_drawn_as_a_bar_chart_loaded_with_the_first_chart(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    run_query(page, "select Last_Name from Leads where Last_Name is not null limit 5")
    page.get_by_test_id("coql-results").locator("tbody tr").nth(4).wait_for()
    assert not page.get_by_test_id("chart").is_visible()
    assert chart_requests(page) == []  # no chart yet: the library is not even fetched

    run_query(page, PIPELINE)
    texts = chart_texts(page)
    stages_in_table = page.get_by_test_id("coql-results").locator("tbody tr td:first-child").all_text_contents()
    assert set(stages_in_table) <= set(STAGES) and len(stages_in_table) >= 3
    assert set(stages_in_table) <= set(texts)  # a bar labelled by each stage
    assert "sum(Amount)" in texts and page.get_by_test_id("chart").locator("svg .mark-rect path").count() == len(
        stages_in_table)
    assert sorted(url.rsplit("/", 1)[1] for url in chart_requests(page)) == [
        "vega-embed.min.js", "vega-lite.min.js", "vega.min.js"]
    assert page.context.recorded.console_errors == []  # no CSP violation, no failed load

    # Rows that are no aggregate take the chart away.
    run_query(page, "select Last_Name from Leads where Last_Name is not null limit 5")
    page.get_by_test_id("chart").wait_for(state="hidden")


def test_a_label_with_markup_is_drawn_as_its_text(page, sandbox):
    name = "<b>Ada</b><img>"  # short: a longer label is cut with an ellipsis
    minted = sandbox.mint_token(scopes=COQL_SCOPES)
    created = httpx.post(API_ORIGIN + "/crm/v8/Leads", json={"data": [{"Last_Name": name, "Company": "Markup Ltd"}]},
                         headers={"Authorization": "Zoho-oauthtoken " + minted["access_token"]}, timeout=10)
    assert created.status_code == 201, created.text
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    run_query(page, "select Last_Name, count(id) from Leads where Company = 'Markup Ltd' group by Last_Name")
    assert name in chart_texts(page)
    chart = page.get_by_test_id("chart")
    assert chart.locator("img, b, foreignObject").count() == 0
    assert not view_message(page, "query").is_visible() or "chart" not in view_message(page, "query").inner_text()


def test_zoho_chart_in_a_notebook_cell_draws_the_chart_in_its_output(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES, path="?view=notebook")
    cell = page.get_by_test_id("cell").first
    cell.get_by_test_id("cell-code").fill(
        "rows = zoho.coql('select Stage, sum(Amount) as sum_amount from Deals where Stage is not null group by Stage')\n"
        "print(len(rows), 'stages')\n"
        "zoho.chart(rows, x='Stage', y='sum_amount', title='Pipeline by stage', sort='-y')")
    cell.get_by_test_id("cell-run").click()
    output = cell.get_by_test_id("cell-output")
    output.get_by_test_id("chart").locator("svg text").first.wait_for(timeout=TIMEOUTS["pyodide"])
    texts = output.get_by_test_id("chart").locator("svg text").all_text_contents()
    printed = int(output.locator(".stream").first.inner_text().split()[0])
    stages = [text for text in texts if text in STAGES]
    assert len(stages) == printed >= 3  # a labelled bar per row, and nothing else named as a stage
    assert "Pipeline by stage" in texts and "sum_amount" in texts and "Stage" in texts
    assert output.get_by_test_id("chart").locator("svg .mark-rect path").count() == printed


def test_a_library_that_cannot_load_is_said_and_the_next_chart_tries_again(page, sandbox):
    open_signed_in(page, sandbox, scopes=COQL_SCOPES)
    open_view(page, "query")
    page.route("**/vega/vega-lite.min.js", lambda route: route.abort())
    run_query(page, PIPELINE)
    view_message(page, "query").filter(has_text="The chart library could not be loaded").wait_for()
    assert page.get_by_test_id("coql-results").locator("tbody tr").count() >= 3  # the rows stay
    assert not page.get_by_test_id("chart").is_visible()
    page.unroute("**/vega/vega-lite.min.js")
    run_query(page, PIPELINE)
    assert "sum(Amount)" in chart_texts(page)
    assert not view_message(page, "query").filter(has_text="could not be loaded").is_visible()


PROBE = SITE_URL + "chart-csp-probe.html"
STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"


def drawn_under_a_csp_without_eval(page, options):
    """Draw the pipeline's kind of chart with ``options`` in a page of the site's origin whose
    CSP forbids eval; what came of it, and the CSP violations seen."""
    page.goto(SITE_URL)
    scripts = page.locator('meta[name="chart-script"]').evaluate_all("metas => metas.map(m => m.content)")
    spec = bar_chart([{"Stage": "Qualification", "n": 3}, {"Stage": "Closed Won", "n": 5}], "Stage", "n")
    html = ('<!doctype html><meta http-equiv="Content-Security-Policy" content="' + STRICT_CSP + '">'
            '<div id="chart"></div>' + "".join(f'<script src="{src}"></script>' for src in scripts)
            + '<script src="./chart-csp-probe.js"></script>')
    script = ("window.violations = [];"
              "document.addEventListener('securitypolicyviolation', e => violations.push(e.blockedURI));"
              f"window.outcome = vegaEmbed('#chart', {json.dumps(spec)}, {json.dumps(options)})"
              ".then(() => 'drawn', error => 'failed: ' + error);")
    page.route(PROBE, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.route(SITE_URL + "chart-csp-probe.js", lambda route: route.fulfill(body=script, content_type="text/javascript"))
    page.goto(PROBE)
    outcome = page.evaluate("window.outcome")
    return outcome, page.evaluate("window.violations"), page.locator("#chart svg text").all_text_contents()


def test_a_chart_is_drawn_under_a_policy_that_forbids_eval(page):
    outcome, violations, texts = drawn_under_a_csp_without_eval(page, EMBED_OPTIONS)
    assert outcome == "drawn" and violations == [], (outcome, violations)
    assert {"Qualification", "Closed Won"} <= set(texts)
    # The same chart compiled with Function (vega-embed's default) is refused there: the probe can tell.
    outcome, violations, _ = drawn_under_a_csp_without_eval(page, dict(EMBED_OPTIONS, ast=False))
    assert outcome.startswith("failed") and "eval" in violations, (outcome, violations)
