"""The signed-in session: sign-in, the callback, expiry and renewal, API calls, sign-out.

The rules live in the core (zoho.flow, zoho.policy); this controller carries them out.
It imports nothing of the browser: the clock, randomness, fetch and the address bar
come in as ``platform``, the tab's storage as ``storage`` and the page's sign-in and
header parts as ``page`` (see app/web/browser.py and app/web/view.py for the real
ones, tests/web/fakes.py for the ones the fast tests use).
"""

import asyncio

from zoho import calls, datacentres
from zoho.api import CRM, first_item
from zoho.errors import (
    AuthorizationRefused,
    CallbackError,
    NoPendingSignIn,
    NetworkError,
    StoredStateError,
    StoredTokenError,
    ZohoError,
    shorten,
)
from zoho.environments import ENVIRONMENT_KEY, LABELS as ENVIRONMENTS, PRODUCTION, in_environment
from zoho.flow import PendingSignIn, authorize_url, complete_sign_in, new_pending_sign_in
from zoho.policy import (
    RENEW,
    REVOKED,
    REFUSED,
    UNREADABLE,
    DropSession,
    Expired,
    OfferScope,
    expiry_action,
    read_revoke_answer,
    renewal_due,
    renewal_scopes,
    route_error,
    with_scope,
)
from zoho.tabs import (
    REQUEST,
    SIGNED_OUT,
    TOKEN,
    POPUP_FAILED,
    popup_failed_message,
    read_tab_message,
    request_message,
    signed_out_message,
    takes_offer,
    token_message,
)
from zoho.token import PENDING_KEY, STORAGE_KEY, TokenRecord, format_remaining
from zoho.urlcodec import quote

from web.driver import drive

STATE_BYTES = 32
# The names of the app's own pop-up windows: a quiet renewal, and a sign-in (a renewal
# that needs consent, or a sign-in chosen to keep the page).
RENEWAL_WINDOW = "zoho-renewal"
SIGN_IN_WINDOW = "zoho-sign-in"
RENEWAL_KEY = "zoho.renewed_at"
# Sign-in answers that mean "the quiet renewal is not possible, do the full sign-in".
FULL_SIGN_IN_NEEDED = ("prompt_required", "client_not_granted")
EXPIRES_ANYWAY = "it stops working by itself when it expires, within the hour."
STORAGE_UNAVAILABLE = ("This browser does not let the page use session storage, so your sign-in "
                       "is kept in memory for this tab only: reloading the page signs you out.")
STORAGE_BLOCKED = ("This browser does not let the page keep anything for this tab (session "
                   "storage is blocked), so a sign-in could not be checked when Zoho sends you "
                   "back. Allow site data for this page, then try again.")


class Session:
    def __init__(self, config, storage, page, platform, progress):
        self.config = config
        self.storage = storage
        self.page = page
        self.platform = platform
        self.progress = progress
        self.token = None
        self.credentials = calls.Credentials(self.usable_token, platform.now)
        self.on_signed_in = []  # callables run once the signed-in page is shown
        # Callables run when the session ends, told whether to forget the drafts too (a sign-out)
        # or to keep them for the next sign-in (a token that expired or was refused).
        self.on_signed_out = []
        self._expiry_handled = False
        self._renewal_tried = False  # the quiet renewal of the current token was tried
        self._popup = None  # the app's pop-up window while a sign-in runs in it
        self._refusal = None  # why the last sign-in answer was refused
        self.is_popup = platform.window_name() in (RENEWAL_WINDOW, SIGN_IN_WINDOW)
        # A pop-up only finishes its sign-in and hands the token over: it joins no tab talk.
        self.tabs = None if self.is_popup else platform.open_tab_channel(self._on_tab_message)
        self.environment = PRODUCTION  # the organisation the tab's sign-in is for
        page.on_sign_in(lambda: self.spawn(self.sign_in()))
        page.on_sign_out(lambda: self.spawn(self.sign_out()))

    # --- start -------------------------------------------------------------------------------

    async def start(self, fragment):
        if self.is_popup:
            await self._finish_in_popup(fragment)
            return
        if not self.storage.persistent:
            self.page.show_notice(STORAGE_UNAVAILABLE)
        if fragment:
            await self._finish_sign_in(fragment)
            if self.token is not None and self.tabs is not None:
                self.tabs.post(token_message(self.token))  # a sign-in or renewal, for every tab
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
        self._show_state()

    async def _finish_in_popup(self, fragment):
        """In the app's pop-up: finish the sign-in, hand the token to the tab that opened
        this window (and every other tab), and close; a refusal is handed over the same way."""
        self._refusal = None
        if fragment:
            await self._finish_sign_in(fragment)
        if not fragment or self._refusal is not None:
            # (A refusal may leave the copy of the opener's token loaded: never hand that on.)
            channel = self.platform.open_tab_channel(lambda text: None)
            if channel is None:
                self.page.show_signed_out()
                return
            channel.post(popup_failed_message(self._refusal or "The sign-in did not finish."))
            self.platform.close_window()
            return
        channel = self.platform.open_tab_channel(lambda text: None)
        if channel is None:
            return  # nowhere to hand it to: this window goes on as a signed-in tab
        channel.post(token_message(self.token))
        self.platform.close_window()

    def _show_state(self):
        if self.token is None:
            self.page.show_signed_out()
            return
        self._expiry_handled = False
        self._renewal_tried = False
        self.page.show_signed_in(self.token, self._data_centre_label())
        self.tick()
        self.spawn(self.load_current_user())
        self.spawn(self.load_org())
        for listener in self.on_signed_in:
            listener()

    async def _finish_sign_in(self, fragment):
        raw = await self.storage.get(PENDING_KEY)
        await self.storage.remove(PENDING_KEY)  # one-time, whatever the outcome
        pending = None
        if raw is not None:
            try:
                pending = PendingSignIn.from_json(raw)
            except StoredStateError:
                pending = None
        try:
            record = complete_sign_in(fragment, pending, self.platform.now(), self.config["api_domains"])
        except CallbackError as error:
            await self._refused(error)
            return
        record = await self._in_chosen_environment(record)
        if record is None:
            return
        self.token = record
        await self._save_token()
        if pending.return_path:
            self.platform.replace_address(self.platform.app_url(pending.return_path))

    async def _refused(self, error):
        """A sign-in answer was refused: say why; offer the full sign-in where that helps.

        An answer to a sign-in that is already used up, in a tab that is signed in, is
        dropped quietly: it is Back to Zoho's page and Accept again, not an attack on
        this tab (the answer is not taken either way).
        """
        self._refusal = error.message
        if isinstance(error, NoPendingSignIn):
            await self._load_stored_token()
            if self.token is not None:
                return
        if isinstance(error, AuthorizationRefused) and error.error in FULL_SIGN_IN_NEEDED:
            self.page.show_error(error.message + " Please sign in again.",
                                 [("Sign in again", lambda: self.spawn(self.sign_in()))])
        else:
            self.page.show_error(error.message)
        # A refused answer never replaces a token this tab already holds.
        await self._load_stored_token()

    async def _in_chosen_environment(self, record):
        """``record`` with the API domain of the organisation chosen at sign-in (Zoho answers
        with production's); None, once said, when the site knows no such domain."""
        self.environment = await self._stored_environment()
        moved = in_environment(record, self.environment, self.config.get("environment_api_domains"),
                               self.config["api_domains"])
        if moved is None:
            self._refusal = ("This site has no API address for the " + ENVIRONMENTS.get(self.environment, "chosen")
                             + " of " + record.api_domain + ", so the sign-in was not kept.")
            self.page.show_error(self._refusal)
        return moved

    async def _stored_environment(self):
        stored = await self.storage.get(ENVIRONMENT_KEY)
        return stored if stored in ENVIRONMENTS else PRODUCTION

    async def _load_stored_token(self):
        self.environment = await self._stored_environment()
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

    def _data_centre_label(self):
        centre = datacentres.by_location(self.token.location)
        if centre is not None:
            label = centre.label + " (" + centre.location + ")"
        else:
            label = self.token.location or self.token.accounts_url or ""
        if self.environment != PRODUCTION:
            label += " · " + ENVIRONMENTS.get(self.environment, self.environment)
        return label

    # --- calling Zoho ------------------------------------------------------------------------

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
            return await drive(flow, self.platform, report, on_rows)
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
        else:
            report.show_error(route.message)
        return None

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

    async def load_org(self):
        response = await self.call("GET", CRM + "/org")
        if response is None:
            return
        self.page.show_org(_text(first_item(response, "org").get("company_name")))

    async def drop_token(self, message):
        """Forget the token (Zoho no longer accepts it) and offer to sign in again; what the
        person was typing is kept for when they are back."""
        await self._end(forget_drafts=False)
        self.page.show_error(message, [("Sign in again", lambda: self.spawn(self.sign_in()))])

    async def _end(self, forget_drafts=True):
        """The session is over: nothing of it stays in storage or on the page (but the drafts,
        unless ``forget_drafts``)."""
        self.token = None
        for key in (STORAGE_KEY, RENEWAL_KEY, PENDING_KEY, ENVIRONMENT_KEY):
            await self.storage.remove(key)
        self.page.show_signed_out()
        for listener in self.on_signed_out:
            listener(forget_drafts)

    # --- expiry ------------------------------------------------------------------------------

    def tick(self, *_):
        """Every second: show the time left; act once when the token is no longer usable.

        It reads the clock each time, so a laptop that slept still sees the truth.
        """
        self._watch_popup()
        if self.token is None:
            return
        now = self.platform.now()
        left = format_remaining(self.token.seconds_left(now))
        renewing = self._popup is not None and self._renewal_tried
        self.page.set_token_status(("Renewing… valid for " if renewing else "Valid for ") + left)
        if renewal_due(self.token, now) and not self._renewal_tried:
            self._renewal_tried = True
            self.spawn(self.renew(quietly=True))
        if not self.token.is_usable(now) and not self._expiry_handled:
            self.spawn(self._expired())

    async def renew(self, quietly):
        """Renew the sign-in in the app's pop-up window, keeping this page as it is: quietly
        (Zoho's renewal, no consent screen) or, after a click, the full sign-in. When the
        window cannot be opened, say so with a one-click Renew (a click may open it)."""
        record = self.token
        if record is None:
            return
        opened = await self._sign_in_in_popup(
            RENEWAL_WINDOW if quietly else SIGN_IN_WINDOW, renew=quietly, accounts_url=record.accounts_url,
            scopes=renewal_scopes(record, self.config["scopes"]))
        if opened:
            self.tick()
        elif quietly:
            self._offer_renewal("")
        else:  # blocked even after a click: the full redirect (drafts are kept)
            await self.sign_in(renew=False, accounts_url=record.accounts_url,
                               scopes=renewal_scopes(record, self.config["scopes"]))

    def _offer_renewal(self, why):
        if self.token is None:
            return
        minutes = max(1, int(self.token.seconds_left(self.platform.now()) // 60))
        self.page.show_notice(why + "Your Zoho session ends in " + str(minutes) + " min.",
                              [("Renew", lambda: self.spawn(self.renew(quietly=False)))])

    async def _sign_in_in_popup(self, window_name, renew, accounts_url=None, scopes=None):
        """Start a sign-in in the app's pop-up window; False when it could not be opened
        (a pop-up blocker). The window gets a copy of this tab's storage, with the pending
        sign-in in it; this tab then forgets its own copy, so the answer counts only there."""
        redirect = await self._prepare_sign_in(renew, accounts_url, scopes)
        if redirect is None:
            return True  # refused and said so: nothing to open
        popup = self.platform.open_popup(redirect, window_name)
        await self.storage.remove(PENDING_KEY)
        if popup is None:
            return False
        self._popup = popup
        return True

    def _watch_popup(self):
        """A pop-up closed without handing a token over: offer to renew (or sign in) again."""
        if self._popup is None or not self._popup.closed:
            return
        self._popup = None
        if self.token is not None:
            self._offer_renewal("The renewal window closed before Zoho renewed the sign-in. ")
        else:
            self.page.show_notice("The sign-in window closed before Zoho answered; you are not signed in.")

    async def _expired(self):
        """Renew or drop the expiring token, once (every call that found it expired ends here)."""
        if self._expiry_handled:
            return
        self._expiry_handled = True
        record = self.token
        last_renewal = await self.storage.get(RENEWAL_KEY)
        if expiry_action(record, last_renewal, self.platform.now()) == RENEW:
            self.page.show_notice("Your Zoho access is about to expire; renewing it…")
            await self.storage.set(RENEWAL_KEY, str(self.platform.now()))
            await self.sign_in(renew=True, accounts_url=record.accounts_url,
                               scopes=renewal_scopes(record, self.config["scopes"]))
            return
        await self.drop_token("Your Zoho sign-in has expired.")

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

    # --- sign-in and sign-out ----------------------------------------------------------------

    async def sign_in(self, renew=False, accounts_url=None, scopes=None):
        """Start the authorize redirect (or the quiet renewal), keeping the in-app place; in
        the app's pop-up window instead when the person chose that on the sign-in card."""
        if self.token is None and not renew and self.page.sign_in_in_popup():
            if await self._sign_in_in_popup(SIGN_IN_WINDOW, False, accounts_url, scopes):
                return
            self.page.show_notice("The pop-up window was blocked, so Zoho's sign-in opens in this tab.")
        redirect = await self._prepare_sign_in(renew, accounts_url, scopes)
        if redirect is None:
            return
        self.page.set_busy(True)
        self.platform.navigate(redirect)

    async def _prepare_sign_in(self, renew, accounts_url, scopes):
        """Store a new pending sign-in; the authorize URL, or None once a refusal is said."""
        self.page.clear_error()
        chosen = accounts_url or self.page.selected_accounts_url()
        accounts_url = datacentres.allowed_accounts_server(chosen, self.config["data_centres"])
        if accounts_url is None:
            self.page.show_error("Sign-in was not started: " + shorten(chosen) + " is not a Zoho accounts "
                                 "server this site was set up for.")
            return None
        scopes = scopes or self.config["scopes"]
        if self.token is None and not renew:  # a renewal stays in the organisation it is for
            await self.storage.set(ENVIRONMENT_KEY, self.page.selected_environment() or PRODUCTION)
        pending = new_pending_sign_in(
            self.platform.random_bytes(STATE_BYTES), self.platform.now(), self.platform.location_search(),
            accounts_url, scopes, self.platform.app_url())
        if not await self.storage.set(PENDING_KEY, pending.to_json()):
            self.page.show_error(STORAGE_BLOCKED)
            return None
        return authorize_url(pending.accounts_url, self.config["client_id"], pending.scopes,
                             pending.redirect_uri, pending.state, renew=renew)

    async def sign_out(self):
        record = self.token
        self.page.clear_error()
        await self._end()
        if self.tabs is not None:
            self.tabs.post(signed_out_message())
        if record is None:
            return
        server = datacentres.allowed_accounts_server(
            datacentres.revoke_server(record.accounts_url, record.location, record.accounts_server),
            self.config["data_centres"])
        if server is None:
            self.page.show_error("Signed out of this page. No Zoho accounts server this site was set "
                                 "up for is known for this token, so it was not revoked; " + EXPIRES_ANYWAY)
            return
        self.page.show_notice("Signed out. Revoking the token at Zoho…")
        outcome = await self._revoke(server, record.access_token)
        if outcome == REVOKED:
            self.page.show_notice("Signed out. Zoho has revoked the access token.")
            return
        self.page.show_notice("")
        if outcome == REFUSED:
            self.page.show_error("Signed out of this page, but " + server + " refused to revoke the "
                                 "token; " + EXPIRES_ANYWAY)
        else:
            self.page.show_error(
                "Signed out of this page. Zoho's answer to revoking the token could not be read (you "
                "may be offline, or " + server + " does not answer this site's origin), so it is not "
                "certain the token was revoked; " + EXPIRES_ANYWAY)

    async def _revoke(self, server, access_token):
        """Best-effort revoke, as Zoho documents it (the token goes in the query string).

        UNREADABLE when fetch fails: the POST may well have reached Zoho (it needs no
        preflight), only its answer was not readable (no CORS headers, or offline).
        """
        url = server.rstrip("/") + "/oauth/v2/token/revoke?token=" + quote(access_token)
        try:
            status, _headers, text = await self.platform.fetch_text(url, "POST")
        except NetworkError:
            return UNREADABLE
        return read_revoke_answer(status, text)

    # --- the app's other tabs ------------------------------------------------------------------

    def _on_tab_message(self, text):
        message = read_tab_message(text, self.config["api_domains"], self.platform.now())
        if message is None:
            return
        if message.kind == REQUEST:
            token = self.usable_token()
            if token is not None:
                self.tabs.post(token_message(token))
        elif message.kind == TOKEN:
            if takes_offer(self.token, message.record):
                self.spawn(self._take_token(message.record))
        elif message.kind == SIGNED_OUT:
            if self.token is not None:
                self.spawn(self._signed_out_elsewhere())
        elif message.kind == POPUP_FAILED and self._popup is not None:
            self._popup = None
            if self.token is None:
                self.page.show_error(message.message or "The sign-in did not finish.")
            else:
                self._offer_renewal((message.message or "The renewal did not finish.") + " ")

    async def _take_token(self, record):
        """The sign-in of another tab or of the app's pop-up window: keep a copy in this tab."""
        was_signed_in = self.token is not None
        self.token = record
        self._popup = None
        await self._save_token()
        if was_signed_in:
            self._expiry_handled = False
            self._renewal_tried = False
            self.page.show_notice("")
            self.tick()
        else:
            self.page.clear_error()
            self._show_state()

    async def _signed_out_elsewhere(self):
        await self._end()
        self.page.show_notice("Signed out in another tab of this app.")

    # --- background work ---------------------------------------------------------------------

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
