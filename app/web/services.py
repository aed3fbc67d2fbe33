"""What a view may use of the session, and nothing else: its narrow interface.

The names are the session's own, so ``self.services.call(...)`` in a view does what
``Session.call`` does. Views never reach the token record's storage, the page header or
the platform but through these.
"""


class Services:
    """Calls to Zoho (``call``, ``drive`` with ``credentials`` for the flows of zoho.calls),
    the token (``token``, ``usable_token``, ``token_or_expire``), where an error goes
    (``handle_error``, ``offer_scope``), the tab's ``storage``, the site's ``config``, the
    page's ``progress``, background work (``spawn``), and for the console, which times and
    sends a request as typed, ``now`` and ``fetch_text``."""

    def __init__(self, session):
        self._session = session
        self.storage = session.storage
        self.config = session.config
        self.progress = session.progress
        self.credentials = session.credentials
        self.call = session.call
        self.drive = session.drive
        self.usable_token = session.usable_token
        self.token_or_expire = session.token_or_expire
        self.handle_error = session.handle_error
        self.offer_scope = session.offer_scope
        self.spawn = session.spawn
        self.now = session.platform.now
        self.fetch_text = session.platform.fetch_text

    @property
    def token(self):
        """The token in use (a TokenRecord, usable or not), or None."""
        return self._session.token
