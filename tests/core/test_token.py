import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import datacentres, token
from zoho import errors as E

from . import cases as C
from . import portable_checks as P

ALLOWED = datacentres.ZOHO_API_DOMAINS
token_text = st.text(alphabet="abcdef0123456789.", min_size=20, max_size=80).map(lambda t: "1000." + t)
records = st.builds(
    token.TokenRecord,
    token_text,
    st.one_of(st.integers(0, 2**40), st.floats(0, 2**40)),
    st.sampled_from(ALLOWED),
    st.lists(st.sampled_from([s for s, _ in C.SCOPES_VALID]), max_size=3),
    st.one_of(st.none(), st.sampled_from(["us", "eu", "cn"])),
    st.booleans(),
    st.one_of(st.none(), st.just(C.ACCOUNTS)),
    st.one_of(st.none(), st.just("https://accounts.zoho.eu")),
)


@pytest.mark.parametrize("change", C.TOKEN_JSON_BAD)
def test_refuses_bad_storage(change):
    with pytest.raises(E.StoredTokenError):
        token.TokenRecord.from_json(P.token_json_variant(change), ALLOWED)


@pytest.mark.parametrize("seconds, expected", C.FORMAT_REMAINING)
def test_format_remaining(seconds, expected):
    assert token.format_remaining(seconds) == expected


@given(records)
def test_round_trip_and_storage_contract(record):
    text = record.to_json()
    data = json.loads(text)
    for key in ("access_token", "expires_at", "api_domain", "scopes", "location"):
        assert data[key] == getattr(record, key)
    assert token.TokenRecord.from_json(text, ALLOWED) == record
    assert record.access_token not in repr(record)


@given(st.one_of(st.text(max_size=80), st.dictionaries(
    st.sampled_from(["access_token", "expires_at", "api_domain", "scopes", "location", "granted_for_session"]),
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
              st.sampled_from(ALLOWED), st.lists(st.text(max_size=5), max_size=2))).map(json.dumps)))
def test_stored_text_is_refused_or_sound(text):
    try:
        record = token.TokenRecord.from_json(text, ALLOWED)
    except E.StoredTokenError:
        return
    assert record.api_domain in ALLOWED
    assert type(record.expires_at) in (int, float) and math.isfinite(record.expires_at) and record.expires_at >= 0
    assert token.is_plausible_token(record.access_token)


@given(st.integers(-100, 10**6), st.integers(-100, 10**6))
def test_usable_means_more_than_the_margin_left(expires_at, now):
    record = token.TokenRecord("t", expires_at, ALLOWED[0], [])
    assert record.is_usable(now) == (expires_at - now > token.EXPIRY_MARGIN_SECONDS)


@given(st.integers(1, 10**6))
def test_format_remaining_adds_up(seconds):
    words = token.format_remaining(seconds).split()
    units = {"h": 3600, "min": 60, "s": 1}
    total = sum(int(n) * units[u] for n, u in zip(words[::2], words[1::2]))
    # Hours drop the seconds; everything below an hour is exact.
    assert total == seconds if seconds < 3600 else seconds - 59 <= total <= seconds


@pytest.mark.parametrize("key", ["accounts_url", "accounts_server"])
@pytest.mark.parametrize("value", ["", "/oauth", "https://accounts.zoho.com/x", "javascript:alert(1)"])
def test_stored_revoke_servers_must_be_origins(key, value):
    # Sign-out POSTs the token to this server: a path of this very site must never pass.
    stored = {"access_token": "1000.abc.def", "expires_at": 2_000_000_000, "api_domain": ALLOWED[0],
              "scopes": [], "location": "us", key: value}
    with pytest.raises(E.StoredTokenError):
        token.TokenRecord.from_json(json.dumps(stored), ALLOWED)


def test_stored_token_with_only_the_contract_keys_is_accepted():
    stored = {"access_token": "1000.abc.def", "expires_at": 2_000_000_000, "api_domain": ALLOWED[0],
              "scopes": ["ZohoCRM.users.READ"], "location": "eu"}
    record = token.TokenRecord.from_json(json.dumps(stored), ALLOWED)
    assert record.accounts_url is None
    assert datacentres.revoke_server(record.accounts_url, record.location, record.accounts_server) == (
        "https://accounts.zoho.eu")
