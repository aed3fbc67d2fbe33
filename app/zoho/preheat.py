"""Whether to start the notebook's Python ahead, before it is asked for (issue 23): Pyodide and
its packages are about 7 MB on the wire and a worker's memory, worth spending only where the
person has not asked the browser to save data and the connection is not metered or slow.
The page calls this once the workspace has been open a while and is idle
(app/web/views/notebook_preheat.py); the person can turn it off (the notebook's checkbox)."""

SETTING_KEY = "zoho.notebook.preheat"  # localStorage: "off" when turned off; anything else is on
SLOW = ("slow-2g", "2g", "3g")  # NetworkInformation.effectiveType values too slow for 7 MB
METERED = ("cellular",)  # NetworkInformation.type values that are usually paid by the byte


def setting_on(stored):
    """The setting as kept in localStorage (None when never set): on unless turned off."""
    return stored != "off"


def stored_setting(on):
    return "on" if on else "off"


def start_ahead(on, save_data=None, effective_type=None, connection_type=None):
    """Whether to start Python ahead: the setting ``on``, and the browser's NetworkInformation
    (None where the browser does not say: Firefox and Safari have none, and only Chromium
    on Android tells the ``type``). Save-Data, a metered type or a slow connection say no;
    a connection the browser says nothing of counts as neither."""
    if not on or save_data is True:
        return False
    if connection_type in METERED:
        return False
    return effective_type not in SLOW
