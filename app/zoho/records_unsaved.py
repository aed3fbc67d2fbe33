"""What the Records view holds that Zoho has not got: a note typed and not sent, a record form whose
values differ from the record's (or, for a new record, from an empty form). Whether going to another
place would throw it away, and the sentences that name it and ask first.

Pure: the view reads its inputs and passes their text in (the form's changes come from
zoho.formtext.changed_texts). A place is ``(module API name, record id or None)``: a record's detail,
or (None) a module's list.
"""

from .compat import Value

NOTE = "note"
FORM = "form"


class Work(Value):
    """``note``: the note box's text, typed for the record at ``note_place``; ``changes``: the form's
    inputs the person changed ({API name: text}), while a form is open for ``form_place`` (the record
    edited, or record None for a new one; ``form_place`` None: no form is open)."""

    FIELDS = ("note", "note_place", "changes", "form_place")

    def __init__(self, note="", note_place=None, changes=None, form_place=None):
        self.note = note
        self.note_place = note_place
        self.changes = dict(changes or {})
        self.form_place = form_place


def unsent_note(text):
    """Whether ``text`` is a note worth keeping: something besides spaces (Zoho takes no empty note)."""
    return isinstance(text, str) and bool(text.strip())


def pending(work):
    """What ``work`` holds, of NOTE and FORM, in that order."""
    held = []
    if unsent_note(work.note) and work.note_place is not None:
        held.append(NOTE)
    if work.changes and work.form_place is not None:
        held.append(FORM)
    return held


def lost_going_to(work, place=None, form_closes=False):
    """What of ``work`` is thrown away by showing ``place`` (None: the record shown stays, only the
    form changes), ``form_closes`` when the step closes (or builds anew) any open form: the note when
    it leaves the record it was typed for; the form when it closes, or leaves its place."""
    lost = []
    for kind in pending(work):
        if kind == NOTE and place is not None and tuple(place) != tuple(work.note_place):
            lost.append(NOTE)
        if kind == FORM and (form_closes or (place is not None and tuple(place) != tuple(work.form_place))):
            lost.append(FORM)
    return lost


def _sentence(work, kind):
    if kind == NOTE:
        return "A note you typed is not added to Zoho; it is kept nowhere else."
    if work.form_place[1] is None:
        return "The new record you are filling in is not saved to Zoho; what you typed is kept nowhere else."
    count = len(work.changes)
    if count == 1:
        return "The record form has 1 change not saved to Zoho; it is kept nowhere else."
    return "The record form has " + str(count) + " changes not saved to Zoho; they are kept nowhere else."


def unsaved_sentence(work, kinds=None):
    """Sentences naming ``kinds`` (by default all that ``work`` holds) and saying they are kept
    nowhere else, in the number of what they name; None when there is nothing."""
    kinds = pending(work) if kinds is None else kinds
    if not kinds:
        return None
    return " ".join(_sentence(work, kind) for kind in kinds)


class Question(Value):
    """What to ask before ``lost`` goes: the ``text``, and the labels of the buttons that keep the
    work (``keep``, the one focused) and that throw it away and go on (``discard``)."""

    FIELDS = ("text", "keep", "discard", "lost")

    def __init__(self, text, keep, discard, lost):
        self.text = text
        self.keep = keep
        self.discard = discard
        self.lost = list(lost)


def leave_question(work, lost):
    """The Question asked before going on would throw ``lost`` (from lost_going_to) away."""
    several = len(lost) > 1 or (lost == [FORM] and work.form_place[1] is not None and len(work.changes) > 1)
    if lost == [NOTE]:
        keep = "Keep the note"
    elif lost == [FORM]:
        keep = "Keep the form"
    else:
        keep = "Keep them"
    return Question(unsaved_sentence(work, lost) + (" Discard them and go on?" if several else " Discard it and go on?"),
                    keep, "Discard and go on", lost)


def kept_after_sign_out(work):
    """What the Records view says when signed out with ``work`` kept (another tab signed out, or
    the person chose to keep it): what is kept, and where; None when it holds nothing."""
    kinds = pending(work)
    if not kinds:
        return None
    what = {NOTE: "the note you typed", FORM: "the record form's values"}
    named = " and ".join(what[kind] for kind in kinds)
    return ("You are signed out. " + named[0].upper() + named[1:] + (" are" if len(kinds) > 1 else " is")
            + " kept in this tab, and put back when you sign in again here.")
