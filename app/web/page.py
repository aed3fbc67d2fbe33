"""The page's own parts: the sign-in card and header (Page), a view's message area (Message),
the progress bar, and the ready mark."""

import asyncio

from pyscript import document, window
from pyscript.ffi import to_js

from web.dom import by_testid, by_id, show, set_text, on_click, element, button


class Page:
    """The parts of the page that belong to the session: the sign-in card, the header with
    who is signed in, and the page-level messages (sign-in and session problems only)."""

    def __init__(self):
        self.error = by_testid("error")
        self.notice = by_testid("notice")
        self.session = by_id("session")
        self.nav = by_id("views-nav")
        self.current_user = by_testid("current-user")
        self.token_status = by_testid("token-status")
        self.sign_in_button = by_testid("sign-in")
        self.sign_out_button = by_testid("sign-out")
        self.data_centre = by_testid("data-centre")
        self.signed_out = by_id("signed-out")

    def on_sign_in(self, handler):
        on_click(self.sign_in_button, handler)

    def on_sign_out(self, handler):
        on_click(self.sign_out_button, handler)

    def show_error(self, message, actions=()):
        """Show ``message`` with optional (label, handler) buttons; replaces any earlier error."""
        fill_message(self.error, message, actions)
        show(self.error)

    def clear_error(self):
        self.error.replaceChildren()
        show(self.error, False)

    def show_notice(self, message, actions=()):
        """A notice (``""`` hides it), with optional (label, handler) buttons."""
        fill_message(self.notice, message, actions)
        show(self.notice, bool(message))

    def selected_accounts_url(self):
        return self.data_centre.value

    def selected_environment(self):
        """The organisation chosen on the sign-in card (production, sandbox, developer), or ""."""
        return by_testid("environment").value

    def sign_in_in_popup(self):
        """Whether the person chose, on the sign-in card, to sign in in a pop-up window."""
        return bool(by_testid("sign-in-popup").checked)

    def show_signed_out(self):
        leave_cached_paint()
        show(by_id("loading"), False)
        show(self.session, False)
        show(self.nav, False)
        show(self.signed_out)
        leave_first_screen()
        for name in ("current-user", "org-name", "data-centre-name", "token-status"):
            set_text(by_testid(name), "")
        self.current_user.removeAttribute("title")
        by_testid("data-centre-name").removeAttribute("title")
        self.set_busy(False)

    def show_signed_in(self, record, data_centre_label):
        leave_cached_paint()
        show(by_id("loading"), False)
        show(self.signed_out, False)
        leave_first_screen()
        show(self.session)
        show(self.nav)
        set_text(by_testid("data-centre-name"), data_centre_label)
        by_testid("data-centre-name").title = "API domain: " + record.api_domain

    def take_early_sign_in(self):
        """Whether Sign in was pressed before Python ran (the first script kept the click);
        the button gets its label back either way."""
        clicked = bool(getattr(window, "zohoSignInClicked", None))
        window.zohoSignInClicked = False
        label = self.sign_in_button.getAttribute("data-label")
        if label:
            set_text(self.sign_in_button, label)
            self.sign_in_button.removeAttribute("data-label")
        self.sign_in_button.removeAttribute("aria-busy")
        return clicked

    def show_user(self, name, email):
        set_text(self.current_user, name or email)
        self.current_user.title = email

    def show_org(self, name):
        set_text(by_testid("org-name"), name)

    def set_token_status(self, text):
        set_text(self.token_status, text)

    def set_busy(self, busy):
        self.sign_in_button.disabled = busy
        self.sign_out_button.disabled = busy


def leave_first_screen():
    """From here Python shows and hides the page's parts (see the first script)."""
    document.documentElement.classList.remove("first-screen")


def leave_cached_paint():
    """Python takes over from the workspace's snapshot that the first script painted before it
    ran (web.snapshot): exactly what that changed is undone, and the page is live again."""
    root = document.documentElement
    if not root.hasAttribute("data-paint"):
        return
    for node in document.querySelectorAll("[data-snapshot]"):
        node.replaceChildren()
        node.removeAttribute("data-snapshot")
    for node in document.querySelectorAll("[data-snapshot-shown]"):
        node.hidden = True
        node.removeAttribute("data-snapshot-shown")
    for node in document.querySelectorAll("[data-snapshot-current]"):
        node.removeAttribute("aria-current")
        node.removeAttribute("data-snapshot-current")
    for node in document.querySelectorAll("[data-snapshot-inert]"):
        node.inert = False
        node.removeAttribute("aria-busy")
        node.removeAttribute("data-snapshot-inert")
    root.removeAttribute("data-paint")


def fill_message(container, message, actions=()):
    """``message`` as a paragraph, then a button for each (label, handler), or (label, handler,
    kind) for a button not of the primary kind (``"danger"`` for one that throws work away)."""
    container.replaceChildren()
    container.append(element("p", message))
    for action in actions:
        container.append(button(action[0], action[1], action[2] if len(action) > 2 else "primary"))


class Message:
    """A view's message area: what came of the view's last action, next to the control
    that caused it. A new action replaces it; leaving the view clears it."""

    def __init__(self, container):
        self.container = container
        self.kind = None

    def begin(self, near):
        """A new action from ``near`` (a control, or the row holding it): clear the last
        message and say the next one right after ``near``."""
        self.clear()
        near.after(self.container)

    def show_error(self, message, actions=()):
        self._show("error", message, actions)

    def show_done(self, message):
        self._show("done", message)

    def show_notice(self, message):
        """A passing notice (a retry); "" takes it away, leaving any other message."""
        if message:
            self._show("notice", message)
        elif self.kind == "notice":
            self.clear()

    def show_list(self, kind, lines):
        """Several (text, ok) lines, e.g. Zoho's result for each record."""
        self._show(kind, None)
        listing = element("ul")
        for text, ok in lines:
            listing.append(element("li", text, "ok" if ok else "failed"))
        self.container.append(listing)

    def clear(self):
        self.kind = None
        self.container.replaceChildren()
        show(self.container, False)

    def _show(self, kind, message, actions=()):
        self.kind = kind
        if message is None:
            self.container.replaceChildren()
        else:
            fill_message(self.container, message, actions)
        self.container.className = "message " + kind
        self.container.setAttribute("role", "alert" if kind == "error" else "status")
        show(self.container)
        self.container.scrollIntoView(to_js({"block": "nearest"}))


class Progress:
    """A "working…" indicator that appears only when a call takes longer than 200 ms."""

    DELAY_SECONDS = 0.2

    def __init__(self, indicator, spawn):
        self._indicator = indicator
        self._pending = 0
        self._spawn = spawn

    def begin(self):
        self._pending += 1
        self._spawn(self._show_later())

    async def _show_later(self):
        await asyncio.sleep(self.DELAY_SECONDS)
        if self._pending:
            show(self._indicator)

    def end(self):
        self._pending = max(0, self._pending - 1)
        if not self._pending:
            show(self._indicator, False)


def mark_ready():
    """The readiness mark that tests and tools wait on."""
    document.documentElement.dataset.app = "ready"
