"""The signed-in workspace: navigation between views, and the place in the address bar.

Each view is a web.view.View subclass in app/web/views/, listed once in app/web/views/__init__.py
(imported when first needed, see Shell);
its element on the page is ``<section data-view="NAME">`` with a ``view-message`` area,
and its link is ``data-testid="nav-NAME"``.
"""

from zoho.drafts import draft_key
from zoho.place import Place, place_query, read_place
from zoho.snapshot import PAINT_KEY

from pyscript import window
from pyscript.ffi import create_proxy

from web.dom import by_testid, show
from web.services import Services


class Shell:
    """``registry`` (web.views.ViewRegistry) names the views; each is made the first time it is
    needed: all of them, one after the other, for a page that will be signed in (load_views),
    or at sign-in (signed_in). A view not made yet has nothing on screen. Until the registry has
    fetched the views' code, what needs a view waits for it (``_with_views``)."""

    def __init__(self, session, platform, registry):
        self.session = session
        self.platform = platform
        self.registry = registry
        self.services = Services(session)
        self.names = registry.names
        self.views = []  # the views made so far, in the navigation's order
        self.current = None
        for name in self.names:
            link = by_testid("nav-" + name)
            link.addEventListener("click", create_proxy(self._navigator(name)))
        session.on_signed_in.append(self.signed_in)
        session.on_signed_out.append(self.signed_out)
        # `window` is the JS global scope here; its `window` is the Window object.
        window.window.addEventListener("popstate", create_proxy(lambda event: self.restore()))

    async def load_views(self, pause):
        """Make every view not made yet, awaiting ``pause()`` after each (the browser's turn)."""
        await self.registry.fetch()
        for name in self.names:
            if self._made(name) is None:
                self.view(name)
                await pause()

    def _made(self, name):
        for view in self.views:
            if view.name == name:
                return view
        return None

    def _navigator(self, name):
        def navigate(event):
            event.preventDefault()
            self._with_views(lambda: self.go(name))
        return navigate

    def _with_views(self, action):
        """Run ``action`` now if the views' code is here, else once the registry has fetched it."""
        if self.registry.fetched:
            action()
        else:
            self.session.spawn(self._after_fetch(action))

    async def _after_fetch(self, action):
        await self.registry.fetch()
        action()

    def signed_in(self):
        self._with_views(self._make_signed_in)

    def _make_signed_in(self):
        for name in self.names:
            self.view(name).signed_in()
        self.restore()

    def signed_out(self, forget_drafts, keep_work=False):
        """The session ended; with ``keep_work``, a view with unsaved work keeps it on screen."""
        for view in self.views:
            kept = keep_work and view.unsaved_work() is not None
            if kept:
                view.keep_after_sign_out()
            else:
                view.reset(forget_drafts)
            show(view.root, kept)
        self.session.spawn(self.session.storage.remove(PAINT_KEY))  # the workspace's snapshot
        if forget_drafts:
            for name in self.names:
                if self._made(name) is None:  # a draft kept from an earlier sign-in of the tab
                    self.session.spawn(self.session.storage.remove(draft_key(name)))
        self.current = None

    def restore(self):
        """Show the place the address bar holds (a reload, a shared link, Back or Forward)."""
        if self.session.token is None:
            return
        place = read_place(self.platform.location_search(), self.names, self.names[0])
        self._with_views(lambda: self._show(self.view(place.view), place))

    def go(self, name):
        """Switch to the view ``name`` (a new history entry, so Back returns)."""
        view = self.view(name)
        if view is self.current:
            return
        self._show(view, Place(name, view.place()))
        self.platform.push_address(self._address(view))

    def remember(self, view, new_entry=False):
        """Put ``view``'s place in the address bar when it is the view shown: in the current history
        entry, or (``new_entry``) in a new one, so that Back returns to the place before."""
        if view is not self.current:
            return
        if new_entry:
            self.platform.push_address(self._address(view))
        else:
            self.platform.replace_address(self._address(view))

    def _address(self, view):
        return self.platform.app_url(place_query(Place(view.name, view.place())))

    def view(self, name):
        """The view ``name``, made now (its module imported) if it was not; once the registry
        has fetched the views' code."""
        view = self._made(name)
        if view is None:
            view = self.registry.load(name)(self.services, self)
            self.views.append(view)
            self.views.sort(key=lambda made: self.names.index(made.name))
            self.session.unsaved_work.append(view.unsaved_work)
        return view

    def _show(self, view, place):
        if self.current is not None and self.current is not view:
            self.current.leave()
        self.current = view
        for other in self.views:
            show(other.root, other is view)
            link = by_testid("nav-" + other.name)
            if other is view:
                link.setAttribute("aria-current", "page")
            else:
                link.removeAttribute("aria-current")
        self.session.spawn(view.enter(place))
