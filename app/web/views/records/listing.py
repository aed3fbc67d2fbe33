"""A module's records as a table: a page at a time (by ``page_token``, or by page number for a
search), sorted by a column, or the results of the search box.

An answer that fails replaces what the table showed: rows left from an earlier request would
look like the answer to this one.
"""

from zoho.api import CRM, STALE_PAGE_TOKEN, parse_records_page
from zoho.errors import ZohoError
from zoho.fields import label_of
from zoho.search import search_query
from zoho.sorting import aria_sort, clicked, records_query

from pyscript.ffi import create_proxy

from web.view import button, by_id, fill_table, on_click, set_text, show

PER_PAGE = 20


class RecordList:
    def __init__(self, view, columns, fields, on_open, on_sorted):
        """``view`` gives the list its parts, calls and message; ``columns()`` is the chosen
        API names, ``fields()`` the module's FieldMeta list; ``on_open(record_id)`` opens a
        record, ``on_sorted(sort)`` hears of a new sort."""
        self.view = view
        self.columns = columns
        self.fields = fields
        self.on_open = on_open
        self.on_sorted = on_sorted
        self.table = view.part("records")
        self.tools = by_id("records-tools")
        self.module = None  # the API name of the module listed
        self.sort = None
        self.search = None  # the search box's text while its results are shown
        self.search_page = 1
        self.page_tokens = [None]  # the token of each page visited, to go back
        self.next_token = None
        on_click(view.part("next-page"), lambda: view.spawn(self._next_page()))
        on_click(view.part("previous-page"), lambda: view.spawn(self._previous_page()))
        view.part("module-search").addEventListener("keydown", create_proxy(self._search_key))

    def start(self, module, sort):
        """A newly opened module (its API name), with the sort kept for it; nothing shown yet."""
        self.module = module
        self.sort = sort
        self.search = None
        self.view.part("module-search").value = ""
        self.table.replaceChildren()
        show(self.view.part("records-empty"), False)

    def clear(self):
        self.module = self.sort = self.search = None
        self.table.replaceChildren()
        self.view.part("module-search").value = ""
        set_text(self.view.part("page-number"), "")

    async def show_page(self, page_token, near=None):
        """Fetch and show a page of records (or of the search's results); what goes wrong is
        said after ``near``, or (``near`` None) beside the message already shown."""
        if near is not None:
            self.view.message.begin(near)
        if self.search is not None:
            await self._show_search_page(1 if page_token is None else self.search_page)
            return
        if page_token is None:
            self.page_tokens = [None]
        module = self.module
        stale = []
        query = records_query(self.columns(), self.sort, PER_PAGE, page_token)
        response = await self.view.call("GET", CRM + "/" + module, query,
                                        explain=lambda error: _stale_token(error, stale))
        if module != self.module:
            return  # another module was chosen meanwhile
        if response is None and stale:
            await self.show_page(None)  # the token is no good any more: from the first page again
            return
        self._show_answer(response)

    def _show_answer(self, response):
        """The page in ``response``, or (None: the call failed and said why) no rows at all."""
        try:
            page = parse_records_page(response) if response is not None else None
        except ZohoError as error:
            self.view.message.show_error(error.message)
            page = None
        if page is None:
            self._show_nothing()
        else:
            self._render(page)

    def _show_nothing(self):
        """After a failure: no rows, no page to go to (the message says what went wrong)."""
        self.table.replaceChildren()
        show(self.view.part("records-empty"), False)
        self.next_token = None
        self.view.part("next-page").disabled = True
        self.view.part("previous-page").disabled = True
        set_text(self.view.part("page-number"), "")

    def _render(self, page):
        names = self.columns()
        meta = self.fields()
        self.table.replaceChildren()
        empty = self.view.part("records-empty")
        set_text(empty, "No records match this search." if self.search is not None else "No records in this module.")
        show(empty, not page.records)
        if page.records:
            fill_table(self.table, names, page.records,
                       lambda record: button("Open", self._opener(record.get("id")), "link"),
                       [label_of(meta, name) for name in names])
            self._make_sortable(names, meta)
        if self.search is None:
            self.next_token = page.next_page_token if page.more_records else None
            number = len(self.page_tokens)
        else:
            self.next_token = str(self.search_page + 1) if page.more_records else None
            number = self.search_page
        self.view.part("next-page").disabled = self.next_token is None
        self.view.part("previous-page").disabled = number < 2
        set_text(self.view.part("page-number"), "Page " + str(number))

    def _make_sortable(self, names, meta):
        """Each heading a button: the first click sorts by it as Zoho does by default
        (descending), the next one the other way."""
        for heading, name in zip(self.table.querySelectorAll("th"), names):
            heading.setAttribute("aria-sort", aria_sort(self.sort, name))
            if self.search is not None:
                continue  # Zoho's search has no sort order
            heading.replaceChildren()
            heading.append(button(label_of(meta, name), self._sorter(name), "link sort"))

    def _sorter(self, name):
        def sort_by():
            self.sort = clicked(self.sort, name)
            self.on_sorted(self.sort)
            self.view.spawn(self.show_page(None, self.tools))
        return sort_by

    def _opener(self, record_id):
        return lambda: self.on_open(record_id)

    async def _next_page(self):
        if self.next_token is None:
            return
        near = self.view.part("next-page").parentElement
        if self.search is not None:
            self.search_page += 1
            await self.show_page(self.next_token, near)
            return
        self.page_tokens.append(self.next_token)
        await self.show_page(self.next_token, near)

    async def _previous_page(self):
        near = self.view.part("previous-page").parentElement
        if self.search is not None:
            if self.search_page > 1:
                self.search_page -= 1
                await self.show_page(str(self.search_page), near)
            return
        if len(self.page_tokens) < 2:
            return
        self.page_tokens.pop()
        await self.show_page(self.page_tokens[-1], near)

    # --- search ----------------------------------------------------------------------------

    def _search_key(self, event):
        box = self.view.part("module-search")
        if event.key == "Enter":
            event.preventDefault()
            self.view.spawn(self.run_search(box.value))
        elif event.key == "Escape" and self.search is not None:
            box.value = ""
            self.view.spawn(self.run_search(""))

    async def run_search(self, text):
        """Search the open module (an empty box: back to all its records)."""
        if self.module is None:
            return
        self.view.message.begin(self.tools)
        if not text.strip():
            self.search = None
            await self.show_page(None)
            return
        try:
            search_query(text, self.columns())
        except ValueError as error:
            self.view.message.show_error(str(error))
            self._show_nothing()
            return
        self.search = text
        await self._show_search_page(1)

    async def _show_search_page(self, number):
        self.search_page = number
        module = self.module
        query = search_query(self.search, self.columns(), number, PER_PAGE)
        response = await self.view.call("GET", CRM + "/" + module + "/search", query)
        if module != self.module:
            return
        self._show_answer(response)


def _stale_token(error, stale):
    """Note an answer saying the page token can no longer be used (its sentence stays)."""
    if error.code in STALE_PAGE_TOKEN:
        stale.append(error.code)
    return None
