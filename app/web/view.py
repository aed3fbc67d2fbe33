"""The page's DOM: shows state and messages. Data from Zoho always goes in as text."""

import asyncio

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js


def by_testid(name, within=None):
    return (within or document).querySelector('[data-testid="' + name + '"]')


def by_id(name):
    return document.getElementById(name)


def show(element, visible=True):
    element.hidden = not visible


def set_text(element, text):
    element.textContent = "" if text is None else str(text)


def on_click(element, handler):
    """Attach ``handler`` (no arguments) to clicks; the proxy lives as long as the page."""
    element.addEventListener("click", create_proxy(lambda event: handler()))


def element(tag, text=None, class_name=None):
    node = document.createElement(tag)
    if text is not None:
        set_text(node, text)
    if class_name:
        node.className = class_name
    return node


def button(label, handler, kind="secondary"):
    node = element("button", label, kind)
    node.type = "button"
    on_click(node, handler)
    return node


def object_url(blob_parts, media_type):
    """The URL of a file made here in the browser from ``blob_parts``; the caller revokes it."""
    return window.URL.createObjectURL(window.Blob.new(to_js(blob_parts), to_js({"type": media_type})))


TRUNCATE_AT = 120


def value_cell(tag, value):
    """A table cell (or dd) showing ``value`` as text; long values get a "more" toggle."""
    text = display_text(value)
    cell = element(tag)
    if len(text) <= TRUNCATE_AT:
        set_text(cell, text)
        return cell
    shown = element("span", text[:TRUNCATE_AT] + "…")
    cell.append(shown)
    state = {"expanded": False}

    def toggle():
        state["expanded"] = not state["expanded"]
        set_text(shown, text if state["expanded"] else text[:TRUNCATE_AT] + "…")
        set_text(more, "less" if state["expanded"] else "more")

    more = button("more", toggle, "link")
    more.setAttribute("aria-label", "Show the whole value")
    cell.append(more)
    return cell


def fill_table(table, columns, rows, row_action=None, headings=None):
    """``rows`` (dicts) as ``table``'s head and body, a column per name in ``columns``, headed
    by ``headings`` (by default the names).

    Each cell carries its column's heading (``data-label``): on a narrow screen the
    stylesheet shows every row as a card of "heading: value" lines. ``row_action(row)``
    may give a last cell (a button) for each row.
    """
    table.replaceChildren()
    headings = headings or columns
    head = element("tr")
    for heading in headings:
        head.append(element("th", heading))
    if row_action is not None:
        head.append(element("th", ""))
    thead = element("thead")
    thead.append(head)
    table.append(thead)
    body = element("tbody")
    for row in rows:
        line = element("tr")
        for name, heading in zip(columns, headings):
            cell = value_cell("td", row.get(name))
            cell.setAttribute("data-label", heading)
            line.append(cell)
        if row_action is not None:
            cell = element("td", None, "action")
            cell.append(row_action(row))
            line.append(cell)
        body.append(line)
    table.append(body)


def display_text(value):
    """Zoho values as text: lookups show their name, lists are joined, None is empty."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for key in ("name", "full_name", "email", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return str(value)
    if isinstance(value, list):
        return ", ".join(display_text(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


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


def fill_message(container, message, actions=()):
    """``message`` as a paragraph, then a button for each (label, handler)."""
    container.replaceChildren()
    container.append(element("p", message))
    for label, handler in actions:
        container.append(button(label, handler, "primary"))


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
