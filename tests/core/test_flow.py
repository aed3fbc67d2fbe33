import binascii
import json
import re
import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zoho import datacentres, flow, token
from zoho import errors as E

from . import cases as C
from . import portable_checks as P

ALLOWED = datacentres.ZOHO_API_DOMAINS

# --- strategies -------------------------------------------------------------

fragment_text = st.text(
    alphabet=st.one_of(st.sampled_from("#&=%+?;_-.abcdefstokenpirxlu0123456789"), st.characters()), max_size=200
)
lookalike_domains = st.sampled_from(
    [urllib.parse.unquote(d) for d in C.LOOKALIKE_DOMAINS] + list(ALLOWED) + ["https://evil.test", "http://127.0.0.1"]
)
keys = st.sampled_from(
    ["access_token", "state", "error", "error_description", "api_domain", "expires_in", "expires_in_sec",
     "location", "accounts-server", "granted_for_session", "scope", "token_type"]
) | st.text(max_size=8)
values = st.one_of(
    st.just(C.STATE),
    st.just(C.OTHER_STATE),
    st.just(C.STATE.upper()),
    lookalike_domains,
    st.integers(-10, 100000).map(str),
    st.sampled_from(["1000.a.b", "", "true", "eu", "access_denied", "ZohoCRM.users.READ"]),
    st.text(max_size=20),
)
pairs = st.lists(st.tuples(keys, values), max_size=9)


def encode(pair_list, style):
    if style == "quoted":
        return urllib.parse.urlencode(pair_list, quote_via=urllib.parse.quote, safe="")
    return "&".join(k + "=" + v for k, v in pair_list)


structured_fragment = st.builds(
    lambda prefix, pair_list, style: prefix + encode(pair_list, style),
    st.sampled_from(["#", "#&", "", "?"]),
    pairs,
    st.sampled_from(["quoted", "raw"]),
)
fragments = st.one_of(fragment_text, structured_fragment)
pending_or_none = st.sampled_from(["yes", "none"])
elapsed = st.integers(-100, 1000)


def attempt(fragment, pending, offset):
    """complete_sign_in, with a ZohoError turned into its class; anything else propagates and fails."""
    try:
        return flow.complete_sign_in(fragment, P.make_pending() if pending == "yes" else None,
                                     C.CREATED + offset, ALLOWED)
    except E.ZohoError as exc:
        return type(exc)


# --- tables -----------------------------------------------------------------

@pytest.mark.parametrize("case", C.CALLBACK_OK, ids=[c[0] for c in C.CALLBACK_OK])
def test_callback_accepted(case):
    P.verify_callback_ok(case)


@pytest.mark.parametrize("case", C.CALLBACK_ERRORS, ids=[c[0] for c in C.CALLBACK_ERRORS])
def test_callback_refused(case):
    P.verify_callback_error(case)


@pytest.mark.parametrize("fragment, expected", C.IS_CALLBACK)
def test_is_callback_fragment(fragment, expected):
    assert flow.is_callback_fragment(fragment) is expected


@pytest.mark.parametrize("start, expected", C.IS_CALLBACK_LONG)
def test_is_callback_fragment_when_too_long_to_parse(start, expected):
    assert flow.is_callback_fragment(start + "x" * flow.MAX_FRAGMENT_LENGTH) is expected


@pytest.mark.parametrize("case", C.RETURN_PATHS)
def test_safe_return_path(case):
    P.verify_return_path(case)


@pytest.mark.parametrize("case", C.AUTHORIZE)
def test_authorize_url(case):
    P.verify_authorize(case)


@pytest.mark.parametrize("case", C.AUTHORIZE_BAD)
def test_authorize_url_refuses(case):
    P.verify_authorize_bad(case)


def test_checks_run_in_the_documented_order():
    # A forged state with an error and no token: the state is what is reported.
    forged = "#error=access_denied&state=" + C.OTHER_STATE
    assert attempt(forged, "yes", 10) is E.StateMismatch
    # An expired pending sign-in is reported before Zoho's own refusal.
    assert attempt("#error=access_denied&state=" + C.STATE, "yes", 601) is E.StateExpired
    # A missing token is reported before a missing expiry or api_domain.
    assert attempt("#state=" + C.STATE, "yes", 10) is E.MissingAccessToken
    assert attempt("#access_token=t&state=" + C.STATE, "yes", 10) is E.InvalidExpiry


# --- properties -------------------------------------------------------------

@settings(max_examples=150)
@given(fragments, pending_or_none, elapsed)
def test_only_zoho_errors_escape(fragment, pending, offset):
    result = attempt(fragment, pending, offset)
    if isinstance(result, token.TokenRecord):
        assert result.api_domain in ALLOWED
    else:
        assert issubclass(result, E.CallbackError)  # the page catches exactly these
    assert isinstance(flow.is_callback_fragment(fragment), bool)


FIRST_SCRIPT_TEST = re.compile(r"(^#|&)(access_token|error|state)=")  # the page's first script, in JavaScript


@settings(max_examples=150)
@given(fragments)
def test_an_overlong_fragment_is_judged_as_the_first_script_judges_it(fragment):
    long_fragment = "#" + fragment + "&pad=" + "x" * flow.MAX_FRAGMENT_LENGTH  # as location.hash has it
    expected = FIRST_SCRIPT_TEST.search(long_fragment) is not None
    assert flow.is_callback_fragment(long_fragment) is expected


@settings(max_examples=150)
@given(fragments, elapsed)
def test_nothing_is_accepted_without_a_pending_sign_in(fragment, offset):
    assert attempt(fragment, "none", offset) in (E.NoPendingSignIn, E.MalformedCallback)


@settings(max_examples=150)
@given(structured_fragment.filter(lambda f: C.STATE not in f), elapsed)
def test_nothing_is_accepted_without_the_pending_state(fragment, offset):
    assert not isinstance(attempt(fragment, "yes", offset), token.TokenRecord)


@settings(max_examples=150)
@given(pairs, st.sampled_from(["quoted", "raw"]), st.integers(0, 600), lookalike_domains)
def test_accepted_answers_are_sound(pair_list, style, offset, api_domain):
    base = [("access_token", "1000.a.b"), ("expires_in", "3600"), ("api_domain", api_domain), ("state", C.STATE)]
    fragment = "#&" + encode(base + pair_list, style)
    result = attempt(fragment, "yes", offset)
    if not isinstance(result, token.TokenRecord):
        return
    parsed = urllib.parse.parse_qsl(fragment[1:], keep_blank_values=True)
    fields = dict(parsed)
    counts = {}
    for key, _ in parsed:
        counts[key] = counts.get(key, 0) + 1
    assert counts["state"] == 1 and fields["state"] == C.STATE
    assert "error" not in fields
    assert counts["access_token"] == 1 and result.access_token == fields["access_token"]
    assert result.api_domain in ALLOWED
    assert result.api_domain == datacentres.normalise_origin(fields["api_domain"])
    assert 0 < result.expires_at - (C.CREATED + offset) <= 86400


@given(
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30),
    st.text(max_size=20),
    st.lists(st.sampled_from([s for s, _ in C.SCOPES_VALID]), min_size=1, max_size=4, unique=True),
    st.booleans(),
)
def test_authorize_url_round_trips_through_urllib(client_id, state, path, scope_list, renew):
    redirect_uri = "https://app.example/" + urllib.parse.quote(path)
    url = flow.authorize_url("https://accounts.zoho.eu/", client_id, scope_list, redirect_uri, state, renew=renew)
    parts = urllib.parse.urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.fragment) == ("https", "accounts.zoho.eu", "")
    assert parts.path == ("/oauth/v2/auth/refresh" if renew else "/oauth/v2/auth")
    assert urllib.parse.parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True) == [
        ("response_type", "token"),
        ("client_id", client_id),
        ("scope", ",".join(scope_list)),
        ("redirect_uri", redirect_uri),
        ("state", state),
    ]


return_paths = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda a, b: a + b,
        st.sampled_from(["/", "//", "\\", "http:", "javascript:", "..", "./", "../", "%2e%2e/", "?", "", "a/", "#",
                         "\t", "a/../"]),
        st.text(alphabet="abc/.:?%2e\\@#", max_size=12),
    ),
)


@given(return_paths)
def test_return_paths_never_leave_the_app(path):
    kept = flow.safe_return_path(path)
    assert kept in ("", path)
    base = "https://app.example/base/"
    assert urllib.parse.urljoin(base, kept).startswith(base)


@given(st.binary(min_size=16, max_size=64), st.text(max_size=20))
def test_pending_state_is_the_random_bytes_in_hex(random_bytes, path):
    pending = flow.new_pending_sign_in(random_bytes, C.CREATED, path, C.ACCOUNTS, C.PENDING_SCOPES, C.REDIRECT)
    assert pending.state == binascii.hexlify(random_bytes).decode()
    assert flow.PendingSignIn.from_json(pending.to_json()) == pending
    url = flow.authorize_url(pending.accounts_url, "1000.ABC", pending.scopes, pending.redirect_uri, pending.state)
    assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))["state"] == pending.state


@given(st.one_of(st.text(max_size=60), st.dictionaries(st.sampled_from(
    ["state", "created_at", "return_path", "accounts_url", "scopes", "redirect_uri"]),
    st.one_of(st.none(), st.integers(), st.text(max_size=40), st.lists(st.text(max_size=5)))).map(json.dumps)))
def test_stored_pending_sign_in_is_refused_or_well_formed(text):
    try:
        pending = flow.PendingSignIn.from_json(text)
    except E.StoredStateError:
        return
    assert flow.safe_return_path(pending.return_path) == pending.return_path
