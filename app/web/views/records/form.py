"""The create / edit form of a record, built from the module's field metadata: an input per
data type, mandatory fields first and marked, read-only fields left out.

The form keeps its own map of API names to inputs and never looks inputs up by name: a Zoho
field may be called ``hidden``, ``action`` or ``submit``, which a form element's named
properties would answer for instead of the form.
"""

from zoho.api import CRM, items_of, record_title
from zoho.compat import is_ascii_digits
from zoho.display import field_text
from zoho.fields import LOOKUP, build_record
from zoho.formtext import changed_texts, entries_of, original_text

from pyscript import window
from pyscript.ffi import create_proxy

from web.view import by_id, element, on_click, set_text, show
from web.views.records.inputs import control_for, set_text_of, text_of
from web.views.records.results import say_results

INPUT_ID_PREFIX = "field-"


class RecordForm:
    def __init__(self, view, on_saved, on_closed):
        """``view`` gives the form its parts, calls and message; ``on_saved(record_id)`` is called
        once Zoho took the record, ``on_closed(record)`` when the person cancels."""
        self.view = view
        self.on_saved = on_saved
        self.on_closed = on_closed
        self.element = by_id("record-form")
        self.module = None  # the API name of the module the form writes to
        self.record = None  # the record edited; None for a new one
        self.meta = []  # the module's fields (FieldMeta)
        self.fields = []  # the FieldMeta of each input, in the form's order
        self.controls = {}  # API name -> its input
        self.is_open = False
        on_click(view.part("save-record"), lambda: view.spawn(self.save()))
        on_click(view.part("cancel-record"), self.cancel)

    def open(self, module, fields, record):
        """The form for a new record of ``module`` (``record`` None) or for editing ``record``;
        ``fields`` is the module's FieldMeta list."""
        self.module = module
        self.record = record
        self.meta = fields
        editable = [field for field in fields if field.editable]
        self.fields = [f for f in editable if f.mandatory] + [f for f in editable if not f.mandatory]
        self.controls = {}
        inputs = by_id("record-inputs")
        inputs.replaceChildren()
        for field in self.fields:
            inputs.append(self._row(field, record))
        set_text(by_id("record-form-title"), "Edit " + record_title(record) if record else "New record")
        self.is_open = True
        show(self.element)
        self.element.scrollIntoView()

    def hide(self):
        self.is_open = False
        show(self.element, False)

    def clear(self):
        self.hide()
        self.module = self.record = None
        self.meta = self.fields = []
        self.controls = {}
        by_id("record-inputs").replaceChildren()

    def cancel(self):
        self.hide()
        self.on_closed(self.record)

    def changed(self):
        """{API name: text} of the inputs the person changed (for an edit, the rest is Zoho's)."""
        texts = {name: text_of(self._field(name), control) for name, control in self.controls.items()}
        return changed_texts(self.fields, texts, self.record)

    def put_back(self, texts):
        """Put kept texts ({API name: text}) back in their inputs."""
        for name, text in texts.items():
            if name in self.controls:
                set_text_of(self._field(name), self.controls[name], text)

    def _field(self, name):
        for field in self.fields:
            if field.api_name == name:
                return field
        return None

    def _row(self, field, record):
        row = element("div", None, "field")
        label = element("label", field.label + (" *" if field.mandatory else ""))
        label.htmlFor = INPUT_ID_PREFIX + field.api_name
        row.append(label)
        control = control_for(field)
        control.id = INPUT_ID_PREFIX + field.api_name
        if field.mandatory:
            control.setAttribute("aria-required", "true")
        if record is not None:
            set_text_of(field, control, original_text(field, record.get(field.api_name)))
        self.view.keep_as_draft(control)
        self.controls[field.api_name] = control
        row.append(control)
        if field.input_kind == LOOKUP:
            named = element("span", None, "muted lookup-name")
            named.setAttribute("data-testid", "lookup-name")
            if record is not None:
                set_text(named, field_text(field, record.get(field.api_name)))
            control.addEventListener("change", create_proxy(
                lambda event: self.view.spawn(self._name_lookup(field, control, named))))
            row.append(named)
        return row

    async def _name_lookup(self, field, control, named):
        """Show the name of the record a lookup's id points at (or say there is none)."""
        record_id = control.value.strip()
        set_text(named, "")
        if not is_ascii_digits(record_id) or not field.lookup_module:
            return
        response = await self.view.call("GET", CRM + "/" + field.lookup_module + "/" + record_id)
        if response is None:
            return
        found = items_of(response, "data") if response.data is not None else []
        set_text(named, record_title(found[0]) if found else "No " + field.lookup_module + " record has this id.")

    async def save(self):
        message = self.view.message
        message.begin(self.element)
        offset = -int(window.Date.new().getTimezoneOffset())
        values, problems = build_record(self.fields, entries_of(self.fields, self.changed()), self.record is None, offset)
        if problems:
            message.show_list("error", [(problem, False) for problem in problems])
            return
        if self.record is not None:
            if not values:
                message.show_done("Nothing was changed.")
                return
            values["id"] = self.record.get("id")
            method = "PUT"
        else:
            method = "POST"
        response = await self.view.call(method, CRM + "/" + self.module, None, {"data": [values]})
        if response is None:
            return
        results = say_results(message, response, self.meta)
        if results is None:
            return
        self.hide()
        await self.on_saved(values.get("id") or results[0].id)
