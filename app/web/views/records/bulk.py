"""The bar over the chosen rows: "N selected", Change a field (``bulk-update``: one field, one
value, for all of them) and Delete (``bulk-delete``). Each asks in the page first (never
``window.confirm``), shows its progress a batch at a time, then Zoho's result for each record
in the view's message, and has the list drawn again. zoho.bulk makes the calls and the
sentences, and decides whether Change a field is offered: Zoho's mass update has its own scope,
and a sign-in without it is told so beside the bar, with the sign-in that asks for it."""

from zoho.bulk import (
    DELETE,
    MASS_UPDATE_SCOPE,
    NEEDS_SCOPE,
    NEEDS_SCOPE_TEXT,
    BulkAction,
    changed_nothing,
    confirm_label,
    confirmation,
    mass_updatable,
    maybe_done_line,
    progress_text,
    result_lines,
    run_bulk,
    update_action,
)
from zoho.errors import NetworkError
from zoho.fields import MULTI_SELECT, SELECT
from zoho.formtext import entry_of
from zoho.selection import count_text

from pyscript import window
from pyscript.ffi import create_proxy

from web.dom import by_id, element, on_click, set_text, show
from web.views.records.inputs import control_for, text_of

VALUE_ID = "bulk-value"


class BulkActions:
    def __init__(self, view, allowed, update_access, fields, names, on_done):
        """``allowed(operation, capability)`` as the view says it (for Delete); ``update_access()``
        how Change a field stands (zoho.bulk.update_access); ``fields()`` the module's
        FieldMeta list; ``names()`` id -> name of the page's records; ``on_done(offline)`` (async)
        draws the list again once Zoho has answered (``offline``: the run ended without a connection)."""
        self.view = view
        self.allowed = allowed
        self.update_access = update_access
        self.fields = fields
        self.names = names
        self.on_done = on_done
        self.bar = by_id("bulk-bar")
        self.panel = by_id("bulk-panel")
        self.choice = by_id("bulk-choice")
        self.field_select = view.part("bulk-field")
        self.question = view.part("bulk-question")
        self.confirm = view.part("bulk-confirm")
        self.status = by_id("bulk-status")
        self.progress = view.part("bulk-progress")
        self.chosen = []
        self.action = None  # the BulkAction asked about, once the person has said what
        self.control = None  # the new value's input
        self.running = False
        on_click(view.part("bulk-update"), self._start_update)
        on_click(view.part("bulk-delete"), self._start_delete)
        on_click(view.part("bulk-review"), self._review)
        on_click(self.confirm, lambda: view.spawn(self._run()))
        on_click(view.part("bulk-cancel"), self.close)
        self.field_select.addEventListener("change", create_proxy(lambda event: self._value_input()))
        self.panel.addEventListener("keydown", create_proxy(self._key))

    def chose(self, ids):
        """The chosen rows changed (the selection's callback)."""
        self.chosen = list(ids)
        set_text(self.view.part("selected-count"), count_text(len(self.chosen)))
        show(self.view.part("bulk-update"), self.update_access() is not None)
        show(self.view.part("bulk-delete"), self.allowed("DELETE", "deletable"))
        show(self.bar, bool(self.chosen) or self.running)
        if not self.running:
            self.close()

    def close(self):
        """Put away the question (nothing was sent)."""
        self.action = None
        show(self.panel, False)

    def _key(self, event):
        """Escape puts the question away, as Cancel does (nothing sent), while nothing is under way;
        the focus goes back to the bar."""
        if event.key == "Escape" and not self.running and not self.panel.hidden:
            event.preventDefault()
            deleting = self.action is not None and self.action.kind == DELETE
            self.close()
            self.view.part("bulk-delete" if deleting else "bulk-update").focus()

    def _open(self, choosing):
        self.view.message.clear()
        show(self.panel)
        show(self.choice, choosing)
        show(self.view.part("bulk-review"), choosing)
        show(self.question, not choosing)
        show(self.confirm, not choosing)
        show(self.status, False)

    def _start_update(self):
        self.action = None
        if self.update_access() == NEEDS_SCOPE:  # said beside the bar, with the sign-in that asks for it
            self.close()
            self.view.message.begin(self.bar)
            self.view.services.offer_scope(self.view.message, NEEDS_SCOPE_TEXT, MASS_UPDATE_SCOPE)
            return
        updatable = [field for field in self.fields() if mass_updatable(field)]
        self.field_select.replaceChildren()
        for field in updatable:
            option = element("option", field.label)
            option.value = field.api_name
            self.field_select.append(option)
        self._open(True)
        self._value_input()
        self.field_select.focus()

    def _chosen_field(self):
        for field in self.fields():
            if field.api_name == self.field_select.value:
                return field
        return None

    def _value_input(self):
        """The new value's input, of the chosen field's kind."""
        slot = by_id("bulk-value-slot")
        slot.replaceChildren()
        field = self._chosen_field()
        self.control = control_for(field) if field is not None else None
        if self.control is not None:
            self.control.id = VALUE_ID
            slot.append(self.control)

    def _review(self):
        """Check the value; then ask, in the page."""
        field = self._chosen_field()
        if field is None or self.control is None:
            return
        self.view.message.begin(self.panel)
        offset = -int(window.Date.new().getTimezoneOffset())
        text = text_of(field, self.control)
        try:
            self.action = update_action(self.view.module["api_name"], field, entry_of(field, text),
                                        _shown(field, self.control, text), offset)
        except ValueError as error:
            self.view.message.show_error(str(error))
            self.control.setAttribute("aria-invalid", "true")
            self.control.focus()
            return
        self.control.removeAttribute("aria-invalid")
        self._ask("primary")

    def _start_delete(self):
        self.action = BulkAction(DELETE, self.view.module["api_name"])
        self._open(False)
        self._ask("danger")

    def _ask(self, kind):
        self._open(False)
        set_text(self.question, confirmation(self.action, len(self.chosen)))
        set_text(self.confirm, confirm_label(self.action, len(self.chosen)))
        self.confirm.className = kind
        self.confirm.focus()

    async def _run(self):
        action, ids = self.action, list(self.chosen)
        if action is None or not ids or self.running:
            return
        names = self.names()
        self.running = True
        self._buttons(False)
        show(self.choice, False)
        show(self.view.part("bulk-review"), False)
        show(self.question, False)
        show(self.confirm, False)
        show(self.status)
        self._progress(action, [], len(ids))
        self.view.message.begin(self.bar)
        done, refused = [], []

        async def on_rows(rows):
            done.extend(rows.rows)
            self._progress(action, done, len(ids))

        flow = run_bulk(self.view.services.credentials, action, ids)
        finished = await self.view.drive(flow, lambda error: refused.append(error), on_rows)
        self.running = False
        self.close()
        self._buttons(True)
        lines = result_lines(action, done, names, self.fields(), len(ids))
        if finished is not None:
            self.view.message.show_list("done" if all(ok for _, ok in lines) else "error", lines)
        elif done:  # a later batch failed as a whole: its reason, then what came of the earlier ones
            said = [(refused[0].message, False)] if refused else []
            self.view.message.show_list("error", said + lines)
        elif refused and changed_nothing(refused[0]):
            return  # Zoho refused it all (the message says why): the rows stay chosen, for another try
        # (When nothing was done, the view's message already says why.) A run that ended offline has
        # the list read again when the browser is back online.
        await self.on_done(any(isinstance(error, NetworkError) for error in refused))
        if finished is None and not done and refused:  # after the list's own messages, which replaced it
            self.view.message.show_list("error", [(refused[0].message, False), (maybe_done_line(action), False)])

    def _buttons(self, usable):
        """The bar's buttons, off while a change or delete is under way."""
        self.view.part("bulk-update").disabled = not usable
        self.view.part("bulk-delete").disabled = not usable

    def _progress(self, action, done, total):
        self.progress.max = total
        self.progress.value = len(done)
        set_text(by_id("bulk-progress-text"), progress_text(action, len(done), total))


def _shown(field, control, text):
    """The value as the person chose it: a choice's label, else the text typed."""
    if field.input_kind == SELECT:
        return control.selectedOptions[0].textContent if text else ""
    if field.input_kind == MULTI_SELECT:
        return ", ".join(option.textContent for option in control.selectedOptions)
    return text
