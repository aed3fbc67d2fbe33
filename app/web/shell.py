"""The signed-in workspace: navigation between views, and the place in the address bar.

Each view is a View subclass in app/web/views/, listed once in app/web/views/__init__.py;
its element on the page is ``<section data-view="NAME">`` with a ``view-message`` area,
and its link is ``data-testid="nav-NAME"``.
"""

from zoho.drafts import draft_key, encode_draft, read_draft
from zoho.place import Place, place_query, read_place

from pyscript import document, window
from pyscript.ffi import create_proxy

from web.services import Services
from web.view import Message, by_testid, show


class View:
    """One view of the workspace. Subclasses set ``name`` and override what they need."""

    name = ""
    DRAFT = ()  # the data-testids of inputs whose text is kept as a draft (see zoho.drafts)

    def __init__(self, services, shell):
        self.services = services  # web.services.Services: what a view may use of the session
        self.shell = shell
        self.root = document.querySelector('[data-view="' + self.name + '"]')
        self.message = Message(by_testid("view-message", self.root))
        for testid in self.DRAFT:
            self.keep_as_draft(self.part(testid))

    def keep_as_draft(self, element):
        """Save the view's draft whenever the person changes ``element``."""
        element.addEventListener("input", create_proxy(lambda event: self.spawn(self.save_draft())))

    def draft(self):
        """What the person has typed in this view (names to text), to keep."""
        return {testid: self.part(testid).value for testid in self.DRAFT}

    def restore(self, draft):
        """Put a kept draft back (after a reload, a renewal or a sign-in round trip)."""
        for testid in self.DRAFT:
            if testid in draft:
                self.part(testid).value = draft[testid]

    async def save_draft(self):
        await self.services.storage.set(draft_key(self.name), encode_draft(self.draft()))

    async def load_draft(self):
        """The kept draft, put back; returns it."""
        draft = read_draft(await self.services.storage.get(draft_key(self.name)))
        if draft:
            self.restore(draft)
        return draft

    async def drop_draft(self):
        await self.services.storage.remove(draft_key(self.name))

    def part(self, testid):
        """The element with ``data-testid=testid`` inside this view."""
        return by_testid(testid, self.root)

    def spawn(self, coroutine):
        return self.services.spawn(coroutine)

    async def call(self, method, path, query=None, json_body=None, explain=None):
        """Call Zoho; problems that are not the session's are said in this view's message."""
        return await self.services.call(method, path, query, json_body, self.message, explain)

    async def drive(self, flow, explain=None, on_rows=None):
        """Run a flow of zoho.calls; problems that are not the session's are said in this
        view's message (see Session.drive)."""
        return await self.services.drive(flow, self.message, explain, on_rows)

    def remember_place(self):
        """Put this view's place in the address bar (when it is the one shown)."""
        self.shell.remember(self)

    def signed_in(self):
        """After sign-in, before any view is shown: start loading what the view needs (and
        put back what the person was typing)."""
        self.spawn(self.load_draft())

    async def enter(self, place):
        """The view is shown, at ``place`` (its pairs come from the address bar)."""

    def place(self):
        """This view's state for the address bar: (name, value) pairs."""
        return []

    def leave(self):
        """Another view is shown: what belonged to this one's last action goes."""
        self.message.clear()

    def reset(self, forget_drafts=True):
        """The session ended: forget and empty everything the view showed of the person's
        data; the drafts too, unless they are kept for the next sign-in."""
        self.message.clear()
        if forget_drafts:
            self.spawn(self.drop_draft())

    def unsaved_work(self):
        """A short sentence naming the work in this view that is kept nowhere (asked before
        a sign-out here), or None."""
        return None

    def keep_after_sign_out(self):
        """Signed out while this view has unsaved work (in another tab, or here when the person
        chose to keep it): keep what is on screen, with Download and Discard, instead of
        resetting. Only called when unsaved_work() named something."""
        self.reset(forget_drafts=False)


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
