"""Export what the records table shows (the module's records in its order, a custom view's, or
the search's or the filter's results), every page of it, to CSV or JSON, through the core's page
flows (zoho.calls): COQL pages side by side when zoho.coql_export says the query gives the same
file, else the list's pages one after the other; the way it goes is said while it runs."""

from zoho.api import CRM
from zoho.calls import coql_pages, coql_side_by_side, record_pages
from zoho.coql_export import export_way, named_rows
from zoho.errors import SEARCH_CAP
from zoho.fields import label_of
from zoho.search import search_query
from zoho.record_list import records_list_query
from zoho.search_export import first_matches
from zoho.sorting import page_call

from web.exporter import Exporter
from web.dom import by_id, on_click

EXPORT_PER_PAGE = 200  # the most Zoho gives in one page of a records list or a search
SEARCH_CAPPED = "The file holds the first 2,000 matches only. "
REACH_CAPPED = "The file holds the first 100,000 records only: Zoho's queries reach no further."


class RecordsExport:
    def __init__(self, view, listing, fields):
        """``listing`` is the RecordList whose module, columns, sort, custom view, search or filter are exported;
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
        credentials = self.view.services.credentials
        meta = self.fields()
        where = listing.filter.text if listing.filter is not None else None
        way = export_way(module, columns, sort, how, meta, listing.scopes(), search is not None, listing.cvid, where)
        capped = []
        if search is not None:
            query = search_query(search, columns, 1, EXPORT_PER_PAGE)
            pages = first_matches(record_pages(credentials, CRM + "/" + module + "/search", query), capped)
        elif way.query is not None:
            pages = named_rows(coql_side_by_side(credentials, way.query, way.count_query), way.names)
        else:
            method, path, query, body = page_call(module, columns, sort, how, EXPORT_PER_PAGE, where=where)
            if method == "GET":
                pages = record_pages(credentials, path, records_list_query(query, listing.cvid))
            else:
                pages = coql_pages(credentials, body["select_query"])
        await self.exporter.run(kind, module, columns, [label_of(meta, name) for name in columns], pages,
                                said=way.said, reached=REACH_CAPPED)
        if capped:
            listing.note(SEARCH_CAPPED + SEARCH_CAP)
