"""A record's Notes under its detail: listed (title, text, who and when), and a new one added from
the textarea; what was typed stays there until Zoho has taken it."""

from zoho.api import items_of, record_path
from zoho.locale import formatted_text
from zoho.related import NOTES, new_note, notes_call

from web.dom import element, on_click, show
from web.page import Message
from web.views.records.list_tools import Noted
from web.views.records.results import say_results


class Notes:
    def __init__(self, view, formatter):
        """``formatter()`` gives the value formatter in use (web.intl)."""
        self.view = view
        self.formatter = formatter
        self.element = view.part("notes")
        self.listing = view.part("notes-list")
        self.text = view.part("note-text")
        self.add = view.part("note-add")
        self.message = Message(view.part("notes-message"))
        self.place = None  # (module, record id, still) of the record whose notes are shown
        self.typed_for = None  # (module, record id) the text in the box was typed for (kept past clear())
        on_click(self.add, lambda: self.view.spawn(self._add()))
        view.keep_as_draft(self.text)  # kept in the tab, with its record, for a reload or a new sign-in

    def clear(self):
        self.place = None
        show(self.element, False)
        self.listing.replaceChildren()
        self.message.clear()

    def forget(self):
        """The session ended: nothing listed, and no note being typed is kept for the next one."""
        self.clear()
        self.text.value = ""
        self.typed_for = None

    def discard(self):
        """The note being typed goes (the person chose so)."""
        self.text.value = ""
        self.typed_for = None

    def put_back(self, text, place):
        """A note kept in the tab's draft, typed for ``place`` (module, record id): in the box again,
        for when that record is shown."""
        self.text.value = text
        self.typed_for = tuple(place)

    async def show(self, module, record_id, still, report=None):
        """List the notes of record ``record_id`` of ``module`` while ``still()``; what goes wrong is
        said in ``report`` (the notes' message by default), and no notes listed earlier stay.
        True once listed."""
        if self.typed_for != (module, record_id):
            self.text.value = ""  # a note being typed belongs to the record it was typed for
            self.typed_for = (module, record_id)
        self.place = (module, record_id, still)
        self.message.clear()
        show(self.element)
        path, query = notes_call(module, record_id)
        response = await self.view.services.call("GET", path, query, None, report or self.message)
        if not still():
            return False
        self.listing.replaceChildren()
        if response is None:
            return False
        notes = items_of(response, "data")
        if not notes:
            self.listing.append(element("li", "No notes yet.", "muted"))
        for note in notes:
            self.listing.append(self._item(note))
        return True

    def _item(self, note):
        item = element("li")
        if isinstance(note.get("Note_Title"), str) and note["Note_Title"]:
            item.append(element("strong", note["Note_Title"]))
        item.append(element("p", formatted_text("textarea", note.get("Note_Content"))))
        owner = formatted_text("ownerlookup", note.get("Owner"))
        when = self.formatter().typed("datetime", note.get("Created_Time"))
        item.append(element("small", " · ".join(part for part in (owner, when) if part), "muted"))
        return item

    async def _add(self):
        if self.place is None:
            return
        module, record_id, still = self.place
        try:
            body = new_note(self.text.value)
        except ValueError as refusal:
            self.message.show_error(refusal.args[0])
            return
        self.add.disabled = True
        try:
            response = await self.view.services.call("POST", record_path(module, record_id) + "/" + NOTES, None,
                                                     body, self.message)
        finally:
            self.add.disabled = False
        if response is None or not still():
            return
        results = say_results(self.message, response, [])
        if results and all(result.ok for result in results):
            self.text.value = ""
            self.view.spawn(self.view.save_draft())
            listing = Noted()
            if await self.show(module, record_id, still, listing):
                self.message.show_done("Note added.")
            elif still():
                self.message.show_list("error", [("Note added.", True), (listing.sentence or NOT_LISTED, False)])


NOT_LISTED = "Zoho did not list the notes again."
