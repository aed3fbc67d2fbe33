"""What a view may use of the session, and nothing else: its narrow interface.

The names are the session's own, so ``self.services.call(...)`` in a view does what
``Session.call`` does. Views never reach the token record's storage, the page header or
the platform but through these.
"""


class Services:
    """Calls to Zoho (``call``, ``drive`` with ``credentials`` for the flows of zoho.calls),
    the token (``token``, ``usable_token``, ``token_or_expire``, and ``secret`` to mask),
    where an error goes (``handle_error``, ``offer_scope``), the tab's ``storage``, the site's
    ``config``, background work (``spawn``), and the clock (``now``: the console times its
    requests)."""

    def __init__(self, session):
        self._session = session
        self._last_secret = ""
        self.storage = session.storage
        self.config = session.config
        self.credentials = session.credentials
        self.call = session.call
        self.drive = session.drive
        self.usable_token = session.usable_token
        self.token_or_expire = session.token_or_expire
        self.handle_error = session.handle_error
        self.offer_scope = session.offer_scope
        self.spawn = session.spawn
        self.now = session.platform.now

    def secret(self):
        """The access token to mask in what views keep, show or download: the one in use, or
        else the last one this page used (after a sign-out it may stay valid for up to an hour,
        should the revoke have failed)."""
        token = self._session.token
        if token is not None:
            self._last_secret = token.access_token
        return self._last_secret

    @property
    def token(self):
        """The token in use (a TokenRecord, usable or not), or None."""
        return self._session.token
