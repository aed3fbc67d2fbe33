"""One record: its fields by label, and Edit, Delete (with confirmation) and Close."""

from zoho.api import CRM, items_of, record_path, record_title
from zoho.display import field_text
from zoho.fields import label_of

from web.dom import button, by_id, element, set_text, show, value_cell
from web.views.records.results import say_results


class RecordDetail:
    def __init__(self, view, allowed, on_edit, on_deleted, on_closed):
        """``view`` gives the detail its parts, calls and message; ``allowed(operation,
        capability)`` says whether the person may edit or delete; ``on_edit(record)``,
        ``on_deleted()`` and ``on_closed()`` report back."""
        self.view = view
        self.allowed = allowed
        self.on_edit = on_edit
        self.on_deleted = on_deleted
        self.on_closed = on_closed
        self.element = view.part("record-detail")
        self.module = None
        self.meta = []
        self.record = None  # the record shown, as Zoho last gave it

    def record_id(self):
        record_id = self.record.get("id") if self.record is not None else None
        return record_id if isinstance(record_id, str) else None

    async def load(self, module, meta, record_id, keep_message=False):
        """Fetch record ``record_id`` of ``module`` (an API name) and show it; ``meta`` is the
        module's fields. True when it is shown; otherwise no record is (the message says why)."""
        if not keep_message:
            self.view.message.begin(by_id("records-tools"))
        try:
            path = record_path(module, record_id)  # never a path or a query, whatever the link held
        except ValueError:
            path = response = None
            self.view.message.show_error("That is not a Zoho record id, so it was not opened.")
        else:
            response = await self.view.call("GET", path)
        records = items_of(response, "data") if response is not None else []
        if not records:
            if response is not None:
                self.view.message.show_error("That record no longer exists in Zoho.")
            self.clear()  # a record shown before would look like the one asked for
            self.on_closed()
            return False
        self.module = module
        self.meta = meta
        self.record = records[0]
        self._render()
        # What the person looks at next: the message that says what came of their action
        # (it sits just above the record), or else the record.
        (self.view.message.container if keep_message else self.element).scrollIntoView()
        return True

    def _render(self):
        record = self.record
        set_text(self.view.part("record-title"), record_title(record))
        facts = self.view.part("record-fields")
        facts.replaceChildren()
        by_name = {field.api_name: field for field in self.meta}
        for name in sorted(record, key=lambda name: label_of(self.meta, name).lower()):
            facts.append(element("dt", label_of(self.meta, name)))
            facts.append(value_cell("dd", field_text(by_name.get(name), record[name])))
        actions = by_id("record-actions")
        actions.replaceChildren()
        if self.allowed("UPDATE", "editable"):
            actions.append(button("Edit", lambda: self.on_edit(self.record)))
        if self.allowed("DELETE", "deletable"):
            actions.append(button("Delete", self._confirm_delete))
        actions.append(button("Close", self.close))
        show(self.element)

    def show_again(self):
        """Show the record again (after its edit form was cancelled)."""
        if self.record is not None:
            show(self.element)

    def hide(self):
        show(self.element, False)

    def clear(self):
        self.record = None
        self.hide()
        set_text(self.view.part("record-title"), "")
        self.view.part("record-fields").replaceChildren()
        by_id("record-actions").replaceChildren()

    def close(self):
        self.record = None
        self.hide()
        self.view.message.clear()
        self.on_closed()

    def _confirm_delete(self):
        actions = by_id("record-actions")
        actions.replaceChildren()
        actions.append(element("span", "Delete this record for good?"))
        confirm = button("Delete", lambda: self.view.spawn(self._delete()), "danger")
        confirm.setAttribute("data-testid", "confirm-delete")
        actions.append(confirm)
        actions.append(button("Cancel", self._render))

    async def _delete(self):
        self.view.message.begin(self.element)
        response = await self.view.call("DELETE", CRM + "/" + self.module, [("ids", self.record_id())])
        if response is None:
            return
        results = say_results(self.view.message, response, self.meta)
        if results is None or not all(result.ok for result in results):
            return
        self.record = None
        self.hide()
        await self.on_deleted()
