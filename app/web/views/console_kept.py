"""The API console's kept requests: saved ones, by name, in the browser's localStorage (for
the next visit; never a token, see zoho.console.typed_request), and this tab's history, kept
with the console's draft in sessionStorage so it survives a reload."""

from zoho.console import HISTORY_LIMIT, SAVED_LIMIT, decode_requests, encode_requests, with_history, with_saved

from web.dom import button, element
from web.views.console_browser import local_get, local_set

SAVED_KEY = "zoho.console.saved"


class KeptRequests:
    """``reopen(request)`` puts a kept request back into the console's boxes; ``spawn`` runs a
    coroutine (the view's)."""

    def __init__(self, saved_list, history_list, reopen, spawn):
        self.saved_list = saved_list
        self.history_list = history_list
        self.reopen = reopen
        self.spawn = spawn
        self.saved = []
        self.history = []

    async def load_saved(self):
        self.saved = decode_requests(await local_get(SAVED_KEY), SAVED_LIMIT)
        self._render_saved()

    async def save(self, name, request):
        """Save ``request`` as ``name``; False when the browser refused to store it."""
        saved = with_saved(self.saved, name, request)
        if not await local_set(SAVED_KEY, encode_requests(saved)):
            return False
        self.saved = saved
        self._render_saved()
        return True

    async def _forget(self, name):
        saved = [item for item in self.saved if item["name"] != name]
        if await local_set(SAVED_KEY, encode_requests(saved)):
            self.saved = saved
            self._render_saved()

    def remember(self, request, label):
        self.history = with_history(self.history, request, label)
        self._render_history()

    def history_text(self):
        return encode_requests(self.history)

    def restore_history(self, text):
        self.history = decode_requests(text, HISTORY_LIMIT)
        self._render_history()

    def forget_history(self):
        self.history = []
        self._render_history()

    def _render_saved(self):
        self.saved_list.replaceChildren()
        for item in self.saved:
            line = element("li")
            line.append(button(item["name"], self._reopener(item), "link"), " ",
                        element("span", item["method"] + " " + item["path"], "muted"), " ",
                        button("Remove", self._remover(item["name"])))
            self.saved_list.append(line)

    def _render_history(self):
        self.history_list.replaceChildren()
        for item in self.history:
            line = element("li")
            line.append(button(item.get("label", item["method"] + " " + item["path"]), self._reopener(item), "link"))
            self.history_list.append(line)

    def _reopener(self, item):
        return lambda: self.reopen(item)

    def _remover(self, name):
        return lambda: self.spawn(self._forget(name))
