"""The app's entry point (MicroPython in PyScript).

It runs in the same task as PyScript's own start-up, so it only starts ``start``, which
first gives the browser its turn. There, first thing, before any import that is not needed
for it: the sign-in answer. The page's first script has already moved it out of the address
bar; an answer that script did not recognise, or one that arrives later without a page load,
is taken out here. Accepted or not, it leaves the URL.
"""

import asyncio

from jsffi import JsException
from pyscript import window
from pyscript.ffi import create_proxy


def take_callback_fragment():
    """The sign-in answer in the fragment, after removing it from the address bar; or ""."""
    from zoho.flow import is_callback_fragment

    fragment = window.location.hash
    if not is_callback_fragment(fragment):
        return ""
    window.history.replaceState(None, "", window.location.pathname + window.location.search)
    return fragment


def handed_over_fragment():
    """The answer the first script moved out of the URL (then forgotten there), or ""."""
    from zoho.flow import is_callback_fragment

    fragment = getattr(window, "zohoCallbackFragment", None)
    if not fragment:
        return ""
    window.zohoCallbackFragment = None
    return fragment if is_callback_fragment(fragment) else ""


async def start():
    """The page, started in steps, each a task of its own (``yield_to_browser``): between them
    the browser paints and answers input, where one long first run would block it (what
    Lighthouse counts as Total Blocking Time). The views are imported only for a page that
    will be signed in (web.views: the first screen signed out needs none of them)."""
    await yield_to_browser()
    fragment = handed_over_fragment() or take_callback_fragment()
    await yield_to_browser()
    import json

    from web.browser import BrowserPlatform, TabStorage
    from web.dom import by_testid
    from web.page import Page, Progress, mark_ready
    from zoho.token import STORAGE_KEY

    await yield_to_browser()
    from web.session import Session

    await yield_to_browser()
    from web.shell import Shell
    from web.snapshot import keep_snapshots
    from web.views import ViewRegistry
    from web.views.notebook_preheat import Preheat

    with open("zoho_config.json") as handle:
        config = json.load(handle)
    storage = await TabStorage.open()
    page = Page()
    progress = Progress(by_testid("progress"), asyncio.create_task)
    session = Session(config, storage, page, BrowserPlatform(), progress)
    # The views' code comes in an archive of its own (static/python-archive.js).
    shell = Shell(session, session.platform, ViewRegistry(fetch_code=window.zohoViewsArchive))
    keep_snapshots(shell, shell.services.secret)
    Preheat(shell)
    if fragment or await storage.get(STORAGE_KEY) is not None:
        await shell.load_views(yield_to_browser)
        await yield_to_browser()
    # Signed out, the steps since the last yield are short (each ≈ 10 ms at Lighthouse's 4x
    # slower CPU): a yield between them would only put the ready mark later.
    await session.start(fragment)
    listen(session)
    mark_ready()
    await cache_for_repeat_visits()


# A promise resolved in a later task of the browser's (scheduler.yield where there is one):
# awaiting it lets the browser paint and answer input. asyncio.sleep(0) would not: MicroPython's
# asyncio runs every ready task before it returns to the browser.
yield_to_browser = window.Function(
    "return globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))")


def listen(session):
    """The page's own events: the clock, an answer arriving without a page load, back online."""
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


async def cache_for_repeat_visits():
    """Register the service worker (sw.js); without one, the page simply works uncached."""
    workers = window.navigator.serviceWorker
    if workers is None:
        return
    from web.browser import guarded

    try:
        await guarded(workers.register.bind(workers), "./sw.js")
    except JsException:
        pass  # blocked (private mode, a policy, a test harness): nothing is lost


# In another site's frame the page does not start (the first script has said why, on the page).
if not getattr(window, "zohoFramed", None):
    asyncio.create_task(start())
