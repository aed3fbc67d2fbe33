"""The base of every view of the workspace (app/web/views/): its element, message area, draft,
calls to Zoho through the narrow ``services`` interface, and the hooks the shell calls."""

from zoho.drafts import draft_key, encode_draft, read_draft

from pyscript import document
from pyscript.ffi import create_proxy

from web.dom import by_testid
from web.page import Message


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
        """A short sentence naming the work in this view and saying it is kept nowhere else, in
        the number of what it names (asked before a sign-out here), or None."""
        return None

    def keep_after_sign_out(self):
        """Signed out while this view has unsaved work (in another tab, or here when the person
        chose to keep it): keep what is on screen, with Download and Discard, instead of
        resetting. Only called when unsaved_work() named something."""
        self.reset(forget_drafts=False)
