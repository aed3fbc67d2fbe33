"""The browser adapter's fetch (app/web/browser.py) over a fake window: when no answer came,
which sentence it raises depends on what the browser knows of the network."""

import sys
import types

import pytest

from zoho.errors import NetworkError

from tests.controller.sessions import run

from .fakes import install_pyscript


@pytest.fixture
def window():
    pyscript = install_pyscript()
    window = pyscript.window
    window.Promise = types.SimpleNamespace(**{"try": lambda function, *args: function(*args)})
    async def refused(url, init):
        raise sys.modules["jsffi"].JsException("TypeError: Failed to fetch")
    window.fetch = refused
    yield window
    del window.Promise, window.fetch, window.navigator


async def no_answer(window, online):
    from web.browser import BrowserPlatform
    window.navigator = types.SimpleNamespace(onLine=online)
    with pytest.raises(NetworkError) as raised:
        await BrowserPlatform().fetch_text("https://www.zohoapis.com/crm/v8/Leads")
    return raised.value.message


@run
async def test_offline_as_the_browser_knows_it_says_so_and_guesses_nothing_else(window):
    message = await no_answer(window, False)
    assert "this device is offline" in message and "JavaScript domain" not in message


@run
async def test_online_a_failed_fetch_names_both_causes(window):
    message = await no_answer(window, True)
    assert "offline" in message and "JavaScript domain" in message
