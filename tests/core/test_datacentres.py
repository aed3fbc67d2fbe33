import re
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import datacentres

from . import cases as C
from . import portable_checks as P

ORIGIN_RE = r"\Ahttps?://([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?\Z"

lookalike = st.builds(
    lambda pre, domain, post: pre + domain + post,
    st.sampled_from(["https://", "HTTPS://", "http://", "https://user@", "//", "https:/", ""]),
    st.sampled_from(datacentres.ZOHO_API_DOMAINS).map(lambda d: d[len("https://"):]),
    st.sampled_from(["", "/", "//", ":443", ":8443", ".", ".evil.test", "@evil.test", "/x", "?", "#", "\\", " ",
                     "%2F", ":", ":0", ":99999"]),
)


@pytest.mark.parametrize("case", C.ORIGINS)
def test_normalise_origin(case):
    P.verify_origin(case)

@pytest.mark.parametrize("case", C.REVOKE)
def test_revoke_server(case):
    P.verify_revoke(case)

@pytest.mark.parametrize("case", C.ACCOUNTS_SERVERS)
def test_allowed_accounts_server(case):
    P.verify_accounts_server(case)


@given(st.one_of(st.text(max_size=40), lookalike, lookalike.map(lambda url: url.replace("zohoapis", "accounts.zoho"))),
       st.sampled_from([C.ZOHO_CHOICES, C.SANDBOX_CHOICES]))
def test_only_configured_accounts_servers_are_allowed(url, choices):
    allowed = datacentres.allowed_accounts_server(url, choices)
    configured = {datacentres.normalise_origin(choice["accounts_url"]) for choice in choices}
    assert allowed is None or (allowed in configured and allowed == datacentres.normalise_origin(url))

@given(st.one_of(st.text(max_size=40), lookalike))
def test_normalised_origins_are_plain_and_stable(url):
    origin = datacentres.normalise_origin(url)
    if origin is not None:
        assert re.match(ORIGIN_RE, origin), origin
        assert datacentres.normalise_origin(origin) == origin

@given(lookalike)
def test_only_real_api_domains_normalise_into_the_allowlist(url):
    """Cross-check with urllib: whatever lands in the allowlist really is that host, with nothing else."""
    origin = datacentres.normalise_origin(url)
    if origin in datacentres.ZOHO_API_DOMAINS:
        parts = urllib.parse.urlsplit(url.strip())
        assert parts.scheme.lower() == "https"
        assert parts.username is None and parts.password is None
        assert parts.hostname == urllib.parse.urlsplit(origin).hostname
        assert parts.port in (None, 443)
        assert parts.path in ("", "/") and not parts.query and not parts.fragment

@given(st.sampled_from(datacentres.DATA_CENTRES), st.sampled_from(datacentres.DATA_CENTRES))
def test_revoke_goes_to_the_users_data_centre(start, user):
    assert datacentres.revoke_server(start.accounts_url, user.location, None) == user.accounts_url
    assert datacentres.revoke_server(start.accounts_url, "zz", user.accounts_url) == user.accounts_url


@pytest.mark.parametrize(
    "location, accounts_server, expected",
    [
        ("eu", None, "https://accounts.zoho.eu"),
        (None, "https://accounts.zoho.in", "https://accounts.zoho.in"),
        ("eu", "https://accounts.zoho.jp", "https://accounts.zoho.jp"),
        (None, None, None),
        ("nowhere", "https://evil.test", None),
    ],
)
def test_revoke_server_without_a_start_url_uses_what_the_answer_named(location, accounts_server, expected):
    # A token stored by another tool with only the contract's keys has no accounts_url.
    assert datacentres.revoke_server(None, location, accounts_server) == expected
