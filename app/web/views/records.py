"""Records: the CRM modules, a module's records (its fields by label, chosen in a picker,
sorted by a column, searched, paged, exported), one record, and create / edit / delete with
forms built from Zoho's field metadata and Zoho's per-record results.

Its place in the address bar: ``?view=records&module=Leads&record=<id>``.
"""

from zoho.api import CRM, STALE_PAGE_TOKEN, items_of, parse_record_results, parse_records_page, record_title
from zoho.calls import record_pages
from zoho.compat import is_ascii_digits
from zoho.errors import ZohoError
from zoho.fields import (
    CHECKBOX,
    LOOKUP,
    MULTI_SELECT,
    NONE_CHOICE,
    SELECT,
    TEXTAREA,
    FieldMeta,
    build_record,
    label_of,
    parse_fields,
)
from zoho.scopes import scope_covers
from zoho.search import search_query
from zoho.sorting import aria_sort, clicked, records_query

from pyscript import window
from pyscript.ffi import create_proxy

from web.exporter import Exporter
from web.view import View
from web.dom import button, by_id, display_text, element, fill_table, on_click, set_text, show, value_cell

PER_PAGE = 20
EXPORT_PER_PAGE = 200  # the most Zoho gives in one page
MAX_COLUMNS = 50  # Zoho's cap on ``fields``
DEFAULT_FIELDS = {
    "Leads": ["Last_Name", "First_Name", "Email", "Company", "Lead_Status"],
    "Contacts": ["Last_Name", "First_Name", "Email", "Phone"],
    "Accounts": ["Account_Name", "Phone", "Website", "Industry"],
    "Deals": ["Deal_Name", "Stage", "Amount", "Closing_Date"],
}
DEFAULT_COUNT = 5  # columns shown for a module with no default list: its first fields
FALLBACK_FIELDS = ["Created_Time", "Modified_Time"]  # when Zoho's field list cannot be read
# Kept by Zoho itself: never in a form built without Zoho's field list.
SYSTEM_FIELDS = ("id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Full_Name")
FIELD_PREFIX = "field:"  # a form field's text in the kept draft
COLUMNS_PREFIX = "columns:"  # the fields chosen for a module, in the kept draft
# The HTML input type for each input kind of zoho.fields (numbers are typed as text and
# checked by the core, which says what is wrong in words).
INPUT_TYPES = {"email": "email", "tel": "tel", "url": "url", "date": "date", "datetime-local": "datetime-local"}


class RecordsView(View):
    name = "records"

    def __init__(self, services, shell):
        View.__init__(self, services, shell)
        self.modules = None  # None until Zoho has listed them
        self.kept_form = None  # a form kept as a draft, until its module is open
        self.module = None
        self.wanted = None  # a place asked for before the modules were known
        self.field_meta = {}  # module API name -> its fields (FieldMeta), once per session
        self.columns = {}  # module API name -> the chosen fields, remembered for the tab
        self.sort = None
        self.search = None  # the search box's text while its results are shown
        self.search_page = 1
        self.page_tokens = [None]  # the token of each page visited, to go back
        self.next_token = None
        self.current_record = None
        self.editing = None  # the record in the create / edit form; None for a new one
        self.form_fields = []  # the FieldMeta of each input in the form
        self.table = self.part("records")
        self.fields = self.part("fields")
        self.detail = self.part("record-detail")
        self.form = by_id("record-form")
        self.tools = by_id("records-tools")
        self.exporter = Exporter(self, self.part("export-progress"), self.part("export-cancel"), by_id("export-status"))
        on_click(self.part("fields-apply"), lambda: self.spawn(self._apply_typed_fields()))
        on_click(self.part("next-page"), lambda: self.spawn(self._next_page()))
        on_click(self.part("previous-page"), lambda: self.spawn(self._previous_page()))
        on_click(self.part("new-record"), lambda: self._open_form(None))
        on_click(self.part("save-record"), lambda: self.spawn(self._save()))
        on_click(self.part("cancel-record"), self._close_form)
        on_click(self.part("export-csv"), lambda: self.spawn(self._export("csv")))
        on_click(self.part("export-json"), lambda: self.spawn(self._export("json")))
        self.part("module-search").addEventListener("keydown", create_proxy(self._search_key))

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
        if self.current_record is not None and isinstance(self.current_record.get("id"), str):
            pairs.append(("record", self.current_record["id"]))
        return pairs

    def leave(self):
        View.leave(self)
        self.exporter.cancel()

    def reset(self, forget_drafts=True):
        View.reset(self, forget_drafts)
        self.exporter.cancel()
        self.modules = None
        self.module = None
        self.wanted = None
        self.field_meta = {}
        self.columns = {}
        self.sort = None
        self.search = None
        self.current_record = None
        self.editing = None
        self.part("modules").replaceChildren()
        self.table.replaceChildren()
        by_id("record-inputs").replaceChildren()
        by_id("field-choices").replaceChildren()
        self.part("record-fields").replaceChildren()
        by_id("record-actions").replaceChildren()
        for part in ("module-title", "record-title", "page-number"):
            set_text(self.part(part), "")
        self.fields.value = ""
        self.part("module-search").value = ""
        for hidden in (by_id("records-area"), self.form, self.detail):
            show(hidden, False)

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
        record_id = place.get("record")
        if record_id and self.module is not None and (
                self.current_record is None or self.current_record.get("id") != record_id):
            await self.open_record(record_id)
        self._reopen_form()

    def _module(self, api_name):
        for module in self.modules or ():
            if module["api_name"] == api_name:
                return module
        return None

    def _render_modules(self):
        listing = self.part("modules")
        listing.replaceChildren()
        for module in self.modules:
            item = element("li")
            item.append(button(_label(module), self._opener(module), "link"))
            listing.append(item)

    def _opener(self, module):
        return lambda: self.spawn(self.open_module(module))

    # --- the open form, kept as a draft ----------------------------------------------------

    def draft(self):
        """The fields chosen for each module, and the open form's module, record and what the
        person typed (for an edit, only the fields they changed: the rest is Zoho's data,
        which is not kept)."""
        kept = {COLUMNS_PREFIX + module: ",".join(names) for module, names in self.columns.items()}
        if self.form.hidden or self.module is None:
            return kept
        kept["module"] = self.module["api_name"]
        kept["record"] = self.editing.get("id") if self.editing else ""
        for field, text in self._typed_entries().items():
            kept[FIELD_PREFIX + field] = text
        return kept

    def restore(self, draft):
        for key, names in draft.items():
            if key.startswith(COLUMNS_PREFIX):
                self.columns[key[len(COLUMNS_PREFIX):]] = [name for name in names.split(",") if name][:MAX_COLUMNS]
        self.kept_form = draft  # put back once its module (and record) are open: _reopen_form

    def _reopen_form(self):
        kept, self.kept_form = self.kept_form, None
        if not kept or self.module is None or kept.get("module") != self.module["api_name"]:
            return
        if kept.get("record"):
            if self.current_record is None or self.current_record.get("id") != kept["record"]:
                return
            self._open_form(self.current_record)
        else:
            self._open_form(None)
        for field in self.form_fields:
            if FIELD_PREFIX + field.api_name in kept:
                _set_input_text(field, by_id("field-" + field.api_name), kept[FIELD_PREFIX + field.api_name])

    # --- a module: its fields, and its records ---------------------------------------------

    async def open_module(self, module):
        if self.module is not None and module is not self.module and not self.form.hidden:
            self.spawn(self.drop_draft())  # the form of another module closes, and goes
        self.exporter.cancel()
        self.module = module
        self.current_record = None
        self.sort = None
        self.search = None
        self.part("module-search").value = ""
        set_text(self.part("module-title"), _label(module))
        show(self.part("new-record"), False)  # until the form can be built from the module's fields
        show(self.detail, False)
        show(self.form, False)
        show(by_id("records-area"))
        self.table.replaceChildren()
        self.remember_place()
        self.message.begin(self.tools)
        await self._load_fields(module)
        if module is not self.module:
            return
        show(self.part("new-record"), self.allowed("CREATE", "creatable"))
        self._render_picker()
        await self.show_page(None)

    async def _load_fields(self, module):
        """The module's fields from Zoho, once per session; without them, columns by API name."""
        name = module["api_name"]
        if name not in self.field_meta:
            response = await self.call("GET", CRM + "/settings/fields", [("module", name)])
            try:
                self.field_meta[name] = parse_fields(response) if response is not None else None
            except ZohoError as error:
                self.message.show_error(error.message)
                self.field_meta[name] = None
        if name not in self.columns:
            self.columns[name] = self._default_columns(name)
        self.fields.value = ",".join(self.columns[name])

    def _meta(self):
        """The open module's fields: Zoho's, or text fields named by the chosen columns."""
        known = self.field_meta.get(self.module["api_name"]) if self.module else None
        if known is not None:
            return known
        return [FieldMeta(name, name, "text", read_only=name in SYSTEM_FIELDS) for name in self.chosen_fields()]

    def _default_columns(self, module_name):
        known = self.field_meta.get(module_name)
        if known is None:
            return DEFAULT_FIELDS.get(module_name, FALLBACK_FIELDS)
        names = [field.api_name for field in known]
        chosen = [name for name in DEFAULT_FIELDS.get(module_name, ()) if name in names]
        return chosen or [field.api_name for field in known if field.input_kind is not None][:DEFAULT_COUNT]

    def chosen_fields(self):
        return [name.strip() for name in self.fields.value.split(",") if name.strip()][:MAX_COLUMNS]

    def _render_picker(self):
        """A checkbox for each of the module's fields (its label, its API name as a hint)."""
        choices = by_id("field-choices")
        choices.replaceChildren()
        chosen = self.chosen_fields()
        for field in self.field_meta.get(self.module["api_name"]) or ():
            label = element("label", None, "choice")
            box = element("input")
            box.type = "checkbox"
            box.value = field.api_name
            box.checked = field.api_name in chosen
            box.addEventListener("change", create_proxy(lambda event: self.spawn(self._apply_picked_fields())))
            label.append(box)
            label.append(element("span", field.label))
            label.append(element("span", field.api_name, "muted hint"))
            choices.append(label)

    async def _apply_picked_fields(self):
        picked = [box.value for box in by_id("field-choices").querySelectorAll("input:checked")]
        if not picked:
            self.message.begin(self.part("field-picker"))
            self.message.show_error("Choose at least one field to show.")
            return
        self.fields.value = ",".join(picked)
        await self._show_columns(self.part("field-picker"))

    async def _apply_typed_fields(self):
        for box in by_id("field-choices").querySelectorAll("input"):
            box.checked = box.value in self.chosen_fields()
        await self._show_columns(self.part("fields-apply").parentElement)

    async def _show_columns(self, near):
        self.columns[self.module["api_name"]] = self.chosen_fields()
        self.spawn(self.save_draft())
        await self.show_page(None, near)

    async def show_page(self, page_token, near=None):
        """Fetch and show a page of records (or of the search's results); what goes wrong is
        said after ``near``, or (``near`` None) beside the message already shown."""
        if near is not None:
            self.message.begin(near)
        if self.search is not None:
            await self._show_search_page(1 if page_token is None else self.search_page)
            return
        if page_token is None:
            self.page_tokens = [None]
        module = self.module
        stale = []
        query = records_query(self.chosen_fields(), self.sort, PER_PAGE, page_token)
        response = await self.call("GET", CRM + "/" + module["api_name"], query,
                                   explain=lambda error: _stale_token(error, stale))
        if response is None and stale and module is self.module:
            await self.show_page(None)  # the token is no good any more: from the first page again
            return
        if response is None or module is not self.module:
            return  # failed (and said so), or another module was chosen meanwhile
        self._show_records(response)

    def _show_records(self, response):
        try:
            page = parse_records_page(response)
        except ZohoError as error:
            self.message.show_error(error.message)
            return
        self._render_table(page)
        return page

    def _render_table(self, page):
        fields = self.chosen_fields()
        meta = self._meta()
        self.table.replaceChildren()
        empty = self.part("records-empty")
        set_text(empty, "No records match this search." if self.search is not None else "No records in this module.")
        show(empty, not page.records)
        if page.records:
            fill_table(self.table, fields, page.records,
                       lambda record: button("Open", self._record_opener(record.get("id")), "link"),
                       [label_of(meta, name) for name in fields])
            self._make_sortable(fields, meta)
        if self.search is None:
            self.next_token = page.next_page_token if page.more_records else None
            number = len(self.page_tokens)
        else:
            self.next_token = str(self.search_page + 1) if page.more_records else None
            number = self.search_page
        self.part("next-page").disabled = self.next_token is None
        self.part("previous-page").disabled = number < 2
        set_text(self.part("page-number"), "Page " + str(number))

    def _make_sortable(self, fields, meta):
        """Each heading a button: the first click sorts by it as Zoho does by default
        (descending), the next one the other way."""
        for heading, name in zip(self.table.querySelectorAll("th"), fields):
            heading.setAttribute("aria-sort", aria_sort(self.sort, name))
            if self.search is not None:
                continue  # Zoho's search has no sort order
            heading.replaceChildren()
            heading.append(button(label_of(meta, name), self._sorter(name), "link sort"))

    def _sorter(self, name):
        def sort_by():
            self.sort = clicked(self.sort, name)
            self.spawn(self.show_page(None, self.tools))
        return sort_by

    def _record_opener(self, record_id):
        return lambda: self.spawn(self.open_record(record_id))

    async def _next_page(self):
        if self.next_token is None:
            return
        near = self.part("next-page").parentElement
        if self.search is not None:
            self.search_page += 1
            await self.show_page(self.next_token, near)
            return
        self.page_tokens.append(self.next_token)
        await self.show_page(self.next_token, near)

    async def _previous_page(self):
        near = self.part("previous-page").parentElement
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
        if event.key == "Enter":
            event.preventDefault()
            self.spawn(self.run_search(self.part("module-search").value))
        elif event.key == "Escape" and self.search is not None:
            self.part("module-search").value = ""
            self.spawn(self.run_search(""))

    async def run_search(self, text):
        """Search the open module (an empty box: back to all its records)."""
        if self.module is None:
            return
        self.message.begin(self.tools)
        if not text.strip():
            self.search = None
            await self.show_page(None)
            return
        try:
            search_query(text, self.chosen_fields())
        except ValueError as error:
            self.message.show_error(str(error))
            return
        self.search = text
        await self._show_search_page(1)

    async def _show_search_page(self, number):
        self.search_page = number
        module = self.module
        query = search_query(self.search, self.chosen_fields(), number, PER_PAGE)
        response = await self.call("GET", CRM + "/" + module["api_name"] + "/search", query)
        if response is None or module is not self.module:
            return
        self._show_records(response)

    # --- export ----------------------------------------------------------------------------

    async def _export(self, kind):
        """Every page of what the table shows (the module's records, or the search's results)."""
        if self.module is None:
            return
        self.message.begin(self.tools)
        fields = self.chosen_fields()
        module = self.module["api_name"]
        search = self.search
        sort = self.sort

        if search is None:
            path, query = CRM + "/" + module, records_query(fields, sort, EXPORT_PER_PAGE)
        else:
            path, query = CRM + "/" + module + "/search", search_query(search, fields, 1, EXPORT_PER_PAGE)
        pages = record_pages(self.services.credentials, path, query)
        await self.exporter.run(kind, module, fields, [label_of(self._meta(), name) for name in fields], pages)

    # --- one record ------------------------------------------------------------------------

    async def open_record(self, record_id, keep_message=False):
        if not isinstance(record_id, str) or not record_id:
            return
        if not keep_message:
            self.message.begin(self.tools)
        response = await self.call("GET", CRM + "/" + self.module["api_name"] + "/" + record_id)
        if response is None:
            return
        records = items_of(response, "data")
        if not records:
            self.message.show_error("That record no longer exists in Zoho.")
            return
        self.current_record = records[0]
        show(self.form, False)
        self.remember_place()
        self._render_detail(self.current_record)

    def _render_detail(self, record):
        set_text(self.part("record-title"), record_title(record))
        meta = self._meta()
        facts = self.part("record-fields")
        facts.replaceChildren()
        for name in sorted(record, key=lambda name: label_of(meta, name).lower()):
            facts.append(element("dt", label_of(meta, name)))
            facts.append(value_cell("dd", record[name]))
        actions = by_id("record-actions")
        actions.replaceChildren()
        if self.allowed("UPDATE", "editable"):
            actions.append(button("Edit", lambda: self._open_form(self.current_record)))
        if self.allowed("DELETE", "deletable"):
            actions.append(button("Delete", self._confirm_delete))
        actions.append(button("Close", self._close_detail))
        show(self.detail)
        self.detail.scrollIntoView()

    def _close_detail(self):
        self.current_record = None
        show(self.detail, False)
        self.message.clear()
        self.remember_place()

    def allowed(self, operation, capability):
        """Whether the granted scopes and the module let the person do ``operation``."""
        token = self.services.usable_token()
        if token is None or self.module is None or self.module.get(capability) is False:
            return False
        return scope_covers(token.scopes, "ZohoCRM.modules." + self.module["api_name"] + "." + operation)

    # --- create, edit, delete --------------------------------------------------------------

    def _open_form(self, record):
        """A form from the module's field metadata: an input per data type, mandatory fields
        first and marked, read-only fields left out."""
        self.message.clear()
        self.editing = record
        fields = [field for field in self._meta() if field.editable]
        self.form_fields = [f for f in fields if f.mandatory] + [f for f in fields if not f.mandatory]
        inputs = by_id("record-inputs")
        inputs.replaceChildren()
        for field in self.form_fields:
            inputs.append(self._input_row(field, record))
        set_text(by_id("record-form-title"), "Edit " + record_title(record) if record else "New record")
        show(self.detail, False)
        show(self.form)
        self.form.scrollIntoView()

    def _input_row(self, field, record):
        row = element("div", None, "field")
        label = element("label", field.label + (" *" if field.mandatory else ""))
        label.htmlFor = "field-" + field.api_name
        row.append(label)
        control = _control(field)
        control.id = "field-" + field.api_name
        control.name = field.api_name
        if field.mandatory:
            control.setAttribute("aria-required", "true")
        if record is not None:
            _set_input_text(field, control, _original_text(field, record.get(field.api_name)))
        self.keep_as_draft(control)
        row.append(control)
        if field.input_kind == LOOKUP:
            named = element("span", None, "muted lookup-name")
            named.setAttribute("data-testid", "lookup-name")
            if record is not None:
                set_text(named, display_text(record.get(field.api_name)))
            control.addEventListener("change", create_proxy(lambda event: self.spawn(self._name_lookup(field, control, named))))
            row.append(named)
        return row

    async def _name_lookup(self, field, control, named):
        """Show the name of the record a lookup's id points at (or say there is none)."""
        record_id = control.value.strip()
        set_text(named, "")
        if not is_ascii_digits(record_id) or not field.lookup_module:
            return
        response = await self.call("GET", CRM + "/" + field.lookup_module + "/" + record_id)
        if response is None:
            return
        found = items_of(response, "data") if response.data is not None else []
        set_text(named, record_title(found[0]) if found else "No " + field.lookup_module + " record has this id.")

    def _typed_entries(self):
        """What each input holds (text, a bool, or a list for a multi-select); for an edit, only
        the inputs whose text the person changed."""
        entries = {}
        for field in self.form_fields:
            control = by_id("field-" + field.api_name)
            if control is None:
                continue
            text = _input_text(field, control)
            original = _original_text(field, self.editing.get(field.api_name)) if self.editing else _empty_text(field)
            if text != original:
                entries[field.api_name] = text
        return entries

    def _close_form(self):
        show(self.form, False)
        self.message.clear()
        self.spawn(self.drop_draft())
        if self.current_record is not None and self.editing is self.current_record:
            show(self.detail)

    async def _save(self):
        self.message.begin(self.form)
        entries = {name: _entry(field, text) for name, text in self._typed_entries().items()
                   for field in self.form_fields if field.api_name == name}
        offset = -int(window.Date.new().getTimezoneOffset())
        values, problems = build_record(self.form_fields, entries, self.editing is None, offset)
        if problems:
            self.message.show_list("error", [(problem, False) for problem in problems])
            return
        if self.editing is not None:
            if not values:
                self.message.show_done("Nothing was changed.")
                return
            values["id"] = self.editing.get("id")
            method = "PUT"
        else:
            method = "POST"
        response = await self.call(method, CRM + "/" + self.module["api_name"], None, {"data": [values]})
        if response is None:
            return
        results = self._show_results(response)
        if results is None:
            return
        show(self.form, False)
        await self.drop_draft()
        await self.show_page(None)
        # The record as Zoho now has it: the one just created, or the one edited.
        await self.open_record(values.get("id") or results[0].id, keep_message=True)

    def _confirm_delete(self):
        actions = by_id("record-actions")
        actions.replaceChildren()
        actions.append(element("span", "Delete this record for good?"))
        confirm = button("Delete", lambda: self.spawn(self._delete()), "danger")
        confirm.setAttribute("data-testid", "confirm-delete")
        actions.append(confirm)
        actions.append(button("Cancel", lambda: self._render_detail(self.current_record)))

    async def _delete(self):
        self.message.begin(self.detail)
        record_id = self.current_record.get("id")
        response = await self.call("DELETE", CRM + "/" + self.module["api_name"], [("ids", record_id)])
        if response is None:
            return
        if self._show_results(response) is None:
            return
        show(self.detail, False)
        self.current_record = None
        self.remember_place()
        await self.show_page(None)

    def _show_results(self, response):
        """Say Zoho's answer for each record; the results when every record succeeded, else None."""
        try:
            results = parse_record_results(response)
        except ZohoError as error:
            self.message.show_error(error.message)
            return None
        meta = self._meta()
        lines = []
        for result in results:
            text = ("Done: " if result.ok else "Not done: ") + result.message
            if result.id:
                text += " (id " + result.id + ")"
            elif not result.ok and result.code:
                text += " (" + result.code + _detail_hint(result.details, meta) + ")"
            lines.append((text, result.ok))
        ok = all(result.ok for result in results)
        self.message.show_list("done" if ok else "error", lines)
        return results if ok else None


def _stale_token(error, stale):
    """Note an answer saying the page token can no longer be used (its sentence stays)."""
    if error.code in STALE_PAGE_TOKEN:
        stale.append(error.code)
    return None


def _label(module):
    return display_text(module.get("plural_label") or module["api_name"])


def _detail_hint(details, meta):
    if isinstance(details, dict) and isinstance(details.get("api_name"), str):
        return ", field " + label_of(meta, details["api_name"])
    return ""


# --- the inputs of a form, by field kind ------------------------------------------------------


def _control(field):
    kind = field.input_kind
    if kind == TEXTAREA:
        return element("textarea")
    if kind in (SELECT, MULTI_SELECT):
        control = element("select")
        if kind == MULTI_SELECT:
            control.multiple = True
        else:
            none = element("option", NONE_CHOICE)
            none.value = ""
            control.append(none)
        for choice in field.choices:
            option = element("option", choice.display)
            option.value = choice.actual
            control.append(option)
        return control
    control = element("input")
    if kind == CHECKBOX:
        control.type = "checkbox"
    else:
        control.type = INPUT_TYPES.get(kind, "text")
        if kind in ("number", "currency", "percent", "lookup"):
            control.setAttribute("inputmode", "numeric" if kind == "lookup" else "decimal")
        if kind == LOOKUP:
            control.placeholder = "the id of a " + (field.lookup_module or "record") + " record"
    return control


def _input_text(field, control):
    """What ``control`` holds, as text (a checkbox "true"/"false", a multi-select one line a value)."""
    kind = field.input_kind
    if kind == CHECKBOX:
        return "true" if control.checked else "false"
    if kind == MULTI_SELECT:
        return "\n".join(option.value for option in control.selectedOptions)
    return control.value


def _set_input_text(field, control, text):
    kind = field.input_kind
    if kind == CHECKBOX:
        control.checked = text == "true"
    elif kind == MULTI_SELECT:
        chosen = text.split("\n")
        for option in control.options:
            option.selected = option.value in chosen
    else:
        control.value = text


def _empty_text(field):
    return "false" if field.input_kind == CHECKBOX else ""


def _original_text(field, value):
    """A record's value as its input's text."""
    kind = field.input_kind
    if kind == CHECKBOX:
        return "true" if value is True else "false"
    if kind == MULTI_SELECT:
        return "\n".join(item for item in value if isinstance(item, str)) if isinstance(value, list) else ""
    if kind == LOOKUP:
        return value.get("id", "") if isinstance(value, dict) and isinstance(value.get("id"), str) else ""
    if kind == "datetime-local" and isinstance(value, str):
        return value[:16]  # the date and time as Zoho wrote them, without the offset
    return display_text(value)


def _entry(field, text):
    """A typed text as zoho.fields.field_value takes it: a bool, a list, or the text."""
    kind = field.input_kind
    if kind == CHECKBOX:
        return text == "true"
    if kind == MULTI_SELECT:
        return [item for item in text.split("\n") if item]
    return text
