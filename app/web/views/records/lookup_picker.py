"""A lookup's (or an owner's) input in the record form: type a name, pick from the matches. The
box is an ARIA combobox over a listbox (arrows move, Enter picks, Escape closes, a click picks;
``aria-activedescendant`` names the active option, so focus stays in the box); the id picked is
kept on the box (``data-record-id``, what the form sends as ``{"id": ...}``) and only the name
is shown. zoho.lookups says what to ask Zoho and how the keys move.

Searches do not pile up: while one is out, only the latest text typed is searched next, and an
answer for text that has changed since is not shown.
"""

from zoho.api import items_of, record_path, record_title
from zoho.lookups import (
    USERS_CALL,
    moved,
    picks_users,
    record_matches,
    search_call,
    status_text,
    unpicked_problem,
    user_matches,
    users_of,
)

from pyscript.ffi import create_proxy, to_js

from web.dom import element, set_text, show
from web.views.records.inputs import LOOKUP_ID, text_of

FAILED = "Zoho did not answer this search (the message says why)."


class UserDirectory:
    """The organisation's active users, asked of Zoho once for a form's pickers."""

    def __init__(self, view):
        self.view = view
        self.users = None

    async def all(self):
        """The users (dicts), or None when Zoho did not give them (the view's message says why)."""
        if self.users is None:
            method, path, query = USERS_CALL
            response = await self.view.call(method, path, query)
            if response is None:
                return None
            self.users = users_of(response)
        return self.users


class LookupPicker:
    def __init__(self, view, field, input_id, users):
        """The picker of ``field`` (a FieldMeta); its box gets ``input_id`` (its label's target);
        ``users`` is the form's UserDirectory."""
        self.view = view
        self.field = field
        self.users = users
        self.element = element("div", None, "lookup-picker")
        self.input = element("input")
        self.input.type = "text"
        self.input.id = input_id
        self.input.setAttribute("autocomplete", "off")
        self.input.setAttribute("role", "combobox")
        self.input.setAttribute("aria-autocomplete", "list")
        self.input.setAttribute("aria-expanded", "false")
        self.input.setAttribute("aria-controls", input_id + "-options")
        self.input.setAttribute("data-testid", "lookup-input")
        self.input.placeholder = "Type a name to search " + ("users" if picks_users(field) else field.lookup_module)
        self.list = element("ul", None, "lookup-options")
        self.list.id = input_id + "-options"
        self.list.setAttribute("role", "listbox")
        self.list.setAttribute("aria-label", field.label)
        self.list.setAttribute("data-testid", "lookup-options")
        show(self.list, False)
        self.status = element("span", None, "lookup-status")
        self.status.id = input_id + "-status"
        self.status.setAttribute("aria-live", "polite")
        self.element.append(self.input, self.list, self.status)
        self.matches = []
        self.active = None  # the index of the active option
        self.picked = ("", "")  # (id, name) last picked: Escape goes back to it
        self.wanted = None  # text typed while a search was out
        self.searching = False
        self.input.addEventListener("input", create_proxy(self._typed))
        self.input.addEventListener("keydown", create_proxy(self._key))
        self.input.addEventListener("blur", create_proxy(lambda event: self._close()))

    def show(self, record_id, name):
        """Show ``name`` for the record (or user) ``record_id`` as picked ("" for none)."""
        if record_id:
            self.input.setAttribute(LOOKUP_ID, record_id)
        else:
            self.input.removeAttribute(LOOKUP_ID)
        self.picked = (record_id, name) if record_id else ("", "")
        self.input.value = self.picked[1]
        set_text(self.status, "")

    async def put(self, record_id):
        """Put back a kept id (a draft), with the name Zoho gives it."""
        self.show(record_id, "")
        if not record_id:
            return
        name = await self._name_of(record_id)
        if text_of(self.field, self.input) == record_id:  # not changed meanwhile
            self.show(record_id, name)

    def problem(self):
        """The FieldProblem of a name typed but not picked, or None."""
        return unpicked_problem(self.field, self.input.value, text_of(self.field, self.input))

    async def _name_of(self, record_id):
        if picks_users(self.field):
            found = [u for u in await self.users.all() or () if u.get("id") == record_id]
            return found[0].get("full_name") or "" if found else ""
        response = await self.view.call("GET", record_path(self.field.lookup_module, record_id))
        found = items_of(response, "data") if response is not None and response.data is not None else []
        return record_title(found[0]) if found else ""

    # --- typing and searching ---------------------------------------------------------------

    def _typed(self, event):
        self.input.removeAttribute(LOOKUP_ID)  # what is typed now is no pick
        self.wanted = self.input.value
        if not self.searching:
            self.view.spawn(self._search())

    async def _search(self):
        self.searching = True
        try:
            while self.wanted is not None:
                text, self.wanted = self.wanted, None
                matches = await self._find(text)
                if self.wanted is None and self.input.value == text:
                    self._offer(text, matches)
        finally:
            self.searching = False

    async def _find(self, text):
        """The Matches for ``text``; None when it cannot be searched yet; False when Zoho failed."""
        if not text.strip():
            return None
        if picks_users(self.field):
            users = await self.users.all()
            return False if users is None else user_matches(users, text)
        call = search_call(self.field, text)
        if call is None:
            return None
        method, path, query = call
        self.view.message.begin(self.element)
        response = await self.view.call(method, path, query)
        return False if response is None else record_matches(response)

    def _offer(self, text, matches):
        self.list.replaceChildren()
        self.matches = matches or []
        self.active = None
        self.input.removeAttribute("aria-activedescendant")
        if matches is False:
            set_text(self.status, FAILED)
        else:
            set_text(self.status, status_text(self.field, text, matches) if text.strip() else "")
        for index, match in enumerate(self.matches):
            option = element("li", match.name)
            option.id = self.list.id + "-" + str(index)
            option.setAttribute("role", "option")
            option.setAttribute("aria-selected", "false")
            option.setAttribute("data-testid", "lookup-option")
            if match.hint:
                option.append(element("span", match.hint, "hint"))
            option.addEventListener("mousedown", create_proxy(lambda event: event.preventDefault()))  # focus stays
            option.addEventListener("click", create_proxy(self._picker_of(index)))
            self.list.append(option)
        self._open(bool(self.matches))

    # --- the list ---------------------------------------------------------------------------

    def _picker_of(self, index):
        return lambda event: self._pick(index)

    def _pick(self, index):
        match = self.matches[index]
        self.show(match.id, match.name)
        self._close()
        self.view.spawn(self.view.save_draft())

    def _open(self, is_open):
        show(self.list, is_open)
        self.input.setAttribute("aria-expanded", "true" if is_open else "false")
        if not is_open:
            self.input.removeAttribute("aria-activedescendant")

    def _close(self):
        self._open(False)

    def _key(self, event):
        is_open = not self.list.hidden
        if event.key in ("ArrowDown", "ArrowUp", "Home", "End") and self.matches:
            event.preventDefault()
            self._open(True)
            self.active = moved(self.active, len(self.matches), event.key)
            self._highlight()
        elif event.key == "Enter" and is_open and self.active is not None:
            event.preventDefault()
            self._pick(self.active)
        elif event.key == "Escape" and is_open:
            event.preventDefault()
            self._close()
        elif event.key == "Escape" and not text_of(self.field, self.input) and self.picked[0]:
            event.preventDefault()  # closed already: back to the record picked before the typing
            self.wanted = None
            self.show(*self.picked)

    def _highlight(self):
        for index, option in enumerate(self.list.querySelectorAll("li")):
            option.setAttribute("aria-selected", "true" if index == self.active else "false")
            if index == self.active:
                self.input.setAttribute("aria-activedescendant", option.id)
                option.scrollIntoView(to_js({"block": "nearest"}))
