"""Export what the records table shows (the module's records in its order, or the search's
results), every page of it, to CSV or JSON."""

from zoho.api import CRM, parse_records_page
from zoho.fields import label_of
from zoho.caps import search_next_page
from zoho.search import search_query
from zoho.sorting import lookup_names, page_call, read_page

from web.exporter import Exporter
from web.view import by_id, on_click

EXPORT_PER_PAGE = 200  # the most Zoho gives in one page


class RecordsExport:
    def __init__(self, view, listing, fields):
        """``listing`` is the RecordList whose module, columns, sort and search are exported;
        ``fields()`` the module's FieldMeta list (for the CSV's headings)."""
        self.view = view
        self.listing = listing
        self.fields = fields
        self.exporter = Exporter(view, view.part("export-progress"), view.part("export-cancel"), by_id("export-status"))
        on_click(view.part("export-csv"), lambda: view.spawn(self.run("csv")))
        on_click(view.part("export-json"), lambda: view.spawn(self.run("json")))

    def cancel(self):
        self.exporter.cancel()

    async def run(self, kind):
        listing = self.listing
        if listing.module is None:
            return
        self.view.message.begin(listing.tools)
        columns = listing.columns()
        module, search, sort, how = listing.module, listing.search, listing.sort, listing.how()
        call = self.view.call
        names = lookup_names(columns, self.fields())
        caps = []

        async def next_page(cursor):
            if search is None:
                method, path, query, body = page_call(module, columns, sort, how, EXPORT_PER_PAGE, cursor, names)
                response = await call(method, path, query, body)
                if response is None:
                    return None
                page = read_page(response, how, cursor, names)
                return page.records, (page.next_page_token if page.more_records else None)
            number = int(cursor or "1")
            response = await call("GET", CRM + "/" + module + "/search",
                                  search_query(search, columns, number, EXPORT_PER_PAGE))
            if response is None:
                return None
            page = parse_records_page(response)
            following, cap = search_next_page(number, EXPORT_PER_PAGE, page.more_records)
            if cap:
                caps.append(cap)
            return page.records, (str(following) if following is not None else None)

        meta = self.fields()
        await self.exporter.run(kind, module, columns, [label_of(meta, name) for name in columns], next_page)
        if caps:
            listing.note("The file holds the first 2,000 matches only. " + caps[0])
