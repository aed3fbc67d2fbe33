"""The records list's filter bar: a field of the module (from Zoho's field metadata), an operator
its data type allows, a value in the input that fits it; Apply makes it Zoho's criteria (or a COQL
condition) by zoho.filters and hands it to the list, which shows what was sent beside the bar.
"""

from zoho.fields import CHECKBOX, SELECT
from zoho.filters import (Applied, build_filter, filter_fields, operator_label, operators_for, restored_filter,
                          sent_words, value_count, value_input)

from pyscript import window
from pyscript.ffi import create_proxy

from web.dom import add_options, by_id, element, on_click, show

VALUE_TESTIDS = ("filter-value", "filter-value-end")  # the second one for "between"


class FilterBar:
    def __init__(self, view, fields, may_query, on_filter, on_clear):
        """``fields()`` is the open module's FieldMeta list, ``may_query()`` whether the sign-in may
        run COQL; ``on_filter(filter, applied)`` lists the records a zoho.filters.Filter keeps (``applied``:
        the bar's choice, zoho.filters.Applied, to keep for the tab), and
        ``on_filter(None, problem=...)`` says why it cannot be sent (the view's message is already
        beside the bar); ``on_clear(near)`` lists all of them again."""
        self.view = view
        self.fields = fields
        self.may_query = may_query
        self.on_filter = on_filter
        self.on_clear = on_clear
        self.bar = by_id("filter-bar")
        self.values = by_id("filter-values")
        self.sent = view.part("filter-sent")
        self.field_select = view.part("filter-field")
        self.operator_select = view.part("filter-operator")
        self.field_select.addEventListener("change", create_proxy(lambda event: self._field_chosen()))
        self.operator_select.addEventListener("change", create_proxy(lambda event: self._operator_chosen(True)))
        self.bar.addEventListener("keydown", create_proxy(self._key))
        on_click(view.part("filter-apply"), self._apply)
        on_click(view.part("filter-clear"), self._clear)

    def start(self):
        """The bar for the open module's fields, nothing filtered."""
        self.field_select.replaceChildren()
        for field in filter_fields(self.fields()):
            option = element("option", field.label)
            option.value = field.api_name
            self.field_select.append(option)
        self._field_chosen()
        self.showing(None)

    def clear(self):
        self.field_select.replaceChildren()
        self.operator_select.replaceChildren()
        self.values.replaceChildren()
        self.showing(None)

    def showing(self, sent):
        """Say what the list is filtered by (a zoho.filters.Filter, exactly as sent), or, None, that it is not."""
        self.sent.replaceChildren()
        show(self.view.part("filter-clear"), sent is not None)
        show(self.sent, sent is not None)
        if sent is None:
            return
        self.sent.append(element("span", sent_words(sent)))
        self.sent.append(element("code", sent.text))

    def _field(self):
        for field in filter_fields(self.fields()):
            if field.api_name == self.field_select.value:
                return field
        return None

    def _field_chosen(self):
        field = self._field()
        self.operator_select.replaceChildren()
        for operator in operators_for(field, self.may_query()) if field is not None else ():
            option = element("option", operator_label(field, operator))
            option.value = operator
            self.operator_select.append(option)
        self._operator_chosen()

    def _operator_chosen(self, keep=False):
        """The value's inputs for the field and operator: none, one, or two (between). With ``keep``
        (only the operator changed), an input of the same kind as before keeps what was typed in it."""
        before = [self.values.querySelector('[data-testid="' + testid + '"]') for testid in VALUE_TESTIDS]
        self.values.replaceChildren()
        field = self._field()
        operator = self.operator_select.value
        if field is None or not operator:
            return
        for n in range(value_count(operator)):
            kind = value_input(field, operator)
            control = _control(field, kind)
            if keep and before[n] is not None and before[n].getAttribute("data-kind") == kind:
                if kind == CHECKBOX:
                    control.checked = before[n].checked
                else:
                    control.value = before[n].value
            control.setAttribute("data-kind", kind)
            control.setAttribute("data-testid", VALUE_TESTIDS[n])
            control.setAttribute("aria-label", "and" if n else "Value")
            if operator == "in":
                control.placeholder = "values, separated by commas"
            if n:
                self.values.append(element("span", "and"))
            self.values.append(control)

    def _entries(self):
        entries = []
        for testid in VALUE_TESTIDS:
            control = self.values.querySelector('[data-testid="' + testid + '"]')
            if control is not None:
                # A number input holding what it cannot read has the value "": None says so.
                entries.append(control.checked if control.type == CHECKBOX
                               else None if control.validity.badInput else control.value)
        return entries

    def _key(self, event):
        if event.key == "Enter" and event.target.tagName == "INPUT":
            event.preventDefault()
            self._apply()

    def _apply(self):
        field = self._field()
        self.view.message.begin(self.bar)
        if field is None:
            self.view.message.show_error("This module has no field Zoho can filter by.")
            return
        entries = self._entries()
        try:
            chosen = build_filter(field, self.operator_select.value, entries, _utc_offset())
        except ValueError as error:
            self.on_filter(None, problem=str(error))
            self._mark_values(True)
            return
        self._mark_values(False)
        self.on_filter(chosen, Applied(field.api_name, self.operator_select.value, entries))

    def put_back(self, applied):
        """The bar as the kept ``applied`` (zoho.filters.Applied) left it, and the Filter it makes now;
        None (the bar left as it was) when it makes none any more."""
        chosen = restored_filter(applied, self.fields(), self.may_query(), _utc_offset())
        if chosen is None:
            return None
        self.field_select.value = applied.field
        self._field_chosen()
        self.operator_select.value = applied.operator
        self._operator_chosen()
        for testid, entry in zip(VALUE_TESTIDS, applied.entries):
            control = self.values.querySelector('[data-testid="' + testid + '"]')
            if control is None:
                continue
            if control.type == CHECKBOX:
                control.checked = entry is True
            else:
                control.value = entry
        return chosen

    def _mark_values(self, refused):
        """The value's inputs marked (aria-invalid, the focus on the first) when what they hold was
        refused; unmarked once it is sent."""
        controls = [self.values.querySelector('[data-testid="' + testid + '"]') for testid in VALUE_TESTIDS]
        controls = [control for control in controls if control is not None]
        for control in controls:
            if refused:
                control.setAttribute("aria-invalid", "true")
            else:
                control.removeAttribute("aria-invalid")
        if refused and controls:
            controls[0].focus()

    def _clear(self):
        self.on_clear(self.bar)


def _utc_offset():
    """The browser's offset from UTC in minutes (east positive), for a date and time typed."""
    return -int(window.Date.new().getTimezoneOffset())


def _control(field, kind):
    """A new, empty input of ``kind`` (zoho.filters.value_input) for ``field``."""
    if kind == SELECT:
        control = element("select")
        add_options(control, field.choices)
        return control
    control = element("input")
    control.type = kind
    if kind == "number":
        control.setAttribute("step", "any")
    return control
