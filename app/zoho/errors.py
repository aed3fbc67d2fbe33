"""Errors raised by the Zoho core, split by cause.

Every error carries ``message`` (a sentence a person understands, shown in the
UI as plain text, never as HTML) and ``code`` (a short machine string).
"""

_MAX_ECHO = 200  # longest piece of untrusted text repeated in a message


def shorten(text, limit=_MAX_ECHO):
    """Make untrusted text safe to repeat in a message: printable, one line, bounded."""
    if not isinstance(text, str):
        text = str(text)
    kept = []
    for ch in text:
        kept.append(" " if ord(ch) < 0x20 or ord(ch) == 0x7F else ch)
    text = "".join(kept).strip()
    if len(text) > limit:
        text = text[:limit] + "..."
    return text


class ZohoError(Exception):
    code = "zoho_error"
    default_message = "Something went wrong while working with Zoho."

    def __init__(self, message=None, code=None):
        if message is None:
            message = self.default_message
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self):
        return self.message

    def __repr__(self):
        return "{}(code={!r}, message={!r})".format(type(self).__name__, self.code, self.message)


class ConfigError(ZohoError):
    code = "config_error"
    default_message = "The app's Zoho configuration is invalid."


class ScopeSyntaxError(ZohoError):
    code = "scope_syntax"
    default_message = "A Zoho scope is not written correctly."


# --- Sign-in callback -------------------------------------------------------


class CallbackError(ZohoError):
    code = "callback_error"
    default_message = "The answer from Zoho's sign-in page could not be used. Please sign in again."


class NoPendingSignIn(CallbackError):
    code = "no_pending_sign_in"
    default_message = (
        "No sign-in was started in this tab, or its answer was already used, "
        "so the answer from Zoho was ignored. Please sign in again."
    )


class StateMismatch(CallbackError):
    code = "state_mismatch"
    default_message = (
        "The answer from Zoho does not belong to the sign-in started in this tab, "
        "so it was refused. Please sign in again."
    )


class StateExpired(CallbackError):
    code = "state_expired"
    default_message = "The sign-in took more than 10 minutes and has expired. Please sign in again."


# OAuth 2.0 and Zoho error codes seen on the authorize endpoint, in words.
AUTHORIZATION_ERRORS = {
    "access_denied": "You declined to let this app use your Zoho account.",
    "prompt_required": "Zoho needs you to sign in and confirm access again.",
    "client_not_granted": "This app no longer has your permission to use your Zoho account. Sign in again to grant it.",
    "invalid_client": "Zoho does not recognise this app's client ID. Check the client ID in the app's configuration.",
    "invalid_redirect_uri": "The redirect address sent to Zoho is not one registered for this app in Zoho's API console.",
    "redirect_uri_mismatch": "The redirect address sent to Zoho is not one registered for this app in Zoho's API console.",
    "invalid_scope": "Zoho refused one or more of the permissions (scopes) this app asked for.",
    "unauthorized_client": "This app is not allowed to sign in this way. Check that it is registered in Zoho's API console as a client-based application.",
    "unsupported_response_type": "Zoho does not allow this app to receive a token directly in the browser.",
    "server_error": "Zoho had a problem completing the sign-in. Please try again later.",
    "temporarily_unavailable": "Zoho's sign-in service is temporarily unavailable. Please try again in a few minutes.",
    "invalid_request": "Zoho rejected the sign-in request as invalid.",
}


class AuthorizationRefused(CallbackError):
    """Zoho answered with ``error=...``: ``error`` and ``description`` are Zoho's own text."""

    code = "authorization_refused"

    def __init__(self, error, description=None):
        self.error = error
        self.description = description
        sentence = AUTHORIZATION_ERRORS.get(error)
        if sentence is None:
            sentence = 'Zoho refused the sign-in (error "{}").'.format(shorten(error, 80))
        if description:
            sentence = '{} Zoho said: "{}".'.format(sentence, shorten(description))
        CallbackError.__init__(self, sentence)


class MalformedCallback(CallbackError):
    code = "malformed_callback"
    default_message = "The answer from Zoho's sign-in page is malformed, so it was refused. Please sign in again."


class OversizedCallback(CallbackError):
    code = "callback_too_long"
    default_message = (
        "The answer from Zoho's sign-in page is far longer than any real answer, so it was "
        "refused unread. Please sign in again."
    )


class UnsupportedTokenType(CallbackError):
    """Zoho's answer named a ``token_type`` other than Bearer (``token_type`` is Zoho's text)."""

    code = "unsupported_token_type"

    def __init__(self, token_type):
        self.token_type = token_type
        CallbackError.__init__(
            self,
            'Zoho\'s answer says the access token is of type "{}"; this app can only use Bearer '
            "tokens, so the sign-in was refused.".format(shorten(token_type, 40)),
        )


class MissingAccessToken(CallbackError):
    code = "missing_access_token"
    default_message = "The answer from Zoho did not contain a usable access token. Please sign in again."


class InvalidExpiry(CallbackError):
    code = "invalid_expiry"
    default_message = (
        "The answer from Zoho did not say in a usable way how long the access token lasts, "
        "so it was not used. Please sign in again."
    )


class ForeignApiDomain(CallbackError):
    code = "foreign_api_domain"

    def __init__(self, domain=None):
        self.domain = domain
        if domain:
            message = (
                'Zoho\'s answer named "{}" as the API server, which is not a known Zoho API '
                "domain, so the sign-in was refused.".format(shorten(domain, 120))
            )
        else:
            message = "Zoho's answer did not name an API server, so the sign-in was refused."
        CallbackError.__init__(self, message)


# --- Stored data ------------------------------------------------------------


class StoredTokenError(ZohoError):
    code = "stored_token_invalid"
    default_message = "The sign-in saved in this browser is damaged or was changed. Please sign in again."


class StoredStateError(ZohoError):
    code = "stored_state_invalid"
    default_message = "The sign-in started in this tab could not be read back. Please sign in again."


# --- API calls --------------------------------------------------------------


class ApiError(ZohoError):
    """An error answer from a Zoho API. ``code`` is Zoho's code (or ``HTTP_<status>``)."""

    code = "api_error"
    default_message = "Zoho answered with an error."

    def __init__(self, message=None, status=None, code=None, details=None):
        ZohoError.__init__(self, message, code)
        self.status = status
        self.details = details if details is not None else {}


class InvalidTokenError(ApiError):
    code = "INVALID_TOKEN"
    default_message = "Zoho no longer accepts this sign-in. Please sign in again."


class ScopeMismatchError(ApiError):
    code = "OAUTH_SCOPE_MISMATCH"
    default_message = "This sign-in does not include the permission needed for this request."

    def __init__(self, message=None, status=None, code=None, details=None, required_scope=None):
        ApiError.__init__(self, message, status, code, details)
        self.required_scope = required_scope


class RateLimitedError(ApiError):
    code = "TOO_MANY_REQUESTS"
    default_message = "Zoho is receiving too many requests from this account. Please wait and try again."

    def __init__(self, message=None, status=None, code=None, details=None, retry_after=None):
        ApiError.__init__(self, message, status, code, details)
        self.retry_after = retry_after


class NotFoundError(ApiError):
    code = "NOT_FOUND"
    default_message = "Zoho could not find what was asked for."


class InvalidRequestError(ApiError):
    code = "INVALID_REQUEST"
    default_message = "Zoho refused the request as invalid."


class ServerError(ApiError):
    code = "SERVER_ERROR"
    default_message = "Zoho had a problem answering. Please try again later."


class UnexpectedResponseError(ApiError):
    code = "UNEXPECTED_RESPONSE"
    default_message = "Zoho's answer was not in the expected form."


# Zoho's COQL error codes, in words; coql.describe_query_error adds the clause, column or place
# that the answer's details name.
QUERY_ERRORS = {
    "SYNTAX_ERROR": "The query is not written the way Zoho reads it",
    "INVALID_QUERY": "Zoho cannot run this query",
    "LIMIT_EXCEEDED": "The query asks for more records than Zoho gives",
    "DUPLICATE_DATA": "The query names the same column twice",
    "INVALID_MODULE": "This module cannot be queried through the API",
    "INVALID_DATA": "Part of the query has a value Zoho does not accept",
    "MANDATORY_NOT_FOUND": "The query is empty",
}


# Zoho's caps on search and COQL, with the way on (zoho.caps says them before Zoho has to).
SEARCH_CAP = ("Zoho's search gives at most 2,000 matching records, and this search has more. To see the "
              "others, narrow the search (another word, or criteria on a field), or use the Query view: "
              "a COQL query goes page by page past this limit, and its results can be exported.")
COQL_REACH = ("Zoho's queries reach only the first 100,000 matching rows. To get the rest, narrow the query "
              "with a WHERE clause (for example on Created_Time or id) and run it part by part.")
COQL_COUNT = ("A query gives at most 2,000 rows a call (LIMIT up to 2,000); the Next button and the export "
              "fetch the rest, page by page.")

# What to do next, after the sentence of a COQL error about Zoho's caps.
QUERY_WAYS_ON = {
    "LIMIT_EXCEEDED": "Ask for at most 2,000 rows at a time (LIMIT offset, count): the Next button and the "
                      "export fetch the rest, page by page.",
}


# --- Raised before or instead of a request ----------------------------------


class NetworkError(ZohoError):
    """Raised by the browser adapter when ``fetch`` itself fails (no HTTP answer)."""

    code = "network_error"
    default_message = (
        "Could not reach Zoho. You may be offline, or this site's address (origin) is not "
        "registered as a JavaScript domain for the app in Zoho's API console."
    )
    offline_message = "Could not reach Zoho: this device is offline. Connect it to a network and try again."

    @classmethod
    def seen_by(cls, online):
        """The error for a request that got no answer, as the browser sees it: ``online`` is
        navigator.onLine. False is certain (the device is offline); True says nothing either way
        (a network may be joined but not reach Zoho), so the default sentence names both causes."""
        return cls(cls.offline_message if online is False else None)


class SiteCodeError(ZohoError):
    """The page could not load a part of this site's own code (the views' archive)."""

    code = "site_code"
    default_message = (
        "Part of this app's own code could not be loaded (the network, or the site's server). "
        "Reload the page to try again."
    )


class QueryReachError(ZohoError):
    """Raised before asking COQL for rows past its reach (the first 100,000 matching rows)."""

    code = "coql_reach"
    default_message = COQL_REACH


class UnsafeRequestError(ZohoError):
    code = "unsafe_request"
    default_message = "The request was refused because it would send the token outside the Zoho API domain."


class TokenExpiredError(ZohoError):
    code = "token_expired"
    default_message = "Your Zoho sign-in has expired. Please sign in again."
