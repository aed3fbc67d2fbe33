"""The signed-in session: its state, calls to Zoho, where their errors go, and its end.

Sign-in and sign-out (web.signin), renewal (web.renewal) and the other tabs
(web.tab_sharing) are its parts. The rules live in the core (zoho.calls, zoho.flow,
zoho.policy, zoho.tabs); this controller carries them out.
It imports nothing of the browser: the clock, randomness, fetch and the address bar
come in as ``platform``, the tab's storage as ``storage`` and the page's sign-in and
header parts as ``page`` (see app/web/browser.py and app/web/page.py for the real
ones, tests/controller/fakes.py for the ones the fast tests use).
"""

import asyncio

from zoho import calls, datacentres
from zoho.api import CRM, first_item
from zoho.environments import ENVIRONMENT_KEY, LABELS as ENVIRONMENTS, PRODUCTION, environment_of
from zoho.errors import NetworkError, StoredTokenError, ZohoError
from zoho.policy import DropSession, Expired, OfferScope, route_error, with_scope
from zoho.tabs import Binding, request_message, token_message
from zoho.token import PENDING_KEY, STORAGE_KEY, TokenRecord

from web.driver import drive
from web.renewal import RENEWAL_KEY, Renewal
from web.signin import SignIn
from web.tab_sharing import TabSharing

STORAGE_UNAVAILABLE = ("This browser does not let the page use session storage, so your sign-in "
                       "is kept in memory for this tab only: reloading the page signs you out.")


class Session(SignIn, Renewal, TabSharing):
    """The signed-in session: its state (the token, the environment, the listeners), calls
    to Zoho and where their errors go; sign-in, renewal and the other tabs are its parts
    (web.signin, web.renewal, web.tab_sharing)."""

    def __init__(self, config, storage, page, platform, progress):
        self.config = config
        self.storage = storage
        self.page = page
        self.platform = platform
        self.progress = progress
        self.token = None
        self.credentials = calls.Credentials(self.usable_token, platform.now)
        self.binding = None  # zoho.tabs.Binding: the organisation, environment and user of the tab's sign-in
        self.on_signed_in = []  # callables run once the signed-in page is shown
        # Callables run when the session ends, told whether to forget the drafts too (a sign-out)
        # or to keep them for the next sign-in (a token that expired or was refused), and
        # whether views keep the unsaved work on screen (signed out in another tab, or asked to).
        self.on_signed_out = []
        # Callables that each give a sentence naming a view's unsaved work, or None.
        self.unsaved_work = []
        self._announce = False  # tell the other tabs of this sign-in once who it is is known
        self._unreachable = False  # Zoho could not be reached as the page loaded: Retry is offered
        self._reached = False  # a call of this page has had an answer from Zoho
        self._expiry_handled = False
        self._renewal_tried = False  # the quiet renewal of the current token was tried
        self._popup = None  # the app's pop-up window while a sign-in runs in it
        self._refusal = None  # why the last sign-in answer was refused
        self.is_popup = False  # the app's pop-up window, known once started
        self.tabs = None  # the channel to the app's other tabs, once started (not in a pop-up)
        page.on_sign_in(lambda: self.spawn(self.sign_in()))
        page.on_sign_out(lambda: self.spawn(self.sign_out()))

    async def start(self, fragment):
        self.is_popup = await self._answered_in_popup(fragment)
        if self.is_popup:
            # A pop-up only finishes its sign-in and hands the token over: it joins no tab talk.
            await self._finish_in_popup(fragment)
            return
        self.tabs = self.platform.open_tab_channel(self._on_tab_message)
        if not self.storage.persistent:
            self.page.show_notice(STORAGE_UNAVAILABLE)
        if fragment:
            await self._finish_sign_in(fragment)
            self._announce = self.token is not None  # a sign-in or renewal, for every tab
        else:
            await self._load_stored_token()
        self._show_state()
        if self.token is None and self.page.take_early_sign_in():
            self.spawn(self.sign_in())
        if self.token is None and self.tabs is not None:
            self.tabs.post(request_message())  # another open tab may hold the sign-in

    async def handle_fragment(self, fragment):
        """A sign-in answer that arrived while the page was open."""
        self.page.clear_error()
        await self._finish_sign_in(fragment)
        self._announce = self.token is not None
        self._show_state()

    def _show_state(self):
        if self.token is None:
            self.page.show_signed_out()
            return
        self._unreachable = False
        if self.binding is None or self.binding.api_domain != self.token.api_domain:
            self.binding = Binding(self.token.api_domain)
        self.page.show_signed_in(self.token, self.label(self.token))
        self._token_changed(load=True)
        for listener in self.on_signed_in:
            listener()

    async def _load_stored_token(self):
        raw = await self.storage.get(STORAGE_KEY)
        if raw is None:
            return
        try:
            self.token = TokenRecord.from_json(raw, self.config["api_domains"])
        except StoredTokenError as error:
            await self.storage.remove(STORAGE_KEY)
            self.page.show_error(error.message)

    async def _save_token(self):
        if not await self.storage.set(STORAGE_KEY, self.token.to_json()):
            self.page.show_notice(STORAGE_UNAVAILABLE)

    def _token_changed(self, load):
        """A new token is in use: its expiry and renewal are its own, the validity shown is
        brought up to date, and (``load``) who and which organisation it is are asked again."""
        self._expiry_handled = False
        self._renewal_tried = False
        self.tick()
        if load:
            self.spawn(self.load_current_user())
            self.spawn(self.load_org())

    def environment(self, record):
        """The environment ``record``'s API domain belongs to (zoho.environments), or None."""
        return environment_of(record.api_domain, self.config.get("environment_api_domains"))

    def label(self, record):
        """Where ``record`` signs in: its data centre, and its environment unless production,
        both read from the token itself (never from what this tab chose before)."""
        label = self.data_centre(record)
        environment = self.environment(record)
        if environment != PRODUCTION:
            label += " · " + ENVIRONMENTS.get(environment, "unknown environment")
        return label

    def data_centre(self, record):
        centre = datacentres.by_location(record.location)
        if centre is not None:
            return centre.label + " (" + centre.location + ")"
        return record.location or record.accounts_url or ""

    async def call(self, method, path, query=None, json_body=None, report=None, explain=None, retries=True):
        """Call the Zoho API with the session's token (zoho.calls.call); the ApiResponse, or
        None once the problem is handled (see drive)."""
        return await self.drive(calls.call(self.credentials, method, path, query, json_body, retries), report, explain)

    async def drive(self, flow, report=None, explain=None, on_rows=None):
        """Run a flow of zoho.calls (made with ``self.credentials``); its result, or None once
        the problem is handled.

        Retries follow the flow (with a notice in ``report`` while waiting). Problems with
        the session itself (token refused or expired) are handled at the page level; the
        rest are said in ``report`` (the message area of the view that asked), or at the page
        level when there is none; ``explain`` as for zoho.policy.route_error; ``on_rows`` as
        for web.driver.drive.
        """
        report = report or self.page
        self.progress.begin()
        try:
            result = await drive(flow, self.platform, report, on_rows)
            self._reached = True
            return result
        except ZohoError as error:
            await self.handle_error(error, report, explain)
        finally:
            self.progress.end()
        return None

    async def handle_error(self, error, report=None, explain=None):
        """Carry out what zoho.policy.route_error decides for the ZohoError ``error``."""
        report = report or self.page
        route = route_error(error, explain)
        if isinstance(route, DropSession):
            await self.drop_token(route.message)
        elif isinstance(route, Expired):
            await self._expired()
        elif isinstance(route, OfferScope):
            self.offer_scope(report, route.message, route.scope)
        elif isinstance(error, NetworkError) and (report is self.page or not self._reached):
            self._say_unreachable(route.message)  # the page's own calls, or any before Zoho ever answered
        else:
            report.show_error(route.message)
        return None

    def _say_unreachable(self, message):
        """Zoho could not be reached as the page loads: one message for all the calls that
        failed, at the page level, with Retry (and a retry by itself when the browser is back
        online)."""
        if self._unreachable:
            return
        self._unreachable = True
        self.page.show_error(message, [("Retry", lambda: self.spawn(self.reconnect()))])

    async def reconnect(self):
        """Try Zoho again after it could not be reached: the page and every view fill in
        as at sign-in, without a reload. Nothing to do when it was not unreachable."""
        if not self._unreachable or self.token is None:
            return
        self.page.clear_error()
        self._show_state()

    def offer_scope(self, report, message, scope):
        """Say ``message`` (a missing scope) with a button that signs in again asking for ``scope`` too."""
        scopes = with_scope(self.config["scopes"], scope)
        report.show_error(message, [("Sign in with " + scope, lambda: self.spawn(self.sign_in(scopes=scopes)))])

    async def load_current_user(self):
        response = await self.call("GET", CRM + "/users", {"type": "CurrentUser"})
        if response is None:
            return
        user = first_item(response, "users")
        self.page.show_user(_text(user.get("full_name")), _text(user.get("email")))
        self._learnt(user_id=_text(user.get("id")) or None)

    async def load_org(self):
        response = await self.call("GET", CRM + "/org")
        if response is None:
            return
        org = first_item(response, "org")
        self.page.show_org(_text(org.get("company_name")))
        self._learnt(org_id=_text(org.get("id")) or None)

    def _learnt(self, org_id=None, user_id=None):
        """Who the tab's sign-in is, as Zoho said: bind the tab to it; then tell the other
        tabs of a new sign-in, now that they can tell whether it is theirs."""
        if self.binding is None or self.token is None or self.binding.api_domain != self.token.api_domain:
            return
        self.binding = Binding(self.binding.api_domain, org_id or self.binding.org_id, user_id or self.binding.user_id)
        if self._announce and self.binding.known and self.tabs is not None:
            self._announce = False
            self.tabs.post(token_message(self.token, self.binding))

    async def drop_token(self, message):
        """Forget the token (Zoho no longer accepts it) and offer to sign in again; what the
        person was typing is kept for when they are back."""
        await self._end(forget_drafts=False)
        self.page.show_error(message, [("Sign in again", lambda: self.spawn(self.sign_in()))])

    async def _end(self, forget_drafts=True, keep_work=False):
        """The session is over: nothing of it stays in storage or on the page (but the drafts,
        unless ``forget_drafts``, and the views' unsaved work, when ``keep_work``)."""
        self.token = None
        for key in (STORAGE_KEY, RENEWAL_KEY, PENDING_KEY, ENVIRONMENT_KEY):
            await self.storage.remove(key)
        self.page.show_signed_out()
        for listener in self.on_signed_out:
            listener(forget_drafts, keep_work)

    def usable_token(self):
        """The token if it may still be used (not within the expiry margin), else None."""
        if self.token is None or not self.token.is_usable(self.platform.now()):
            return None
        return self.token

    async def token_or_expire(self):
        """The usable token; or None, once the person has been told it expired (or it renews)."""
        token = self.usable_token()
        if token is None:
            await self._expired()
        return token

    def spawn(self, coroutine):
        """Run ``coroutine`` in the background; a ZohoError it raises is shown, not lost."""
        return asyncio.create_task(self._shown_errors(coroutine))

    async def _shown_errors(self, coroutine):
        try:
            await coroutine
        except ZohoError as error:
            self.page.show_error(error.message)
        except Exception as error:  # noqa: BLE001 - the last stop for a bug: say so, keep the page
            self.page.show_error("Something unexpected went wrong (" + type(error).__name__ + "). "
                                 "The page still works; reloading it may help.")


def _text(value):
    return value if isinstance(value, str) else ""
