"""The app's entry point (MicroPython in PyScript).

First thing, before any import that is not needed for it: the sign-in answer. The
page's first script has already moved it out of the address bar; an answer that
script did not recognise, or one that arrives later without a page load, is taken
out here. Accepted or not, it leaves the URL.
"""

from pyscript import window

from zoho.flow import is_callback_fragment


def take_callback_fragment():
    """The sign-in answer in the fragment, after removing it from the address bar; or ""."""
    fragment = window.location.hash
    if not is_callback_fragment(fragment):
        return ""
    window.history.replaceState(None, "", window.location.pathname + window.location.search)
    return fragment


def handed_over_fragment():
    """The answer the first script moved out of the URL (then forgotten there), or ""."""
    fragment = getattr(window, "zohoCallbackFragment", None)
    if not fragment:
        return ""
    window.zohoCallbackFragment = None
    return fragment if is_callback_fragment(fragment) else ""


_fragment = handed_over_fragment() or take_callback_fragment()

import asyncio
import json

from jsffi import JsException
from pyscript.ffi import create_proxy

from web.browser import BrowserPlatform, TabStorage, guarded
from web.session import Session
from web.shell import Shell
from web.dom import by_testid
from web.page import Page, Progress, mark_ready
from web.views import VIEWS


async def start(fragment):
    with open("zoho_config.json") as handle:
        config = json.load(handle)
    storage = await TabStorage.open()
    page = Page()
    progress = Progress(by_testid("progress"), asyncio.create_task)
    session = Session(config, storage, page, BrowserPlatform(), progress)
    Shell(session, session.platform, VIEWS)
    await session.start(fragment)
    window.setInterval(create_proxy(session.tick), 1000)

    def on_hash_change(event):
        # An answer can also arrive without a page load (same-document navigation).
        fragment = take_callback_fragment()
        if fragment:
            session.spawn(session.handle_fragment(fragment))

    # `window` is the JS global scope here; its `window` is the Window object that
    # addEventListener must be called on.
    window.window.addEventListener("hashchange", create_proxy(on_hash_change))
    # Back online: what could not be loaded from Zoho is asked again (see Session.reconnect).
    window.window.addEventListener("online", create_proxy(lambda event: session.spawn(session.reconnect())))
    mark_ready()
    await cache_for_repeat_visits()


async def cache_for_repeat_visits():
    """Register the service worker (sw.js); without one, the page simply works uncached."""
    workers = window.navigator.serviceWorker
    if workers is None:
        return
    try:
        await guarded(workers.register.bind(workers), "./sw.js")
    except JsException:
        pass  # blocked (private mode, a policy, a test harness): nothing is lost


# In another site's frame the page does not start (the first script has said why, on the page).
if not getattr(window, "zohoFramed", None):
    asyncio.create_task(start(_fragment))
