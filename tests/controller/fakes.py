"""Fakes of what the session is given: clock and browser (platform), tab storage, the page."""

import json
from urllib.parse import parse_qsl, urlsplit

from zoho.errors import NetworkError

NOW = 1_800_000_000.0
ACCOUNTS = "https://accounts.zoho.com"
API = "https://www.zohoapis.com"
APP_URL = "https://app.example/zoho/"
CONFIG = {
    "client_id": "1000.TESTCLIENT",
    "accounts_url": ACCOUNTS,
    "scopes": ["ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ", "ZohoCRM.modules.ALL"],
    "api_domains": [API],
    "data_centres": [{"location": "us", "label": "United States", "accounts_url": ACCOUNTS}],
    "default_location": "us",
}


def answer(status, body=None, headers=None):
    """A fake HTTP answer: (status, headers, text)."""
    text = "" if body is None else json.dumps(body)
    return status, dict({"content-type": "application/json"}, **(headers or {})), text


def zoho_error(status, code, message="error"):
    return answer(status, {"code": code, "details": {}, "message": message, "status": "error"})


class FakePlatform:
    """The clock (moved by sleep), randomness, fetch (answers queued per path) and the address bar."""

    def __init__(self, search="", window_name="", hub=None):
        self.clock = NOW
        self.name = window_name
        self.hub = hub  # the tabs' BroadcastChannel, shared by the fake tabs of one test
        self.popups = []  # (url, name) of each window opened
        self.blocks_popups = False
        self.closed = False
        self.sent = []  # (method, url, headers, body)
        self.answers = {}  # path -> list of answers, used in order; the last one repeats
        self.slept = []
        self.search = search
        self.addresses = []  # ("replace" | "push", url)
        self.navigated = []

    def now(self):
        return self.clock

    def random_bytes(self, count):
        return bytes(range(count))

    async def sleep(self, seconds):
        self.slept.append(seconds)
        self.clock += seconds

    def answer(self, path, *answers):
        self.answers.setdefault(path, []).extend(answers)

    async def fetch_text(self, url, method="GET", headers=None, body=None):
        self.sent.append((method, url, headers or {}, body))
        path = urlsplit(url).path
        queue = self.answers.get(path)
        if not queue:
            raise AssertionError("no answer queued for " + method + " " + url)
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if reply is NetworkError:
            raise NetworkError()
        return reply

    def requests_to(self, path, method=None):
        return [(m, u) for m, u, _h, _b in self.sent
                if urlsplit(u).path == path and (method is None or m == method)]

    def location_search(self):
        return self.search

    def app_url(self, relative=""):
        return APP_URL + relative

    def replace_address(self, url):
        self.addresses.append(("replace", url))

    def push_address(self, url):
        self.addresses.append(("push", url))

    def navigate(self, url):
        self.navigated.append(url)

    def authorize_query(self, url=None):
        """The query of ``url`` (by default the last authorize redirect), as a dict."""
        return dict(parse_qsl(urlsplit(url or self.navigated[-1]).query))

    def window_name(self):
        return self.name

    def open_tab_channel(self, on_message):
        return None if self.hub is None else self.hub.join(on_message)

    def open_popup(self, url, name):
        if self.blocks_popups:
            return None
        popup = FakePopup(url, name)
        self.popups.append(popup)
        return popup

    def close_window(self):
        self.closed = True


class FakePopup:
    def __init__(self, url, name):
        self.url = url
        self.name = name
        self.closed = False

    def close(self):
        self.closed = True


class FakeChannelHub:
    """A BroadcastChannel: what one member posts, every other member receives (at once)."""

    def __init__(self):
        self.members = []
        self.posted = []

    def join(self, on_message):
        member = FakeChannel(self, on_message)
        self.members.append(member)
        return member


class FakeChannel:
    def __init__(self, hub, on_message):
        self.hub = hub
        self.on_message = on_message

    def post(self, text):
        self.hub.posted.append(text)
        for member in self.hub.members:
            if member is not self:
                member.on_message(text)


class FakeStorage:
    def __init__(self, items=None, persistent=True, refuses_writes=False):
        self.items = dict(items or {})
        self.persistent = persistent
        self.refuses_writes = refuses_writes
        self.copied_at_open = None

    def copy_on_open(self, platform):
        """Copy these items when ``platform`` opens a window, as browsers copy sessionStorage."""
        opening = platform.open_popup

        def open_popup(url, name):
            self.copied_at_open = dict(self.items)
            return opening(url, name)
        platform.open_popup = open_popup

    async def get(self, key):
        return self.items.get(key)

    async def set(self, key, value):
        if self.refuses_writes:
            return False
        self.items[key] = value
        return True

    async def remove(self, key):
        self.items.pop(key, None)


class FakeMessages:
    """A message area (the page-level one, or a view's): what was said, in order."""

    def __init__(self):
        self.errors = []  # (message, [(label, handler)])
        self.notices = []
        self.notice_actions = []

    def show_error(self, message, actions=()):
        self.errors.append((message, list(actions)))

    def show_notice(self, message, actions=()):
        self.notices.append(message)
        self.notice_actions = list(actions)

    def press(self, label):
        """Press the button ``label`` of the last notice or error."""
        shown = [e for e in self.errors if e is not None]
        for action in self.notice_actions + (shown[-1][1] if shown else []):
            if action[0] == label:
                return action[1]()
        raise AssertionError("no button " + label)

    def clear_error(self):
        self.errors.append(None)

    def last_error(self):
        shown = [e for e in self.errors if e is not None]
        return shown[-1] if shown else None


class FakePage(FakeMessages):
    def __init__(self):
        FakeMessages.__init__(self)
        self.state = "loading"
        self.user = None
        self.org = None
        self.token_status = None
        self.busy = False
        self.sign_in_handler = None
        self.sign_out_handler = None
        self.popup_chosen = False
        # The sign-in card as the build renders it from CONFIG: its first data centre and environment.
        self.chosen_accounts_url = CONFIG["data_centres"][0]["accounts_url"]
        self.chosen_environment = ""
        self.early_sign_in = False  # Sign in pressed before Python ran
        self.label = None  # where the sign-in is, as the header shows it

    def take_early_sign_in(self):
        clicked, self.early_sign_in = self.early_sign_in, False
        return clicked

    def on_sign_in(self, handler):
        self.sign_in_handler = handler

    def on_sign_out(self, handler):
        self.sign_out_handler = handler

    def selected_accounts_url(self):
        return self.chosen_accounts_url

    def selected_environment(self):
        return self.chosen_environment

    def sign_in_in_popup(self):
        return self.popup_chosen

    def show_signed_out(self):
        self.state = "signed out"
        self.user = self.org = self.token_status = None

    def show_signed_in(self, record, data_centre_label):
        self.state = "signed in"
        self.label = data_centre_label

    def show_user(self, name, email):
        self.user = (name, email)

    def show_org(self, name):
        self.org = name

    def set_token_status(self, text):
        self.token_status = text

    def set_busy(self, busy):
        self.busy = busy


class FakeProgress:
    def __init__(self):
        self.pending = 0
        self.started = 0

    def begin(self):
        self.pending += 1
        self.started += 1

    def end(self):
        self.pending -= 1
