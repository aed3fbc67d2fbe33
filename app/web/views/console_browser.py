"""What the console asks of the browser beyond the session: JSON.parse, the strict judge of a
body's JSON, and localStorage, where saved requests are kept. Each call goes through
web.browser.guarded (a synchronous JS throw cannot be caught in MicroPython); web.browser is
imported on first use because it binds ``window.Promise`` when imported, which the views'
CPython fakes (tests/views) do not offer."""

from jsffi import JsException

from pyscript import window


async def _guarded(function, *args):
    from web.browser import guarded
    return await guarded(function, *args)


async def json_parse_error(text):
    """The browser's JSON.parse error message for ``text``, or None when it parses."""
    try:
        await _guarded(window.JSON.parse, text)
    except JsException as error:
        # Its args: (the JS error, its name, its message).
        return ": ".join(arg for arg in error.args if isinstance(arg, str)) or str(error)
    return None


async def local_get(key):
    """localStorage's item ``key``, or None (also when the browser refuses storage)."""
    try:
        return await _guarded(window.localStorage.getItem.bind(window.localStorage), key)
    except JsException:
        return None


async def local_set(key, value):
    """True once stored; False when the browser refuses (full, or a privacy setting)."""
    try:
        await _guarded(window.localStorage.setItem.bind(window.localStorage), key, value)
    except JsException:
        return False
    return True
