"""Records: the CRM modules, a paged table of a module's records, one record, and create /
edit / delete with Zoho's per-record results.

Its place in the address bar: ``?view=records&module=Leads&record=<id>``.
"""

from zoho.api import CRM, items_of, parse_record_results, parse_records_page, record_title
from zoho.errors import ZohoError
from zoho.fields import STRUCTURED, field_kind, form_value
from zoho.scopes import scope_covers

from web.shell import View
from web.view import button, by_id, display_text, element, fill_table, on_click, set_text, show, value_cell

PER_PAGE = 20
DEFAULT_FIELDS = {
    "Leads": "Last_Name,First_Name,Email,Company,Lead_Status",
    "Contacts": "Last_Name,First_Name,Email,Phone",
    "Accounts": "Account_Name,Phone,Website,Industry",
    "Deals": "Deal_Name,Stage,Amount,Closing_Date",
}
FALLBACK_FIELDS = "Created_Time,Modified_Time"
# Kept by Zoho itself: shown, never offered in the create / edit form.
FIELD_PREFIX = "field:"  # a form field's text in the kept draft
READ_ONLY_FIELDS = ("id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Full_Name")


class RecordsView(View):
    name = "records"

    def __init__(self, session, shell):
        View.__init__(self, session, shell)
        self.modules = None  # None until Zoho has listed them
        self.kept_form = None  # a form kept as a draft, until its module is open
        self.module = None
        self.wanted = None  # a place asked for before the modules were known
        self.page_tokens = [None]  # the token of each page visited, to go back
        self.next_token = None
        self.page_records = []  # the records on screen, whose values tell each field's kind
        self.current_record = None
        self.editing = None  # the record in the create / edit form; None for a new one
        self.form_kinds = {}
        self.table = self.part("records")
        self.fields = self.part("fields")
        self.detail = self.part("record-detail")
        self.form = by_id("record-form")
        self.tools = by_id("records-tools")
        on_click(self.part("fields-apply"), lambda: self.spawn(self._apply_fields()))
        on_click(self.part("next-page"), lambda: self.spawn(self._next_page()))
        on_click(self.part("previous-page"), lambda: self.spawn(self._previous_page()))
        on_click(self.part("new-record"), lambda: self._open_form(None))
        on_click(self.part("save-record"), lambda: self.spawn(self._save()))
        on_click(self.part("cancel-record"), self._close_form)

    # --- the view's life -------------------------------------------------------------------

    def signed_in(self):
        self.spawn(self._start())

    async def _start(self):
        self.kept_form = await self.load_draft()
        await self._load_modules()

    # --- the open form, kept as a draft ----------------------------------------------------

    def draft(self):
        """The open form's module, record and what the person typed (for an edit, only the
        fields they changed: the rest is Zoho's data, which is not kept)."""
        if self.form.hidden or self.module is None:
            return {}
        kept = {"module": self.module["api_name"], "record": self.editing.get("id") if self.editing else ""}
        for field in by_id("record-inputs").querySelectorAll("input"):
            original = display_text(self.editing.get(field.name)) if self.editing else ""
            if field.value != original:
                kept[FIELD_PREFIX + field.name] = field.value
        return kept

    def restore(self, draft):
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
        for field in by_id("record-inputs").querySelectorAll("input"):
            if FIELD_PREFIX + field.name in kept:
                field.value = kept[FIELD_PREFIX + field.name]

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

    def reset(self):
        View.reset(self)
        self.modules = None
        self.module = None
        self.wanted = None
        self.current_record = None
        self.editing = None
        self.page_records = []
        self.part("modules").replaceChildren()
        self.table.replaceChildren()
        by_id("record-inputs").replaceChildren()
        self.part("record-fields").replaceChildren()
        by_id("record-actions").replaceChildren()
        for part in ("module-title", "record-title", "page-number"):
            set_text(self.part(part), "")
        self.fields.value = ""
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

    # --- records ---------------------------------------------------------------------------

    async def open_module(self, module):
        if self.module is not None and module is not self.module and not self.form.hidden:
            self.spawn(self.drop_draft())  # the form of another module closes, and goes
        self.module = module
        self.current_record = None
        self.page_tokens = [None]
        self.fields.value = DEFAULT_FIELDS.get(module["api_name"], FALLBACK_FIELDS)
        set_text(self.part("module-title"), _label(module))
        show(self.part("new-record"), self.allowed("CREATE", "creatable"))
        show(self.detail, False)
        show(self.form, False)
        show(by_id("records-area"))
        self.table.replaceChildren()
        self.remember_place()
        await self.show_page(None, self.tools)

    def chosen_fields(self):
        return [name.strip() for name in self.fields.value.split(",") if name.strip()]

    async def _apply_fields(self):
        await self.show_page(None, self.tools)

    async def show_page(self, page_token, near=None):
        """Fetch and show a page of records; what goes wrong is said after ``near``, or
        (``near`` None: a refresh after a change) beside the message about the change."""
        if near is not None:
            self.message.begin(near)
        if page_token is None:
            self.page_tokens = [None]
        query = [("fields", ",".join(self.chosen_fields())), ("per_page", str(PER_PAGE))]
        if page_token:
            query.append(("page_token", page_token))
        module = self.module
        response = await self.call("GET", CRM + "/" + module["api_name"], query)
        if response is None or module is not self.module:
            return  # failed (and said so), or another module was chosen meanwhile
        try:
            page = parse_records_page(response)
        except ZohoError as error:
            self.message.show_error(error.message)
            return
        self._render_table(page)

    def _render_table(self, page):
        fields = self.chosen_fields()
        self.table.replaceChildren()
        show(self.part("records-empty"), not page.records)
        if page.records:
            fill_table(self.table, fields, page.records,
                       lambda record: button("Open", self._record_opener(record.get("id")), "link"))
        self.page_records = page.records
        self.next_token = page.next_page_token if page.more_records else None
        self.part("next-page").disabled = self.next_token is None
        self.part("previous-page").disabled = len(self.page_tokens) < 2
        set_text(self.part("page-number"), "Page " + str(len(self.page_tokens)))

    def _record_opener(self, record_id):
        return lambda: self.spawn(self.open_record(record_id))

    async def _next_page(self):
        if self.next_token is None:
            return
        self.page_tokens.append(self.next_token)
        await self.show_page(self.next_token, self.part("next-page").parentElement)

    async def _previous_page(self):
        if len(self.page_tokens) < 2:
            return
        self.page_tokens.pop()
        await self.show_page(self.page_tokens[-1], self.part("previous-page").parentElement)

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
        facts = self.part("record-fields")
        facts.replaceChildren()
        for name in sorted(record):
            facts.append(element("dt", name))
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
        token = self.session.usable_token()
        if token is None or self.module is None or self.module.get(capability) is False:
            return False
        return scope_covers(token.scopes, "ZohoCRM.modules." + self.module["api_name"] + "." + operation)

    # --- create, edit, delete --------------------------------------------------------------

    def _open_form(self, record):
        self.message.clear()
        self.editing = record
        self.form_kinds = {}
        inputs = by_id("record-inputs")
        inputs.replaceChildren()
        examples = ([record] if record else []) + self.page_records
        for name in self.chosen_fields():
            kind = field_kind([example.get(name) for example in examples])
            if name in READ_ONLY_FIELDS or kind == STRUCTURED:
                continue  # kept by Zoho, or a lookup / list that cannot be typed as text
            self.form_kinds[name] = kind
            label = element("label", name)
            label.htmlFor = "field-" + name
            field = element("input")
            field.id = "field-" + name
            field.name = name
            field.value = display_text(record.get(name)) if record else ""
            self.keep_as_draft(field)
            inputs.append(label)
            inputs.append(field)
        set_text(by_id("record-form-title"), "Edit " + record_title(record) if record else "New record")
        show(self.detail, False)
        show(self.form)
        self.form.scrollIntoView()

    def _close_form(self):
        show(self.form, False)
        self.message.clear()
        self.spawn(self.drop_draft())
        if self.current_record is not None and self.editing is self.current_record:
            show(self.detail)

    def _form_values(self):
        """The changed fields as Zoho's JSON values; raises ValueError naming a field that does
        not fit. An emptied field is sent as null; an empty one of a new record is left out."""
        values = {}
        for field in by_id("record-inputs").querySelectorAll("input"):
            original = self.editing.get(field.name) if self.editing else None
            if self.editing is not None and field.value == display_text(original):
                continue
            try:
                value = form_value(self.form_kinds[field.name], field.value)
            except ValueError as error:
                raise ValueError(field.name + " " + str(error) + ".")
            if value is None and self.editing is None:
                continue
            values[field.name] = value
        return values

    async def _save(self):
        self.message.begin(self.form)
        try:
            values = self._form_values()
        except ValueError as error:
            self.message.show_error(str(error))
            return
        if self.editing is not None:
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
        lines = []
        for result in results:
            text = ("Done: " if result.ok else "Not done: ") + result.message
            if result.id:
                text += " (id " + result.id + ")"
            elif not result.ok and result.code:
                text += " (" + result.code + _detail_hint(result.details) + ")"
            lines.append((text, result.ok))
        ok = all(result.ok for result in results)
        self.message.show_list("done" if ok else "error", lines)
        return results if ok else None


def _label(module):
    return display_text(module.get("plural_label") or module["api_name"])


def _detail_hint(details):
    if isinstance(details, dict) and isinstance(details.get("api_name"), str):
        return ", field " + details["api_name"]
    return ""
