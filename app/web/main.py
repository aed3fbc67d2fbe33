"""The app's entry point (MicroPython in PyScript).

First thing, before any import that is not needed for it: a sign-in response in
the fragment leaves the address bar and the history, accepted or not.
"""

from pyscript import window

from zoho.flow import is_callback_fragment

_fragment = window.location.hash
if is_callback_fragment(_fragment):
    window.history.replaceState(None, "", window.location.pathname + window.location.search)
else:
    _fragment = ""

import asyncio
import json

from pyscript.ffi import create_proxy

from web import browser
from web.session import Session
from web.view import Page, mark_ready


async def start(fragment):
    with open("zoho_config.json") as handle:
        config = json.load(handle)
    storage = await browser.TabStorage.open()
    session = Session(config, storage, Page())
    await session.start(fragment)
    window.setInterval(create_proxy(session.tick), 1000)
    mark_ready()


asyncio.create_task(start(_fragment))
