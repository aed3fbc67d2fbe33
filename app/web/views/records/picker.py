"""The field picker: a checkbox for each of the module's fields (its label, its API name as a
hint), and a box for API names typed by hand (when Zoho's field list is not known)."""

from zoho.columns import picked_columns, typed_columns

from pyscript.ffi import create_proxy

from web.dom import by_id, element, on_click


class FieldPicker:
    def __init__(self, view, on_chosen):
        """``on_chosen(names, near)`` is called with the fields chosen, and the control to say
        what comes of it after."""
        self.view = view
        self.on_chosen = on_chosen
        self.box = view.part("fields")
        self.choices = by_id("field-choices")
        self.chosen = []  # the columns shown, in their order
        on_click(view.part("fields-apply"), self._typed)

    def show(self, fields, chosen):
        """Offer ``fields`` (FieldMeta list, or None when not known), ``chosen`` (API names) ticked."""
        self.chosen = list(chosen)
        self.box.value = ",".join(chosen)
        self.choices.replaceChildren()
        for field in fields or ():
            label = element("label", None, "choice")
            box = element("input")
            box.type = "checkbox"
            box.value = field.api_name
            box.checked = field.api_name in chosen
            box.addEventListener("change", create_proxy(lambda event: self._picked()))
            label.append(box)
            label.append(element("span", field.label))
            label.append(element("span", field.api_name, "muted hint"))
            self.choices.append(label)

    def clear(self):
        self.chosen = []
        self.box.value = ""
        self.choices.replaceChildren()

    def _picked(self):
        ticked = [box.value for box in self.choices.querySelectorAll("input:checked")]
        picked = picked_columns(self.chosen, ticked)
        near = self.view.part("field-picker")
        if not picked:
            self.view.message.begin(near)
            self.view.message.show_error("Choose at least one field to show.")
            return
        self.chosen = picked
        self.box.value = ",".join(picked)
        self.on_chosen(picked, near)

    def _typed(self):
        names = typed_columns(self.box.value)
        near = self.view.part("fields-apply").parentElement
        if not names:
            self.view.message.begin(near)
            self.view.message.show_error("Type at least one field's API name.")
            return
        for box in self.choices.querySelectorAll("input"):
            box.checked = box.value in names
        self.chosen = names
        self.on_chosen(names, near)
