"""The Records view's coordinator: the CRM modules and the open one, the place in the address bar
and the kept draft. Its parts, each in its own file, do the rest and report back by callbacks: the
modules' list (modules.py), each module's fields and custom views (module_meta.py) and table as the
tab left it (kept_tables.py), the list (table, paging, sort, search, filter), the export, the field
picker, one record's detail, the create / edit form, and what was typed (typed_work.py).

Its place in the address bar: ``?view=records&module=Leads&record=<id>``; a module opened from the
modules' list, a record opened from the list or a related list is a new history entry, so Back returns
to the module before, the list or the parent record.

Nothing typed is thrown away without asking (zoho.records_unsaved decides what would be): a note not
sent, a form's changed values. Going elsewhere in the view asks first, in the page (typed_work.py); a
sign-out asks through unsaved_work(), leaving the page through the browser's own beforeunload
question; the note and the form are kept in the tab's draft for a reload or a new sign-in.
"""

from zoho.api import CRM, items_of
from zoho.bulk import update_access
from zoho.columns import guessed_fields
from zoho.place import Place
from zoho.record_list import DEFAULT_PAGE_SIZE
from zoho.records_unsaved import NOTE, kept_after_sign_out, lost_going_to, pending
from zoho.scopes import scope_covers

from pyscript import window
from pyscript.ffi import create_proxy

from web.view import View
from web.dom import by_id, element, on_click, set_text, show
from web.views.records.bulk import BulkActions
from web.views.records.detail import RecordDetail
from web.views.records.export import RecordsExport
from web.views.records.form import RecordForm
from web.views.records.kept_tables import KeptTables
from web.views.records.listing import RecordList
from web.views.records.module_meta import ModuleMeta
from web.views.records.modules import ModuleList, module_label
from web.views.records.picker import FieldPicker
from web.views.records.question import Question, say_with_actions
from web.views.records.selection import RowSelection
from web.views.records.typed_work import TypedWork, form_texts


class RecordsView(View):
    name = "records"

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.modules = None  # None until Zoho has listed them
        self.module = None  # the open module (Zoho's description of it)
        self.wanted = None  # a place asked for before the modules were known
        self.kept_form = None  # a form kept as a draft, until its module is open
        self.module_meta = ModuleMeta(self)  # each module's fields and custom views, once per session
        self.tables = KeptTables(services.storage)  # each module's chosen fields, sort, page size and view
        self.module_list = ModuleList(self, self._module_chosen)
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
        self.typed = TypedWork(self.detail.notes, self.form, Question(self.message),
                               lambda: self.spawn(self.save_draft()))
        self.read_when_online = None  # the list's request to make again once the browser is back online
        on_click(self.part("new-record"), self._new_record)
        # `window` is the JS global scope here; its `window` is the Window object.
        window.window.addEventListener("beforeunload", create_proxy(self.typed.before_unload))
        window.window.addEventListener("online", create_proxy(lambda event: self._back_online()))

    # --- the view's life -------------------------------------------------------------------

    def signed_in(self):
        self.spawn(self._start())

    async def _start(self):
        self.kept_form = await self.load_draft()
        await self._load_modules()

    async def enter(self, place):
        """Show ``place`` (a link, a reload, Back or Forward): after asking, when it would throw away
        what the person typed; kept, the address bar shows again where the view still is."""
        self.wanted = place
        if self.modules is None:
            return
        module = self._module(place.get("module")) or self.module
        if module is not None and self.module is not None:
            lost = lost_going_to(self.typed.now(), (module["api_name"], place.get("record")))
            if lost:
                self.typed.ask(lost, self.tools, lambda: self.spawn(self._go_to(place)),
                          lambda: self.shell.remember(self, new_entry=True))
                return
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
        self.read_when_online = None
        if forget_drafts and self.modules:
            self.spawn(self.tables.drop([module["api_name"] for module in self.modules]))
        self.modules = None
        self.module = None
        self.wanted = None
        self.module_meta.forget()
        self.tables.forget()
        self.module_list.clear()
        self.listing.clear()
        self.picker.clear()
        self.detail.clear()
        self.detail.notes.forget()
        self.form.clear()
        set_text(self.part("module-title"), "")
        show(by_id("records-area"), False)

    # --- what the person typed, and Zoho has not got -------------------------------------------

    def unsaved_work(self):
        return self.typed.sentence()

    def keep_after_sign_out(self):
        """Signed out with a note or a form kept (the person chose so, or another tab signed out):
        what Zoho gave goes; what was typed stays in the tab's draft, for the next sign-in here,
        said with the note's text and a Discard."""
        work = self.typed.now()
        sentence = kept_after_sign_out(work)
        self.reset(forget_drafts=False)
        if sentence is None:
            return
        self.message.begin(self.part("modules"))
        say_with_actions(self.message, "notice", sentence, [("Discard it", self._discard_kept, "danger")])
        if NOTE in pending(work):
            self.message.container.append(element("blockquote", work.note))

    def _discard_kept(self):
        self.message.clear()
        self.kept_form = None
        self.spawn(self.drop_draft())

    def before_going(self, place, go_on, near, form_closes=False):
        """``go_on()`` now when showing ``place`` loses nothing typed; otherwise once the person chose
        to discard it (typed_work.py)."""
        self.typed.before_going(place, go_on, near, form_closes)

    async def _load_modules(self):
        self.message.begin(self.part("modules"))
        response = await self.call("GET", CRM + "/settings/modules")
        if response is None:
            return
        self.modules = [m for m in items_of(response, "modules") if m.get("api_supported") is True
                        and isinstance(m.get("api_name"), str)]
        self.module_list.show(self.modules, self._open_name())
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
        elif self.module is not None and not record_id and "record" not in place.refused:
            self._show_list()
        if "record" in place.refused:
            self.message.begin(self.tools)
            self.message.show_error("The link's record is not a Zoho record id, so it was not opened.")
        self._reopen_form()

    def _module(self, api_name):
        for module in self.modules or ():
            if module["api_name"] == api_name:
                return module
        return None

    def _open_name(self):
        return self.module["api_name"] if self.module is not None else None

    def _module_chosen(self, module):
        """A module's button: the module, once nothing typed would be lost, as a new history entry
        when it is another place (Back returns to the module, or the record, before)."""
        def go_on():
            if module is not self.module or self.detail.record_id() is not None:
                self.shell.remember(self, new_entry=True)
            self.spawn(self.open_module(module))
        self.before_going((module["api_name"], None), go_on, self.part("modules"), form_closes=True)

    # --- the kept draft --------------------------------------------------------------------

    def draft(self):
        return self.typed.draft(self.module["api_name"] if self.module is not None else None)

    def restore(self, draft):
        self.typed.put_back_note(draft)
        self.kept_form = draft  # put back once its module (and record) are open: _reopen_form

    async def save_draft(self):
        """Keep the draft, or (nothing typed) drop it."""
        if self.draft():
            await View.save_draft(self)
        else:
            await self.drop_draft()

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
        self.form.put_back(form_texts(kept))

    # --- a module: its fields, and its records ---------------------------------------------

    async def open_module(self, module):
        if self.module is not None and module is not self.module and self.form.is_open:
            self.form.hide()
            self.spawn(self.save_draft())  # the form of another module closes, and goes
        self.export.cancel()
        self.module = module
        name = module["api_name"]
        set_text(self.part("module-title"), module_label(module))
        self.module_list.mark(name)
        show(self.part("new-record"), False)  # until the form can be built from the module's fields
        self.detail.clear()
        self.form.hide()
        show(by_id("records-area"))
        self.listing.start(name)
        self.remember_place()
        self.message.begin(self.tools)
        views = self.spawn(self.module_meta.read_views(name))  # beside the fields
        formats = self.spawn(self.detail.ready_formats())  # and the organisation's and user's formats
        await self.tables.read(name, await self.module_meta.read_fields(name))  # else the default columns
        await views
        await formats
        if module is not self.module:
            return
        show(self.part("new-record"), self.allowed("CREATE", "creatable"))
        kept = self.tables.of(name)
        self.listing.sort = kept.sort
        listed, why_none = self.module_meta.views[name]
        self.listing.ready(kept.per_page or DEFAULT_PAGE_SIZE, kept.view, listed, why_none, kept.filter)
        self.picker.show(self.module_meta.fields.get(name), kept.fields)
        await self.listing.show_page(None)

    def meta(self):
        """The open module's fields: Zoho's, or text fields named by the chosen columns."""
        known = self.module_meta.fields.get(self.module["api_name"]) if self.module else None
        if known is not None:
            return known
        return guessed_fields(self.chosen_fields())

    def chosen_fields(self):
        kept = self.tables.of(self.module["api_name"]) if self.module else None
        return kept.fields if kept is not None else []

    def _columns_chosen(self, names, near):
        self.tables.change(self.module["api_name"], fields=names)
        self.spawn(self.tables.save(self.module["api_name"]))
        self.spawn(self.listing.show_page(None, near))

    def _list_changed(self):
        """The list was sorted anew, or shows another page size, custom view or filter: kept for the
        tab (a reload, a module switch)."""
        name = self.module["api_name"]
        self.tables.change(name, sort=self.listing.sort, per_page=self.listing.per_page, view=self.listing.cvid,
                           filter=self.listing.applied)
        self.spawn(self.tables.save(name))

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
        """A row's Open: the record, as a new history entry (Back returns to the list)."""
        self.before_going((self.module["api_name"], record_id), lambda: self._opened_from_list(record_id),
                           self.listing.table.parentElement, form_closes=True)

    def _opened_from_list(self, record_id):
        self._new_entry(record_id)
        self.spawn(self._show_record(record_id))

    async def open_related(self, module, record_id, near):
        """A related record's Open: its module and record, as a link to it would show them, in a new
        history entry (Back returns to the parent record)."""
        def go_on():
            self._new_entry(record_id)
            self.spawn(self._go_to(Place("records", [("module", module), ("record", record_id)])))
        self.before_going((module, record_id), go_on, near, form_closes=True)

    def _new_entry(self, record_id):
        """Before another record is shown: the address bar gets a new history entry (filled in as
        the record opens), so that Back comes back to this place."""
        if record_id != self.detail.record_id():
            self.shell.remember(self, new_entry=True)

    def _show_list(self):
        """The module's list, no record open (Back from a record): a form for another record closes."""
        if self.form.is_open and self.form.record is not None:
            self.form.hide()
            self.spawn(self.save_draft())
        if self.detail.record is not None:
            self.detail.close()

    def _new_record(self):
        """New record: its form takes the place of the record shown (a note typed for it would be
        lost once the new record is saved and shown) and of any form open."""
        self.before_going((self.module["api_name"], None), lambda: self._edit(None), self.part("new-record"),
                          form_closes=True)

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
        self.spawn(self.save_draft())
        if record is not None and record is self.detail.record:
            self.detail.show_again()

    async def _record_saved(self, record_id):
        await self.save_draft()
        self.listing.records_changed()
        await self.listing.show_page(None)
        # The record as Zoho now has it: the one just created, or the one edited.
        await self._show_record(record_id, keep_message=True)

    async def _record_deleted(self):
        self.remember_place()
        await self._records_changed()

    async def _records_changed(self, offline=False):
        """Records were changed or deleted here: counted anew, listed from the first page; after a
        run that ended offline, listed again once the browser is back online (_back_online)."""
        self.listing.records_changed()
        await self.listing.show_page(None)
        self.read_when_online = self.listing.ticket if offline else None

    def _back_online(self):
        """The browser is back online: a list read while it was not is read again, if it is still
        the one the view shows (no other module, page, search or sort asked for since)."""
        ticket, self.read_when_online = self.read_when_online, None
        if ticket is not None and self.module is not None and self.listing.results.is_current(ticket):
            self.message.begin(self.tools)
            self.spawn(self.listing.show_page(None))

