"""The app's other tabs: what this tab answers and takes on the tabs' channel (the rules are
zoho.tabs').

Part of web.session.Session.
"""

from zoho.tabs import POPUP_FAILED, REQUEST, SIGNED_OUT, TOKEN, read_tab_message, takes_offer, token_message


class TabSharing:
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
