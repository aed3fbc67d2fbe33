"""A record's related records (Zoho's related lists: an Account's Contacts and Deals, ...) under its
detail, a small table each; a related record opens in place (``on_open``)."""

from zoho.api import CRM, items_of, record_title
from zoho.errors import ZohoError
from zoho.fields import parse_fields
from zoho.related import NAME_FIELD, heading, list_call, list_fields, openable

from web.dom import button, element, fill_table, show
from web.page import Message
from web.views.records.links import link_cells
from web.views.records.results import Quiet


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

    def clear(self):
        show(self.element, False)
        self.tables.replaceChildren()
        self.message.clear()

    async def show(self, module, record_id, lists, still):
        """Show the related ``lists`` (zoho.related.RelatedList) of record ``record_id`` of ``module``,
        one after another, while ``still()`` (the record is still the one shown)."""
        self.clear()
        show(self.element, bool(lists))
        for listed in lists:
            fields = list_fields(listed.module)
            path, query = list_call(module, record_id, listed.api_name, fields)
            response = await self.view.services.call("GET", path, query, None, self.message)
            if not still():
                return
            if response is not None:
                meta = await self._fields_of(listed.module)
                if not still():
                    return
                self._add_table(listed, fields, items_of(response, "data"), meta)

    def _add_table(self, listed, fields, records, meta):
        self.tables.append(element("h5", listed.label))
        if not records:
            self.tables.append(element("p", "None.", "muted"))
            return
        text = self.formatter().text
        rows = [dict({name: text(meta.get(name), record.get(name)) for name in fields}, id=record.get("id"),
                     title=record_title(record, NAME_FIELD.get(listed.module))) for record in records]
        table = element("table", None, "records")
        table.setAttribute("data-related", listed.api_name)
        fill_table(table, fields, rows,
                   (lambda row: self._opener(listed.module, row)) if openable(listed, self.view.modules) else None,
                   [meta[name].label if name in meta else heading(name) for name in fields])
        link_cells(table, fields, meta, records)
        wrap = element("div", None, "table-wrap")
        wrap.append(table)
        self.tables.append(wrap)

    async def _fields_of(self, module):
        """The related module's fields by API name (for labels and types): the Records view's, or read
        once here; {} when Zoho does not give them."""
        known = self.view.field_meta.get(module) or self.fields.get(module)
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
