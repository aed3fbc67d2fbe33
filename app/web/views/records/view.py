"""The Records view's coordinator: the CRM modules, the open module and its field metadata,
the place in the address bar and the kept draft. Its parts, each in its own file, do the
rest and report back by callbacks: the list (table, paging, sort, search), the export, the
field picker, one record's detail, and the create / edit form.

Its place in the address bar: ``?view=records&module=Leads&record=<id>``.
"""

from zoho.api import CRM, items_of
from zoho.bulk import update_access
from zoho.columns import default_columns, guessed_fields
from zoho.errors import ZohoError
from zoho.fields import parse_fields
from zoho.record_list import DEFAULT_PAGE_SIZE, custom_views_call, parse_custom_views
from zoho.scopes import scope_covers
from zoho.table_state import TableState, decode_table, encode_table, table_key

from web.view import View
from web.dom import button, by_id, element, on_click, set_text, show
from web.views.records.bulk import BulkActions
from web.views.records.detail import RecordDetail
from web.views.records.export import RecordsExport
from web.views.records.form import RecordForm
from web.views.records.list_tools import Noted
from web.views.records.listing import RecordList
from web.views.records.picker import FieldPicker
from web.views.records.selection import RowSelection

FIELD_PREFIX = "field:"  # a form field's text in the kept draft


class RecordsView(View):
    name = "records"

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.modules = None  # None until Zoho has listed them
        self.module = None  # the open module (Zoho's description of it)
        self.wanted = None  # a place asked for before the modules were known
        self.kept_form = None  # a form kept as a draft, until its module is open
        self.field_meta = {}  # module API name -> its fields (FieldMeta; None when unknown), once per session
        self.columns = {}  # module API name -> the chosen fields, kept for the tab (zoho.table_state)
        self.sorts = {}  # module API name -> its table's Sort, kept likewise
        self.page_sizes = {}  # module API name -> its page size (None: the default), kept likewise
        self.chosen_views = {}  # module API name -> the custom view listed (None: every record), kept likewise
        self.custom_views = {}  # module API name -> (Zoho's custom views or None, why none), once per session
        self.module_buttons = {}  # module API name -> its button in the modules' list
        self.tools = by_id("records-tools")
        self.listing = RecordList(self, self.chosen_fields, self.meta, self._scopes, self._open_record, self._list_changed,
                                  lambda: self.detail.formatter)
        self.export = RecordsExport(self, self.listing, self.meta)
        self.picker = FieldPicker(self, self._columns_chosen)
        self.detail = RecordDetail(self, self.allowed, self._edit, self._record_deleted, self.remember_place)
        self.form = RecordForm(self, self._record_saved, self._form_closed)
        self.selection = RowSelection(self._may_choose, lambda ids: self.bulk.chose(ids))
        self.bulk = BulkActions(self, self.allowed, self.bulk_update_access, self.meta, self.selection.names,
                                self._records_changed)
        self.listing.decorate_rows = self.selection.decorate
        on_click(self.part("new-record"), lambda: self._edit(None))

    # --- the view's life -------------------------------------------------------------------

    def signed_in(self):
        self.spawn(self._start())

    async def _start(self):
        self.kept_form = await self.load_draft()
        await self._load_modules()

    async def enter(self, place):
        self.wanted = place
        if self.modules is not None:
            await self._go_to(place)

    def place(self):
        pairs = []
        if self.module is not None:
            pairs.append(("module", self.module["api_name"]))
        if self.detail.record_id() is not None:
            pairs.append(("record", self.detail.record_id()))
        return pairs

    def leave(self):
        View.leave(self)
        self.export.cancel()

    def reset(self, forget_drafts=True):
        View.reset(self, forget_drafts)
        self.export.cancel()
        for module in self.modules or () if forget_drafts else ():
            self.spawn(self.services.storage.remove(table_key(module["api_name"])))
        self.modules = None
        self.module = None
        self.wanted = None
        self.field_meta = {}
        self.columns = {}
        self.sorts = {}
        self.page_sizes = {}
        self.chosen_views = {}
        self.custom_views = {}
        self.module_buttons = {}
        self.part("modules").replaceChildren()
        self.listing.clear()
        self.picker.clear()
        self.detail.clear()
        self.detail.notes.forget()
        self.form.clear()
        set_text(self.part("module-title"), "")
        show(by_id("records-area"), False)

    async def _load_modules(self):
        self.message.begin(self.part("modules"))
        response = await self.call("GET", CRM + "/settings/modules")
        if response is None:
            return
        self.modules = [m for m in items_of(response, "modules") if m.get("api_supported") is True
                        and isinstance(m.get("api_name"), str)]
        self._render_modules()
        if self.wanted is not None and self.shell.current is self:
            await self._go_to(self.wanted)

    async def _go_to(self, place):
        """Open the module and record that ``place`` names, unless they are open already."""
        module = self._module(place.get("module"))
        if module is not None and module is not self.module:
            await self.open_module(module)
        record_id = place.get("record")  # a record id, or None: zoho.place checks it
        if self.module is not None and record_id and self.detail.record_id() != record_id:
            await self._show_record(record_id)
        if "record" in place.refused:
            self.message.begin(self.tools)
            self.message.show_error("The link's record is not a Zoho record id, so it was not opened.")
        self._reopen_form()

    def _module(self, api_name):
        for module in self.modules or ():
            if module["api_name"] == api_name:
                return module
        return None

    def _render_modules(self):
        listing = self.part("modules")
        listing.replaceChildren()
        self.module_buttons = {}
        for module in self.modules:
            item = element("li")
            opener = button(_label(module), self._opener(module), "link")
            self.module_buttons[module["api_name"]] = opener
            item.append(opener)
            listing.append(item)
        self._mark_open_module()

    def _mark_open_module(self):
        """The open module's entry in the modules' list says so (aria-current, and the look of it)."""
        for name, opener in self.module_buttons.items():
            if self.module is not None and name == self.module["api_name"]:
                opener.setAttribute("aria-current", "page")
            else:
                opener.removeAttribute("aria-current")

    def _opener(self, module):
        return lambda: self.spawn(self.open_module(module))

    # --- the kept draft --------------------------------------------------------------------

    def draft(self):
        """The open form's module, record and what the person typed (for an edit, only the fields they changed: the rest is Zoho's data,
        which is not kept)."""
        kept = {}
        if not self.form.is_open or self.module is None:
            return kept
        kept["module"] = self.module["api_name"]
        kept["record"] = self.form.record.get("id") if self.form.record else ""
        for name, text in self.form.changed().items():
            kept[FIELD_PREFIX + name] = text
        return kept

    def restore(self, draft):
        self.kept_form = draft  # put back once its module (and record) are open: _reopen_form

    def _reopen_form(self):
        kept, self.kept_form = self.kept_form, None
        if not kept or self.module is None or kept.get("module") != self.module["api_name"]:
            return
        if kept.get("record"):
            if self.detail.record_id() != kept["record"]:
                return
            self._edit(self.detail.record)
        else:
            self._edit(None)
        self.form.put_back({key[len(FIELD_PREFIX):]: text for key, text in kept.items() if key.startswith(FIELD_PREFIX)})

    # --- a module: its fields, and its records ---------------------------------------------

    async def open_module(self, module):
        if self.module is not None and module is not self.module and self.form.is_open:
            self.spawn(self.drop_draft())  # the form of another module closes, and goes
        self.export.cancel()
        self.module = module
        name = module["api_name"]
        set_text(self.part("module-title"), _label(module))
        self._mark_open_module()
        show(self.part("new-record"), False)  # until the form can be built from the module's fields
        self.detail.clear()
        self.form.hide()
        show(by_id("records-area"))
        self.listing.start(name)
        self.remember_place()
        self.message.begin(self.tools)
        views = self.spawn(self._load_views(name))  # beside the fields
        formats = self.spawn(self.detail.ready_formats())  # and the organisation's and user's formats
        await self._load_fields(name)
        await views
        await formats
        if module is not self.module:
            return
        show(self.part("new-record"), self.allowed("CREATE", "creatable"))
        self.listing.sort = self.sorts.get(name)
        listed, why_none = self.custom_views[name]
        self.listing.ready(self.page_sizes.get(name) or DEFAULT_PAGE_SIZE, self.chosen_views.get(name), listed, why_none)
        self.picker.show(self.field_meta.get(name), self.columns[name])
        await self.listing.show_page(None)

    async def _load_views(self, name):
        """The module's custom views from Zoho, once per session; without them (no scope, say), the
        list offers all records only, and says why on the select."""
        if name in self.custom_views:
            return
        report = Noted()
        path, query = custom_views_call(name)
        response = await self.services.call("GET", path, query, None, report)
        try:
            listed = parse_custom_views(response) if response is not None else None
        except ZohoError as error:
            listed, report.sentence = None, error.message
        self.custom_views[name] = (listed, report.sentence)

    async def _load_fields(self, name):
        """The module's fields from Zoho, once per session, and the table as the tab left it
        (else the module's default columns)."""
        if name not in self.field_meta:
            response = await self.call("GET", CRM + "/settings/fields", [("module", name)])
            try:
                self.field_meta[name] = parse_fields(response) if response is not None else None
            except ZohoError as error:
                self.message.show_error(error.message)
                self.field_meta[name] = None
        if name not in self.columns:
            known = self.field_meta[name]
            kept = decode_table(await self.services.storage.get(table_key(name)),
                                [field.api_name for field in known] if known is not None else None)
            self.columns[name] = kept.fields if kept else default_columns(name, known)
            self.sorts[name] = kept.sort if kept else None
            self.page_sizes[name] = kept.per_page if kept else None
            self.chosen_views[name] = kept.view if kept else None

    def meta(self):
        """The open module's fields: Zoho's, or text fields named by the chosen columns."""
        known = self.field_meta.get(self.module["api_name"]) if self.module else None
        if known is not None:
            return known
        return guessed_fields(self.chosen_fields())

    def chosen_fields(self):
        return self.columns.get(self.module["api_name"], []) if self.module else []

    def _columns_chosen(self, names, near):
        self.columns[self.module["api_name"]] = names
        self.spawn(self._keep_table())
        self.spawn(self.listing.show_page(None, near))

    def _list_changed(self):
        """The list was sorted anew, or shows another page size or custom view."""
        name = self.module["api_name"]
        self.sorts[name] = self.listing.sort
        self.page_sizes[name] = self.listing.per_page
        self.chosen_views[name] = self.listing.cvid
        self.spawn(self._keep_table())

    async def _keep_table(self):
        """The open module's chosen fields, sort, page size and custom view, kept for the tab (a
        reload, a module switch)."""
        name = self.module["api_name"]
        kept = TableState(self.columns[name], self.sorts.get(name), self.page_sizes.get(name), self.chosen_views.get(name))
        await self.services.storage.set(table_key(name), encode_table(kept))

    def _scopes(self):
        token = self.services.usable_token()
        return token.scopes if token is not None else []

    def allowed(self, operation, capability):
        """Whether the granted scopes and the module let the person do ``operation``."""
        if self.module is None or self.module.get(capability) is False:
            return False
        return scope_covers(self._scopes(), "ZohoCRM.modules." + self.module["api_name"] + "." + operation)

    def bulk_update_access(self):
        """How "Change a field" stands for the open module (zoho.bulk.update_access: Zoho's mass
        update has a scope of its own)."""
        return update_access(self._scopes(), self.module)

    def _may_choose(self):
        """Rows can be chosen when the person may change (or be offered to change) or delete the module's records."""
        return self.bulk_update_access() is not None or self.allowed("DELETE", "deletable")

    # --- one record, and its form ----------------------------------------------------------

    def _open_record(self, record_id):
        self.spawn(self._show_record(record_id))

    async def _show_record(self, record_id, keep_message=False):
        if not isinstance(record_id, str) or not record_id:
            return
        if await self.detail.load(self.module["api_name"], self.meta(), record_id, keep_message):
            self.form.hide()
            self.remember_place()

    def _edit(self, record):
        """The form for ``record`` (None: a new record)."""
        self.message.clear()
        self.detail.hide()
        self.form.open(self.module["api_name"], self.meta(), record)

    def _form_closed(self, record):
        self.message.clear()
        self.spawn(self.drop_draft())
        if record is not None and record is self.detail.record:
            self.detail.show_again()

    async def _record_saved(self, record_id):
        await self.drop_draft()
        self.listing.records_changed()
        await self.listing.show_page(None)
        # The record as Zoho now has it: the one just created, or the one edited.
        await self._show_record(record_id, keep_message=True)

    async def _record_deleted(self):
        self.remember_place()
        await self._records_changed()

    async def _records_changed(self):
        """Records were changed or deleted here: counted anew, listed from the first page."""
        self.listing.records_changed()
        await self.listing.show_page(None)


def _label(module):
    label = module.get("plural_label")
    return label if isinstance(label, str) and label else module["api_name"]
