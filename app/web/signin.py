"""Signing in and out: the authorize redirect (or the app's pop-up window), the answer that
comes back, the environment it is for, and the revoke at sign-out.

Part of web.session.Session (see there for what ``self`` holds); the rules are the core's
(zoho.flow, zoho.datacentres, zoho.environments, zoho.policy).
"""

from zoho import datacentres
from zoho.environments import ENVIRONMENT_KEY, LABELS as ENVIRONMENTS, PRODUCTION, in_environment
from zoho.errors import AuthorizationRefused, CallbackError, NetworkError, NoPendingSignIn, StoredStateError, shorten
from zoho.flow import PendingSignIn, authorize_url, complete_sign_in, new_pending_sign_in
from zoho.policy import REFUSED, REVOKED, UNREADABLE, read_revoke_answer
from zoho.tabs import popup_failed_message, signed_out_message, token_message
from zoho.token import PENDING_KEY
from zoho.urlcodec import quote

STATE_BYTES = 32
# The names of the app's own pop-up windows: a quiet renewal, and a sign-in (a renewal
# that needs consent, or a sign-in chosen to keep the page).
RENEWAL_WINDOW = "zoho-renewal"
SIGN_IN_WINDOW = "zoho-sign-in"
# Sign-in answers that mean "the quiet renewal is not possible, do the full sign-in".
FULL_SIGN_IN_NEEDED = ("prompt_required", "client_not_granted")
EXPIRES_ANYWAY = "it stops working by itself when it expires, within the hour."
STORAGE_BLOCKED = ("This browser does not let the page keep anything for this tab (session "
                   "storage is blocked), so a sign-in could not be checked when Zoho sends you "
                   "back. Allow site data for this page, then try again.")


class SignIn:
    async def _answered_in_popup(self, fragment):
        """Whether ``fragment`` is Zoho's answer to a sign-in run in the app's pop-up window, by
        its window name or, where the name is lost (under cross-origin isolation, COOP
        same-origin clears it on the way through Zoho), by the pending sign-in it answers."""
        if self.platform.window_name() in (RENEWAL_WINDOW, SIGN_IN_WINDOW):
            return True
        raw = await self.storage.get(PENDING_KEY) if fragment else None
        try:
            return raw is not None and PendingSignIn.from_json(raw).window in (RENEWAL_WINDOW, SIGN_IN_WINDOW)
        except StoredStateError:
            return False  # _finish_sign_in says so

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
        self.binding = None  # a new sign-in: who it is is learnt anew
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
        environment = await self._stored_environment()
        moved = in_environment(record, environment, self.config.get("environment_api_domains"),
                               self.config["api_domains"])
        if moved is None:
            self._refusal = ("This site has no API address for the " + ENVIRONMENTS.get(environment, "chosen")
                             + " of " + record.api_domain + ", so the sign-in was not kept.")
            self.page.show_error(self._refusal)
        return moved

    async def _stored_environment(self):
        stored = await self.storage.get(ENVIRONMENT_KEY)
        return stored if stored in ENVIRONMENTS else PRODUCTION

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

    async def _prepare_sign_in(self, renew, accounts_url, scopes, window=""):
        """Store a new pending sign-in (in the app's pop-up ``window``, or "" in this tab); the
        authorize URL, or None once a refusal is said."""
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
            accounts_url, scopes, self.platform.app_url(), window)
        if not await self.storage.set(PENDING_KEY, pending.to_json()):
            self.page.show_error(STORAGE_BLOCKED)
            return None
        return authorize_url(pending.accounts_url, self.config["client_id"], pending.scopes,
                             pending.redirect_uri, pending.state, renew=renew)

    async def _sign_in_in_popup(self, window_name, renew, accounts_url=None, scopes=None):
        """Start a sign-in in the app's pop-up window; False when it could not be opened
        (a pop-up blocker). The window gets a copy of this tab's storage, with the pending
        sign-in in it; this tab then forgets its own copy, so the answer counts only there."""
        redirect = await self._prepare_sign_in(renew, accounts_url, scopes, window_name)
        if redirect is None:
            return True  # refused and said so: nothing to open
        popup = self.platform.open_popup(redirect, window_name)
        await self.storage.remove(PENDING_KEY)
        if popup is None:
            return False
        self._popup = popup
        return True

    async def sign_out(self):
        """Sign out (revoking the token); with unsaved work in a view, first ask, in the page,
        whether to keep it on screen (with its Download) or discard it."""
        unsaved = [sentence for sentence in (check() for check in self.unsaved_work) if sentence]
        if not unsaved:
            await self._sign_out()
            return
        self.page.show_notice(
            "Before you sign out: " + " ".join(unsaved),
            [("Sign out, keep it on screen to download", lambda: self.spawn(self._sign_out(keep_work=True))),
             ("Sign out and discard it", lambda: self.spawn(self._sign_out()), "danger"),
             ("Stay signed in", lambda: self.page.show_notice(""))])

    async def _sign_out(self, keep_work=False):
        record = self.token
        self.page.clear_error()
        self.page.show_notice("")
        self.binding = None
        await self._end(keep_work=keep_work)
        if record is None:
            return
        if self.tabs is not None:
            self.tabs.post(signed_out_message(record))  # the tabs that hold this token end too
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
