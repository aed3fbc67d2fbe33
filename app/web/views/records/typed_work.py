"""What the person typed in the Records view and Zoho has not got: a note not sent, the open form's
changed values (zoho.records_unsaved decides what a step would lose). A step that would lose some asks
first, beside what was clicked (question.py); what is typed is the view's kept draft, for a reload or
a new sign-in, and makes the browser ask before the page is left."""

from zoho.records_unsaved import FORM, NOTE, Work, leave_question, lost_going_to, pending, unsaved_sentence

FIELD_PREFIX = "field:"  # a form field's text in the kept draft
NOTE_KEYS = ("note", "note_module", "note_record")  # a note being typed in the kept draft, and its record


class TypedWork:
    def __init__(self, notes, form, question, keep_draft):
        """``notes`` (notes.py) and ``form`` (form.py) hold what is typed, ``question`` (question.py)
        asks; ``keep_draft()`` keeps the view's draft anew once something typed was discarded."""
        self.notes = notes
        self.form = form
        self.question = question
        self.keep_draft = keep_draft

    def now(self):
        """The note being typed and the open form's changes (zoho.records_unsaved.Work)."""
        form_place = None
        if self.form.is_open:
            form_place = (self.form.module, self.form.record.get("id") if self.form.record else None)
        return Work(self.notes.text.value, self.notes.typed_for, self.form.changed() if self.form.is_open else {},
                    form_place)

    def sentence(self):
        """What would be lost, in words (a sign-out's question), or None."""
        return unsaved_sentence(self.now())

    def ask(self, lost, near, go_on, keep=None):
        """Ask, beside ``near``, before ``lost`` (zoho.records_unsaved) goes; on Discard it goes and
        ``go_on()`` runs, otherwise ``keep()``."""
        def discard():
            if NOTE in lost:
                self.notes.discard()
            if FORM in lost:
                self.form.hide()
            self.keep_draft()
            go_on()

        self.question.ask(leave_question(self.now(), lost), near, discard, keep)

    def before_going(self, place, go_on, near, form_closes=False):
        """``go_on()`` now when showing ``place`` (None: the record shown stays) loses nothing
        typed; otherwise once the person chose to discard it."""
        lost = lost_going_to(self.now(), place, form_closes)
        if lost:
            self.ask(lost, near, go_on)
        else:
            go_on()

    def before_unload(self, event):
        """Leaving or reloading the page with unsaved work: the browser asks (its own question; a
        page may not word it). A reload would find the draft, but a closed tab would not."""
        if self.sentence() is not None:
            event.preventDefault()
            event.returnValue = ""

    def draft(self, module):
        """The note being typed (and its record); the open form's ``module``, record and what the
        person typed (for an edit, only the fields they changed: the rest is Zoho's data, not kept)."""
        kept = {}
        work = self.now()
        if NOTE in pending(work):
            kept.update(zip(NOTE_KEYS, (work.note,) + tuple(work.note_place)))
        if not self.form.is_open or module is None:
            return kept
        kept["module"] = module
        kept["record"] = self.form.record.get("id") if self.form.record else ""
        for name, text in self.form.changed().items():
            kept[FIELD_PREFIX + name] = text
        return kept

    def put_back_note(self, draft):
        """The note of a kept ``draft``, back in its box for its record."""
        if all(isinstance(draft.get(key), str) for key in NOTE_KEYS):
            self.notes.put_back(draft["note"], (draft["note_module"], draft["note_record"]))


def form_texts(draft):
    """The form's field texts in a kept ``draft`` (API name -> text)."""
    return {key[len(FIELD_PREFIX):]: text for key, text in draft.items() if key.startswith(FIELD_PREFIX)}
