"""A record's related records (Zoho's related lists: an Account's Contacts and Deals, ...) under its
detail, a small table each, read a page at a time: a list's More reads its next page, added below the
rows shown (a page that fails is said beside that list, and its rows stay); a related record opens in
place (``on_open``)."""

from zoho.api import CRM, items_of, record_title
from zoho.errors import ZohoError
from zoho.fields import parse_fields
from zoho.related import NAME_FIELD, heading, list_call, list_fields, next_page, openable

from web.dom import button, element, fill_table, show
from web.page import Message
from web.views.records.links import link_cells
from web.views.records.results import Quiet


class ListShown:
    """One related list under the record: what it has shown, the page its More reads, its parts."""

    def __init__(self, listed, fields, meta):
        self.listed = listed  # zoho.related.RelatedList
        self.fields = fields  # the API names asked for, a column each
        self.meta = meta  # the related module's FieldMeta by API name
        self.records = []
        self.next = None  # the page More reads (None: every record is shown)
        self.block = element("div", None, "related-list")
        self.table = None
        self.more = None
        self.message = None


class RelatedLists:
    def __init__(self, view, formatter, on_open):
        """``formatter()`` gives the value formatter in use (web.intl); ``on_open(module, record_id, near)``
        opens a related record in place (asking beside ``near`` first, should anything typed be lost)."""
        self.view = view
        self.formatter = formatter
        self.on_open = on_open
        self.element = view.part("related-lists")
        self.tables = view.part("related-tables")
        self.message = Message(view.part("related-message"))
        self.fields = {}  # module API name -> its fields (FieldMeta), read for its related records
        self.place = None  # (module, record id, still) of the record whose lists are shown

    def clear(self):
        self.place = None
        show(self.element, False)
        self.tables.replaceChildren()
        self.message.clear()

    async def show(self, module, record_id, lists, still):
        """Show the related ``lists`` (zoho.related.RelatedList) of record ``record_id`` of ``module``,
        one after another, while ``still()`` (the record is still the one shown)."""
        self.clear()
        place = self.place = (module, record_id, still)
        show(self.element, bool(lists))
        for listed in lists:
            fields = list_fields(listed.module)
            path, query = list_call(module, record_id, listed.api_name, fields)
            response = await self.view.services.call("GET", path, query, None, self.message)
            if not still() or self.place is not place:
                return
            if response is not None:
                meta = await self._fields_of(listed.module)
                if not still() or self.place is not place:
                    return
                if not items_of(response, "data"):
                    self.tables.append(element("h5", listed.label))
                    self.tables.append(element("p", "None.", "muted"))
                    continue
                shown = ListShown(listed, fields, meta)
                self._add_list(shown)
                self._take(shown, response, 1)

    def _add_list(self, shown):
        shown.block.append(element("h5", shown.listed.label))
        shown.table = element("table", None, "records")
        shown.table.setAttribute("data-related", shown.listed.api_name)
        wrap = element("div", None, "table-wrap")
        wrap.append(shown.table)
        shown.block.append(wrap)
        shown.message = Message(element("div"))
        shown.block.append(shown.message.container)
        shown.message.clear()
        shown.more = button("More", lambda: self.view.spawn(self._more(shown)), "link")
        shown.more.setAttribute("data-testid", "related-more")
        shown.more.setAttribute("aria-label", "More " + shown.listed.label)
        shown.block.append(shown.more)
        self.tables.append(shown.block)

    def _take(self, shown, response, page):
        """The records of ``page`` added to those shown; More offered while Zoho has more."""
        shown.records = shown.records + items_of(response, "data")
        data = response.data if isinstance(response.data, dict) else {}
        shown.next = next_page(data.get("info"), page)
        self._draw(shown)
        show(shown.more, shown.next is not None)

    def _draw(self, shown):
        listed, fields, meta = shown.listed, shown.fields, shown.meta
        text = self.formatter().text
        rows = [dict({name: text(meta.get(name), record.get(name)) for name in fields}, id=record.get("id"),
                     title=record_title(record, NAME_FIELD.get(listed.module))) for record in shown.records]
        fill_table(shown.table, fields, rows,
                   (lambda row: self._opener(listed.module, row)) if openable(listed, self.view.modules) else None,
                   [meta[name].label if name in meta else heading(name) for name in fields])
        link_cells(shown.table, fields, meta, shown.records)

    async def _more(self, shown):
        """The list's next page, below the rows shown; should it fail, said beside the list, the rows staying."""
        if self.place is None or shown.next is None:
            return
        module, record_id, still = place = self.place
        shown.message.clear()
        shown.more.disabled = True
        path, query = list_call(module, record_id, shown.listed.api_name, shown.fields, shown.next)
        response = await self.view.services.call("GET", path, query, None, shown.message)
        if not still() or self.place is not place:
            return
        shown.more.disabled = False
        before = len(shown.records)
        if response is not None:
            self._take(shown, response, shown.next)
        _focus_row(shown, before)  # or, when it failed, More again

    async def _fields_of(self, module):
        """The related module's fields by API name (for labels and types): the Records view's, or read
        once here; {} when Zoho does not give them."""
        known = self.view.module_meta.fields.get(module) or self.fields.get(module)
        if known is None:
            response = await self.view.services.call("GET", CRM + "/settings/fields", [("module", module)], None,
                                                     Quiet())
            try:
                known = parse_fields(response) if response is not None else []
            except ZohoError:
                known = []
            self.fields[module] = known
        return {field.api_name: field for field in known}

    def _opener(self, module, row):
        record_id = row["id"]
        opener = button("Open", lambda: self.view.spawn(self.on_open(module, record_id, opener.closest(".table-wrap"))),
                        "link")
        opener.setAttribute("aria-label", "Open " + row["title"])
        return opener


def _focus_row(shown, at):
    """The focus on the row ``at`` (the first of the page just read), else on More: More was disabled
    while it read, which drops the focus to the page's start, and the list's end hides More."""
    rows = list(shown.table.querySelectorAll("tbody tr"))  # a NodeList has no len() on MicroPython
    if at < len(rows):
        target = rows[at].querySelector("button")  # its Open; a row of a module not opened here, itself
        if target is None:
            target = rows[at]
            target.setAttribute("tabindex", "-1")
        target.focus()
    elif not shown.more.hidden:
        shown.more.focus()
