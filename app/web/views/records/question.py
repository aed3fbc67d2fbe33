"""The question asked in the page before something the person typed is thrown away (never
``window.confirm``): in the view's message area beside the control that was used, a sentence and
two buttons, as the page asks elsewhere (web.page.fill_message: the sign-out's question, the
bulk actions'). The button that keeps the work has the focus; Escape is that button too.
zoho.records_unsaved says what is asked."""

from pyscript import document
from pyscript.ffi import create_proxy, to_js

from web.dom import show
from web.page import fill_message

ASKING = "question"  # the message's kind while a question is on show


class Question:
    def __init__(self, message):
        """``message`` is the view's web.page.Message: a new action there puts the question away."""
        self.message = message
        self._keep = None
        message.container.addEventListener("keydown", create_proxy(self._key))

    def ask(self, question, near, go_on, keep=None):
        """Ask ``question`` (zoho.records_unsaved.Question) after ``near``: its discard button calls
        ``go_on()``, its keep button (and Escape) ``keep()`` and gives the focus back where it was."""
        back_to = document.activeElement

        def kept():
            self._put_away()
            if keep is not None:
                keep()
            if back_to is not None and getattr(back_to, "isConnected", True):
                back_to.focus()

        def discarded():
            self._put_away()
            go_on()

        self.message.begin(near)
        say_with_actions(self.message, ASKING, question.text,
                         [(question.keep, kept), (question.discard, discarded, "danger")])
        self._keep = kept
        self.message.container.querySelector("button").focus()

    def asking(self):
        return self.message.kind == ASKING

    def _put_away(self):
        self._keep = None
        if self.asking():
            self.message.clear()

    def _key(self, event):
        if event.key == "Escape" and self.asking() and self._keep is not None:
            event.preventDefault()
            self._keep()


def say_with_actions(message, kind, text, actions):
    """Say ``text`` in ``message`` (a web.page.Message, begun where it belongs) as a notice with
    buttons, (label, handler) or (label, handler, "danger"): what web.page.Message says only of
    errors. ``kind`` is the message's kind while it is on show."""
    fill_message(message.container, text, actions)
    message.kind = kind
    message.container.className = "message notice"
    message.container.setAttribute("role", "alert")
    show(message.container)
    message.container.scrollIntoView(to_js({"block": "nearest"}))
