"""The app's other tabs: what this tab answers and takes on the tabs' channel (the rules are
zoho.tabs').

Part of web.session.Session.
"""

from zoho.environments import LABELS as ENVIRONMENTS
from zoho.tabs import (ASK, POPUP_FAILED, REQUEST, SIGNED_OUT, TAKE, TOKEN, Binding, offer_action, read_tab_message,
                       signs_out, token_message)


class TabSharing:
    def _on_tab_message(self, text):
        message = read_tab_message(text, self.config["api_domains"], self.config.get("environment_api_domains"),
                                   self.platform.now())
        if message is None:
            return
        if message.kind == REQUEST:
            token = self.usable_token()
            if token is not None:
                self.tabs.post(token_message(token, self.binding, answer=True))
        elif message.kind == TOKEN:
            action = offer_action(self.binding, self.token, message, self._popup is not None)
            if action == TAKE:
                self._take_token(message.record, message.binding)
            elif action == ASK:
                self._ask_to_switch(message.record, message.binding)
        elif message.kind == SIGNED_OUT:
            if signs_out(self.token, message):
                self.spawn(self._signed_out_elsewhere())
        elif message.kind == POPUP_FAILED and self._popup is not None:
            self._popup = None
            if self.token is None:
                self.page.show_error(message.message or "The sign-in did not finish.")
            else:
                self._offer_renewal((message.message or "The renewal did not finish.") + " ")

    def _take_token(self, record, binding):
        """The sign-in of another tab or of the app's pop-up window: keep a copy in this tab.
        When who it is is not known yet (a pop-up window's answer), it is learnt again and
        then told to the other tabs. (Done at once, so the next offer is weighed against it.)"""
        was_signed_in = self.token is not None
        self.token = record
        self._popup = None
        if binding.known:
            self.binding = binding
        else:
            self.binding = Binding(record.api_domain)
            self._announce = True
        self.spawn(self._save_token())
        if not was_signed_in:
            self.page.clear_error()
            self.page.show_notice("")
            self._show_state()
            return
        self.page.show_notice("")
        self._token_changed(load=self._announce)

    def _ask_to_switch(self, record, binding):
        """This tab lost its sign-in in another tab, and a tab signed in for another
        organisation, environment or user: say so, and ask before taking that sign-in."""
        self.page.show_notice(
            "Another tab of this app signed in anew, to " + self._where(record) + ": not the organisation, "
            "environment or user this tab was signed in to. Use that sign-in here?",
            [("Use that sign-in here", lambda: self._take_token(record, binding)),
             ("Stay signed out", lambda: self.page.show_notice(""))])

    def _where(self, record):
        return ENVIRONMENTS.get(self.environment(record), "an organisation") + " at " + self.data_centre(record)

    async def _signed_out_elsewhere(self):
        """The token this tab holds was signed out in another tab: the views keep the unsaved
        work on screen (with Download and Discard); the tab stays bound to its organisation."""
        await self._end(keep_work=True)
        self.page.show_notice("Signed out in another tab of this app.")
