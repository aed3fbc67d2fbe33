"""The workspace's snapshot (zoho.snapshot): taken from the screen whenever the tab is hidden or
left (a reload, a link, another tab), so the tab's next load paints it before Python runs
(static/first-script.js); Page takes the painted copy down when Python takes over, and a
sign-out removes it (Shell)."""

from zoho.snapshot import PAINT_KEY, build_snapshot

from pyscript import document, window
from pyscript.ffi import create_proxy

from web.dom import by_id, by_testid

HEADER = (("user", "current-user"), ("org", "org-name"), ("dc", "data-centre-name"))

# Written synchronously (the page may be going away), and a refusal (storage full, or off) is
# only a snapshot not kept: a JS throw could not be caught in Python.
_store = window.Function("key", "value", "try { sessionStorage.setItem(key, value); } catch {}")


def keep_snapshots(shell, secret):
    """Take a snapshot of ``shell``'s workspace each time the tab is hidden or left; ``secret()``
    gives the token (a snapshot holding it is not kept)."""
    def take(event):
        if document.visibilityState == "hidden" or event.type == "pagehide":
            text = snapshot_of(shell, secret())
            if text is not None:
                _store(PAINT_KEY, text)

    # `window` is the JS global scope here; its `window` is the Window object.
    window.window.addEventListener("pagehide", create_proxy(take))
    document.addEventListener("visibilitychange", create_proxy(take))


def snapshot_of(shell, secret):
    """The snapshot's text for what the workspace shows now, or None (signed out, no view)."""
    view = shell.current
    if view is None or shell.session.token is None:
        return None
    header = {name: by_testid(testid).textContent for name, testid in HEADER}
    if view.name != "records":
        return build_snapshot(view.name, window.location.search, header, secret=secret)
    modules = [item.textContent for item in view.part("modules").querySelectorAll("li")]
    if by_id("records-area").hidden:
        return build_snapshot("records", window.location.search, header, modules, secret=secret)
    table = view.part("records")
    head = [cell.textContent for cell in table.querySelectorAll("thead th")]
    rows = [[cell.textContent for cell in row.querySelectorAll("td")] for row in table.querySelectorAll("tbody tr")]
    return build_snapshot("records", window.location.search, header, modules,
                          view.part("module-title").textContent, head, rows, secret)
