"""The signed-in workspace: navigation between views, and the place in the address bar.

Each view is a web.view.View subclass in app/web/views/, listed once in app/web/views/__init__.py;
its element on the page is ``<section data-view="NAME">`` with a ``view-message`` area,
and its link is ``data-testid="nav-NAME"``.
"""

from zoho.place import Place, place_query, read_place

from pyscript import window
from pyscript.ffi import create_proxy

from web.dom import by_testid, show
from web.services import Services


class Shell:
    def __init__(self, session, platform, view_classes):
        self.session = session
        self.platform = platform
        services = Services(session)
        self.views = [cls(services, self) for cls in view_classes]
        self.names = [view.name for view in self.views]
        self.current = None
        for view in self.views:
            link = by_testid("nav-" + view.name)
            link.addEventListener("click", create_proxy(self._navigator(view.name)))
        session.on_signed_in.append(self.signed_in)
        session.on_signed_out.append(self.signed_out)
        session.unsaved_work.extend(view.unsaved_work for view in self.views)
        # `window` is the JS global scope here; its `window` is the Window object.
        window.window.addEventListener("popstate", create_proxy(lambda event: self.restore()))

    def _navigator(self, name):
        def navigate(event):
            event.preventDefault()
            self.go(name)
        return navigate

    def signed_in(self):
        for view in self.views:
            view.signed_in()
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
        self.current = None

    def restore(self):
        """Show the place the address bar holds (a reload, a shared link, Back or Forward)."""
        if self.session.token is None:
            return
        place = read_place(self.platform.location_search(), self.names, self.names[0])
        self._show(self._view(place.view), place)

    def go(self, name):
        """Switch to the view ``name`` (a new history entry, so Back returns)."""
        view = self._view(name)
        if view is self.current:
            return
        self._show(view, Place(name, view.place()))
        self.platform.push_address(self._address(view))

    def remember(self, view):
        if view is self.current:
            self.platform.replace_address(self._address(view))

    def _address(self, view):
        return self.platform.app_url(place_query(Place(view.name, view.place())))

    def _view(self, name):
        return self.views[self.names.index(name)]

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
