"""One record: its fields in its layout's sections (empty ones behind "Show empty fields"), values
formatted by type and the organisation's settings, emails, phones and websites as links; Edit,
Delete (with confirmation) and Close; and under it the parts of issue 21: related records, Notes
and Attachments."""

import asyncio

from pyscript.ffi import create_proxy

from zoho.api import CRM, first_item, items_of, record_path, record_title
from zoho.display import link_href
from zoho.fields import label_of
from zoho.layouts import detail_plan, layout_sections, record_layout_id
from zoho.locale import formats_from
from zoho.related import ATTACHMENTS, NAME_FIELD, NOTES, has_list, record_lists

from web.dom import button, by_id, element, set_text, show, value_cell
from web.intl import TextFormatter, intl_formatter
from web.views.records.attachments import Attachments
from web.views.records.links import value_link
from web.views.records.notes import Notes
from web.views.records.related import RelatedLists
from web.views.records.results import Quiet, say_results


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
        self.formatter = TextFormatter()  # web.intl: Intl's, once the org's and user's settings are read
        self.make_formatter = intl_formatter
        self._formats_for = None  # the access token the formatter was made for
        self.layouts = {}  # module API name -> its layouts answer (None when it could not be read)
        self.related_lists = {}  # module API name -> its related lists answer
        self.empty_toggle = view.part("show-empty-fields")
        self.empty_toggle.addEventListener("change", create_proxy(lambda event: self._render_fields()))
        self.related = RelatedLists(view, lambda: self.formatter, self._open_related)
        self.notes = Notes(view, lambda: self.formatter)
        self.attachments = Attachments(view, lambda: self.formatter)

    def record_id(self):
        record_id = self.record.get("id") if self.record is not None else None
        return record_id if isinstance(record_id, str) else None

    async def ready_formats(self):
        """The value formatter for this sign-in's organisation and user (asked of Zoho once per token);
        the plain one when their settings cannot be read."""
        token = self.view.services.usable_token()
        if token is None or token.access_token == self._formats_for:
            return self.formatter
        self._formats_for = token.access_token
        org, user = await asyncio.gather(
            self.view.services.call("GET", CRM + "/org", None, None, Quiet()),
            self.view.services.call("GET", CRM + "/users", [("type", "CurrentUser")], None, Quiet()))
        formats = formats_from(first_item(org, "org") if org else None, first_item(user, "users") if user else None)
        self.formatter = await self.make_formatter(formats)
        if not (org and user):
            self._formats_for = None  # asked again with the next module or record, not kept for the sign-in
        return self.formatter

    async def _settings(self, cache, path, module):
        """GET settings/``path``?module=``module`` once per module (None when it could not be read)."""
        if module not in cache:
            response = await self.view.services.call("GET", CRM + "/settings/" + path, [("module", module)], None,
                                                     Quiet())
            cache[module] = response.data if response is not None else None
        return cache[module]

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
        await asyncio.gather(self.ready_formats(), self._settings(self.layouts, "layouts", module))
        self.module = module
        self.meta = meta
        self.record = records[0]
        self._render()
        # What the person looks at next: the message that says what came of their action
        # (it sits just above the record), or else the record.
        (self.view.message.container if keep_message else self.element).scrollIntoView()
        self.view.spawn(self._load_depth(module, self.record_id(), self.record))
        return True

    def _render(self):
        set_text(self.view.part("record-title"), record_title(self.record, NAME_FIELD.get(self.module)))
        self._render_fields()
        actions = by_id("record-actions")
        actions.replaceChildren()
        if self.allowed("UPDATE", "editable"):
            actions.append(button("Edit", lambda: self.on_edit(self.record)))
        if self.allowed("DELETE", "deletable"):
            actions.append(button("Delete", self._confirm_delete))
        actions.append(button("Close", lambda: self.view.before_going((self.module, None), self.close, actions)))
        show(self.element)

    def _render_fields(self):
        """The record's fields in its layout's sections; empty ones only when the toggle is on."""
        if self.record is None:
            return
        record = self.record
        sections = layout_sections(self.layouts.get(self.module), record_layout_id(record))
        plan = detail_plan(sections, record, self.empty_toggle.checked, lambda name: label_of(self.meta, name))
        set_text(self.view.part("empty-count"), "({} hidden)".format(plan.hidden) if plan.hidden else "")
        by_name = {field.api_name: field for field in self.meta}
        container = self.view.part("record-fields")
        container.replaceChildren()
        for section in plan.sections:
            part = element("section")
            if section.label:
                part.append(element("h4", section.label))
            facts = element("dl", None, "facts")
            for name in section.names:
                field = by_name.get(name)
                facts.append(element("dt", label_of(self.meta, name)))
                facts.append(self._value(field, record.get(name)))
            part.append(facts)
            container.append(part)

    def _value(self, field, value):
        """A dd with the value's text, a link when it is an email, phone or website (zoho.display)."""
        text = self.formatter.text(field, value)
        href = link_href(field.data_type if field is not None else None, value)
        if href is None:
            return value_cell("dd", text)
        cell = element("dd")
        cell.append(value_link(text, href))
        return cell

    async def _load_depth(self, module, record_id, record):
        """The related records, Notes and Attachments of the record shown, as Zoho lists them for its module."""
        def still():
            return self.record is record

        self.related.clear()
        self.notes.clear()
        self.attachments.clear()
        lists = await self._settings(self.related_lists, "related_lists", module)
        if not still():
            return
        if has_list(lists, NOTES):
            await self.notes.show(module, record_id, still)
        if has_list(lists, ATTACHMENTS) and still():
            await self.attachments.show(module, record_id, still)
        if still():
            await self.related.show(module, record_id, record_lists(lists), still)

    async def _open_related(self, module, record_id, near):
        """Open a related record in place (asked from beside ``near``)."""
        await self.view.open_related(module, record_id, near)

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
        self.related.clear()
        self.notes.clear()
        self.attachments.clear()

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
        self.notes.discard()  # a note for a record that is gone can never be added
        await self.on_deleted()

