"""The create / edit form of a record, built from the module's field metadata: an input per
data type, mandatory fields first and marked; fields the app does not edit shown read-only with
the reason (zoho.display.edit_rule).

A field the form's own checks or Zoho refuse is marked at the field: ``aria-invalid``, the
sentence beside the input (``aria-describedby``), focus moved to it; what was typed stays.

The form keeps its own map of API names to inputs and never looks inputs up by name: a Zoho
field may be called ``hidden``, ``action`` or ``submit``, which a form element's named
properties would answer for instead of the form.
"""

from zoho.api import CRM, record_title
from zoho.columns import SYSTEM_FIELDS
from zoho.display import NOT_SUPPORTED, READ_ONLY_TYPES, edit_rule, field_text
from zoho.field_errors import error_problem, result_problem
from zoho.fields import LOOKUP, check_record
from zoho.formtext import changed_texts, entries_of, original_text

from pyscript import window
from pyscript.ffi import create_proxy

from web.dom import by_id, element, on_click, set_text, show
from web.views.records.inputs import control_for, set_text_of, text_of
from web.views.records.lookup_picker import LookupPicker, UserDirectory
from web.views.records.results import say_results

INPUT_ID_PREFIX = "field-"
ERROR_ID_PREFIX = "field-error-"


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
        self.errors = {}  # API name -> the element beside its input that says what is wrong
        self.pickers = {}  # API name -> the LookupPicker of a lookup (or owner)
        self.users = None  # the organisation's users, once a picker of users asks (UserDirectory)
        self.is_open = False
        on_click(view.part("save-record"), lambda: view.spawn(self.save()))
        on_click(view.part("cancel-record"), self.cancel)

    def open(self, module, fields, record):
        """The form for a new record of ``module`` (``record`` None) or for editing ``record``;
        ``fields`` is the module's FieldMeta list."""
        self.module = module
        self.record = record
        self.meta = fields
        editable = [field for field in fields if edit_rule(field).editable]
        self.fields = [f for f in editable if f.mandatory] + [f for f in editable if not f.mandatory]
        self.controls = {}
        self.errors = {}
        self.pickers = {}
        self.users = UserDirectory(self.view)
        inputs = by_id("record-inputs")
        inputs.replaceChildren()
        for field in self.fields:
            inputs.append(self._row(field, record))
        for field in fields:
            if field not in editable and _worth_showing(field, record):
                inputs.append(_read_only_row(field, record))
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
        self.errors = {}
        self.pickers = {}
        by_id("record-inputs").replaceChildren()

    def cancel(self):
        self.hide()
        self.on_closed(self.record)

    def changed(self):
        """{API name: text} of the inputs the person changed (for an edit, the rest is Zoho's)."""
        texts = {field.api_name: text_of(field, self.controls[field.api_name]) for field in self.fields}
        return changed_texts(self.fields, texts, self.record)

    def put_back(self, texts):
        """Put kept texts ({API name: text}) back in their inputs."""
        for field in self.fields:
            if field.api_name in self.pickers and field.api_name in texts:
                self.view.spawn(self.pickers[field.api_name].put(texts[field.api_name]))
            elif field.api_name in texts:
                set_text_of(field, self.controls[field.api_name], texts[field.api_name])

    def _row(self, field, record):
        row = element("div", None, "field")
        label = element("label", field.label + (" *" if field.mandatory else ""))
        label.htmlFor = INPUT_ID_PREFIX + field.api_name
        row.append(label)
        if field.input_kind == LOOKUP:
            picker = LookupPicker(self.view, field, INPUT_ID_PREFIX + field.api_name, self.users)
            if record is not None:
                picker.show(original_text(field, record.get(field.api_name)), field_text(field, record.get(field.api_name)))
            self.pickers[field.api_name] = picker
            control, shown = picker.input, picker.element
        else:
            control = shown = control_for(field)
            control.id = INPUT_ID_PREFIX + field.api_name
            if record is not None:
                set_text_of(field, control, original_text(field, record.get(field.api_name)))
        if field.mandatory:
            control.setAttribute("aria-required", "true")
        self.view.keep_as_draft(control)
        control.addEventListener("input", create_proxy(lambda event: self._unmark(field.api_name)))
        self.controls[field.api_name] = control
        row.append(shown)
        error = element("p", None, "field-error")
        error.id = ERROR_ID_PREFIX + field.api_name
        error.setAttribute("data-testid", "field-error")
        show(error, False)
        self.errors[field.api_name] = error
        row.append(error)
        return row

    def _mark(self, problems):
        """Mark each field a problem (zoho.fields.FieldProblem) names, and focus the first."""
        for name in self.controls:
            self._unmark(name)
        first = None
        for problem in problems:
            if problem.api_name not in self.controls:
                continue
            control = self.controls[problem.api_name]
            control.setAttribute("aria-invalid", "true")
            control.setAttribute("aria-describedby", ERROR_ID_PREFIX + problem.api_name)
            set_text(self.errors[problem.api_name], problem.message)
            show(self.errors[problem.api_name])
            if first is None:
                first = control
        if first is not None:
            first.focus()

    def _unmark(self, name):
        control = self.controls.get(name)
        if control is None or not control.hasAttribute("aria-invalid"):
            return
        control.removeAttribute("aria-invalid")
        control.removeAttribute("aria-describedby")
        show(self.errors[name], False)

    async def save(self):
        message = self.view.message
        message.begin(self.element)
        offset = -int(window.Date.new().getTimezoneOffset())
        values, problems = check_record(self.fields, entries_of(self.fields, self.changed()), self.record is None, offset)
        problems = _with_unpicked(self.fields, problems, self.pickers)
        if problems:
            message.show_list("error", [(problem.message, False) for problem in problems])
            self._mark(problems)
            return
        self._mark([])
        if self.record is not None:
            if not values:
                message.show_done("Nothing was changed.")
                return
            values["id"] = self.record.get("id")
            method = "PUT"
        else:
            method = "POST"
        refused = []
        response = await self.view.call(method, CRM + "/" + self.module, None, {"data": [values]},
                                        explain=lambda error: refused.append(error))
        if response is None:
            self._mark([problem for problem in (error_problem(e, self.meta) for e in refused) if problem])
            return
        results = say_results(message, response, self.meta)
        if results is None:
            return
        if not all(result.ok for result in results):
            self._mark([problem for problem in (result_problem(r, self.meta) for r in results) if problem])
            return
        self.hide()
        await self.on_saved(values.get("id") or results[0].id)


def _with_unpicked(fields, problems, pickers):
    """The form's problems with, for a lookup whose box holds a name typed but not picked, that
    one instead of any other it has; in the fields' order."""
    unpicked = {name: picker.problem() for name, picker in pickers.items() if picker.problem() is not None}
    by_field = {problem.api_name: problem for problem in problems}
    by_field.update(unpicked)
    return [by_field[field.api_name] for field in fields if field.api_name in by_field]


def _worth_showing(field, record):
    """A field of a type the app does not edit (a file, a subform...) is shown, so that people
    learn why it cannot be typed in; one Zoho keeps read-only (Created Time...) only when it holds
    a value and Zoho does not keep it itself for every record."""
    if field.data_type in READ_ONLY_TYPES or edit_rule(field).reason == NOT_SUPPORTED:
        return True
    return record is not None and field.api_name not in SYSTEM_FIELDS and field_text(field, record.get(field.api_name)) != ""


def _read_only_row(field, record):
    row = element("div", None, "field read-only")
    row.setAttribute("data-testid", "read-only-field")
    row.append(element("span", field.label, "label"))
    value = field_text(field, record.get(field.api_name)) if record is not None else ""
    row.append(element("span", value or "—", "value"))
    row.append(element("span", edit_rule(field).reason, "muted hint"))
    return row
