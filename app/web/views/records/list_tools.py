"""The records list's toolbar: the custom view and the page size chosen, and "1–20 of 250"
(Zoho's count, asked beside the page; without it the list says "1–20" and, on hover, why)."""

from zoho.api import CRM
from zoho.filters import COQL
from zoho.record_list import PAGE_SIZES, coql_count_body, count_call, count_text, page_size, read_coql_count, read_count
from zoho.search import classify_search

from pyscript.ffi import create_proxy

from web.dom import element, set_text

ALL_RECORDS = "All records"


class Noted:
    """A report for a call whose failure is not the action's: its sentence is kept, not shown in
    the view's message (the caller puts it where it belongs)."""

    def __init__(self):
        self.sentence = None

    def show_error(self, message, actions=()):
        self.sentence = message

    def show_notice(self, message):
        pass


class ListChoices:
    """The custom-view and page-size selects: ``on_view(cvid or None)``, ``on_page_size(n)``."""

    def __init__(self, view, on_view, on_page_size):
        self.views = view.part("custom-view")
        self.sizes = view.part("page-size")
        for size in PAGE_SIZES:
            self.sizes.append(element("option", str(size)))
        self.views.addEventListener("change", create_proxy(lambda event: on_view(self.views.value or None)))
        self.sizes.addEventListener("change", create_proxy(lambda event: on_page_size(page_size(self.sizes.value))))

    def show(self, views, cvid, per_page, why_none=None):
        """Zoho's custom ``views`` (zoho.record_list.CustomView; None: Zoho did not list them, for the
        reason ``why_none``), ``cvid`` chosen, and the page size."""
        everything = element("option", ALL_RECORDS)
        everything.value = ""
        self.views.replaceChildren(everything)
        for found in views or ():
            option = element("option", found.name)
            option.value = found.id
            self.views.append(option)
        if why_none:
            self.views.setAttribute("title", "Zoho did not list the custom views: " + why_none)
        else:
            self.views.removeAttribute("title")
        self.choose_view(cvid)
        self.sizes.value = str(per_page)

    def choose_view(self, cvid):
        self.views.value = cvid or ""


class RecordCount:
    """"1–20 of 250" in ``record-count``: the page shown and Zoho's count of what it is part of,
    each arriving on its own; a count asked for an earlier list is dropped."""

    def __init__(self, view):
        self.view = view
        self.output = view.part("record-count")
        self.counted = None  # what the count was last asked for: (module, cvid, search, filter)
        self.asked = 0  # the number of the latest count asked for
        self.total = None
        self.why_none = None
        self.page = None  # (page number, page size, records shown), None when no page is shown

    def showing(self, page):
        self.page = page
        self._say()

    def follow(self, module, cvid, search, chosen):
        """A list starts: ``module``'s records, the custom view ``cvid``'s, the search's (its text)
        or the filter's (a zoho.filters.Filter sent through COQL). Counted again when that changed
        (its columns, sort and page size change no count), or the last count did not come."""
        counted = (module, cvid, search, chosen.text if chosen is not None else None)
        if counted != self.counted:
            self.counted = counted
            self.view.spawn(self._recount(module, cvid, search, chosen))

    async def _recount(self, module, cvid, search, chosen):
        counted = self.counted
        if chosen is not None and chosen.kind == COQL:
            came = await self._count("POST", CRM + "/coql", None, coql_count_body(module, chosen.text), read_coql_count)
        else:
            searched = classify_search(search) if search is not None else None
            path, query = count_call(module, None if searched else cvid, searched)
            came = await self._count("GET", path, query, None, read_count)
        if not came and self.counted == counted:
            self.counted = None  # asked again with the next list

    async def _count(self, method, path, query, body, read):
        """Ask Zoho for the count of the list just started (``read(response)`` gives it); whether
        it came."""
        self.asked += 1
        asked = self.asked
        self.total = self.why_none = None
        report = Noted()
        response = await self.view.services.call(method, path, query, body, report)
        if asked != self.asked:
            return
        self.total = read(response) if response is not None else None
        self.why_none = report.sentence
        self._say()
        return self.total is not None

    def forget(self):
        self.asked += 1
        self.total = self.why_none = self.page = self.counted = None
        self._say()

    def _say(self):
        if self.page is None:
            set_text(self.output, "")
            self.output.removeAttribute("title")
            return
        number, per_page, shown = self.page
        set_text(self.output, count_text(number, per_page, shown, self.total))
        if self.why_none:
            self.output.setAttribute("title", "Zoho did not count the records: " + self.why_none)
        else:
            self.output.removeAttribute("title")
