"""The workspace's views, in the order of the navigation; the first is the default.

Lazily imported: the signed-out first screen imports none of them, so the page's first Python
run stays short (issue 23). A view's module is imported the first time the shell needs the view
(web.shell.Shell.view), and only then. In the browser their code is not even on the page before:
it comes in a second archive (sitebuild/packing.py), which ``ViewRegistry.fetch`` brings.

A new view: a module here with a View subclass (see web.view.View), one line below,
and its ``<section data-view="NAME">`` and ``nav-NAME`` link in static/index.html.j2.
"""

from zoho.errors import SiteCodeError

# (name, module, class): the name is the View's own ``name``, also its nav-NAME link.
VIEWS = (
    ("records", "web.views.records", "RecordsView"),
    ("query", "web.views.query", "QueryView"),
    ("console", "web.views.console", "ConsoleView"),
    ("notebook", "web.views.notebook", "NotebookView"),
)


class ViewRegistry:
    """The views by name, each imported on first ``load``; ``import_module(path)`` gives the
    module at a dotted path (the built-in ``__import__`` by default); ``fetch_code()`` (awaited)
    puts the views' modules where ``import_module`` finds them (nothing to do by default)."""

    def __init__(self, entries=VIEWS, import_module=None, fetch_code=None):
        self._entries = {name: (module, cls) for name, module, cls in entries}
        self.names = [entry[0] for entry in entries]
        self._import = import_module or _import_module
        self._fetch_code = fetch_code
        self.fetched = fetch_code is None  # the views' modules can be imported

    async def fetch(self):
        """Bring the views' code (once): awaited before the first ``load``."""
        if not self.fetched:
            try:
                await self._fetch_code()
            except Exception as error:  # noqa: BLE001 - whatever the browser raised: said as what it means
                raise SiteCodeError() from error
            self.fetched = True

    def load(self, name):
        """The View subclass named ``name``, importing its module now if it was not (after ``fetch``)."""
        module, cls = self._entries[name]
        return getattr(self._import(module), cls)


def _import_module(path):
    # A non-empty fromlist makes __import__ return the module at the end of the path (on
    # MicroPython as on CPython), not its top-level package.
    return __import__(path, None, None, ("__name__",))
