"""Query: a COQL query run against Zoho CRM, its rows as a table.

Its place in the address bar: ``?view=query``.
"""

from zoho.api import CRM, items_of

from web.shell import View
from web.view import by_id, fill_table, on_click, show


class QueryView(View):
    name = "query"
    DRAFT = ("coql-query",)

    def __init__(self, session, shell):
        View.__init__(self, session, shell)
        self.query = self.part("coql-query")
        self.results = self.part("coql-results")
        on_click(self.part("coql-run"), lambda: self.spawn(self.run()))

    def reset(self):
        View.reset(self)
        self.results.replaceChildren()
        self.query.value = ""
        show(self.part("coql-more"), False)

    async def run(self):
        self.message.begin(by_id("coql-tools"))
        text = self.query.value.strip()
        if not text:
            self.message.show_error("Write a COQL query first, for example: select Last_Name from Leads "
                                    "where Last_Name is not null limit 20")
            return
        self.results.replaceChildren()
        response = await self.call("POST", CRM + "/coql", None, {"select_query": text})
        if response is None:
            return
        rows = items_of(response, "data") if response.data is not None else []
        if not rows:
            self.message.show_done("No rows match this query.")
            return
        self._render(rows)

    def _render(self, rows):
        columns = []
        for row in rows:
            for name in row:
                if name not in columns:
                    columns.append(name)
        fill_table(self.results, columns, rows)
