"""The signed-in session in the page: sign-in, the callback, expiry and renewal, sign-out.

The rules live in the core (zoho.*); this module wires them to the tab's storage,
the address bar, fetch and the page.
"""

import asyncio
import json

from zoho import datacentres
from zoho.api import build_request, first_item, retry_delay
from zoho.errors import (
    ApiError,
    AuthorizationRefused,
    CallbackError,
    InvalidTokenError,
    NetworkError,
    RateLimitedError,
    ScopeMismatchError,
    ScopeSyntaxError,
    StoredStateError,
    StoredTokenError,
    TokenExpiredError,
    ZohoError,
)
from zoho.flow import PendingSignIn, authorize_url, complete_sign_in, new_pending_sign_in
from zoho.scopes import describe_scope, validate_scopes
from zoho.token import PENDING_KEY, STORAGE_KEY, TokenRecord, format_remaining
from zoho.urlcodec import quote

from pyscript import window

from web import browser
from web.view import Progress, by_testid

STATE_BYTES = 32
MAX_ATTEMPTS = 3  # for one API call, when Zoho asks to slow down
# A renewal that comes back with a token about to expire again must not loop.
RENEWAL_KEY = "zoho.renewed_at"
MIN_SECONDS_BETWEEN_RENEWALS = 300
# Sign-in answers that mean "the quiet renewal is not possible, do the full sign-in".
FULL_SIGN_IN_NEEDED = ("prompt_required", "client_not_granted")

# What came of revoking a token at sign-out.
REVOKED, REFUSED, UNREADABLE = "revoked", "refused", "unreadable"
EXPIRES_ANYWAY = "it stops working by itself when it expires, within the hour."

STORAGE_UNAVAILABLE = ("This browser does not let the page use session storage, so your sign-in "
                       "is kept in memory for this tab only: reloading the page signs you out.")


class Session:
    def __init__(self, config, storage, page):
        self.config = config
        self.storage = storage
        self.page = page
        self.token = None
        self.after_sign_in = []  # async callables run once the signed-in page is shown
        self._expiry_handled = False
        self.progress = Progress(by_testid("progress"), self.spawn)
        page.fill_sign_in(config["data_centres"], config["default_location"],
                          [describe_scope(scope) for scope in config["scopes"]])
        page.on_sign_in(lambda: self.spawn(self.sign_in()))
        page.on_sign_out(lambda: self.spawn(self.sign_out()))

    # --- start -------------------------------------------------------------------------------

    async def start(self, fragment):
        if not self.storage.persistent:
            self.page.show_notice(STORAGE_UNAVAILABLE)
        if fragment:
            await self._finish_sign_in(fragment)
        else:
            await self._load_stored_token()
        if self.token is None:
            self.page.show_signed_out()
            return
        self._signed_in()

    def _signed_in(self):
        """Draw the signed-in page, then fetch its data, all calls at once and not awaited:
        the page is usable (and marked ready) before Zoho answers."""
        self._show_signed_in()
        self.spawn(self.load_current_user())
        for listener in self.after_sign_in:
            self.spawn(listener())

    async def handle_fragment(self, fragment):
        """A sign-in answer that arrived while the page was open."""
        self.page.clear_error()
        await self._finish_sign_in(fragment)
        if self.token is None:
            self.page.show_signed_out()
            return
        self._signed_in()

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
            record = complete_sign_in(fragment, pending, browser.now(), self.config["api_domains"])
        except CallbackError as error:
            await self._refused(error)
            return
        self.token = record
        await self._save_token()
        if pending.return_path:
            browser.replace_address(browser.app_url(pending.return_path))

    async def _refused(self, error):
        """A sign-in answer was refused: say why; offer the full sign-in where that helps."""
        if isinstance(error, AuthorizationRefused) and error.error in FULL_SIGN_IN_NEEDED:
            self.page.show_error(error.message + " Please sign in again.",
                                 [("Sign in again", lambda: self.spawn(self.sign_in()))])
        else:
            self.page.show_error(error.message)
        # A refused answer never replaces a token this tab already holds.
        await self._load_stored_token()

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
        stored = await self.storage.set(STORAGE_KEY, self.token.to_json())
        if not stored:
            self.page.show_notice(STORAGE_UNAVAILABLE)

    # --- signed in ---------------------------------------------------------------------------

    def _data_centre_label(self):
        centre = datacentres.by_location(self.token.location)
        if centre is not None:
            return centre.label + " (" + centre.location + ")"
        return self.token.location or self.token.accounts_url

    def _show_signed_in(self):
        self._expiry_handled = False
        self.page.show_signed_in(self.token, self._data_centre_label())
        self.tick()

    async def call(self, method, path, query=None, json_body=None):
        """Call the Zoho API with the session's token; the answer, or None once the error is shown.

        Rate limits (and 5xx answers to GET) are retried after Retry-After or a
        backoff, a bounded number of times, with a visible notice. Errors that
        concern the session (invalid or expired token, a missing scope) are
        handled here; the rest are shown as a sentence.
        """
        self.progress.begin()
        try:
            return await self._call_with_retries(method, path, query, json_body)
        except InvalidTokenError as error:
            await self.drop_token(error.message + " Please sign in again.")
        except TokenExpiredError:
            await self._expired()
        except ScopeMismatchError as error:
            self._offer_scope(error)
        except ZohoError as error:
            self.page.show_error(error.message + _field_hint(error))
        finally:
            self.progress.end()
        return None

    async def _call_with_retries(self, method, path, query, json_body):
        attempt = 0
        while True:
            attempt += 1
            if self.usable_token() is None:
                raise TokenExpiredError()
            request = build_request(self.token, browser.now(), method, path, query, json_body)
            try:
                response = await browser.send(request, path)
            except ApiError as error:
                delay = retry_delay(error, attempt, MAX_ATTEMPTS)
                if delay is None or (method != "GET" and not isinstance(error, RateLimitedError)):
                    raise
                why = "Zoho asked to slow down" if isinstance(error, RateLimitedError) else "Zoho had a problem"
                self.page.show_notice("{}; trying again in {} s (attempt {} of {})…"
                                      .format(why, delay, attempt + 1, MAX_ATTEMPTS))
                await asyncio.sleep(delay)
                continue
            if attempt > 1:
                self.page.show_notice("")
            return response

    def _offer_scope(self, error):
        scope = error.required_scope
        if scope is None:
            self.page.show_error(error.message)
            return
        self.page.show_error(
            error.message + " This needs the scope " + scope + ", which this sign-in did not grant.",
            [("Sign in with " + scope, lambda: self.spawn(self.sign_in(scopes=self._scopes_with(scope))))])

    def _scopes_with(self, scope):
        scopes = list(self.config["scopes"])
        if scope not in scopes:
            scopes.append(scope)
        return scopes

    async def load_current_user(self):
        response = await self.call("GET", "/crm/v8/users", {"type": "CurrentUser"})
        if response is None:
            return
        user = first_item(response, "users")
        self.page.show_user(_text(user.get("full_name")), _text(user.get("email")))

    async def drop_token(self, message):
        """Forget the token (Zoho no longer accepts it) and offer to sign in again."""
        self.token = None
        await self.storage.remove(STORAGE_KEY)
        self.page.show_signed_out()
        self.page.show_error(message, [("Sign in again", lambda: self.spawn(self.sign_in()))])

    # --- expiry ------------------------------------------------------------------------------

    def tick(self, *_):
        """Every second: show the time left; act once when the token is no longer usable.

        It reads the clock each time, so a laptop that slept still sees the truth.
        """
        if self.token is None:
            return
        now = browser.now()
        self.page.set_token_status("Valid for " + format_remaining(self.token.seconds_left(now)))
        if not self.token.is_usable(now) and not self._expiry_handled:
            self._expiry_handled = True
            self.spawn(self._expired())

    async def _expired(self):
        record = self.token
        last_renewal = await self.storage.get(RENEWAL_KEY)
        recently = last_renewal is not None and _seconds_since(last_renewal) < MIN_SECONDS_BETWEEN_RENEWALS
        if record is not None and record.granted_for_session and not recently:
            self.page.show_notice("Your Zoho access is about to expire; renewing it…")
            await self.storage.set(RENEWAL_KEY, str(browser.now()))
            # Zoho renews only what was granted (as Zoho echoed it, if that is valid syntax).
            await self.sign_in(renew=True, accounts_url=record.accounts_url,
                               scopes=_valid_or(record.scopes, self.config["scopes"]))
            return
        await self.drop_token("Your Zoho sign-in has expired.")

    # --- sign-in and sign-out ----------------------------------------------------------------

    async def sign_in(self, renew=False, accounts_url=None, scopes=None):
        """Start the authorize redirect (or the quiet renewal), keeping the in-app place."""
        self.page.clear_error()
        accounts_url = accounts_url or self.page.selected_accounts_url()
        scopes = scopes or self.config["scopes"]
        pending = new_pending_sign_in(
            browser.random_bytes(STATE_BYTES), browser.now(), window.location.search,
            accounts_url, scopes, browser.app_url())
        if not await self.storage.set(PENDING_KEY, pending.to_json()):
            self.page.show_error(
                "This browser does not let the page keep anything for this tab (session "
                "storage is blocked), so a sign-in could not be checked when Zoho sends you "
                "back. Allow site data for this page, then try again.")
            return
        self.page.set_busy(True)
        window.location.assign(authorize_url(
            pending.accounts_url, self.config["client_id"], pending.scopes,
            pending.redirect_uri, pending.state, renew=renew))

    async def sign_out(self):
        record = self.token
        self.token = None
        await self.storage.remove(STORAGE_KEY)
        await self.storage.remove(PENDING_KEY)
        await self.storage.remove(RENEWAL_KEY)
        self.page.clear_error()
        self.page.show_signed_out()
        if record is None:
            return
        server = datacentres.revoke_server(record.accounts_url, record.location, record.accounts_server)
        if server is None:
            self.page.show_error("Signed out of this page. No Zoho accounts server is known for this "
                                 "token, so it was not revoked; " + EXPIRES_ANYWAY)
            return
        self.page.show_notice("Signed out. Revoking the token at Zoho…")
        outcome = await _revoke(server, record.access_token)
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

    async def token_or_expire(self):
        """The usable token; or None, once the user has been told it expired (or it renews)."""
        token = self.usable_token()
        if token is None:
            await self._expired()
        return token

    def usable_token(self):
        """The token if it may still be used (not within the expiry margin), else None."""
        if self.token is None or not self.token.is_usable(browser.now()):
            return None
        return self.token

    def spawn(self, coroutine):
        """Run ``coroutine`` in the background; a ZohoError it raises is shown, not lost."""
        asyncio.create_task(self._shown_errors(coroutine))

    async def _shown_errors(self, coroutine):
        try:
            await coroutine
        except ZohoError as error:
            self.page.show_error(error.message)
        except Exception as error:  # noqa: BLE001 - the last stop for a bug: say so, keep the page
            self.page.show_error("Something unexpected went wrong (" + type(error).__name__ + "). "
                                 "The page still works; reloading it may help.")


async def _revoke(server, access_token):
    """Best-effort revoke, as Zoho documents it (the token goes in the query string).

    UNREADABLE when fetch fails: the POST may well have reached Zoho (it needs no
    preflight), only its answer was not readable (no CORS headers, or offline).
    """
    url = server.rstrip("/") + "/oauth/v2/token/revoke?token=" + quote(access_token)
    try:
        status, _headers, text = await browser.fetch_text(url, "POST")
    except NetworkError:
        return UNREADABLE
    try:
        answer = json.loads(text)
    except ValueError:
        return REFUSED
    if 200 <= status < 300 and isinstance(answer, dict) and answer.get("status") == "success":
        return REVOKED
    return REFUSED


def _valid_or(scopes, fallback):
    try:
        return validate_scopes(scopes)
    except ScopeSyntaxError:
        return fallback


def _seconds_since(stored_time):
    try:
        return browser.now() - float(stored_time)
    except ValueError:
        return MIN_SECONDS_BETWEEN_RENEWALS


def _text(value):
    return value if isinstance(value, str) else ""


def _field_hint(error):
    details = getattr(error, "details", None)
    if isinstance(details, dict) and isinstance(details.get("api_name"), str):
        return " (field " + details["api_name"] + ")"
    return ""
