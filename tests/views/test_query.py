"""The Query view against the fake DOM and the fake services: what it decides about its rows."""

import asyncio

import pytest

from zoho.api import CRM

from tests.controller.fakes import answer, zoho_error
from tests.controller.sessions import run, settle

from .fakes import ALL_SCOPES, FakeServices, FakeShell, install_pyscript, load_view_section

COQL = CRM + "/coql"
MODULES = {"modules": [{"api_name": "Leads", "api_supported": True}]}


def coql_rows(names, more=False):
    return answer(200, {"data": [{"Last_Name": name, "id": str(n)} for n, name in enumerate(names)],
                        "info": {"count": len(names), "more_records": more}})


@pytest.fixture
def page():
    pyscript = install_pyscript()
    load_view_section(pyscript.document, "query")
    return pyscript.document


@pytest.fixture
def services():
    services = FakeServices(scopes=ALL_SCOPES + ["ZohoCRM.coql.READ"])
    services.answer("GET", CRM + "/settings/modules", answer(200, MODULES))
    return services


def by_testid(page, name):
    return page.querySelector('[data-testid="' + name + '"]')


def shown_rows(page):
    return [[cell.textContent for cell in row.querySelectorAll("td")]
            for row in by_testid(page, "coql-results").querySelectorAll("tbody tr")]


def new_view(services):
    from web.views.query import QueryView
    view = QueryView(services, FakeShell())
    view.root.hidden = False
    return view


async def run_query(page, view, text):
    by_testid(page, "coql-query").value = text
    await view.run()
    await settle()


def test_rows_of_a_query_then_none_under_an_empty_querys_error(page, services):
    async def scenario():
        view = new_view(services)
        services.answer("POST", COQL, coql_rows(["Babbage", "Lovelace"], more=True))
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null limit 2")
        assert [row[0] for row in shown_rows(page)] == ["Babbage", "Lovelace"]
        assert not by_testid(page, "coql-more").hidden
        await run_query(page, view, "  ")
        assert shown_rows(page) == []
        assert by_testid(page, "coql-more").hidden
        assert "Write a COQL query first" in by_testid(page, "view-message").textContent
    run(scenario)()


def test_zohos_refusal_replaces_the_rows_of_the_query_before(page, services):
    async def scenario():
        view = new_view(services)
        services.answer("POST", COQL, coql_rows(["Babbage"]))
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null")
        services.answer("POST", COQL, zoho_error(400, "SYNTAX_ERROR", "select Last_Name form Leads"))
        await run_query(page, view, "select Last_Name form Leads")
        assert shown_rows(page) == []
        assert by_testid(page, "view-message").textContent
    run(scenario)()


def test_an_answer_that_comes_after_a_newer_run_began_is_not_shown(page, services):
    async def scenario():
        view = new_view(services)
        services.answer("POST", COQL, coql_rows(["Slow"]))
        by_testid(page, "coql-query").value = "select Last_Name from Leads where id is not null"
        slow = asyncio.ensure_future(view.run())
        while not services.requests("POST", COQL):  # its request is sent, its answer on its way...
            await asyncio.sleep(0)
        by_testid(page, "coql-query").value = ""
        await view.run()  # ...when a new Run begins (and is refused)
        await slow
        await settle()
        assert shown_rows(page) == []
    run(scenario)()


def test_next_rows_are_added_to_the_run_they_belong_to(page, services):
    async def scenario():
        view = new_view(services)
        services.answer("POST", COQL, coql_rows(["A", "B"], more=True), coql_rows(["C"]))
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null limit 0, 2")
        by_testid(page, "coql-more").click()
        await settle()
        assert [row[0] for row in shown_rows(page)] == ["A", "B", "C"]
        assert by_testid(page, "coql-more").hidden
    run(scenario)()


def test_a_query_asking_more_than_zoho_gives_is_said_before_it_is_sent(page, services):
    async def scenario():
        view = new_view(services)
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null limit 0, 2500")
        assert services.sent == []
        assert "at most 2,000 rows a call" in by_testid(page, "view-message").textContent
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null limit 99000, 2000")
        assert services.sent == []
        assert "only the first 100,000 matching rows" in by_testid(page, "view-message").textContent
    run(scenario)()


def test_next_rows_stop_where_coqls_reach_ends_and_say_the_way_on(page, services):
    async def scenario():
        view = new_view(services)
        services.answer("POST", COQL, coql_rows(["A", "B"], more=True))
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null limit 99998, 2")
        assert [row[0] for row in shown_rows(page)] == ["A", "B"]
        assert by_testid(page, "coql-more").hidden  # the next rows would start at the 100,000th
        assert "narrow the query with a WHERE clause" in by_testid(page, "view-message").textContent
    run(scenario)()


# --- the chart of an aggregate (web.chart draws it; here, what the view asks it to draw) ------------

PIPELINE = "select Stage, sum(Amount) from Deals group by Stage"


def pipeline_rows():
    return answer(200, {"data": [{"Stage": "Qualification", "sum(Amount)": 250000},
                                 {"Stage": "Closed Won", "sum(Amount)": 125000.5}],
                        "info": {"count": 2, "more_records": False}})


def drawn_charts(view):
    """Replace the drawing (vega-embed, in the browser) by a list of the specs it is given."""
    drawn = []

    async def draw(spec):
        view.chart.clear()
        view.chart.node.hidden = False
        drawn.append(spec)
    view.chart.draw = draw
    return drawn


def test_an_aggregates_rows_are_drawn_as_a_bar_chart_and_others_clear_it(page, services):
    async def scenario():
        view = new_view(services)
        drawn = drawn_charts(view)
        services.answer("POST", COQL, pipeline_rows())
        await run_query(page, view, PIPELINE)
        assert [row[0] for row in shown_rows(page)] == ["Qualification", "Closed Won"]  # the table stays
        assert len(drawn) == 1 and not by_testid(page, "chart").hidden
        assert drawn[0]["data"]["values"] == [{"label": "Qualification", "value": 250000},
                                              {"label": "Closed Won", "value": 125000.5}]
        assert drawn[0]["encoding"]["x"]["title"] == "Stage" and drawn[0]["title"] == "sum(Amount) by Stage"
        services.answer("POST", COQL, coql_rows(["Babbage"]))
        await run_query(page, view, "select Last_Name from Leads where Last_Name is not null")
        assert len(drawn) == 1 and by_testid(page, "chart").hidden  # rows that are no aggregate: no chart
    run(scenario)()


def test_next_rows_of_an_aggregate_redraw_its_chart_with_every_row_shown(page, services):
    async def scenario():
        view = new_view(services)
        drawn = drawn_charts(view)
        first = answer(200, {"data": [{"Stage": "Qualification", "sum(Amount)": 250000}],
                             "info": {"count": 1, "more_records": True}})
        more = answer(200, {"data": [{"Stage": "Closed Won", "sum(Amount)": 125000.5}],
                            "info": {"count": 1, "more_records": False}})
        services.answer("POST", COQL, first, more)
        await run_query(page, view, PIPELINE)
        assert [value["label"] for value in drawn[-1]["data"]["values"]] == ["Qualification"]
        by_testid(page, "coql-more").click()
        await settle()
        assert [row[0] for row in shown_rows(page)] == ["Qualification", "Closed Won"]
        assert [value["label"] for value in drawn[-1]["data"]["values"]] == ["Qualification", "Closed Won"]
    run(scenario)()


def test_a_refused_query_takes_the_chart_of_the_one_before_away(page, services):
    async def scenario():
        view = new_view(services)
        drawn = drawn_charts(view)
        services.answer("POST", COQL, pipeline_rows())
        await run_query(page, view, PIPELINE)
        assert len(drawn) == 1 and not by_testid(page, "chart").hidden
        services.answer("POST", COQL, zoho_error(400, "SYNTAX_ERROR", "select Stage form Deals"))
        await run_query(page, view, "select Stage, sum(Amount) form Deals group by Stage")
        assert by_testid(page, "chart").hidden and shown_rows(page) == []
    run(scenario)()


def test_a_chart_library_that_cannot_load_is_said_in_the_views_message(page, services):
    async def scenario():
        view = new_view(services)  # the fake page has no chart-script metas: nothing to load
        services.answer("POST", COQL, pipeline_rows())
        await run_query(page, view, PIPELINE)
        from web.chart import CANNOT_LOAD
        assert CANNOT_LOAD in by_testid(page, "view-message").textContent
        assert by_testid(page, "chart").hidden and len(shown_rows(page)) == 2
    run(scenario)()


def test_a_spec_zoho_chart_did_not_make_is_not_drawn(page, services):
    async def scenario():
        from zoho.charts import bar_chart
        from web.chart import CANNOT_LOAD, NOT_A_CHART, ChartPlace
        place = ChartPlace(by_testid(page, "chart"))
        made = bar_chart([{"Stage": "Won", "n": 2}], "Stage", "n")
        assert await place.draw(made) == CANNOT_LOAD  # a chart it made goes on to the library (none here)
        elsewhere = dict(made, data={"url": "https://elsewhere.example/rows.json"})
        assert await place.draw(elsewhere) == NOT_A_CHART and by_testid(page, "chart").hidden
    run(scenario)()
