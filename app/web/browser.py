"""Thin adapters between the core and the browser: clock, randomness, tab storage, fetch,
the address bar.

Runs under PyScript's MicroPython. There, an exception thrown synchronously by a
JavaScript call cannot be caught in Python (the script dies), while a rejected
promise arrives as a catchable ``JsException``. So every call that may throw
goes through ``Promise.try`` and is awaited; but for the tab's storage, whose calls are
wrapped in JavaScript that returns instead of throwing (see TabStorage).
"""

import asyncio
import time

from jsffi import JsException
from pyscript import window
from pyscript.ffi import create_proxy, to_js

from zoho.errors import NetworkError

# Promise.try is recent (Chrome 128, Firefox 134, Safari 18.2); older browsers get the same
# few lines of JS (the page's CSP allows this for PyScript anyway).
_promise_try = getattr(window.Promise, "try", None) or window.Function(
    "f", "...args", "return new Promise((resolve) => resolve(f(...args)))")


async def guarded(function, *args):
    """Call a JS function so that a synchronous throw becomes a catchable JsException."""
    return await _promise_try(function, *args)


# sessionStorage's calls in JavaScript that catches what they throw, so Python calls them without
# awaiting: each await of a promise costs a turn of the event loop (a timer, 4 ms once timers nest,
# as the HTML spec clamps them), and the signed-out page made five before its ready mark.
# Each is made on its first use.
_STORAGE_JS = {
    # This tab's sessionStorage once a write and a removal of ``probe`` worked, else null.
    "open": ("probe", """
      try {
        const storage = window.sessionStorage;
        storage.setItem(probe, "1");
        storage.removeItem(probe);
        return storage;
      } catch {
        return null;
      }"""),
    # [true, what storage[method](...args) returned], or [false, null] when it threw.
    "call": ("storage", "method", "...args", """
      try {
        return [true, storage[method](...args)];
      } catch {
        return [false, null];
      }"""),
}
_storage_functions = {}


def _storage_js(name):
    if name not in _storage_functions:
        _storage_functions[name] = window.Function(*_STORAGE_JS[name])
    return _storage_functions[name]


class TabStorage:
    """sessionStorage of this tab, or memory for the life of the page when the browser refuses it.
    Its methods are coroutines, as other storages' would be; they call the browser synchronously."""

    def __init__(self, session_storage):
        self._storage = session_storage
        self._memory = {}

    @classmethod
    async def open(cls):
        return cls(_storage_js("open")("zoho.probe"))  # None where the browser refuses it

    @property
    def persistent(self):
        return self._storage is not None

    async def get(self, key):
        if self._storage is None:
            return self._memory.get(key)
        answer = _storage_js("call")(self._storage, "getItem", key)
        return answer[1] if answer[0] else self._memory.get(key)

    async def set(self, key, value):
        """Store ``value``; False when it could only be kept in memory."""
        self._memory[key] = value
        if self._storage is None or not _storage_js("call")(self._storage, "setItem", key, value)[0]:
            return False
        self._memory.pop(key, None)
        return True

    async def remove(self, key):
        self._memory.pop(key, None)
        if self._storage is not None:
            _storage_js("call")(self._storage, "removeItem", key)  # a refusal: nothing there we could reach


def _headers_dict(js_headers):
    headers = {}
    js_headers.forEach(lambda value, name, *rest: headers.__setitem__(name, value))
    return headers


class BrowserPlatform:
    """What the session needs of the browser: clock, randomness, timers, fetch, address bar."""

    def now(self):
        """Unix time in seconds. (JS integers above 2**31 do not survive the FFI; time.time does.)"""
        return time.time()

    def random_bytes(self, count):
        buffer = window.Uint8Array.new(count)
        window.crypto.getRandomValues(buffer)
        return bytes([buffer[i] for i in range(count)])

    async def sleep(self, seconds):
        await asyncio.sleep(seconds)

    async def fetch_text(self, url, method="GET", headers=None, body=None):
        """One fetch with no cookies and no referrer; returns (status, headers, text).

        Raises NetworkError when the browser refuses or cannot reach the server
        (offline, CORS, DNS): fetch does not tell these apart, but navigator.onLine false is
        certain.
        """
        init = {"method": method, "credentials": "omit", "cache": "no-store",
                "referrerPolicy": "no-referrer", "redirect": "error"}
        if headers:
            init["headers"] = headers
        if body is not None:
            init["body"] = body
        try:
            response = await window.fetch(url, to_js(init))
            text = await response.text()
        except JsException:
            raise NetworkError.seen_by(window.navigator.onLine) from None
        return response.status, _headers_dict(response.headers), text

    def location_search(self):
        return window.location.search

    def app_url(self, relative=""):
        """An absolute URL within the app: the page's directory, which is also the redirect URI."""
        return window.URL.new("./" + relative if not relative.startswith("?") else relative,
                              window.location.href).href

    def replace_address(self, url):
        """Show ``url`` in the address bar, replacing the current history entry."""
        window.history.replaceState(None, "", url)

    def push_address(self, url):
        """Show ``url`` in the address bar as a new history entry (Back returns here)."""
        window.history.pushState(None, "", url)

    def navigate(self, url):
        window.location.assign(url)

    # --- other windows of the app ----------------------------------------------------------

    def open_tab_channel(self, on_message):
        """A BroadcastChannel to this app's other tabs (same origin and path); ``on_message``
        gets each message's text. None where the browser has no BroadcastChannel."""
        if getattr(window, "BroadcastChannel", None) is None:
            return None
        return TabChannel(window.BroadcastChannel.new("zoho-pyscript " + self.app_url()), on_message)

    def open_popup(self, url, name):
        """Open ``url`` in a small window named ``name``; its handle, or None when blocked.

        The window gets a copy of this tab's sessionStorage (the browser makes it), so the
        sign-in it finishes is checked against the pending sign-in stored before opening it.
        """
        handle = window.open(url, name, "popup,width=520,height=680")
        return None if handle is None else Popup(handle)

    def window_name(self):
        return window.name

    def close_window(self):
        window.close()


class TabChannel:
    def __init__(self, channel, on_message):
        self._channel = channel
        self._listener = create_proxy(lambda event: on_message(event.data))
        channel.addEventListener("message", self._listener)

    def post(self, text):
        self._channel.postMessage(text)


class Popup:
    def __init__(self, handle):
        self._handle = handle

    @property
    def closed(self):
        """Whether the window was closed. Where this page is cross-origin isolated (COOP
        same-origin), the handle loses the window as it goes to Zoho's page and reads as closed
        though it is open: there it is never taken as closed (its answer comes over the tabs'
        channel; a renewal window closed by hand leaves the renewal to the token's expiry)."""
        return bool(self._handle.closed) and not window.crossOriginIsolated

    def close(self):
        self._handle.close()
