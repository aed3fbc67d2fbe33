"""The notebook's Python started ahead (issue 23): a while after sign-in, when the page is idle,
the notebook's worker is started as the Start button would (its runs' ``start``), unless the
person turned it off (the notebook's ``notebook-preheat`` checkbox, kept in localStorage) or the
connection says not to (zoho.preheat.start_ahead). A Run then finds Python up."""

import asyncio

from jsffi import JsException
from zoho.preheat import SETTING_KEY, setting_on, start_ahead, stored_setting

from pyscript import window
from pyscript.ffi import create_proxy, to_js

from web.browser import guarded
from web.dom import by_testid

DELAY_SECONDS = 5  # after sign-in: the workspace's own first calls go first
IDLE_TIMEOUT_MS = 10000  # requestIdleCallback's longest wait


class Preheat:
    """After each sign-in of ``shell``'s session, starts the notebook view's Python ahead."""

    def __init__(self, shell):
        self.shell = shell
        self.services = shell.services
        self.checkbox = by_testid("notebook-preheat")
        self.checkbox.addEventListener("change", create_proxy(lambda event: self.services.spawn(self._keep_setting())))
        self.services.spawn(self._show_setting())
        shell.session.on_signed_in.append(lambda: self.services.spawn(self._later()))

    async def _later(self):
        await asyncio.sleep(DELAY_SECONDS)
        await _idle()
        if self.services.token is None or not await self._wanted():
            return
        await self.shell.registry.fetch()
        await self.shell.view("notebook").runs.start()

    async def _wanted(self):
        connection = getattr(window.navigator, "connection", None)
        if connection is None:
            return start_ahead(await self._setting())
        return start_ahead(await self._setting(), getattr(connection, "saveData", None),
                           getattr(connection, "effectiveType", None), getattr(connection, "type", None))

    async def _setting(self):
        try:
            storage = await guarded(window.Reflect.get, window, "localStorage")
            return setting_on(await guarded(storage.getItem.bind(storage), SETTING_KEY))
        except JsException:
            return True  # storage refused: the default

    async def _show_setting(self):
        self.checkbox.checked = await self._setting()

    async def _keep_setting(self):
        try:
            storage = await guarded(window.Reflect.get, window, "localStorage")
            await guarded(storage.setItem.bind(storage), SETTING_KEY, stored_setting(self.checkbox.checked))
        except JsException:
            pass  # not kept: the box still says what this page does


async def _idle():
    """Until the browser is idle (at most IDLE_TIMEOUT_MS; where it cannot tell, now)."""
    idle = getattr(window, "requestIdleCallback", None)
    if idle is None:
        return
    done = asyncio.Event()
    idle(create_proxy(lambda deadline: done.set()), to_js({"timeout": IDLE_TIMEOUT_MS}))
    await done.wait()
