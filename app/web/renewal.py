"""Keeping the sign-in alive: the time left, the quiet renewal in a pop-up window ahead of
expiry, and what happens once the token is no longer usable.

Part of web.session.Session; the rules are zoho.policy's (renewal_due, expiry_action).
"""

from zoho.policy import RENEW, expiry_action, renewal_due, renewal_scopes
from zoho.token import format_remaining

from web.signin import RENEWAL_WINDOW, SIGN_IN_WINDOW

RENEWAL_KEY = "zoho.renewed_at"


class Renewal:
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
