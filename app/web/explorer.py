"""The CRM explorer: the organisation, modules, a paged records table, one record, and
create / edit / delete with Zoho's per-record results.

The place (module, record) is kept in the address bar's query, so a new sign-in
comes back to it.
"""

from zoho.api import first_item, items_of, parse_record_results, parse_records_page
from zoho.errors import ZohoError
from zoho.fields import STRUCTURED, field_kind, form_value
from zoho.scopes import scope_covers
from zoho.urlcodec import parse_pairs, urlencode

from pyscript import window

from web import browser
from web.view import button, by_id, by_testid, display_text, element, on_click, set_text, show, value_cell

CRM = "/crm/v8"
PER_PAGE = 20
DEFAULT_FIELDS = {
    "Leads": "Last_Name,First_Name,Email,Company,Lead_Status",
    "Contacts": "Last_Name,First_Name,Email,Phone",
    "Accounts": "Account_Name,Phone,Website,Industry",
    "Deals": "Deal_Name,Stage,Amount,Closing_Date",
}
FALLBACK_FIELDS = "Created_Time,Modified_Time"
# Kept by Zoho itself: shown, never offered in the create / edit form.
READ_ONLY_FIELDS = ("id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Full_Name")


class Explorer:
    def __init__(self, session):
        self.session = session
        self.modules = []
        self.module = None
        self.page_tokens = [None]  # the token of each page visited, to go back
        self.current_record = None
        self.editing = None  # the record in the create / edit form; None for a new one
        self.next_token = None
        self.page_records = []  # the records on screen, whose values tell each field's kind
        self.form_kinds = {}
        self.table = by_testid("records")
        self.fields = by_testid("fields")
        self.detail = by_testid("record-detail")
        self.form = by_id("record-form")
        self.results = by_testid("record-results")
        spawn = session.spawn
        on_click(by_testid("fields-apply"), lambda: spawn(self.show_page(None)))
        on_click(by_testid("next-page"), lambda: spawn(self._next_page()))
        on_click(by_testid("previous-page"), lambda: spawn(self._previous_page()))
        on_click(by_testid("new-record"), lambda: self._open_form(None))
        on_click(by_testid("save-record"), lambda: spawn(self._save()))
        on_click(by_testid("cancel-record"), lambda: show(self.form, False))

    # --- loading ---------------------------------------------------------------------------

    async def load(self):
        """After sign-in: the organisation and, at the same time, the modules and the place
        the user was at."""
        self.session.spawn(self._load_org())
        response = await self.session.call("GET", CRM + "/settings/modules")
        if response is None:
            return
        self.modules = [m for m in items_of(response, "modules") if m.get("api_supported") is True
                        and isinstance(m.get("api_name"), str)]
        self._render_modules()
        place = dict(parse_pairs(window.location.search))
        module = self._module(place.get("module"))
        if module is not None:
            await self.open_module(module)
            if place.get("record"):
                await self.open_record(place["record"])

    async def _load_org(self):
        response = await self.session.call("GET", CRM + "/org")
        if response is None:
            return
        org = first_item(response, "org")
        set_text(by_testid("org-name"), display_text(org.get("company_name")))

    def _module(self, api_name):
        for module in self.modules:
            if module["api_name"] == api_name:
                return module
        return None

    def _render_modules(self):
        nav = by_testid("modules")
        nav.replaceChildren()
        for module in self.modules:
            label = display_text(module.get("plural_label") or module["api_name"])
            item = element("li")
            item.append(button(label, self._opener(module), "link"))
            nav.append(item)
        show(by_id("explorer"))

    def _opener(self, module):
        return lambda: self.session.spawn(self.open_module(module))

    def _remember_place(self, record_id=None):
        pairs = [("module", self.module["api_name"])]
        if record_id:
            pairs.append(("record", record_id))
        browser.replace_address(browser.app_url("?" + urlencode(pairs)))

    # --- records ---------------------------------------------------------------------------

    async def open_module(self, module):
        self.module = module
        self.page_tokens = [None]
        self.fields.value = DEFAULT_FIELDS.get(module["api_name"], FALLBACK_FIELDS)
        set_text(by_testid("module-title"), display_text(module.get("plural_label") or module["api_name"]))
        show(by_testid("new-record"), self.allowed("CREATE", "creatable"))
        show(self.detail, False)
        show(self.form, False)
        self._remember_place()
        await self.show_page(None)

    def chosen_fields(self):
        return [name.strip() for name in self.fields.value.split(",") if name.strip()]

    async def show_page(self, page_token):
        if page_token is None:
            self.page_tokens = [None]
        query = [("fields", ",".join(self.chosen_fields())), ("per_page", str(PER_PAGE))]
        if page_token:
            query.append(("page_token", page_token))
        response = await self.session.call("GET", CRM + "/" + self.module["api_name"], query)
        if response is None:
            return
        try:
            page = parse_records_page(response)
        except ZohoError as error:
            self.session.page.show_error(error.message)
            return
        self._render_table(page)

    def _render_table(self, page):
        fields = self.chosen_fields()
        self.table.replaceChildren()
        show(by_id("records-area"))
        empty = by_testid("records-empty")
        show(empty, not page.records)
        if page.records:
            head = element("tr")
            for name in fields:
                head.append(element("th", name))
            head.append(element("th", ""))
            thead = element("thead")
            thead.append(head)
            self.table.append(thead)
            body = element("tbody")
            for record in page.records:
                row = element("tr")
                for name in fields:
                    row.append(value_cell("td", record.get(name)))
                action = element("td")
                action.append(button("Open", self._record_opener(record.get("id")), "link"))
                row.append(action)
                body.append(row)
            self.table.append(body)
        self.page_records = page.records
        self.next_token = page.next_page_token if page.more_records else None
        by_testid("next-page").disabled = self.next_token is None
        by_testid("previous-page").disabled = len(self.page_tokens) < 2
        set_text(by_testid("page-number"), "Page " + str(len(self.page_tokens)))

    def _record_opener(self, record_id):
        return lambda: self.session.spawn(self.open_record(record_id))

    async def _next_page(self):
        if self.next_token is None:
            return
        self.page_tokens.append(self.next_token)
        await self.show_page(self.next_token)

    async def _previous_page(self):
        if len(self.page_tokens) < 2:
            return
        self.page_tokens.pop()
        await self.show_page(self.page_tokens[-1])

    # --- one record ------------------------------------------------------------------------

    async def open_record(self, record_id):
        if not isinstance(record_id, str) or not record_id:
            return
        response = await self.session.call("GET", CRM + "/" + self.module["api_name"] + "/" + record_id)
        if response is None:
            return
        record = first_item(response, "data")
        if not record:
            self.session.page.show_error("That record no longer exists in Zoho.")
            return
        self.current_record = record
        self._remember_place(record_id)
        self._render_detail(self.current_record)

    def _render_detail(self, record):
        facts = by_testid("record-fields")
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
        show(self.detail)
        self.detail.scrollIntoView()

    def allowed(self, operation, capability):
        """Whether the granted scopes and the module let the user do ``operation``."""
        token = self.session.usable_token()
        if token is None or self.module is None or self.module.get(capability) is False:
            return False
        return scope_covers(token.scopes, "ZohoCRM.modules." + self.module["api_name"] + "." + operation)

    # --- create, edit, delete --------------------------------------------------------------

    def _open_form(self, record):
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
            inputs.append(label)
            inputs.append(field)
        set_text(by_id("record-form-title"), "Edit record" if record else "New record")
        show(self.form)
        self.form.scrollIntoView()

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
        try:
            values = self._form_values()
        except ValueError as error:
            self.session.page.show_error(str(error))
            return
        if self.editing is not None:
            values["id"] = self.editing.get("id")
            method = "PUT"
        else:
            method = "POST"
        response = await self.session.call(method, CRM + "/" + self.module["api_name"], None, {"data": [values]})
        if response is None:
            return
        if self._show_results(response):
            show(self.form, False)
            await self.show_page(None)
            if method == "PUT":
                await self.open_record(values["id"])

    def _confirm_delete(self):
        actions = by_id("record-actions")
        actions.replaceChildren()
        actions.append(element("span", "Delete this record for good?"))
        confirm = button("Delete", lambda: self.session.spawn(self._delete()), "danger")
        confirm.setAttribute("data-testid", "confirm-delete")
        actions.append(confirm)
        actions.append(button("Cancel", lambda: self._render_detail(self.current_record)))

    async def _delete(self):
        record_id = self.current_record.get("id")
        response = await self.session.call("DELETE", CRM + "/" + self.module["api_name"], [("ids", record_id)])
        if response is None:
            return
        if self._show_results(response):
            show(self.detail, False)
            self.current_record = None
            self._remember_place()
            await self.show_page(None)

    def _show_results(self, response):
        """Show Zoho's answer for each record; True when every record succeeded."""
        try:
            results = parse_record_results(response)
        except ZohoError as error:
            self.session.page.show_error(error.message)
            return False
        self.results.replaceChildren()
        for result in results:
            text = ("Done: " if result.ok else "Not done: ") + result.message
            if result.id:
                text += " (id " + result.id + ")"
            elif not result.ok and result.code:
                text += " (" + result.code + _detail_hint(result.details) + ")"
            self.results.append(element("li", text, "ok" if result.ok else "failed"))
        show(self.results)
        return all(result.ok for result in results)


def _detail_hint(details):
    if isinstance(details, dict) and isinstance(details.get("api_name"), str):
        return ", field " + details["api_name"]
    return ""
