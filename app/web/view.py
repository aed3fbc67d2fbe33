"""The page's DOM: shows state and messages. Data from Zoho always goes in as text."""

import asyncio

from pyscript import document
from pyscript.ffi import create_proxy


def by_testid(name):
    return document.querySelector('[data-testid="' + name + '"]')


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
    """The app's single page: signed-out card, signed-in card, session bar, messages."""

    def __init__(self):
        self.error = by_testid("error")
        self.notice = by_testid("notice")
        self.session = by_id("session")
        self.current_user = by_testid("current-user")
        self.token_status = by_testid("token-status")
        self.sign_in_button = by_testid("sign-in")
        self.sign_out_button = by_testid("sign-out")
        self.data_centre = by_testid("data-centre")
        self.signed_out = by_id("signed-out")
        self.signed_in = by_id("signed-in")

    def on_sign_in(self, handler):
        on_click(self.sign_in_button, handler)

    def on_sign_out(self, handler):
        on_click(self.sign_out_button, handler)

    def show_error(self, message, actions=()):
        """Show ``message`` with optional (label, handler) buttons; replaces any earlier error."""
        self.error.replaceChildren()
        self.error.append(element("p", message))
        for label, handler in actions:
            self.error.append(button(label, handler, "primary"))
        show(self.error)

    def clear_error(self):
        self.error.replaceChildren()
        show(self.error, False)

    def show_notice(self, message):
        set_text(self.notice, message)
        show(self.notice, bool(message))

    def fill_sign_in(self, data_centres, default_location, scope_descriptions):
        self.data_centre.replaceChildren()
        for centre in data_centres:
            option = element("option", centre["label"])
            option.value = centre["accounts_url"]
            option.selected = centre["location"] == default_location
            self.data_centre.append(option)
        scopes = by_id("scopes")
        scopes.replaceChildren()
        for description in scope_descriptions:
            scopes.append(element("li", description))

    def selected_accounts_url(self):
        return self.data_centre.value

    def show_signed_out(self):
        show(by_id("loading"), False)
        show(self.session, False)
        show(self.signed_in, False)
        for section in ("scratchpad", "explorer", "console"):
            show(by_id(section), False)
        show(self.signed_out)
        set_text(self.current_user, "")
        set_text(by_testid("org-name"), "")
        set_text(self.token_status, "")

    def show_signed_in(self, record, data_centre_label):
        show(by_id("loading"), False)
        show(self.signed_out, False)
        show(self.session)
        show(self.signed_in)
        show(by_id("scratchpad"))
        show(by_id("console"))
        set_text(by_id("data-centre-name"), data_centre_label)
        set_text(by_id("api-domain"), record.api_domain)

    def show_user(self, name, email):
        set_text(self.current_user, name or email)
        set_text(by_id("user-name"), name)
        set_text(by_id("user-email"), email)

    def set_token_status(self, text):
        set_text(self.token_status, text)

    def set_busy(self, busy):
        self.sign_in_button.disabled = busy
        self.sign_out_button.disabled = busy


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
