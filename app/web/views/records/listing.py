"""A module's records as a table: a page at a time (by ``page_token``, by the offset of a page
sorted or filtered through COQL, or by page number for a search), sorted by a column where Zoho can
sort it, all records or a custom view's, or the results of the search box or the filter bar, with
"1–20 of 250" and the page size chosen.

What the table shows follows zoho.results: an answer that fails replaces the rows it concerns
(rows left from an earlier request would look like the answer to this one), and an answer that
comes after a newer request was started is dropped.
"""

from zoho.api import CRM, STALE_PAGE_TOKEN, parse_records_page
from zoho.errors import ZohoError
from zoho.caps import search_next_page
from zoho.errors import COQL_REACH
from zoho.filters import COQL, CRITERIA
from zoho.record_list import DEFAULT_PAGE_SIZE, kept_view, records_list_query, within_view
from zoho.results import Results
from zoho.search import search_query
from zoho.scopes import scope_covers
from zoho.sorting import BY_COQL, COQL_SCOPE, clicked, lookup_names, page_call, read_page, sort_plan

from pyscript.ffi import create_proxy

from web.dom import by_id, on_click, set_text, show
from web.views.records.filters import FilterBar
from web.views.records.headings import sort_buttons
from web.views.records.list_tools import ListChoices, RecordCount
from web.views.records.rows import draw_records

FAILED = "Zoho did not give these records."  # the view's message says why


class RecordList:
    def __init__(self, view, columns, fields, scopes, on_open, on_changed, formatter):
        """``view`` gives the list its parts, calls and message; ``columns()`` is the chosen
        API names, ``fields()`` the module's FieldMeta list, ``scopes()`` the sign-in's,
        ``formatter()`` the values' formatter (web.intl: the organisation's currency, the user's zone);
        ``on_open(record_id)`` opens a record, ``on_changed()`` hears of a new sort, page size,
        custom view or filter (to keep them for the tab)."""
        self.view = view
        self.columns = columns
        self.fields = fields
        self.scopes = scopes
        self.on_open = on_open
        self.on_changed = on_changed
        self.formatter = formatter
        self.table = view.part("records")
        self.tools = by_id("records-tools")
        self.results = Results()
        self.ticket = None  # the newest request's (zoho.results), to tell whether the list shown is still its answer
        self.module = None  # the API name of the module listed
        self.sort = None
        self.search = None  # the search box's text (or the filter's criteria) while its results are shown
        self.search_page = 1
        self.filter = None  # the filter bar's zoho.filters.Filter while its records are shown
        self.applied = None  # the filter bar's choice (zoho.filters.Applied) while its records are shown
        self.per_page = DEFAULT_PAGE_SIZE
        self.cvid = None  # the custom view listed (None: every record)
        self.count = RecordCount(view)
        self.choices = ListChoices(view, self._view_chosen, self._page_size_chosen)
        self.filter_bar = FilterBar(view, fields, lambda: scope_covers(scopes(), COQL_SCOPE), self._filtered,
                                    self._unfiltered)
        self.page_tokens = [None]  # the token of each page visited, to go back
        self.next_token = None
        self.decorate_rows = None  # the records' hook: called (table, records shown) each time the table is drawn
        on_click(view.part("next-page"), lambda: view.spawn(self._next_page()))
        on_click(view.part("previous-page"), lambda: view.spawn(self._previous_page()))
        view.part("module-search").addEventListener("keydown", create_proxy(self._search_key))

    def start(self, module):
        """A newly opened module (its API name); nothing shown yet (the coordinator sets the sort
        kept for it, once its fields are known)."""
        self.module = module
        self.sort = self.search = self.filter = self.applied = self.cvid = None
        self.view.part("module-search").value = ""
        self.results.cleared()
        self.count.forget()
        self.filter_bar.clear()
        self.choices.show([], None, self.per_page)
        self._draw_nothing()

    def clear(self):
        self.module = None
        self.start(None)

    def plan(self, column):
        """How ``column`` sorts for this sign-in (zoho.sorting.SortPlan)."""
        fields = self.fields()
        shown = [field for field in fields if field.api_name in self.columns()]
        meta = [field for field in fields if field.api_name == column]
        return within_view(sort_plan(column, meta[0] if meta else None, self.scopes(), shown), self.cvid)

    def how(self):
        """How the current sort is asked for; a sort this sign-in cannot have is dropped."""
        if self.sort is None:
            return None
        plan = self.plan(self.sort.sort_by)
        if not plan.sortable:
            self.sort = None
        return plan.how

    async def show_page(self, page_token, near=None):
        """Fetch and show a page of records (or of the search's results); what goes wrong is
        said after ``near``, or (``near`` None) beside the message already shown."""
        if near is not None:
            self.view.message.begin(near)
        if page_token is None:
            self.count.follow(self.module, self.cvid, self.search, self.filter)
        if self.search is not None:
            await self._show_search_page(1 if page_token is None else self.search_page)
            return
        if page_token is None:
            self.page_tokens = [None]
        how = self.how()
        names = lookup_names(self.columns(), self.fields())
        where = self.filter.text if self.filter is not None else None
        method, path, query, body = page_call(self.module, self.columns(), self.sort, how, self.per_page, page_token,
                                              names, where)
        if method == "GET":
            query = records_list_query(query, self.cvid)
        if where is not None:
            how = BY_COQL
        ticket = self._started(page_token)
        stale = []
        response = await self.view.call(method, path, query, body, explain=lambda error: _stale_token(error, stale))
        if not self.results.is_current(ticket):
            return  # another module, page or search was asked for meanwhile
        if response is None and stale:
            await self.show_page(None)  # the token is no good any more: from the first page again
            return
        self._take(ticket, response, lambda: read_page(response, how, page_token, names))

    def _started(self, asked):
        self.ticket = self.results.started(asked)
        return self.ticket

    def _take(self, ticket, response, read):
        """Feed the answer (None: the call failed, and said why) to the results rule; draw."""
        page = None
        if response is not None:
            try:
                page = read()
            except ZohoError as error:
                self.view.message.show_error(error.message)
        if page is None:
            self.results.failed(ticket, FAILED)
        else:
            self.results.answered(ticket, page)
        page = self.results.screen.rows
        if page is None:
            self._draw_nothing()
        else:
            self._draw(page)

    def records_changed(self):
        """Records were created or deleted: the next list is counted anew."""
        self.count.forget()

    def _draw_nothing(self):
        """No rows, no page to go to (after a failure, the message says what went wrong)."""
        self.table.replaceChildren()
        self.count.showing(None)
        show(self.view.part("records-empty"), False)
        self.note(None)
        self.next_token = None
        self.view.part("next-page").disabled = True
        self.view.part("previous-page").disabled = True
        set_text(self.view.part("page-number"), "")
        if self.decorate_rows is not None:
            self.decorate_rows(self.table, [])

    def _draw(self, page):
        names = self.columns()
        meta = self.fields()
        self.table.replaceChildren()
        empty = self.view.part("records-empty")
        set_text(empty, "No records match this search." if self.search is not None else "No records in this module.")
        show(empty, not page.records)
        if page.records:
            draw_records(self.table, names, meta, page.records, self.formatter(), self.on_open)
            if self.search is None:  # Zoho's search has no sort order
                sort_buttons(self.table, names, meta, self.plan, self.sort, self._sort_by, self._why_unsorted)
        if self.search is None:
            self.next_token = page.next_page_token if page.more_records else None
            number = len(self.page_tokens)
            # More records, and no page token: a list sorted through COQL, at the end of its reach.
            self.note(COQL_REACH if page.more_records and self.next_token is None else None)
        else:
            following, cap = search_next_page(self.search_page, self.per_page, page.more_records)
            self.next_token = str(following) if following is not None else None
            number = self.search_page
            self.note(cap)
        self.count.showing((number, self.per_page, len(page.records)))
        self.view.part("next-page").disabled = self.next_token is None
        self.view.part("previous-page").disabled = number < 2
        set_text(self.view.part("page-number"), "Page " + str(number))
        if self.decorate_rows is not None:
            self.decorate_rows(self.table, page.records)

    def note(self, sentence):
        """Say (or, None, take away) that Zoho has more than this list can reach, and the way on."""
        note = self.view.part("records-reach")
        set_text(note, sentence)
        show(note, sentence is not None)

    def _sort_by(self, name):
        self.sort = clicked(self.sort, name)
        self.on_changed()
        self.view.spawn(self.show_page(None, self.tools))

    def _why_unsorted(self, reason):
        self.view.message.begin(self.tools)
        self.view.message.show_notice(reason)

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
        self._unsearched()
        if not text.strip():
            self.search = None
            await self.show_page(None)
            return
        try:
            search_query(text, self.columns())
        except ValueError as error:
            self._refused(text, str(error))
            return
        self.search = text
        self._leave_view()
        await self.show_page(None)

    def _refused(self, asked, sentence):
        """What was asked cannot be sent: said, and no rows of an earlier answer left on show."""
        self.view.message.show_error(sentence)
        self.results.failed(self._started(asked), sentence)
        self._draw_nothing()

    async def _show_search_page(self, number):
        self.search_page = number
        query = search_query(self.search, self.columns(), number, self.per_page)
        ticket = self._started(self.search)
        response = await self.view.call("GET", CRM + "/" + self.module + "/search", query)
        if not self.results.is_current(ticket):
            return
        self._take(ticket, response, lambda: parse_records_page(response))


    # --- the filter bar, the custom view and the page size --------------------------------------

    def ready(self, per_page, cvid, views, why_none=None, applied=None):
        """The module's fields are known: the list's page size, custom view and filter (kept for the
        tab; ``views``: Zoho's custom views of the module, None when Zoho did not list them). A kept
        filter that no longer fits the module's fields is dropped, quietly: the list shows every record."""
        self.per_page = per_page
        self.cvid = kept_view(cvid, views or [])
        self.choices.show(views, self.cvid, per_page, why_none)
        self.filter_bar.start()
        chosen = self.filter_bar.put_back(applied) if applied is not None else None
        if chosen is not None:
            self._use_filter(chosen, applied)
        elif applied is not None:
            self.on_changed()  # dropped from the tab's storage too

    def _filtered(self, chosen, applied=None, problem=None):
        """The filter bar's Filter (and the bar's choice), or (None) the ``problem`` that keeps it from being sent."""
        self._unsearched()
        if chosen is None:
            self._refused("filter", problem)
            return
        self._use_filter(chosen, applied)
        self.view.spawn(self.show_page(None))

    def _use_filter(self, chosen, applied):
        """The list is to show what ``chosen`` (a zoho.filters.Filter) keeps, which the bar says."""
        self.filter = chosen if chosen.kind == COQL else None
        self.search = chosen.text if chosen.kind == CRITERIA else None
        self.applied = applied
        self.filter_bar.showing(chosen)
        self._leave_view()
        self.on_changed()

    def _unfiltered(self, near):
        self.view.message.begin(near)
        self._unsearched()
        self.view.spawn(self.show_page(None))

    def _unsearched(self):
        """Neither the search box's results nor the filter's are shown any more."""
        self.search = self.filter = None
        self.view.part("module-search").value = ""
        self.filter_bar.showing(None)
        if self.applied is not None:
            self.applied = None
            self.on_changed()

    def _leave_view(self):
        """A search or a filter covers every record: the custom view is no longer what is listed."""
        if self.cvid is not None:
            self.cvid = None
            self.choices.choose_view(None)
            self.on_changed()

    def _view_chosen(self, cvid):
        self.cvid = cvid
        self._unsearched()
        self.on_changed()
        self.view.spawn(self.show_page(None, self.choices.views))

    def _page_size_chosen(self, size):
        self.per_page = size
        self.on_changed()
        self.view.spawn(self.show_page(None, self.choices.sizes))


def _stale_token(error, stale):
    """Note an answer saying the page token can no longer be used (its sentence stays)."""
    if error.code in STALE_PAGE_TOKEN:
        stale.append(error.code)
    return None

