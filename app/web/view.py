"""The page's DOM: shows state and messages. Data from Zoho always goes in as text."""

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


def button(label, handler, kind="secondary"):
    element = document.createElement("button")
    element.type = "button"
    element.className = kind
    set_text(element, label)
    on_click(element, handler)
    return element


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
        text = document.createElement("p")
        set_text(text, message)
        self.error.append(text)
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
            option = document.createElement("option")
            option.value = centre["accounts_url"]
            set_text(option, centre["label"])
            option.selected = centre["location"] == default_location
            self.data_centre.append(option)
        scopes = by_id("scopes")
        scopes.replaceChildren()
        for description in scope_descriptions:
            item = document.createElement("li")
            set_text(item, description)
            scopes.append(item)

    def selected_accounts_url(self):
        return self.data_centre.value

    def show_signed_out(self):
        show(by_id("loading"), False)
        show(self.session, False)
        show(self.signed_in, False)
        show(by_id("scratchpad"), False)
        show(self.signed_out)
        set_text(self.current_user, "")
        set_text(self.token_status, "")

    def show_signed_in(self, record, data_centre_label):
        show(by_id("loading"), False)
        show(self.signed_out, False)
        show(self.session)
        show(self.signed_in)
        show(by_id("scratchpad"))
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


def mark_ready():
    """The readiness mark that tests and tools wait on."""
    document.documentElement.dataset.app = "ready"
