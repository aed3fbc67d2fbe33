"""Checks of the core's main rules that run on MicroPython and CPython alike.

Plain asserts only (no pytest, no hypothesis). ``verify_*`` functions check one
row of a table in ``cases``; pytest parametrizes over them on CPython, and each
``check_*`` function (registered in CHECKS) runs a whole table, for
run_micropython.mjs.
"""

import json

from zoho import api, compat, datacentres, fields, flow, jsontext, scopes, token, urlcodec
from zoho import errors as E
from zoho import drafts, place, policy, tabs

from . import cases as C

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def raises(cls, fn, *args, **kwargs):
    """Call fn and return the exception of class ``cls`` it raises; fail if it returns."""
    try:
        result = fn(*args, **kwargs)
    except cls as exc:
        return exc
    raise AssertionError("expected {} from {}{!r}, got {!r}".format(cls.__name__, fn.__name__, args, result))


def run_all():
    """Run every check; returns [(name, None or failure text)]. Used by run_micropython.mjs."""
    results = []
    for fn in CHECKS:
        try:
            fn()
        except Exception as exc:  # report every failure, keep going
            results.append((fn.__name__, "{}: {}".format(type(exc).__name__, exc)))
        else:
            results.append((fn.__name__, None))
    return results


def each(verify, table):
    """Run verify on every row; a failure names the row (MicroPython has no traceback detail here)."""
    for row in table:
        try:
            verify(row)
        except Exception as exc:  # re-raised with the row that failed
            raise AssertionError("{} failed for {!r}: {}: {}".format(verify.__name__, row, type(exc).__name__, exc))


def make_pending(created_at=C.CREATED, state=C.STATE):
    return flow.PendingSignIn(state, created_at, "", C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT)


def make_token(expires_at=C.NOW + 3600, access_token=C.TOKEN):
    return token.TokenRecord(
        access_token, expires_at, "https://www.zohoapis.com", ["ZohoCRM.modules.ALL"], "us",
        True, C.ACCOUNTS, "https://accounts.zoho.eu",
    )


# --- urlcodec ---------------------------------------------------------------

def verify_quote(case):
    text, safe, expected = case
    assert urlcodec.quote(text, safe) == expected, (text, urlcodec.quote(text, safe))


def verify_unquote(case):
    text, expected = case
    assert urlcodec.unquote(text) == expected, (text, urlcodec.unquote(text))


def verify_unquote_plus(case):
    text, expected = case
    assert urlcodec.unquote_plus(text) == expected


def verify_parse_pairs(case):
    text, expected = case
    assert list(urlcodec.parse_pairs(text)) == expected, (text, urlcodec.parse_pairs(text))


def verify_urlencode(case):
    pairs, expected = case
    assert urlcodec.urlencode(pairs) == expected, (pairs, urlcodec.urlencode(pairs))


def verify_urlencode_refuses(pairs):
    raises(TypeError, urlcodec.urlencode, pairs)


@check
def check_urlcodec():
    each(verify_quote, C.QUOTE)
    each(verify_unquote, C.UNQUOTE)
    each(verify_unquote_plus, C.UNQUOTE_PLUS)
    each(verify_parse_pairs, C.PARSE_PAIRS)
    each(verify_urlencode, C.URLENCODE)
    each(verify_urlencode_refuses, C.URLENCODE_BAD)


# --- compat -----------------------------------------------------------------

def verify_compare(case):
    a, b, expected = case
    assert compat.compare_digest(a, b) is expected
    assert compat.compare_digest(a, b) is expected


@check
def check_compat():
    each(verify_compare, C.COMPARE)
    for text, expected in C.DIGITS:
        assert compat.is_ascii_digits(text) is expected, text
    raises(TypeError, compat.compare_digest, "a", None)
    raises(TypeError, compat.compare_digest, b"a", "a")


# --- errors -----------------------------------------------------------------

ALL_ERRORS = [
    E.ConfigError, E.ScopeSyntaxError, E.CallbackError, E.NoPendingSignIn, E.StateMismatch, E.StateExpired,
    E.MalformedCallback, E.OversizedCallback, E.MissingAccessToken, E.InvalidExpiry, E.StoredTokenError,
    E.StoredStateError,
    E.ApiError, E.InvalidTokenError, E.ScopeMismatchError, E.RateLimitedError, E.NotFoundError,
    E.InvalidRequestError, E.ServerError, E.UnexpectedResponseError, E.NetworkError, E.UnsafeRequestError,
    E.TokenExpiredError,
]


@check
def check_error_defaults():
    codes = []
    for cls in ALL_ERRORS:
        exc = cls()
        assert isinstance(exc, E.ZohoError) and isinstance(exc, Exception), cls
        assert exc.message and exc.message.endswith("."), cls
        assert str(exc) == exc.message
        assert exc.code and " " not in exc.code, cls
        codes.append(exc.code)
    assert len(set(codes)) == len(codes), "each error class has its own code"
    for cls in (E.NoPendingSignIn, E.StateMismatch, E.StateExpired, E.AuthorizationRefused, E.MalformedCallback,
                E.OversizedCallback, E.UnsupportedTokenType, E.MissingAccessToken, E.InvalidExpiry,
                E.ForeignApiDomain):
        assert issubclass(cls, E.CallbackError), cls
    for cls in (E.InvalidTokenError, E.ScopeMismatchError, E.RateLimitedError, E.NotFoundError,
                E.InvalidRequestError, E.ServerError, E.UnexpectedResponseError):
        assert issubclass(cls, E.ApiError), cls
    custom = E.StateExpired("Custom sentence.", "custom")
    assert (custom.message, custom.code) == ("Custom sentence.", "custom")
    api_error = E.ApiError("m", 418, "X", None)
    assert (api_error.status, api_error.code, api_error.details) == (418, "X", {})


def verify_authorization_refused_known(code):
    exc = E.AuthorizationRefused(code)
    assert exc.error == code and exc.description is None
    assert "error" not in exc.message and code not in exc.message, exc.message
    assert exc.message.endswith("."), exc.message


@check
def check_authorization_refused():
    each(verify_authorization_refused_known, C.KNOWN_AUTHORIZATION_ERRORS)
    sentences = [E.AuthorizationRefused(code).message for code in C.KNOWN_AUTHORIZATION_ERRORS]
    assert E.AuthorizationRefused("invalid_redirect_uri").message == E.AuthorizationRefused(
        "redirect_uri_mismatch").message
    assert len(set(sentences)) == len(sentences) - 1, "one sentence per cause"
    unknown = E.AuthorizationRefused("weird_code")
    assert '"weird_code"' in unknown.message and unknown.code == "authorization_refused"
    described = E.AuthorizationRefused("access_denied", "User <b>denied</b>\naccess")
    assert described.description == "User <b>denied</b>\naccess"
    assert described.message.startswith(E.AuthorizationRefused("access_denied").message)
    assert '"User <b>denied</b> access"' in described.message, described.message
    long_text = E.AuthorizationRefused("x" * 1000, "y" * 1000)
    assert len(long_text.message) < 600


@check
def check_error_messages_name_things():
    foreign = E.ForeignApiDomain("https://evil.test")
    assert foreign.domain == "https://evil.test" and '"https://evil.test"' in foreign.message
    assert E.ForeignApiDomain(None).domain is None and "did not name" in E.ForeignApiDomain(None).message
    network = E.NetworkError().message
    assert "offline" in network and "JavaScript domain" in network and "origin" in network
    # The browser knows it is offline (navigator.onLine false): that is said, with no other guess.
    offline = E.NetworkError.seen_by(False)
    assert isinstance(offline, E.NetworkError) and "this device is offline" in offline.message, offline.message
    assert "JavaScript domain" not in offline.message
    assert E.NetworkError.seen_by(True).message == network and E.NetworkError.seen_by(None).message == network
    assert E.shorten("a\x00b\x7fc") == "a b c"
    assert E.shorten("x" * 300, 10) == "x" * 10 + "..."


# --- scopes -----------------------------------------------------------------

def verify_scope_valid(case):
    text, (service, resource, sub, operation) = case
    scope = scopes.parse_scope(text)
    assert (scope.service, scope.resource, scope.sub_resource, scope.operation) == (service, resource, sub, operation)
    assert str(scope) == text
    assert scope == scopes.Scope(service, resource, sub, operation)
    assert not (scope != scopes.Scope(service, resource, sub, operation))
    assert scopes.parse_scope(scope) is scope


def verify_scope_invalid(text):
    exc = raises(E.ScopeSyntaxError, scopes.parse_scope, text)
    if text and len(text) < 100 and compat.is_visible_ascii(text.replace(" ", "")):
        assert '"' + text.strip() + '"' in exc.message, exc.message
        assert "not valid" in exc.message


@check
def check_parse_scope():
    each(verify_scope_valid, C.SCOPES_VALID)
    each(verify_scope_invalid, C.SCOPES_INVALID)
    raises(E.ScopeSyntaxError, scopes.parse_scope, None)
    raises(E.ScopeSyntaxError, scopes.parse_scope, b"ZohoCRM.users.READ")
    assert scopes.parse_scope("ZohoCRM.users.READ") != scopes.parse_scope("ZohoCRM.users.ALL")


@check
def check_validate_join_split():
    assert scopes.validate_scopes(("ZohoCRM.users.READ", scopes.parse_scope("ZohoCRM.org.READ"))) == [
        "ZohoCRM.users.READ", "ZohoCRM.org.READ"]
    for bad in C.VALIDATE_SCOPES_BAD:
        raises(E.ScopeSyntaxError, scopes.validate_scopes, bad)
    assert scopes.join_scopes(["ZohoCRM.modules.READ", "ZohoCRM.settings.READ"]) == (
        "ZohoCRM.modules.READ,ZohoCRM.settings.READ")
    raises(E.ScopeSyntaxError, scopes.join_scopes, ["ZohoCRM.users.READ,ZohoCRM.org.READ"])
    for text, expected in C.SPLIT_SCOPES:
        assert scopes.split_scopes(text) == expected, (text, scopes.split_scopes(text))
    assert scopes.split_scopes(None) == []


def verify_covers(case):
    granted, required, expected = case
    assert scopes.scope_covers(granted, required) is expected, case


def verify_describe(case):
    text, expected = case
    assert scopes.describe_scope(text) == expected, (text, scopes.describe_scope(text))


@check
def check_covers_and_describe():
    each(verify_covers, C.COVERS)
    raises(E.ScopeSyntaxError, scopes.scope_covers, ["ZohoCRM.users.READ"], "users")
    each(verify_describe, C.DESCRIBE)


# --- datacentres ------------------------------------------------------------

@check
def check_data_centre_table():
    got = [(dc.location, dc.accounts_url, dc.api_domain) for dc in datacentres.DATA_CENTRES]
    assert got == C.DATA_CENTRES, got
    assert list(datacentres.ZOHO_API_DOMAINS) == [row[2] for row in C.DATA_CENTRES if row[2] is not None]
    labels = [dc.label for dc in datacentres.DATA_CENTRES]
    assert labels[0] == "United States" and all(labels) and len(set(labels)) == len(labels)
    for location, accounts, api_domain in C.DATA_CENTRES:
        dc = datacentres.by_location(location)
        assert dc.accounts_url == accounts and dc.api_domain == api_domain
        assert datacentres.by_location(location.upper()) is dc
        assert datacentres.by_accounts_url(accounts) is dc
        assert datacentres.by_accounts_url(accounts.upper() + "/") is dc
        assert datacentres.is_zoho_accounts_url(accounts)
        assert not datacentres.is_zoho_accounts_url(api_domain)
    for unknown in ("", "xx", "US ", None, 1):
        assert datacentres.by_location(unknown) is None
    for url in ("https://accounts.zoho.com.evil.test", "https://accounts.zoho.com/oauth", "http://accounts.zoho.com",
                "https://x@accounts.zoho.com", None):
        assert datacentres.by_accounts_url(url) is None, url


def verify_origin(case):
    url, expected = case
    assert datacentres.normalise_origin(url) == expected, (url, datacentres.normalise_origin(url))


def verify_revoke(case):
    started_at, location, accounts_server, expected = case
    assert datacentres.revoke_server(started_at, location, accounts_server) == expected, case


@check
def check_origins_and_revoke():
    each(verify_origin, C.ORIGINS)
    each(verify_revoke, C.REVOKE)


def verify_accounts_server(case):
    url, choices, expected = case
    assert datacentres.allowed_accounts_server(url, choices) == expected, case


@check
def check_allowed_accounts_server():
    each(verify_accounts_server, C.ACCOUNTS_SERVERS)
    # Wherever Zoho moved the user, the server revoke_server picks is one a Zoho site allows.
    for start in datacentres.DATA_CENTRES:
        for user in datacentres.DATA_CENTRES:
            server = datacentres.revoke_server(start.accounts_url, user.location, None)
            assert datacentres.allowed_accounts_server(server, C.ZOHO_CHOICES) == user.accounts_url, server
            assert datacentres.allowed_accounts_server(server, C.SANDBOX_CHOICES) is None, server


# --- flow -------------------------------------------------------------------

def verify_callback_ok(case):
    name, fragment, offset, expected = case
    access_token, lifetime, api_domain, location, session, accounts_server, granted = expected
    now = C.CREATED + offset
    record = flow.complete_sign_in(
        fragment.replace("{state}", C.STATE), make_pending(), now, datacentres.ZOHO_API_DOMAINS)
    assert isinstance(record, token.TokenRecord), name
    got = (record.access_token, record.expires_at - now, record.api_domain, record.location,
           record.granted_for_session, record.accounts_server, record.scopes, record.accounts_url)
    assert got == (access_token, lifetime, api_domain, location, session, accounts_server, granted, C.ACCOUNTS), (
        name, got)


def verify_callback_error(case):
    name, fragment, pending, offset, cls = case
    exc = raises(
        cls, flow.complete_sign_in, fragment.replace("{state}", C.STATE),
        make_pending() if pending == "yes" else None, C.CREATED + offset, datacentres.ZOHO_API_DOMAINS,
    )
    assert type(exc) is cls, (name, exc)
    assert exc.message, name


@check
def check_complete_sign_in():
    each(verify_callback_ok, C.CALLBACK_OK)
    each(verify_callback_error, C.CALLBACK_ERRORS)


@check
def check_refusal_details():
    fragment = "#error=invalid_scope&error_description=Bad+scope+%3Cb%3E&state=" + C.STATE
    exc = raises(E.AuthorizationRefused, flow.complete_sign_in, fragment, make_pending(), C.NOW,
                 datacentres.ZOHO_API_DOMAINS)
    assert exc.error == "invalid_scope" and exc.description == "Bad scope <b>"
    assert '"Bad scope <b>"' in exc.message
    bare = raises(E.AuthorizationRefused, flow.complete_sign_in, "#error=access_denied&error_description=&state="
                  + C.STATE, make_pending(), C.NOW, datacentres.ZOHO_API_DOMAINS)
    assert bare.description is None
    foreign = raises(E.ForeignApiDomain, flow.complete_sign_in, C.fragment_with("https%3A%2F%2Fevil.test").replace(
        "{state}", C.STATE), make_pending(), C.NOW, datacentres.ZOHO_API_DOMAINS)
    assert foreign.domain == "https://evil.test"


@check
def check_custom_allowlist():
    fragment = C.fragment_with("http%3A%2F%2F127.0.0.1%3A8701%2F").replace("{state}", C.STATE)
    record = flow.complete_sign_in(fragment, make_pending(), C.NOW, ["http://127.0.0.1:8701"])
    assert record.api_domain == "http://127.0.0.1:8701"
    raises(E.ForeignApiDomain, flow.complete_sign_in, fragment, make_pending(), C.NOW, datacentres.ZOHO_API_DOMAINS)
    us = C.ZOHO_EXAMPLE.replace("{state}", C.STATE)
    raises(E.ForeignApiDomain, flow.complete_sign_in, us, make_pending(), C.NOW, ["http://127.0.0.1:8701"])
    raises(E.ForeignApiDomain, flow.complete_sign_in, us, make_pending(), C.NOW, [])


@check
def check_token_type_refusal():
    fragment = C.ZOHO_EXAMPLE.replace("{state}", C.STATE) + "&token_type=mac%0A" + "x" * 100
    exc = raises(E.UnsupportedTokenType, flow.complete_sign_in, fragment, make_pending(), C.NOW,
                 datacentres.ZOHO_API_DOMAINS)
    assert exc.token_type == "mac\n" + "x" * 100
    assert '"mac ' in exc.message and "\n" not in exc.message and len(exc.message) < 200, exc.message


def padded(fragment, length):
    """``fragment`` with an unknown key appended, exactly ``length`` characters long."""
    return fragment + "&pad=" + "x" * (length - len(fragment) - 5)


def refuse_parsing(text):
    raise AssertionError("parsed a fragment longer than MAX_FRAGMENT_LENGTH")


@check
def check_fragment_length():
    limit = flow.MAX_FRAGMENT_LENGTH
    answer = C.ZOHO_EXAMPLE.replace("{state}", C.STATE)
    at_limit = flow.complete_sign_in(padded(answer, limit), make_pending(), C.NOW, datacentres.ZOHO_API_DOMAINS)
    assert isinstance(at_limit, token.TokenRecord)
    raises(E.OversizedCallback, flow.complete_sign_in, padded(answer, limit + 1), make_pending(), C.NOW,
           datacentres.ZOHO_API_DOMAINS)
    longest = C.LONGEST_ANSWER.replace("{state}", C.STATE)
    record = flow.complete_sign_in(longest, make_pending(), C.NOW, datacentres.ZOHO_API_DOMAINS)
    assert record.access_token == "+" * token.MAX_TOKEN_LENGTH
    # Refused before parsing: a long answer that would otherwise fail in another way...
    raises(E.OversizedCallback, flow.complete_sign_in, padded(answer, limit + 1), None, C.NOW,
           datacentres.ZOHO_API_DOMAINS)
    raises(E.OversizedCallback, flow.complete_sign_in, padded(answer + "&state=" + C.STATE, limit + 1),
           make_pending(), C.NOW, datacentres.ZOHO_API_DOMAINS)
    # ...and with the parser made to fail.
    parse_pairs = flow.parse_pairs
    flow.parse_pairs = refuse_parsing
    try:
        raises(E.OversizedCallback, flow.complete_sign_in, padded(answer, 4 * limit), make_pending(), C.NOW,
               datacentres.ZOHO_API_DOMAINS)
        assert flow.is_callback_fragment(padded(answer, 4 * limit))
    finally:
        flow.parse_pairs = parse_pairs


@check
def check_is_callback_fragment():
    for fragment, expected in C.IS_CALLBACK:
        assert flow.is_callback_fragment(fragment) is expected, fragment
    for start, expected in C.IS_CALLBACK_LONG:
        fragment = start + "x" * flow.MAX_FRAGMENT_LENGTH
        assert flow.is_callback_fragment(fragment) is expected, start


def verify_return_path(case):
    path, expected = case
    assert flow.safe_return_path(path) == expected, case


@check
def check_safe_return_path():
    each(verify_return_path, C.RETURN_PATHS)


def verify_authorize(case):
    accounts_url, renew, prompt, expected = case
    url = flow.authorize_url(accounts_url, "1000.ABC", C.PENDING_SCOPES, C.REDIRECT, "s1", renew=renew, prompt=prompt)
    assert url == expected, url


def verify_authorize_bad(case):
    accounts_url, client_id, scope_list, redirect_uri, prompt, cls = case
    raises(cls, flow.authorize_url, accounts_url, client_id, scope_list, redirect_uri, "s1", prompt=prompt)


@check
def check_authorize_url():
    each(verify_authorize, C.AUTHORIZE)
    each(verify_authorize_bad, C.AUTHORIZE_BAD)
    raises(ValueError, flow.authorize_url, C.ACCOUNTS, "1000.ABC", C.PENDING_SCOPES, C.REDIRECT, "")


@check
def check_new_pending_sign_in():
    pending = flow.new_pending_sign_in(bytes(range(16)), C.CREATED, "?view=x", C.ACCOUNTS + "/", C.PENDING_SCOPES,
                                       C.REDIRECT)
    assert pending.state == "000102030405060708090a0b0c0d0e0f"
    assert (pending.created_at, pending.return_path, pending.accounts_url, pending.scopes, pending.redirect_uri) == (
        C.CREATED, "?view=x", C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT)
    longer = flow.new_pending_sign_in(bytearray(b"\xff" * 32), C.CREATED, "", C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT)
    assert longer.state == "ff" * 32
    unsafe = flow.new_pending_sign_in(bytes(16), C.CREATED, "//evil.test", C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT)
    assert unsafe.return_path == ""
    for random_bytes in (bytes(15), b"", "0123456789abcdef0123", None):
        raises(ValueError, flow.new_pending_sign_in, random_bytes, C.CREATED, "", C.ACCOUNTS, C.PENDING_SCOPES,
               C.REDIRECT)
    raises(E.ConfigError, flow.new_pending_sign_in, bytes(16), C.CREATED, "", "ftp://x", C.PENDING_SCOPES, C.REDIRECT)
    raises(E.ScopeSyntaxError, flow.new_pending_sign_in, bytes(16), C.CREATED, "", C.ACCOUNTS, [], C.REDIRECT)
    raises(E.ConfigError, flow.new_pending_sign_in, bytes(16), C.CREATED, "", C.ACCOUNTS, C.PENDING_SCOPES, "cb")


def pending_json_variant(change):
    """A stored pending sign-in: the text itself, or a valid one with one field changed."""
    if not isinstance(change, tuple):
        return change
    data = json.loads(make_pending().to_json())
    data[change[0]] = change[1]
    return json.dumps(data)


@check
def check_pending_storage():
    pending = flow.PendingSignIn(C.STATE, C.CREATED, "leads?x=1", C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT)
    data = json.loads(pending.to_json())
    assert data == {"state": C.STATE, "created_at": C.CREATED, "return_path": "leads?x=1",
                    "accounts_url": C.ACCOUNTS, "scopes": C.PENDING_SCOPES, "redirect_uri": C.REDIRECT, "window": ""}
    assert flow.PendingSignIn.from_json(pending.to_json()) == pending
    # A sign-in in the app's pop-up window says so; one stored before that field existed is the tab's own.
    in_popup = flow.new_pending_sign_in(bytes(16), C.CREATED, "", C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT,
                                        "zoho-renewal")
    assert flow.PendingSignIn.from_json(in_popup.to_json()).window == "zoho-renewal"
    del data["window"]
    assert flow.PendingSignIn.from_json(json.dumps(data)) == pending
    assert C.STATE not in repr(pending)
    for change in C.PENDING_JSON_BAD:
        raises(E.StoredStateError, flow.PendingSignIn.from_json, pending_json_variant(change))


# --- token ------------------------------------------------------------------

def token_json_variant(change):
    """A stored token: the text itself, or a valid one with one field changed."""
    if not isinstance(change, tuple):
        return change
    data = json.loads(make_token().to_json())
    data[change[0]] = change[1]
    return json.dumps(data)


@check
def check_token_storage():
    record = make_token()
    data = json.loads(record.to_json())
    assert data == {"access_token": C.TOKEN, "expires_at": C.NOW + 3600, "api_domain": "https://www.zohoapis.com",
                    "scopes": ["ZohoCRM.modules.ALL"], "location": "us", "granted_for_session": True,
                    "accounts_url": C.ACCOUNTS, "accounts_server": "https://accounts.zoho.eu"}
    assert token.TokenRecord.from_json(record.to_json(), datacentres.ZOHO_API_DOMAINS) == record
    assert token.STORAGE_KEY == "zoho.token" and token.PENDING_KEY == "zoho.pending"
    minimal = '{"access_token":"t","expires_at":1.5,"api_domain":"HTTPS://www.zohoapis.eu/","scopes":[],"location":null}'
    read = token.TokenRecord.from_json(minimal, datacentres.ZOHO_API_DOMAINS)
    assert (read.access_token, read.expires_at, read.api_domain, read.scopes, read.location) == (
        "t", 1.5, "https://www.zohoapis.eu", [], None)
    assert (read.granted_for_session, read.accounts_url, read.accounts_server) == (False, None, None)
    for change in C.TOKEN_JSON_BAD:
        raises(E.StoredTokenError, token.TokenRecord.from_json, token_json_variant(change),
               datacentres.ZOHO_API_DOMAINS)
    raises(E.StoredTokenError, token.TokenRecord.from_json, record.to_json(), ["https://www.zohoapis.eu"])


@check
def check_token_time():
    record = make_token(expires_at=1000)
    assert record.seconds_left(400) == 600
    assert record.is_usable(939) and not record.is_usable(940) and not record.is_usable(1001)
    assert token.EXPIRY_MARGIN_SECONDS == 60
    for seconds, expected in C.FORMAT_REMAINING:
        assert token.format_remaining(seconds) == expected, (seconds, token.format_remaining(seconds))
    assert C.TOKEN not in repr(make_token())


# --- api --------------------------------------------------------------------

@check
def check_build_request():
    record = make_token()
    get = api.build_request(record, C.NOW, "get", "/crm/v8/org")
    assert (get.method, get.url, get.body) == ("GET", "https://www.zohoapis.com/crm/v8/org", None)
    assert get.headers == {"Authorization": "Zoho-oauthtoken " + C.TOKEN, "Accept": "application/json"}
    post = api.build_request(record, C.NOW, "POST", "/crm/v8/Leads", json_body={"data": [{"Last_Name": "O'Neil"}]})
    assert post.headers["Content-Type"] == "application/json"
    assert json.loads(post.body) == {"data": [{"Last_Name": "O'Neil"}]}
    for path, query, expected in C.REQUEST_URLS:
        url = api.build_request(record, C.NOW, "GET", path, query=query).url
        assert url == "https://www.zohoapis.com" + expected, url
    for path in C.UNSAFE_PATHS:
        raises(E.UnsafeRequestError, api.build_request, record, C.NOW, "GET", path)
    raises(E.TokenExpiredError, api.build_request, make_token(expires_at=C.NOW + 60), C.NOW, "GET", "/crm/v8/org")
    api.build_request(make_token(expires_at=C.NOW + 61), C.NOW, "GET", "/crm/v8/org")
    for method in ("TRACE", "CONNECT", "", None):
        raises(ValueError, api.build_request, record, C.NOW, method, "/crm/v8/org")
    assert C.TOKEN not in repr(get)


def verify_api_error(case):
    status, headers, body, method, path, cls, attributes = case
    exc = raises(cls, api.interpret_response, status, headers, body, method, path)
    assert type(exc) is cls, (case, exc)
    for name in attributes:
        assert getattr(exc, name) == attributes[name], (case, name, getattr(exc, name))
    assert exc.message.endswith("."), exc.message


@check
def check_interpret_response():
    ok = api.interpret_response(200, {"Content-Type": "application/json"}, '{"users":[{"id":"1"}]}')
    assert (ok.status, ok.data, ok.headers) == (200, {"users": [{"id": "1"}]}, {"content-type": "application/json"})
    assert api.interpret_response(201, None, "[1]").data == [1]
    for status, body in ((204, ""), (204, None), (200, "")):
        empty = api.interpret_response(status, {}, body)
        assert (empty.status, empty.data) == (status, None)
    each(verify_api_error, C.API_ERRORS)
    said = raises(E.InvalidTokenError, api.interpret_response, 401, {}, C.INVALID_TOKEN_BODY)
    assert '"invalid oauth token"' in said.message
    scope = raises(E.ScopeMismatchError, api.interpret_response, 401, {}, C.SCOPE_BODY, "GET", "/crm/v8/org")
    assert "ZohoCRM.org.READ" in scope.message


def verify_required_scope(case):
    method, path, expected = case
    assert api.required_scope_for(method, path) == expected, case


@check
def check_required_scope_for():
    each(verify_required_scope, C.REQUIRED_SCOPES)


@check
def check_records():
    for status, body, records, more, page_token, page, per_page in C.RECORDS_PAGES:
        result = api.parse_records_page(api.interpret_response(status, {}, body))
        got = (result.records, result.more_records, result.next_page_token, result.page, result.per_page)
        assert got == (records, more, page_token, page, per_page), got
    for body in C.RECORDS_PAGES_BAD:
        raises(E.UnexpectedResponseError, api.parse_records_page, api.interpret_response(200, {}, body))
    results = api.parse_record_results(api.interpret_response(200, {}, C.RECORD_RESULTS_BODY))
    got = [(r.code, r.status, r.message, r.id, r.ok) for r in results]
    assert got == C.RECORD_RESULTS, got
    assert results[1].details == {"api_name": "Email"}
    for body in ('{"data":{}}', '{"data":[1]}', "[]"):
        raises(E.UnexpectedResponseError, api.parse_record_results, api.interpret_response(200, {}, body))
    raises(E.UnexpectedResponseError, api.parse_record_results, api.interpret_response(204, {}, ""))


@check
def check_retry_delay():
    limited = E.RateLimitedError(retry_after=7)
    assert policy.retry_delay("GET", limited, 1) == 7
    assert policy.retry_delay("GET", E.RateLimitedError(retry_after=100), 1) == 30
    assert policy.retry_delay("GET", E.RateLimitedError(retry_after=100), 1, cap=5) == 5
    assert policy.retry_delay("GET", E.RateLimitedError(), 1) == 1
    assert policy.retry_delay("GET", E.RateLimitedError(), 2) == 2
    assert policy.retry_delay("GET", E.RateLimitedError(), 3) is None
    assert policy.retry_delay("GET", E.ServerError(), 1) == 1
    assert policy.retry_delay("GET", E.ServerError(), 2, default=2) == 4
    assert policy.retry_delay("GET", E.ServerError(), 4, max_attempts=5, default=10, cap=30) == 30
    assert policy.retry_delay("GET", E.ServerError(), 5, max_attempts=5) is None
    assert policy.retry_delay("GET", E.NetworkError(), 2) == 2  # no answer at all: a read is tried again
    for error in (E.InvalidTokenError(), E.ScopeMismatchError(), E.InvalidRequestError(), E.NotFoundError(),
                  E.UnexpectedResponseError(), ValueError("x")):
        assert policy.retry_delay("GET", error, 1) is None, error


@check
def check_writes_are_retried_after_a_rate_limit_but_never_after_a_server_error():
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert policy.retry_delay(method, E.ServerError(), 1) is None, method
        assert policy.retry_delay(method, E.NetworkError(), 1) is None, method
        assert policy.retry_delay(method, E.RateLimitedError(retry_after=3), 1) == 3, method
        assert policy.retry_delay(method, E.RateLimitedError(), 1) == 1, method
    notice = policy.retry_notice(E.RateLimitedError(), 4, 1)
    assert "slow down" in notice and "4 s" in notice and "attempt 2 of 3" in notice, notice
    assert "had a problem" in policy.retry_notice(E.ServerError(), 1, 2)


def granted_token(granted_for_session=True, scopes=("ZohoCRM.modules.ALL",)):
    return token.TokenRecord(C.TOKEN, C.NOW + 3600, "https://www.zohoapis.com", list(scopes), "us",
                             granted_for_session, C.ACCOUNTS)


@check
def check_expiry_action():
    renewable = granted_token()
    assert policy.expiry_action(renewable, None, C.NOW) == policy.RENEW
    assert policy.expiry_action(granted_token(False), None, C.NOW) == policy.EXPIRE
    assert policy.expiry_action(None, None, C.NOW) == policy.EXPIRE
    recent = str(C.NOW - policy.MIN_SECONDS_BETWEEN_RENEWALS + 1)
    assert policy.expiry_action(renewable, recent, C.NOW) == policy.EXPIRE
    long_ago = str(C.NOW - policy.MIN_SECONDS_BETWEEN_RENEWALS)
    assert policy.expiry_action(renewable, long_ago, C.NOW) == policy.RENEW
    assert policy.expiry_action(renewable, "not a time", C.NOW) == policy.RENEW
    # A marker from the future (a clock set back) does not block renewal for ever.
    assert policy.expiry_action(renewable, str(C.NOW + 3600), C.NOW) == policy.RENEW
    assert policy.renewal_scopes(granted_token(scopes=["ZohoCRM.org.READ"]), ["X.y.READ"]) == ["ZohoCRM.org.READ"]
    assert policy.renewal_scopes(granted_token(scopes=["not a scope!"]), ["ZohoCRM.users.READ"]) == ["ZohoCRM.users.READ"]


@check
def check_read_revoke_answer():
    assert policy.read_revoke_answer(200, '{"status": "success"}') == policy.REVOKED
    for status, text in ((200, '{"status": "failure"}'), (400, '{"status": "success"}'), (200, "<html>"),
                         (200, "[]"), (200, "")):
        assert policy.read_revoke_answer(status, text) == policy.REFUSED, (status, text)


@check
def check_route_error():
    dropped = policy.route_error(E.InvalidTokenError("Gone.", 401, "INVALID_TOKEN"))
    assert dropped == policy.DropSession("Gone."), dropped
    assert isinstance(policy.route_error(E.InvalidTokenError("x", 401, "AUTHENTICATION_FAILURE")), policy.DropSession)
    # A 401 with another service's own code says nothing about the token.
    assert policy.route_error(E.InvalidTokenError("Not yours.", 401, "HTTP_401")) == policy.ShowSentence("Not yours.")
    assert policy.route_error(E.TokenExpiredError()) == policy.Expired()
    offered = policy.route_error(E.ScopeMismatchError("No.", 401, "OAUTH_SCOPE_MISMATCH",
                                                      required_scope="ZohoCRM.settings.READ"))
    assert isinstance(offered, policy.OfferScope) and offered.scope == "ZohoCRM.settings.READ"
    assert "ZohoCRM.settings.READ" in offered.message
    assert policy.route_error(E.ScopeMismatchError("No.")) == policy.ShowSentence("No.")
    missing = E.InvalidRequestError("A required field is missing.", 400, "MANDATORY_NOT_FOUND",
                                    {"api_name": "Last_Name"})
    assert policy.route_error(missing) == policy.ShowSentence("A required field is missing. (field Last_Name)")
    assert policy.route_error(E.NetworkError()) == policy.ShowSentence(E.NetworkError().message)
    syntax = E.InvalidRequestError("Zoho refused the request (HTTP 400).", 400, "SYNTAX_ERROR", {"near": "form"})
    explained = policy.route_error(syntax, lambda error: "Explained " + error.details["near"] + ".")
    assert explained == policy.ShowSentence("Explained form."), explained
    assert policy.route_error(syntax, lambda error: None) == policy.ShowSentence(syntax.message)
    token_gone = E.InvalidTokenError("Gone.", 401, "INVALID_TOKEN")
    assert isinstance(policy.route_error(token_gone, lambda error: "never"), policy.DropSession)
    assert policy.with_scope(["a.b.READ"], "c.d.READ") == ["a.b.READ", "c.d.READ"]
    assert policy.with_scope(["a.b.READ"], "a.b.READ") == ["a.b.READ"]


@check
def check_copyable_requests():
    record = make_token()
    request = api.build_request(record, C.NOW, "POST", "/crm/v8/Leads", query=[("note", C.TOKEN)],
                                json_body={"data": [{"Last_Name": "O'Neil", "Note": C.TOKEN}]})
    curl = api.as_curl(request)
    python = api.as_python_requests(request)
    for text in (curl, python):
        assert C.TOKEN not in text
        assert "Zoho-oauthtoken <YOUR_TOKEN>" in text
        assert "https://www.zohoapis.com/crm/v8/Leads?note=<YOUR_TOKEN>" in text
    assert curl.startswith("curl -X POST 'https://www.zohoapis.com/crm/v8/Leads")
    assert "O'\\''Neil" in curl
    assert python.startswith("import requests\n")
    get = api.build_request(record, C.NOW, "GET", "/crm/v8/org")
    assert "--data" not in api.as_curl(get) and "data=" not in api.as_python_requests(get)


@check
def check_pretty_json():
    text = jsontext.pretty_json({"info": {}, "data": [{"x": None, "id": "1", "ok": True, "n": 2}]})
    assert text == ('{\n  "data": [\n    {\n      "id": "1",\n      "n": 2,\n      "ok": true,\n'
                    '      "x": null\n    }\n  ],\n  "info": {}\n}'), text
    assert json.loads(text) == {"data": [{"id": "1", "n": 2, "ok": True, "x": None}], "info": {}}
    assert jsontext.pretty_json([]) == "[]"
    assert jsontext.pretty_json("a\"b") == '"a\\"b"'


@check
def check_form_values():
    assert fields.field_kind([None, 5000]) == fields.NUMBER
    assert fields.field_kind([{"name": "Ada"}]) == fields.STRUCTURED
    assert fields.form_value(fields.NUMBER, "5000") == 5000
    assert fields.form_value(fields.NUMBER, "99.50") == 99.5
    assert fields.form_value(fields.BOOLEAN, "Yes") is True
    assert fields.form_value(fields.TEXT, "  ") is None
    raises(ValueError, fields.form_value, fields.NUMBER, "5,000")
    raises(ValueError, fields.form_value, fields.BOOLEAN, "maybe")


@check
def check_place():
    views = ("records", "query", "console")
    assert place.read_place("?view=console", views, "records") == place.Place("console")
    leads = place.read_place("?view=records&module=Leads&record=42", views, "console")
    assert leads == place.Place("records", [("module", "Leads"), ("record", "42")]), leads
    assert leads.get("module") == "Leads" and leads.get("sort") is None
    # Unknown, missing or repeated view names: the default, or the first.
    assert place.read_place("?view=admin&module=Leads", views, "records") == place.Place("records", [("module", "Leads")])
    assert place.read_place("", views, "records") == place.Place("records")
    assert place.read_place("?view=query&view=console", views, "records").view == "query"
    assert place.read_place("?module=A&module=B&empty=", views, "records").pairs == [("module", "A")]
    assert place.read_place("?module=" + "x" * 3000, views, "records") == place.Place("records")
    for original in (place.Place("records", [("module", "Leads"), ("q", "a&b=c d")]), place.Place("query")):
        query = place.place_query(original)
        assert query.startswith("?view=")
        assert place.read_place(query, views, "console") == original, query


@check
def check_record_title():
    assert api.record_title({"id": "1", "Last_Name": "Lovelace", "Full_Name": "Ada Lovelace"}) == "Ada Lovelace"
    assert api.record_title({"id": "2", "Deal_Name": " Engine ", "Email": "a@b.test"}) == "Engine"
    assert api.record_title({"id": "3", "Subject": "", "Name": {"name": "Named", "id": "9"}}) == "Named"
    assert api.record_title({"id": "4", "Full_Name": None, "Email": "x@y.test"}) == "x@y.test"
    assert api.record_title({"id": "5"}) == "Record 5"
    assert api.record_title({}) == "Record"


@check
def check_value_objects_show_no_secret():
    record = make_token()
    assert C.TOKEN not in repr(record) and "api_domain='https://www.zohoapis.com'" in repr(record), repr(record)
    assert record.to_dict()["access_token"] == C.TOKEN
    assert token.TokenRecord.from_json(record.to_json(), ["https://www.zohoapis.com"]) == record
    request = api.build_request(record, C.NOW, "POST", "/crm/v8/Leads", json_body={"data": [{"Email": "a@b.test"}]})
    assert C.TOKEN not in repr(request) and "a@b.test" not in repr(request), repr(request)
    pending = make_pending()
    assert pending.state not in repr(pending) and flow.PendingSignIn.from_json(pending.to_json()) == pending
    assert hash(scopes.parse_scope("ZohoCRM.users.READ")) == hash(scopes.parse_scope("ZohoCRM.users.READ"))
    assert datacentres.DATA_CENTRES[0] != datacentres.DATA_CENTRES[1]


def _offer(record, org_id="9", user_id="1", answer=False):
    return tabs.read_tab_message(tabs.token_message(record, tabs.Binding(record.api_domain, org_id, user_id), answer),
                                 ["https://www.zohoapis.com", "https://sandbox.zohoapis.com"], {}, C.NOW)


@check
def check_tab_messages():
    record = make_token()
    allowed = ["https://www.zohoapis.com"]
    offered = tabs.read_tab_message(tabs.token_message(record), allowed, {}, C.NOW)
    assert offered == tabs.TabMessage(tabs.TOKEN, record, binding=tabs.Binding(record.api_domain)), offered
    assert _offer(record).binding == tabs.Binding("https://www.zohoapis.com", "9", "1")
    assert _offer(record, answer=True).answer and not _offer(record).answer
    assert tabs.read_tab_message(tabs.request_message(), allowed, {}, C.NOW) == tabs.TabMessage(tabs.REQUEST)
    failed = tabs.read_tab_message(tabs.popup_failed_message("Denied.\nBy you " + "x" * 300), allowed, {}, C.NOW)
    assert failed.kind == tabs.POPUP_FAILED and failed.message.startswith("Denied. By you"), failed
    assert len(failed.message) < 250
    assert tabs.read_tab_message('{"type": "popup-failed", "message": 5}', allowed, {}, C.NOW).message is None
    for text in ('{"type": "token", "record": "{}"}', '{"type": "token"}', "[1]", "{", '{"type": "other"}', None,
                 json.dumps({"type": "request", "pad": "x" * tabs.MAX_MESSAGE_LENGTH})):
        assert tabs.read_tab_message(text, allowed, {}, C.NOW) is None, text


def _pushed(**change):
    """A token message with one field of its record changed, as a hostile page of the origin could post."""
    fields = make_token().to_dict()
    fields.update(change)
    return json.dumps({"type": "token", "record": json.dumps(fields)})


@check
def check_a_token_from_the_channel_passes_every_check_a_sign_in_answer_passes():
    allowed = ["https://www.zohoapis.com", "https://staging.zohoapis.com"]
    assert tabs.read_tab_message(_pushed(), allowed, {}, C.NOW) is not None
    refused = {
        "ten years": _pushed(expires_at=C.NOW + 10 * 365 * 86400),
        "a day and a second": _pushed(expires_at=C.NOW + flow.MAX_EXPIRY_SECONDS + 1),
        "no longer usable": _pushed(expires_at=C.NOW + 30),
        "not allowlisted": _pushed(api_domain="https://www.zohoapis.eu"),
        "an environment this site does not know": _pushed(api_domain="https://staging.zohoapis.com"),
        "no scopes": _pushed(scopes=[]),
        "a scope that is none": _pushed(scopes=["ZohoCRM.modules.ALL", "not a scope"]),
        "scopes run together": _pushed(scopes=["ZohoCRM.modules.ALL,ZohoCRM.org.READ"]),
    }
    for why, text in refused.items():
        assert tabs.read_tab_message(text, allowed, {}, C.NOW) is None, why


@check
def check_a_tab_takes_a_token_only_for_its_own_organisation_environment_and_user():
    record = make_token()
    ours = tabs.Binding(record.api_domain, "9", "1")
    renewed = make_token(expires_at=C.NOW + 3500 + 600)
    assert tabs.offer_action(None, None, _offer(record)) == tabs.TAKE  # a new tab
    assert tabs.offer_action(ours, record, _offer(renewed)) == tabs.TAKE  # a renewal elsewhere
    assert tabs.offer_action(ours, renewed, _offer(record)) == tabs.IGNORE  # an older one
    assert tabs.offer_action(ours, None, _offer(record)) == tabs.TAKE  # signed in again elsewhere, as before
    sandbox = token.TokenRecord(C.TOKEN + "s", C.NOW + 4000, "https://sandbox.zohoapis.com", ["ZohoCRM.modules.ALL"], "us")
    for other in (_offer(sandbox), _offer(renewed, org_id="8"), _offer(renewed, user_id="2")):
        assert tabs.offer_action(ours, record, other) == tabs.IGNORE, other  # never a silent switch
        assert tabs.offer_action(ours, None, other) == tabs.ASK, other  # lost its sign-in: ask
        assert tabs.offer_action(ours, None, tabs.TabMessage(tabs.TOKEN, other.record, binding=other.binding,
                                                             answer=True)) == tabs.IGNORE
    # Who the offer is is not known yet (a pop-up window's answer): only the tab that opened it takes it.
    unknown = _offer(renewed, None, None)
    assert tabs.offer_action(ours, record, unknown) == tabs.IGNORE
    assert tabs.offer_action(ours, record, unknown, awaiting_popup=True) == tabs.TAKE
    assert tabs.offer_action(ours, None, _offer(sandbox, None, None)) == tabs.IGNORE
    assert tabs.offer_action(ours, None, _offer(sandbox, None, None), awaiting_popup=True) == tabs.TAKE  # its sign-in
    assert tabs.offer_action(ours, record, _offer(sandbox, None, None), awaiting_popup=True) == tabs.IGNORE
    assert tabs.offer_action(tabs.Binding(record.api_domain), record, _offer(renewed)) == tabs.IGNORE


@check
def check_only_a_page_that_holds_the_token_signs_its_tabs_out():
    record = make_token()
    allowed = ["https://www.zohoapis.com"]
    named = tabs.read_tab_message(tabs.signed_out_message(record), allowed, {}, C.NOW)
    assert named.kind == tabs.SIGNED_OUT and tabs.signs_out(record, named)
    assert not tabs.signs_out(make_token(access_token="1000.other.token"), named)
    assert not tabs.signs_out(None, named)
    for text in ('{"type": "signed-out"}', '{"type": "signed-out", "access_token": "a b"}',
                 '{"type": "signed-out", "access_token": 5}'):
        assert tabs.read_tab_message(text, allowed, {}, C.NOW) is None, text
    assert C.TOKEN not in repr(named)


@check
def check_renewal_due():
    lasting = granted_token()
    assert not policy.renewal_due(lasting, C.NOW)
    assert policy.renewal_due(lasting, C.NOW + 3600 - policy.RENEW_AHEAD_SECONDS)
    assert not policy.renewal_due(lasting, C.NOW + 3600 - 30)  # past the margin: the redirect's turn
    assert not policy.renewal_due(granted_token(False), C.NOW + 3600 - 200)
    assert not policy.renewal_due(None, C.NOW)


@check
def check_drafts():
    typed = {"console-path": "/crm/v8/Leads", "console-body": '{"data": [{"Last_Name": "Ngũ"}]}', "n": None}
    text = drafts.encode_draft(typed)
    assert drafts.read_draft(text) == {"console-path": "/crm/v8/Leads", "console-body": typed["console-body"]}
    assert drafts.draft_key("console") == "zoho.draft.console"
    for stored in (None, "", "{", "[]", '"text"', "1", '{"a": "b"' + " " * drafts.MAX_DRAFT_LENGTH + "}"):
        assert drafts.read_draft(stored) == {}, stored
    assert drafts.read_draft('{"a": "b", "c": 1, "d": null, "e": ["x"]}') == {"a": "b"}


# --- CRM data: field metadata, the search box, COQL paging, exports, sorting --

from zoho import columns, coql, export, search, sorting  # noqa: E402 (the modules of the checks below)


def lead_fields():
    return fields.parse_fields(api.interpret_response(200, {}, C.FIELDS_ANSWER))


def verify_field_value(case):
    name, entry, offset, expected = case
    meta = [f for f in lead_fields() if f.api_name == name][0]
    if isinstance(expected, str) and expected.startswith("must"):
        problem = raises(ValueError, fields.field_value, meta, entry, offset)
        assert problem.args[0].startswith(expected), problem.args[0]
    else:
        assert fields.field_value(meta, entry, offset) == expected, (case, fields.field_value(meta, entry, offset))


@check
def check_field_metadata():
    metas = lead_fields()
    assert [(f.api_name, f.input_kind) for f in metas] == C.FIELD_INPUT_KINDS
    status = metas[1]
    assert status.choices == (fields.PicklistValue("Contacted", "Contacted"), fields.PicklistValue("Lost", "Lost Lead"))
    assert metas[0].mandatory and metas[0].length == 80 and metas[2].lookup_module == "Accounts"
    assert [f.editable for f in metas] == [True, True, True, True, True, False]
    each(verify_field_value, C.FIELD_VALUES)
    record, problems = fields.build_record(metas, {"Lead_Status": "Lost", "Annual_Revenue": "5"}, True)
    assert problems == ["Last Name is required.", "Lead Status must be one of the listed choices."], problems
    record, problems = fields.build_record(metas, {"Last_Name": "Ada", "Follow_Up_At": "2024-01-02T03:04",
                                                   "Created_Time": "x"}, True, -90)
    assert (record, problems) == ({"Last_Name": "Ada", "Follow_Up_At": "2024-01-02T03:04:00-01:30"}, []), record
    assert fields.label_of(metas, "Annual_Revenue") == "Annual Revenue" and fields.label_of(metas, "id") == "id"


def verify_search_box(case):
    text, expected = case
    assert search.classify_search(text) == expected, (text, search.classify_search(text))


def verify_criteria_built(case):
    field, operator, value, expected = case
    assert search.condition(field, operator, value) == expected, search.condition(field, operator, value)


@check
def check_search_box():
    each(verify_search_box, C.SEARCH_BOX)
    each(verify_criteria_built, C.CRITERIA_BUILT)
    assert search.search_query("ada@example.com", ["Last_Name", "Email"], 2, 50) == [
        ("email", "ada@example.com"), ("fields", "Last_Name,Email"), ("page", "2"), ("per_page", "50")]
    assert search.search_query(" Ada ") == [("word", "Ada"), ("page", "1")]
    for text in ("", " ", "a", "x" * 101):
        raises(ValueError, search.search_query, text)
    # Criteria with an operator Zoho lacks are refused before sending, naming it and Zoho's.
    try:
        search.search_query("(Last_Name:bogus_op:x)")
        raise AssertionError("an unknown operator was sent")
    except ValueError as error:
        assert "'bogus_op'" in str(error) and "starts_with" in str(error) and "less_equal" in str(error), error
    assert search.unknown_operators(
        "((Last_Name:equals:a\\(x:y:z\\))or(City:near:b)or(Zip:near:c)or(Amount:Greater_Than:1))") == ["near"]
    assert search.search_query("((City:equals:Lagos)or(Amount:GREATER_THAN:5))")[0][0] == "criteria"
    # Parentheses that do not pair up are refused too; escaped ones are part of a value.
    for text in ("(Last_Name:equals:Lovelace", "(Last_Name:equals:a))", "((City:equals:a)or(City:equals:b)",
                 "(Last_Name:equals:a\\)"):
        try:
            search.search_query(text)
            raise AssertionError("sent: " + text)
        except ValueError as error:
            assert "parentheses" in str(error), (text, error)
    assert search.search_query("(Last_Name:equals:a\\(b\\))")[0] == ("criteria", "(Last_Name:equals:a\\(b\\))")
    a, b = search.condition("City", "equals", "Lagos"), search.condition("City", "equals", "Pune")
    assert search.all_of([a]) == a
    assert search.any_of([a, b]) == "((City:equals:Lagos)or(City:equals:Pune))"
    assert search.all_of([search.any_of([a, b]), a]) == "(((City:equals:Lagos)or(City:equals:Pune))and(City:equals:Lagos))"
    raises(ValueError, search.all_of, [])
    raises(ValueError, search.condition, "Last Name", "equals", "x")
    raises(ValueError, search.condition, "Last_Name", "contains", "x")
    raises(ValueError, search.condition, "Amount", "between", [1])


@check
def check_picked_columns_keep_their_order():
    shown = ["Last_Name", "First_Name", "Email", "Company", "Lead_Status"]
    boxes = ["First_Name", "Last_Name", "Email", "Company", "Mobile", "Lead_Status"]  # the boxes' order
    assert columns.picked_columns(shown, boxes) == [
        "Last_Name", "First_Name", "Email", "Company", "Lead_Status", "Mobile"], columns.picked_columns(shown, boxes)
    assert columns.picked_columns(shown, ["First_Name", "Last_Name", "Company"]) == ["Last_Name", "First_Name", "Company"]
    assert columns.picked_columns(["Email"], ["Phone", "Email", "Zip"]) == ["Email", "Phone", "Zip"]
    assert columns.picked_columns(shown, []) == []


def verify_coql_page(case):
    query, offset, count, expected = case
    assert coql.page_query(query, offset, count) == expected, coql.page_query(query, offset, count)


def verify_coql_limit(case):
    query, expected = case
    assert coql.read_limit(query) == expected, (query, coql.read_limit(query))


def verify_query_error(case):
    code, details, words = case
    sentence = coql.describe_query_error(code, details)
    assert sentence.startswith(E.QUERY_ERRORS[code]) and sentence.endswith("."), sentence
    for word in words:
        assert word in sentence, (word, sentence)


@check
def check_coql_paging_and_errors():
    each(verify_coql_page, C.COQL_PAGES)
    each(verify_coql_limit, C.COQL_LIMITS)
    query = "select id from Leads where id is not null limit 40, 20"
    assert coql.next_page_query(query) == "select id from Leads where id is not null limit 60, 20"
    assert coql.next_page_query("select id from Leads where id is not null").endswith(" limit 200, 200")
    assert coql.next_page_query(query[:-2] + "x") is None
    sub = "select id from Contacts where Account_Name in (select id from Accounts where id is not null limit 5)"
    assert coql.page_query(sub, 10, 50) == sub + " limit 10, 50"
    for offset, count in ((-1, 10), (0, 0), (0, 2001), ("0", 10)):
        raises(ValueError, coql.page_query, query, offset, count)
    each(verify_query_error, C.QUERY_ERROR_SENTENCES)
    assert coql.describe_query_error("INVALID_TOKEN", {}) is None
    assert coql.describe_query_error("INVALID_QUERY", None) == E.QUERY_ERRORS["INVALID_QUERY"] + "."


def verify_cell_text(case):
    value, expected = case
    assert export.cell_text(value) == expected, (value, export.cell_text(value))


def verify_csv_line(case):
    cells, expected = case
    assert export.csv_line(cells) == expected, export.csv_line(cells)


@check
def check_exports():
    each(verify_cell_text, C.CELL_TEXTS)
    each(verify_csv_line, C.CSV_LINES)
    records = [{"id": "1", "Last_Name": "O\"Neil, Jr", "Account_Name": {"name": "Acme", "id": "9"}},
               {"id": "2", "Last_Name": "Ngũ", "Account_Name": None}]
    csv = export.CsvExport(["Last_Name", "Account_Name"], ["Last Name", "Account"])
    text = csv.start() + csv.rows(records[:1]) + csv.rows(records[1:]) + csv.rows([]) + csv.end()
    assert text == '\ufeffLast Name,Account\r\n"O""Neil, Jr",Acme\r\nNgũ,\r\n', text
    raises(ValueError, export.CsvExport, ["a", "b"], ["A"])
    exported = export.JsonExport(["Last_Name", "Account_Name", "id"])
    parts = [exported.start(), exported.rows(records[:1]), exported.rows([]), exported.rows(records[1:]), exported.end()]
    assert json.loads("".join(parts)) == [
        {"id": "1", "Last_Name": "O\"Neil, Jr", "Account_Name": {"name": "Acme", "id": "9"}},
        {"id": "2", "Last_Name": "Ngũ", "Account_Name": None}]
    assert parts[1].startswith('\n{"id": "1", "Last_Name": ') and parts[3].startswith(',\n{"id": "2"')
    empty = export.JsonExport(["Last_Name"])
    assert json.loads(empty.start() + empty.rows([]) + empty.end()) == []


@check
def check_sorting():
    by_name = sorting.clicked(None, "Last_Name")
    assert by_name == sorting.Sort("Last_Name", "desc")
    assert sorting.clicked(by_name, "Last_Name") == sorting.Sort("Last_Name", "asc")
    assert sorting.clicked(sorting.clicked(by_name, "Last_Name"), "Last_Name") == by_name
    assert sorting.clicked(sorting.Sort("Last_Name", "asc"), "Email") == sorting.Sort("Email", "desc")
    by_time = sorting.clicked(None, "Modified_Time")
    assert sorting.sort_params(by_time) == [("sort_by", "Modified_Time"), ("sort_order", "desc")]
    raises(ValueError, sorting.sort_params, by_name)  # Zoho's records list refuses it
    assert sorting.sort_params(None) == []
    assert [sorting.aria_sort(by_name, c) for c in ("Last_Name", "Email")] == ["descending", "none"]
    assert sorting.aria_sort(sorting.Sort("Email", "asc"), "Email") == "ascending"
    assert sorting.aria_sort(None, "Email") == "none"
    raises(ValueError, sorting.Sort, "Email", "up")


# --- the notebook (app/zoho/notebook.py) -------------------------------------------------------

from zoho import notebook  # noqa: E402 - this section's own import, kept with it


@check
def check_notebook_files():
    cells = ["import json\nprint(1)", "", "for x in y:\n    pass"]
    script = notebook.to_percent_script(cells)
    assert script.startswith("# %%\n# Outside the Zoho CRM page, this cell makes `zoho`"), script
    assert "\n\n# %%\nimport json\nprint(1)\n" in script, script
    assert script.count("# %%\n") == 4, script
    assert notebook.from_percent_script(script) == cells
    assert notebook.from_percent_script("x = 1\n\n\n# %% a title\ny = 2\r\n#%%\nz\n") == ["x = 1", "y = 2", "z"]
    assert notebook.from_percent_script("\n\n# %%\nonly\n") == ["only"]
    assert notebook.from_percent_script("") == [""]
    saved = json.loads(notebook.to_ipynb(cells))
    assert (saved["nbformat"], saved["nbformat_minor"]) == (4, 5)
    assert [c["source"] for c in saved["cells"][1:]] == [["import json\n", "print(1)"], [], ["for x in y:\n", "    pass"]]
    assert saved["cells"][0]["id"] == "setup" and saved["cells"][0]["source"][-1] == "    zoho = connect_or_exit()"
    assert all(c["outputs"] == [] and c["execution_count"] is None and c["cell_type"] == "code"
               for c in saved["cells"])
    assert len({c["id"] for c in saved["cells"]}) == 4
    assert notebook.from_ipynb(notebook.to_ipynb(cells)) == cells
    markdown = json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [
        {"cell_type": "markdown", "source": ["# Title\n", "\n", "Some text"], "metadata": {}},
        {"cell_type": "code", "source": "a = 1\n", "outputs": [{"output_type": "stream", "text": "x"}],
         "metadata": {}, "execution_count": 3}]})
    assert notebook.from_ipynb(markdown) == [{"cell_type": "markdown", "source": "# Title\n\nSome text"}, "a = 1"]
    raw = json.dumps({"nbformat": 4, "cells": [{"cell_type": "raw", "source": "R\nS"}]})
    assert notebook.from_ipynb(raw) == ["# R\n# S"]
    for bad in ("not json", "[]", json.dumps({"nbformat": 3, "cells": []}),
                json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]})):
        raises(ValueError, notebook.from_ipynb, bad)
    assert notebook.read_notebook_file("A.IPYNB", notebook.to_ipynb(["x"])) == ["x"]
    assert notebook.read_notebook_file("a.py", "# %%\nx\n") == ["x"]
    raises(ValueError, notebook.read_notebook_file, "a.txt", "x")


@check
def check_notebook_markdown_cells():
    note = {"cell_type": "markdown", "source": "# Leads\n\nSee <b>this</b>\n  indented"}
    cells = ["x = 1", note]
    script = notebook.to_percent_script(cells)
    assert script.endswith("# %%\nx = 1\n\n# %% [markdown]\n# # Leads\n#\n# See <b>this</b>\n#   indented\n"), script
    assert notebook.from_percent_script(script) == cells
    assert notebook.from_percent_script("#%% [markdown] intro\n#A\n# %% [md]\nb\n") == [
        {"cell_type": "markdown", "source": "A"}, "b"]
    saved = json.loads(notebook.to_ipynb(cells))
    assert saved["cells"][2] == {"cell_type": "markdown", "id": "cell-2", "metadata": {},
                                 "source": ["# Leads\n", "\n", "See <b>this</b>\n", "  indented"]}
    assert notebook.from_ipynb(notebook.to_ipynb(cells)) == cells
    assert notebook.decode_cells(notebook.encode_cells(cells)) == cells
    for bad in ('[{"cell_type": "code", "source": "x"}]', '[{"cell_type": "markdown"}]',
                '[{"cell_type": "markdown", "source": 1}]'):
        assert notebook.decode_cells(bad) is None, bad
    for allowed in ("https://www.zoho.com/crm", " HTTPS://x", "mailto:ada@example.com"):
        assert notebook.is_allowed_link(allowed), allowed
    for refused in ("javascript:alert(1)", "JavaScript:x", "http://example.com", "data:text/html,x",
                    "/crm/v8/Leads", "#top", "vbscript:x", "", None):
        assert not notebook.is_allowed_link(refused), refused


@check
def check_notebook_kept_cells():
    kept = notebook.encode_cells(["a = 1", "print(a)"])
    assert notebook.decode_cells(kept) == ["a = 1", "print(a)"]
    for bad in (None, "", "{", "{}", "[]", "[1]", '["a", null]'):
        assert notebook.decode_cells(bad) is None, bad
    assert notebook.redact("Zoho-oauthtoken 1000.abc and 1000.abc", "1000.abc") == (
        "Zoho-oauthtoken <YOUR_TOKEN> and <YOUR_TOKEN>")
    assert notebook.redact("no secret", "") == "no secret"


@check
def check_notebook_cell_output():
    sent = []
    output = notebook.CellOutput(lambda kind, text: sent.append((kind, text)), secret="SECRET", cap=40)
    output.write("stdout", "partial ")
    assert sent == []  # not a whole line yet
    output.write("stdout", "line SECRET\n")
    output.write("stderr", "warn")
    output.write("stdout", "x")
    assert sent == [("stdout", "partial line <YOUR_TOKEN>\n"), ("stderr", "warn")]
    output.write("stdout", "y" * 30 + "\n")
    assert output.cut and sent[-1] == ("cut", notebook.cut_note(40))
    assert "".join(text for kind, text in sent[:-1]) == ("partial line <YOUR_TOKEN>\nwarnx" + "y" * 30)[:40]
    output.write("stdout", "more\n")
    assert sent[-1][0] == "cut" and len(sent) == 4
    long_line = []
    stream = notebook.CellOutput(lambda kind, text: long_line.append(text), secret="SECRET")
    stream.write("stdout", "z" * (notebook.SEND_AT - 3) + "SEC")
    stream.write("stdout", "RET")
    stream.flush()
    assert "".join(long_line) == "z" * (notebook.SEND_AT - 3) + "<YOUR_TOKEN>", long_line
    rich = notebook.CellOutput(lambda kind, text: None, cap=10)
    assert rich.allow(6) and not rich.allow(6) and rich.cut


@check
def check_notebook_tables_and_names():
    columns, rows, total = notebook.table_of([{"a": 1, "b": None}, {"b": {"name": "Ada", "id": "7"}, "c": [1, 2]}])
    assert columns == ["a", "b", "c"] and total == 2
    assert rows == [["1", "", ""], ["", "Ada", "1; 2"]], rows
    assert notebook.table_of([[1, 2], [3]], ["x", "y"]) == (["x", "y"], [["1", "2"], ["3", ""]], 2)
    assert notebook.table_of([{"a": n} for n in range(5)], limit=2)[1:] == ([["0"], ["1"]], 5)
    assert notebook.is_table([{"a": 1}]) and not notebook.is_table([]) and not notebook.is_table([{"a": 1}, 2])
    assert notebook.download_name("../../etc/pass\nwd.csv") == "passwd.csv"
    assert notebook.download_name("a\\b\\.hidden") == "hidden"
    assert notebook.download_name("/") == "download"
    assert notebook.media_type("rows.CSV") == "text/csv" and notebook.media_type("x") == "application/octet-stream"
    assert notebook.media_type("page.html") == "text/plain"
    assert notebook.is_cell_file(notebook.cell_filename(12))
    for other in ("<exec>", "/lib/python3.13/x.py", "Cell [x]", "Cell []"):
        assert not notebook.is_cell_file(other), other


# --- the call layer (app/zoho/calls.py) --------------------------------------------------------

from zoho import calls  # noqa: E402 - this section's own import, kept with it


def _reply(status, body=None, headers=None):
    return status, dict(headers or {}), "" if body is None else json.dumps(body)


def _error_reply(status, code, headers=None):
    return _reply(status, {"code": code, "details": {}, "message": "error", "status": "error"}, headers)


class ScriptedZoho:
    """Answers each request with the next of ``replies`` (an exception instance is raised, as
    fetch raises NetworkError); keeps the requests and the waits."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.requests = []
        self.slept = []
        self.notices = []

    def send(self, request):
        self.requests.append(request)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def drive(self, flow):
        """(the Rows met, the flow's result) when it ends; raises what the flow raises."""
        driven = calls.run(flow, self.send, self.slept.append, self.notices.append)
        met = []
        while True:
            try:
                met.append(next(driven))
            except StopIteration as done:
                return met, done.value


def _credentials(expires_at=C.NOW + 3600):
    record = make_token(expires_at)
    clock = [C.NOW]
    return calls.Credentials(lambda: record if record.is_usable(clock[0]) else None, lambda: clock[0])


def _call(zoho, method, retries=True):
    return zoho.drive(calls.call(_credentials(), method, "/crm/v8/Leads", None,
                                 {"data": [{"Last_Name": "Hopper"}]} if method != "GET" else None, retries))[1]


CREATED = {"data": [{"code": "SUCCESS", "details": {"id": "77"}, "message": "record added", "status": "success"}]}


@check
def check_calls_never_repeat_a_write_after_a_server_error_or_a_lost_answer():
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for failure in (_error_reply(500, "INTERNAL_ERROR"), E.NetworkError()):
            zoho = ScriptedZoho(failure, _reply(201, CREATED))
            raises(E.ServerError if isinstance(failure, tuple) else E.NetworkError, _call, zoho, method)
            assert len(zoho.requests) == 1 and zoho.slept == [], (method, failure, zoho.requests)
    # A read is tried again, after 1 s then 2 s, and the third failure is the answer.
    zoho = ScriptedZoho(E.NetworkError(), _error_reply(503, "INTERNAL_ERROR"), _reply(200, {"data": []}))
    assert _call(zoho, "GET").status == 200
    assert zoho.slept == [1, 2] and len(zoho.requests) == 3
    assert "could not be reached" in zoho.notices[0] and "attempt 2 of 3" in zoho.notices[0], zoho.notices
    assert "had a problem" in zoho.notices[1], zoho.notices
    zoho = ScriptedZoho(*[_error_reply(500, "INTERNAL_ERROR")] * 3)
    raises(E.ServerError, _call, zoho, "GET")
    assert len(zoho.requests) == 3 and zoho.slept == [1, 2]


@check
def check_calls_wait_out_a_rate_limit_for_any_method():
    zoho = ScriptedZoho(_error_reply(429, "TOO_MANY_REQUESTS", {"Retry-After": "4"}), _reply(201, CREATED))
    assert _call(zoho, "POST").status == 201
    assert zoho.slept == [4] and len(zoho.requests) == 2 and "slow down" in zoho.notices[0]
    zoho = ScriptedZoho(*[_error_reply(429, "TOO_MANY_REQUESTS")] * 3)
    raises(E.RateLimitedError, _call, zoho, "DELETE")
    assert zoho.slept == [1, 2] and len(zoho.requests) == 3
    # Retries off (the console): one request, whatever it meets.
    zoho = ScriptedZoho(_error_reply(429, "TOO_MANY_REQUESTS", {"Retry-After": "4"}))
    raises(E.RateLimitedError, _call, zoho, "GET", False)
    assert zoho.slept == [] and len(zoho.requests) == 1


@check
def check_calls_exchange_and_credentials():
    zoho = ScriptedZoho(_error_reply(404, "INVALID_URL_PATTERN"))
    done = zoho.drive(calls.exchange(_credentials(), "GET", "/crm/v8/Nope"))[1]
    assert done.status == 404 and "INVALID_URL_PATTERN" in done.text and done.request is zoho.requests[0]
    assert done.request.url == "https://www.zohoapis.com/crm/v8/Nope"
    assert done.request.headers["Authorization"] == "Zoho-oauthtoken " + C.TOKEN
    # No usable token: nothing is sent; a path off the API domain: nothing is sent.
    zoho = ScriptedZoho()
    raises(E.TokenExpiredError, zoho.drive, calls.call(_credentials(C.NOW + 30), "GET", "/crm/v8/org"))
    raises(E.UnsafeRequestError, zoho.drive, calls.call(_credentials(), "GET", "//evil.example/x"))
    assert zoho.requests == []


def _records_answer(records, more, page_token=None):
    info = {"more_records": more, "per_page": 2}
    if page_token is not None:
        info["next_page_token"] = page_token
    return _reply(200, {"data": records, "info": info})


def _query_of(request):
    return dict(urlcodec.parse_pairs(request.url.partition("?")[2]))


@check
def check_calls_record_pages():
    zoho = ScriptedZoho(_records_answer([{"id": "1"}, {"id": "2"}], True, "t2"),
                        _error_reply(429, "TOO_MANY_REQUESTS"),
                        _records_answer([{"id": "3"}, {"id": "4"}], True, "t3"),
                        _records_answer([{"id": "5"}], False))
    flow = calls.record_pages(_credentials(), "/crm/v8/Leads", [("fields", "Last_Name,Email"), ("per_page", "2")])
    pages, _ = zoho.drive(flow)
    assert [[r["id"] for r in page.rows] for page in pages] == [["1", "2"], ["3", "4"], ["5"]]
    assert [page.more for page in pages] == [True, True, False]
    asked = [_query_of(request) for request in zoho.requests]
    assert asked[0] == {"fields": "Last_Name,Email", "per_page": "2"}, asked
    assert asked[1]["page_token"] == asked[2]["page_token"] == "t2" and asked[3]["page_token"] == "t3", asked
    assert zoho.slept == [1]  # the rate-limited page was waited out, not skipped
    # No page token (a search): page numbers; the box's page=1 is not sent twice.
    zoho = ScriptedZoho(_records_answer([{"id": "x"}], True), _records_answer([{"id": "y"}], True),
                        _records_answer([{"id": "z"}], False))
    zoho.drive(calls.record_pages(_credentials(), "/crm/v8/Deals/search", [("word", "a"), ("page", "1")]))
    assert [_query_of(request).get("page") for request in zoho.requests] == [None, "2", "3"]
    assert len(ScriptedZoho(_reply(204)).drive(calls.record_pages(_credentials(), "/crm/v8/Leads", []))[0]) == 1
    lost = ScriptedZoho(_records_answer([{"id": "1"}], True, "t2"), _records_answer([{"id": "2"}], True))
    raises(E.UnexpectedResponseError, lost.drive, calls.record_pages(_credentials(), "/crm/v8/Leads", []))
    raises(ValueError, notebook.module_path, "../org")


@check
def check_calls_coql_pages():
    matching = [{"id": str(n)} for n in range(7)]

    def answering(query):
        offset, count = coql.read_limit(query)
        rows = matching[offset:offset + count]
        return _reply(200, {"data": rows, "info": {"count": len(rows), "more_records": offset + len(rows) < 7}})

    def run(query, page_size):
        zoho = ScriptedZoho()
        zoho.send = lambda request: (zoho.requests.append(json.loads(request.body)["select_query"])
                                     or answering(zoho.requests[-1]))
        pages, _ = zoho.drive(calls.coql_pages(_credentials(), query, *calls.coql_wanted(query), page_size=page_size))
        return [row for page in pages for row in page.rows], zoho.requests

    rows, asked = run("select id from Leads where id is not null;", 3)
    assert rows == matching
    assert asked == ["select id from Leads where id is not null limit 0, 3",
                     "select id from Leads where id is not null limit 3, 3",
                     "select id from Leads where id is not null limit 6, 3"], asked
    rows, asked = run("select id from Leads LIMIT 2, 4", 3)
    assert rows == matching[2:6] and asked == ["select id from Leads limit 2, 3", "select id from Leads limit 5, 1"]
    assert calls.coql_wanted("select id from Leads where x = 'limit 5'") == (0, None)
    assert calls.coql_wanted("select id from Leads limit 5 offset 10") == (10, 5)
    raises(ValueError, calls.coql_wanted, "select id from Leads limit all")
    assert ScriptedZoho(_reply(204)).drive(calls.coql_pages(_credentials(), "select id from Leads"))[0] == [
        calls.Rows([], False)]
    reach = raises(E.QueryReachError, run, "select id from Leads limit 100000, 5", 3)
    assert reach.message.startswith("Zoho's queries reach only the first 100,000 matching rows")


@check
def check_calls_export():
    zoho = ScriptedZoho(_records_answer([{"id": "1", "Email": "=1+1"}], True, "t2"),
                        _records_answer([{"id": "2", "Email": "b@x"}], False))
    flow = calls.export(calls.record_pages(_credentials(), "/crm/v8/Leads", []), export.JsonExport(["id", "Email"]))
    pages, done = zoho.drive(flow)
    assert len(pages) == 2 and pages[1] == calls.Rows([{"id": "2", "Email": "b@x"}], False)
    assert json.loads(done.text) == [{"id": "1", "Email": "=1+1"}, {"id": "2", "Email": "b@x"}], done.text
    assert (done.rows, done.calls, done.credits) == (2, 2, 2), done
    failing = ScriptedZoho(_records_answer([{"id": "1"}], True, "t2"), _error_reply(400, "INVALID_DATA"))
    raises(E.ZohoError, failing.drive, calls.export(calls.record_pages(_credentials(), "/crm/v8/Leads", []),
                                                    export.CsvExport(["id"])))



# --- COQL pages side by side (calls.coql_side_by_side, helper X) --------------------------------

from zoho import credits  # noqa: E402 - this section's own import, kept with it

WHOLE = "select id, Last_Name from Leads where id is not null order by id asc"


class QueryServer:
    """Answers COQL pages of ``total`` matching rows as Zoho does (204 past the end; ``refuse``:
    {offset: reply} answered instead, once each); keeps each Batch's (offset, count) pairs."""

    def __init__(self, total, refuse=None):
        self.total = total
        self.refuse = dict(refuse or {})
        self.batches = []
        self.slept = []
        self.queued = []  # the answers to a Batch's requests, for its Answers
        self.events = []  # "batch", "answer", "rows": what the flow did, in order

    def answer(self, request):
        query = json.loads(request.body)["select_query"]
        if query.startswith("select COUNT(id)"):
            return self.refuse.pop("count") if "count" in self.refuse else _reply(
                200, {"data": [{"COUNT(id)": self.total}], "info": {"count": 1, "more_records": False}})
        offset, count = coql.read_limit(query)
        if offset in self.refuse:
            return self.refuse.pop(offset)
        rows = [{"id": str(n)} for n in range(offset, min(offset + count, self.total))]
        if not rows:
            return _reply(204)
        return _reply(200, {"data": rows, "info": {"count": len(rows), "more_records": offset + len(rows) < self.total}})

    def drive(self, flow):
        """(the rows of every Rows in order, the flow's result), each Batch's requests answered."""
        steps = calls.Steps(flow)
        rows = []
        for step in steps:
            if isinstance(step, calls.Rows):
                rows.extend(step.rows)
                self.events.append("rows")
            elif isinstance(step, calls.Wait):
                self.slept.append(step.seconds)
            elif isinstance(step, calls.Batch):
                self.batches.append([coql.read_limit(json.loads(r.body)["select_query"]) if "COUNT" not in r.body
                                     else "count" for r in step.requests])
                self.queued.extend(self.answer(request) for request in step.requests)
                self.events.append("batch")
            else:
                assert step == calls.ANSWER, step
                steps.reply = self.queued.pop(0)
                self.events.append("answer")
        return rows, steps.result


def _side_by_side(server, query=WHOLE):
    return server.drive(calls.export(calls.coql_side_by_side(_credentials(), query), export.JsonExport(["id"])))


@check
def check_coql_side_by_side_keeps_the_order_within_zoho_s_limits_and_credits():
    server = QueryServer(10000)
    rows, done = _side_by_side(server)
    assert [row["id"] for row in rows] == [str(n) for n in range(10000)]
    # One page of 200 (1 credit), then pages of 2,000 twice as many at once: 1, 2, 4.
    assert server.batches == [[(0, 200)], [(200, 2000), (2200, 2000)],
                              [(4200, 2000), (6200, 2000), (8200, 2000), (10200, 2000)]], server.batches
    assert (done.rows, done.calls, done.credits, done.ended) == (10000, 7, 1 + 6 * 3, False), done
    assert [r["id"] for r in json.loads(done.text)][-2:] == ["9998", "9999"]
    # Never more than Zoho's 10 COQL calls at once, never past 2,000 a call.
    server = QueryServer(46000)
    rows, reach = server.drive(calls.coql_side_by_side(_credentials(), WHOLE))
    assert len(rows) == 46000 and [len(batch) for batch in server.batches] == [1, 2, 4, 8, 10], server.batches
    assert all(count <= 2000 for batch in server.batches for _, count in batch)
    # A small list costs what a records page does; an empty one too.
    rows, done = _side_by_side(QueryServer(150))
    assert len(rows) == 150 and (done.calls, done.credits, done.ended) == (1, 1, False), done
    assert _side_by_side(QueryServer(0))[0] == []
    # A last page that is exactly full ends the list when Zoho says no more follow.
    server = QueryServer(2200)
    rows, done = _side_by_side(server)
    assert len(rows) == 2200 and done.calls == 3, (done, server.batches)


COUNTED = "select COUNT(id) from Leads where id is not null"


@check
def check_coql_side_by_side_asks_for_as_many_pages_as_the_count_says():
    server = QueryServer(10000)
    rows, done = server.drive(calls.export(calls.coql_side_by_side(_credentials(), WHOLE, COUNTED),
                                           export.JsonExport(["id"])))
    assert [row["id"] for row in rows] == [str(n) for n in range(10000)]
    assert server.batches == [[(0, 200), "count"], [(200, 2000), (2200, 2000), (4200, 2000), (6200, 2000),
                                                     (8200, 2000)]], server.batches
    assert (done.calls, done.credits) == (7, 1 + 1 + 5 * 3), done
    # Each page is handed on as soon as it is in (while the next ones may still be on their way).
    # (the first page, then the count; each page of 2,000 written in 4 parts)
    assert server.events == ["batch", "answer", "rows", "answer", "batch"] + (["answer"] + ["rows"] * 4) * 5, (
        server.events)
    # More than 10 pages left: 10 at once, then on as without a count.
    server = QueryServer(30000)
    rows, _ = server.drive(calls.coql_side_by_side(_credentials(), WHOLE, COUNTED))
    assert len(rows) == 30000 and [len(batch) for batch in server.batches] == [2, 10, 5], server.batches
    # A count behind the truth (records added since) or refused: the pages go on all the same.
    for refuse in ({"count": _reply(200, {"data": [{"COUNT(id)": 3000}], "info": {"more_records": False}})},
                   {"count": _error_reply(400, "INVALID_QUERY")},
                   {"count": _error_reply(429, "TOO_MANY_REQUESTS")}):
        server = QueryServer(9000, refuse)
        rows, _ = server.drive(calls.coql_side_by_side(_credentials(), WHOLE, COUNTED))
        assert len(rows) == 9000 and "count" not in [page for batch in server.batches[1:] for page in batch], (
            refuse, server.batches)
    # (a rate-limited count halves the next batch, as a page's would)
    assert server.slept == [] and [len(batch) for batch in server.batches] == [2, 1, 2, 4], server.batches


@check
def check_coql_side_by_side_stops_at_the_reach_of_queries():
    server = QueryServer(150000)
    rows, reached = server.drive(calls.coql_side_by_side(_credentials(), WHOLE))
    asked = [page for batch in server.batches for page in batch]
    assert len(rows) == 100000 and reached is True
    assert asked[-1] == (98200, 1800) and all(offset + count <= 100000 for offset, count in asked), asked[-3:]
    server = QueryServer(100000)  # exactly the reach: nothing left, nothing said
    rows, reached = server.drive(calls.coql_side_by_side(_credentials(), WHOLE))
    assert len(rows) == 100000 and reached is False


@check
def check_coql_side_by_side_waits_out_a_rate_limit_and_stops_at_an_error():
    limited = _error_reply(429, "TOO_MANY_REQUESTS", {"Retry-After": "3"})
    server = QueryServer(9000, {2200: limited})
    rows, done = _side_by_side(server)
    assert [row["id"] for row in rows] == [str(n) for n in range(9000)]
    # The refused page alone is asked again after Zoho's wait, and the next batch is half as wide.
    assert server.batches[1:3] == [[(200, 2000), (2200, 2000)], [(2200, 2000)]], server.batches
    assert server.slept == [3] and len(server.batches[3]) == 1, server.batches
    assert done.calls == 1 + 2 + 1 + 1 + 2 and done.credits == 1 + 3 * 5, done  # no credit for the 429
    # A refusal stops the export with Zoho's error; a failure past the list's end changes nothing.
    server = QueryServer(9000, {2200: _error_reply(400, "INVALID_QUERY")})
    raises(E.ZohoError, _side_by_side, server)
    assert len(server.batches) == 2 and server.slept == []
    server = QueryServer(7000, {8200: _error_reply(400, "INVALID_QUERY"), 10200: limited})
    rows, done = _side_by_side(server)
    assert len(rows) == 7000 and len(server.batches) == 3 and server.slept == [], server.batches
    # Zoho keeps refusing: three tries, then its error.
    server = QueryServer(9000)
    server.answer = lambda request: limited
    raises(E.RateLimitedError, _side_by_side, server)
    assert server.slept == [3, 3] and [len(batch) for batch in server.batches] == [1, 1, 1]


@check
def check_a_batch_driven_synchronously_goes_one_by_one():
    server = QueryServer(4500)
    zoho = ScriptedZoho()
    zoho.send = lambda request: zoho.requests.append(request) or server.answer(request)
    pages, done = zoho.drive(calls.export(calls.coql_side_by_side(_credentials(), WHOLE), export.CsvExport(["id"])))
    # Each page handed on in parts of 500 rows at most (the page answers between them), in order.
    assert [len(page.rows) for page in pages] == [200] + [500] * 8 + [300] and done.rows == 4500
    assert [page.more for page in pages] == [True] * 9 + [False]
    assert [row["id"] for page in pages for row in page.rows] == [str(n) for n in range(4500)]
    assert [coql.read_limit(json.loads(r.body)["select_query"])[0] for r in zoho.requests] == [0, 200, 2200, 4200, 6200,
                                                                                               8200, 10200]
    assert credits.coql_credits(200) == 1 and credits.coql_credits(201) == 2 and credits.coql_credits(1000) == 2
    assert credits.coql_credits(1001) == 3 and credits.coql_credits(2000) == 3


@check
def check_select_columns():
    assert coql.select_columns("select Last_Name, Email from Leads where id is not null") == ["Last_Name", "Email"]
    assert coql.select_columns("SELECT Owner.last_name, COUNT(id) as total FROM Deals WHERE x = 'a, from'") == [
        "Owner.last_name", "total"]
    assert coql.select_columns("select COUNT(id), MAX(Amount) from Deals") == ["COUNT(id)", "MAX(Amount)"]
    for broken in ("", "from Leads select id", "select id", "delete from Leads"):
        assert coql.select_columns(broken) == [], broken


@check
def check_environment_api_domain():
    from zoho import environments as env
    zoho = "https://www.zohoapis.eu"
    assert env.environment_api_domain(zoho, env.PRODUCTION, {}) == zoho
    assert env.environment_api_domain(zoho, env.SANDBOX, {}) == "https://sandbox.zohoapis.eu"
    assert env.environment_api_domain("https://www.zohoapis.com.cn", env.DEVELOPER, {}) == (
        "https://developer.zohoapis.com.cn")
    local = {"sandbox": "http://127.0.0.1:8703/"}
    assert env.environment_api_domain("http://127.0.0.1:8702", env.SANDBOX, local) == "http://127.0.0.1:8703"
    assert env.environment_api_domain("http://127.0.0.1:8702", env.DEVELOPER, local) is None
    assert env.environment_api_domain(zoho, "staging", {}) is None
    assert env.environment_api_domain("not a url", env.PRODUCTION, {}) is None
    # http Zoho look-alikes are not derived (only Zoho's own https domains are).
    assert env.environment_api_domain("http://www.zohoapis.eu", env.SANDBOX, {}) is None


@check
def check_a_token_moves_to_its_environment_and_says_which_it_is():
    from zoho import environments as env
    record = token.TokenRecord(C.TOKEN, C.NOW + 3600, "https://www.zohoapis.eu", ["ZohoCRM.modules.ALL"], "eu")
    allowed = ["https://www.zohoapis.eu", "https://sandbox.zohoapis.eu"]
    assert env.in_environment(record, env.PRODUCTION, {}, allowed) is record
    moved = env.in_environment(record, env.SANDBOX, {}, allowed)
    assert moved.api_domain == "https://sandbox.zohoapis.eu" and moved.access_token == C.TOKEN
    assert env.in_environment(record, env.DEVELOPER, {}, allowed) is None  # not allowlisted
    local = {"sandbox": "http://127.0.0.1:8703"}
    assert env.environment_of("https://sandbox.zohoapis.eu", {}) == env.SANDBOX
    assert env.environment_of("https://developer.zohoapis.com.au", {}) == env.DEVELOPER
    assert env.environment_of("https://www.zohoapis.in", {}) == env.PRODUCTION
    assert env.environment_of("http://127.0.0.1:8703", local) == env.SANDBOX
    assert env.environment_of("http://127.0.0.1:8702", local) == env.PRODUCTION
    assert env.environment_of("https://staging.zohoapis.eu", {}) is None
    assert env.environment_of("not a url", {}) is None


# --- The notebook's page/worker messages and undo (helper N) ---------------------------------

from zoho import notebook_edits, worker_messages  # noqa: E402 - this section's own import, kept with it


@check
def check_worker_message_keeps_a_character_beyond_the_bmp():
    # As the worker (CPython, worker_messages.encode) writes it: the character itself, no \u escapes.
    message = worker_messages.decode('{"kind": "stdout", "text": "xx\U0001F40D", "run": 2}')
    assert message["text"] == "xx\U0001F40D" and len(message["text"]) == 3
    assert worker_messages.belongs_to(message, 2) and not worker_messages.belongs_to(message, 1)


@check
def check_notebook_undo():
    undo = notebook_edits.Undo()
    undo.deleted(["a", "b", "c"], 1)
    assert undo.label() == "Undo delete of cell 2"
    assert undo.undo(["a", "c"]) == (["a", "b", "c"], 1)
    assert notebook_edits.unsaved_work(["x", "y"], ["z"]) == "2 notebook cells are not downloaded; they are kept nowhere else."


@check
def check_console_json_flow_and_paths():
    from zoho import console
    text = '{"data": [{"Last_Name": "Babbage",}]}'

    def chromium(asked):  # what JSON.parse says of the text and of its prefixes
        if asked == text:
            return "SyntaxError: Expected double-quoted property name in JSON at position 34"
        return "Unexpected end of JSON input" if len(asked) <= 34 else "Unexpected token '}'"

    flow = console.json_body_problem(text)
    asked = next(flow)
    try:
        while True:
            asked = flow.send(chromium(asked))
    except StopIteration as done:
        problem = done.value
    assert problem.startswith("The JSON body is not valid JSON at line 1, column 35 (at }): "
                              "Expected double-quoted property name."), problem
    assert console.path_problem("crm/v8/org") == 'A path starts with "/": /crm/v8/org, not crm/v8/org.'


@check
def check_console_kept_requests_and_headers():
    from zoho import console
    kept = console.typed_request("GET", "/crm/v8/org", "a=tok", "", [["X-A", "tok"]], "tok")
    saved = console.with_saved([], "org", kept)
    assert saved[0]["name"] == "org" and saved[0]["query"] == "a=<YOUR_TOKEN>"
    assert console.decode_requests(console.encode_requests(saved), 5) == saved
    assert console.with_history([], kept, "GET /crm/v8/org → 200")[0]["label"] == "GET /crm/v8/org → 200"
    assert console.header_problem("Cookie", "a") is not None and console.header_problem("X-A", "1") is None
    answer = {"info": {"more_records": True, "next_page_token": "n"}}
    assert console.next_page_pairs([("page", "2")], answer) == [("page_token", "n")]


@check
def check_json_keeps_characters_beyond_the_bmp():
    # MicroPython's json.loads alone gives two invalid halves for this escaped pair.
    assert jsontext.loads('{"name": "x\\ud83d\\udc0d"}') == {"name": "x\U0001F40D"}
    assert jsontext.loads('["\\\\ud83d"]') == ["\\ud83d"]


@check
def check_json_folded_and_found():
    answer = {"data": [{"id": "1"}, {"id": "2"}], "info": {"more_records": True}}
    assert jsontext.folded_json(answer, 1) == '{\n  "data": […2 items],\n  "info": {…1 key}\n}'
    assert jsontext.find_spans('"Last_Name": "last"', "LAST") == [(1, 5), (14, 18)]


# --- the notebook's Tab and Shift+Tab (app/zoho/completion.py) ----------------------------------

from zoho import completion  # noqa: E402 - this section's own import, kept with it


@check
def check_notebook_completion():
    code = "rows = zoho.ge\nx = 1"
    assert completion.name_before(code, 14) == "zoho.ge"
    assert completion.name_before("print(lea", 9) == "lea"
    assert completion.name_before("rows.", 5) == "rows."
    for text in ("x = 1", "x = ", "", "a..b", ".5"):
        assert completion.name_before(text, len(text)) == "", text
    assert completion.called_before("zoho.get(", 9) == "zoho.get"
    assert completion.called_before("zoho.", 5) == "zoho"
    assert completion.called_before("(", 1) == ""
    assert completion.completed(code, 14, "zoho.ge", ["zoho.get"]) == ("rows = zoho.get\nx = 1", 15, [])
    assert completion.completed("json.du", 7, "json.du", ["json.dump", "json.dumps"]) == (
        "json.dump", 9, ["json.dump", "json.dumps"])
    assert completion.completed("a", 1, "a", ["abs", "all", "any"]) == ("a", 1, ["abs", "all", "any"])
    assert completion.completed("q", 1, "q", []) == ("q", 1, [])
    many = ["n" + str(i) for i in range(completion.MAX_SHOWN + 2)]
    assert completion.listed_text("n", many).endswith("  … (2 more)")
    assert completion.listed_text("q", []) == "No completions for q."


# --- outputs kept in the .ipynb (app/zoho/notebook_outputs.py) ----------------------------------

from zoho import charts, notebook_outputs  # noqa: E402 - this section's own imports, kept with them


@check
def check_notebook_outputs_kept_and_read_back():
    messages = [{"kind": "stdout", "text": "a\n", "run": 1}, {"kind": "stdout", "text": "b TOKEN\n"},
                {"kind": "stderr", "text": "warn\n"}, {"kind": "result", "text": "{'k': 'TOKEN'}"},
                {"kind": "table", "columns": ["Name"], "rows": [["Ada"]], "total": 3},
                {"kind": "download", "name": "x.csv", "type": "text/csv", "size": 3},
                {"kind": "cut", "text": "Output cut."}]
    outputs = notebook_outputs.to_nbformat(messages, 4, "TOKEN")
    assert outputs == [
        {"output_type": "stream", "name": "stdout", "text": ["a\n", "b <YOUR_TOKEN>\n"]},
        {"output_type": "stream", "name": "stderr", "text": ["warn\n"]},
        {"output_type": "execute_result", "execution_count": 4, "metadata": {},
         "data": {"text/plain": ["{'k': '<YOUR_TOKEN>'}"]}},
        {"output_type": "display_data", "metadata": {},
         "data": {"text/plain": ["Name\n", "----\n", "Ada\n", "(3 rows; the first 1 kept)"]}},
        {"output_type": "stream", "name": "stderr", "text": ["Output cut.\n"]}], outputs
    saved = notebook.to_ipynb(["print('a')", {"cell_type": "markdown", "source": "Note"}],
                              [(4, outputs), (None, [])])
    cells = json.loads(saved)["cells"]
    assert cells[1]["execution_count"] == 4 and cells[1]["outputs"] == outputs
    assert "outputs" not in cells[2] and cells[0]["outputs"] == []
    assert notebook.from_ipynb(saved) == ["print('a')", {"cell_type": "markdown", "source": "Note"}]
    assert notebook_outputs.opened_outputs("n.IPYNB", saved) == [
        "a\nb <YOUR_TOKEN>\nwarn\n{'k': '<YOUR_TOKEN>'}\nName\n----\nAda\n(3 rows; the first 1 kept)\nOutput cut.", ""]
    foreign = json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": "1/0", "outputs": [
        {"output_type": "display_data", "data": {"text/html": "<b>x</b>", "text/plain": "<b>x</b>"}},
        {"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
         "traceback": ["\u001b[31m..."]}, "junk", {"output_type": "stream", "text": 5}]}]})
    assert notebook_outputs.opened_outputs("f.ipynb", foreign) == ["<b>x</b>\nZeroDivisionError: division by zero"]
    assert notebook_outputs.opened_outputs("a.py", "# %%\nx") is None


@check
def check_a_chart_is_kept_in_the_ipynb_as_vega_lite_with_its_bars_as_text():
    spec = charts.bar_chart([{"Stage": "Won", "n": 2}, {"Stage": "Lost", "n": 1}], "Stage", "n")
    outputs = notebook_outputs.to_nbformat([{"kind": "chart", "spec": spec}], 1)
    assert outputs == [{"output_type": "display_data", "metadata": {}, "data": {
        "application/vnd.vegalite.v6+json": spec,
        "text/plain": ["Stage  n\n", "-----  -\n", "Won    2\n", "Lost   1"]}}], outputs
    assert notebook_outputs.opened_outputs("c.ipynb", notebook.to_ipynb(["c"], [(1, outputs)])) == [
        "Stage  n\n-----  -\nWon    2\nLost   1"], "read back"
    leaked = charts.bar_chart([{"Stage": "TOKEN", "n": 2}], "Stage", "n")
    assert notebook_outputs.to_nbformat([{"kind": "chart", "spec": leaked}], 1, "TOKEN")[0]["data"] == {
        "text/plain": ["Stage  n\n", "-----  -\n", "<YOUR_TOKEN>  2"]}, "leaked"
    foreign = dict(spec, data={"url": "https://example.com/data.json"})
    assert notebook_outputs.to_nbformat([{"kind": "chart", "spec": foreign}], 1) == [], "foreign"


@check
def check_query_history_keeps_the_recent_ones_once():
    assert coql.with_recent([], "select a") == ["select a"]
    assert coql.with_recent(["select b", "select a", "select c"], "select a") == ["select a", "select b", "select c"]
    older = ["q" + str(n) for n in range(25)]
    kept = coql.with_recent(older, "new")
    assert kept[0] == "new" and kept[1:] == older[:19] and len(kept) == coql.HISTORY_LIMIT
