"""Query: COQL queries against Zoho CRM, their rows as a table with the selected columns, the
next rows, a history for the tab, and Zoho's errors in words naming the clause.

Its place in the address bar: ``?view=query``.
"""

from zoho.api import CRM, items_of
from zoho.calls import coql_side_by_side
from zoho.caps import query_limit_problem, query_page_end
from zoho.charts import query_chart
from zoho.coql import describe_query_error, select_columns, with_recent
from zoho.coql_export import SIDE_BY_SIDE
from zoho.errors import COQL_REACH, ZohoError
from zoho.fields import parse_fields
from zoho.results import Results
from zoho.scopes import scope_covers

from pyscript.ffi import create_proxy

from web.chart import ChartPlace
from web.exporter import Exporter
from web.view import View
from web.dom import button, by_id, element, fill_table, on_click, show

COQL_SCOPE = "ZohoCRM.coql.READ"
HISTORY_SEPARATOR = "\u001e"  # between the queries of the history, in the kept draft


class QueryView(View):
    name = "query"
    DRAFT = ("coql-query",)

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.query = self.part("coql-query")
        self.results = self.part("coql-results")
        self.more = self.part("coql-more")
        self.history = []
        self.next_query = None
        self.rows_shown = []  # every row of the last query on screen (its first page and Next rows)
        self.columns = []
        self.answers = Results()  # zoho.results: an error replaces the rows, a late answer is dropped
        self._ticket = None  # of the last Run; Next rows belong to it
        on_click(self.part("coql-run"), lambda: self.spawn(self.run()))
        on_click(self.more, lambda: self.spawn(self._more()))
        on_click(self.part("coql-export-csv"), lambda: self.spawn(self._export("csv")))
        on_click(self.part("coql-export-json"), lambda: self.spawn(self._export("json")))
        self.exporter = Exporter(self, self.part("coql-export-progress"), self.part("coql-export-cancel"),
                                 by_id("coql-export-status"))
        self.last_query = None
        self.chart = ChartPlace(self.part("chart"))  # the rows of an aggregate as a bar chart
        by_id("coql-module").addEventListener("change", create_proxy(lambda event: self.spawn(self._offer_fields())))

    def draft(self):
        kept = View.draft(self)
        kept["history"] = HISTORY_SEPARATOR.join(self.history)
        return kept

    def restore(self, draft):
        View.restore(self, draft)
        self.history = [query for query in draft.get("history", "").split(HISTORY_SEPARATOR) if query]
        self._render_history()

    async def enter(self, place):
        if by_id("coql-module").options.length == 0:
            await self._load_modules()  # the modules whose fields to offer, once the view is used

    def leave(self):
        View.leave(self)
        self.exporter.cancel()

    def reset(self, forget_drafts=True):
        View.reset(self, forget_drafts)
        self.exporter.cancel()
        self.last_query = None
        self._forget_results()
        self.query.value = ""
        self.history = []
        self._render_history()
        by_id("coql-fields").replaceChildren()
        by_id("coql-module").replaceChildren()

    # --- running a query -------------------------------------------------------------------

    def _forget_results(self):
        """Nothing shown any more; answers still on their way are dropped."""
        self.answers.cleared()
        self._draw()

    def _draw(self):
        """The rows the answers say to show: none once a Run has begun or failed (so an error never
        sits above rows that answered another query)."""
        if self.answers.screen.rows is None:
            self.results.replaceChildren()
            self.chart.clear()
            self.rows_shown = []
            self.next_query = None
            show(self.more, False)

    async def run(self):
        self.message.begin(by_id("coql-tools"))
        text = self.query.value.strip()
        self.answers.cleared()
        self._ticket = self.answers.started(text)
        self._draw()
        problem = query_limit_problem(text) if text else (
            "Write a COQL query first, for example: select Last_Name from Leads where Last_Name is not null limit 20")
        if problem is not None:
            self.answers.failed(self._ticket, problem)
            self.message.show_error(problem)
            return
        if not self._may_query():
            self.answers.failed(self._ticket, "Queries need the scope " + COQL_SCOPE + ".")
            return
        self.last_query = text
        self._remember(text)
        self.columns = select_columns(text)
        await self._fetch(text, append=False)

    def _may_query(self):
        """COQL needs its own scope: without it, say so and offer to sign in with it."""
        token = self.services.usable_token()
        if token is None or scope_covers(token.scopes, COQL_SCOPE):
            return True
        self.services.offer_scope(self.message, "Queries need the scope " + COQL_SCOPE + ", which this sign-in "
                                 "did not grant.", COQL_SCOPE)
        return False

    async def _fetch(self, text, append):
        ticket = self._ticket
        response = await self.call("POST", CRM + "/coql", None, {"select_query": text}, _explain)
        if not self.answers.is_current(ticket):
            return  # a newer Run has begun: this answer has no place on screen
        if response is None:  # refused, and said in the message by self.call
            if not append:
                self.answers.failed(ticket, "Zoho refused the query.")
                self._draw()
            return
        rows, next_query, reach = query_page_end(response, text)
        if not append:
            self.answers.answered(ticket, rows)
        self.next_query = next_query
        show(self.more, self.next_query is not None)
        if not rows and not append:
            self.message.show_done("No records match this query.")
            return
        self._render(rows, append)
        self.rows_shown = self.rows_shown + rows if append else list(rows)
        self.spawn(self._chart(self.last_query, self.rows_shown))  # every row on screen, "Next rows" too
        if reach is not None:  # COQL reaches no further: say so, with the way on
            self.message.show_notice(reach)

    async def _more(self):
        if self.next_query is None:
            return
        self.message.begin(self.more.parentElement)
        await self._fetch(self.next_query, append=True)

    async def _export(self, kind):
        """Every row the last query matches (whatever its LIMIT), page after page
        (``limit offset, count``), in its columns."""
        self.message.begin(by_id("coql-tools"))
        if self.last_query is None:
            self.message.show_error("Run a query first; its rows are what is exported.")
            return
        first, columns = self.last_query, self.columns
        if not columns:
            self.message.show_error("The columns of this query could not be read from its SELECT clause, "
                                    "so it cannot be exported.")
            return

        pages = coql_side_by_side(self.services.credentials, first)
        await self.exporter.run(kind, "query", columns, columns, pages, _explain, SIDE_BY_SIDE, COQL_REACH)

    def _render(self, rows, append):
        columns = self.columns or sorted({name for row in rows for name in row})
        if append and self.results.querySelector("tbody") is not None:
            extra = element("table")
            fill_table(extra, columns, rows)
            body = self.results.querySelector("tbody")
            for line in list(extra.querySelectorAll("tbody tr")):
                body.append(line)
            return
        fill_table(self.results, columns, rows)

    async def _chart(self, query, rows):
        """The rows on screen as a bar chart, when they are an aggregate's (zoho.charts.query_chart)."""
        spec = query_chart(query, rows)
        if spec is None:
            self.chart.clear()
            return
        problem = await self.chart.draw(spec)
        if problem is not None:
            self.message.show_error(problem)

    # --- the history and the fields on offer -----------------------------------------------

    def _remember(self, text):
        self.history = with_recent(self.history, text)
        self._render_history()
        self.spawn(self.save_draft())

    def _render_history(self):
        listing = self.part("coql-history")
        listing.replaceChildren()
        for text in self.history:
            item = element("li")
            item.append(button(text, self._reuse(text), "link"))
            listing.append(item)

    def _reuse(self, text):
        def reuse():
            self.query.value = text
            self.spawn(self.save_draft())
        return reuse

    async def _load_modules(self):
        response = await self.services.call("GET", CRM + "/settings/modules", report=self.message)
        if response is None:
            return
        select = by_id("coql-module")
        select.replaceChildren()
        select.append(element("option", "Choose a module…"))
        for module in items_of(response, "modules"):
            if module.get("api_supported") is True and isinstance(module.get("api_name"), str):
                option = element("option", module["api_name"])
                option.value = module["api_name"]
                select.append(option)

    async def _offer_fields(self):
        """The chosen module's field names, each a button that adds it to the query."""
        listing = by_id("coql-fields")
        listing.replaceChildren()
        module = by_id("coql-module").value
        if not module or module.startswith("Choose"):
            return
        response = await self.call("GET", CRM + "/settings/fields", [("module", module)])
        if response is None:
            return
        try:
            fields = parse_fields(response)
        except ZohoError as error:
            self.message.show_error(error.message)
            return
        for field in fields:
            chip = button(field.api_name, self._inserter(field.api_name), "link")
            chip.title = field.label
            listing.append(chip)

    def _inserter(self, name):
        def insert():
            start, end = self.query.selectionStart, self.query.selectionEnd
            text = self.query.value
            self.query.value = text[:start] + name + text[end:]
            self.query.focus()
            self.query.selectionStart = self.query.selectionEnd = start + len(name)
            self.spawn(self.save_draft())
        return insert


def _explain(error):
    return describe_query_error(error.code, getattr(error, "details", None))
